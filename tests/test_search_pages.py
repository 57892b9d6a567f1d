"""The public search pages on the real catalogue: results, filters, territories, categories."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


def result_ids(html: str) -> list[str]:
    return re.findall(r'class="result__title"><a href="/solutions/([a-z0-9-]+)"', html)


def heading(html: str) -> str:
    """The text of the page's h1."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, "no h1"
    return found.group(1).strip()


def test_home_offers_search_profile_and_plain_language_needs(catalogue_client: TestClient) -> None:
    html = catalogue_client.get("/").text
    assert '<label for="commune">Où habitez-vous ?</label>' in html
    assert '<label for="profil">Vous êtes…</label>' in html
    assert '<select id="profil" name="profil"' in html  # "for you and for everyone", see below
    assert "Je n&#39;ai pas de voiture" in html and "Passer le permis" in html
    assert "Réparer ma voiture ou trouver un véhicule" in html and "Me faire accompagner" in html
    assert 'href="/recherche?categorie=permis"' in html


def test_results_for_a_word_with_facets_and_count(catalogue_client: TestClient) -> None:
    html = catalogue_client.get("/recherche", params={"q": "covoiturage"}).text
    ids = result_ids(html)
    assert "picholines-covoiturage-coeur-herault" in ids
    count = re.search(r'id="results-count"[^>]*>(\d+) solutions? trouvées?<', html)
    assert count and int(count.group(1)) == len(ids)
    assert "<legend>Catégorie</legend>" in html
    assert re.search(
        r'name="categorie" value="covoiturage"[^>]*>\s*<label[^>]*>Covoiturage et autostop organisé <span class="count">\(\d+\)</span>',
        html,
    )
    assert (
        '<link rel="alternate" type="application/json" href="/api/solutions?q=covoiturage">' in html
    )


def test_commune_filter_keeps_what_covers_the_commune(catalogue_client: TestClient) -> None:
    html = catalogue_client.get("/recherche", params={"commune": "Lodève", "q": "transport"}).text
    assert heading(html) == "Solutions pour « transport » à Lodève"
    ids = result_ids(html)
    assert "abeille-verte-deux-chevaux-lodeve" in ids
    assert "tam-pass-gratuite-habitants-metropole" not in ids


def test_a_misspelt_commune_gets_suggestions_that_work_without_javascript(
    catalogue_client: TestClient,
) -> None:
    response = catalogue_client.get("/recherche", params={"commune": "Lodeev"})
    assert response.status_code == 422
    assert "ne correspond à aucune commune" in response.text
    assert 'aria-invalid="true"' in response.text
    assert (
        '<a href="/recherche?commune=Lod%C3%A8ve+%2834700%29">Lodève (34700, Hérault)</a>'
        in response.text
    )


def test_a_shared_postal_code_picks_one_commune_and_offers_the_others(
    catalogue_client: TestClient,
) -> None:
    html = catalogue_client.get("/recherche", params={"commune": "34700"}).text
    assert "à Lodève</h1>" in html
    assert "Autres communes possibles" in html
    assert (
        '<a href="/recherche?commune=Soub%C3%A8s+%2834700%29">Soubès (34700, Hérault)</a>' in html
    )
    api = catalogue_client.get("/api/solutions", params={"commune": "34700"}).json()
    assert api["commune"]["nom"] == "Lodève"
    assert "Soubès" in [c["nom"] for c in api["autres_communes"]]


def test_a_name_of_the_herault_wins_over_its_homonyms(catalogue_client: TestClient) -> None:
    html = catalogue_client.get("/recherche", params={"commune": "Gignac"}).text
    assert "à Gignac</h1>" in html


def test_active_filters_can_be_removed_one_by_one(catalogue_client: TestClient) -> None:
    html = catalogue_client.get(
        "/recherche", params={"q": "vélo", "categorie": ["velo", "permis"]}
    ).text
    assert '<a class="chip" href="/recherche?q=v%C3%A9lo&amp;categorie=permis">Vélo' in html
    assert (
        '<a class="chip" href="/recherche?q=v%C3%A9lo&amp;categorie=velo">Permis de conduire'
        in html
    )


def test_browsing_everything_is_paginated(catalogue_client: TestClient) -> None:
    first = catalogue_client.get("/recherche").text
    assert len(result_ids(first)) == 20
    assert '<a href="/recherche?page=2" rel="next">Page suivante</a>' in first
    second = catalogue_client.get("/recherche", params={"page": 2}).text
    assert not set(result_ids(first)) & set(result_ids(second))


def test_no_result_suggests_what_to_relax_and_the_desks(catalogue_client: TestClient) -> None:
    html = catalogue_client.get(
        "/recherche", params={"q": "covoiturage", "categorie": "permis"}
    ).text
    assert "Aucune solution ne correspond à toutes vos demandes." in html
    assert 'href="/recherche?q=covoiturage">Sans « Permis de conduire »</a>' in html
    assert "ALEC Montpellier Métropole" in html and 'href="/permanences"' in html
    unknown = catalogue_client.get("/recherche", params={"q": "hélicoptère"}).text
    assert "Aucune fiche ne parle de « hélicoptère »." in unknown
    assert "Je n&#39;ai pas de voiture" in unknown  # start from a need instead


def test_profile_shows_what_is_for_the_person_and_for_everyone(
    catalogue_client: TestClient,
) -> None:
    html = catalogue_client.get("/recherche", params={"profil": "jeunes"}).text
    ids = result_ids(html)
    assert "plus-egal-zero-lio-12-26-ans" in ids or "Jeunes" in html
    assert 'value="jeunes" checked' in html and 'value="tous-publics" checked' in html
    assert "seniors" not in " ".join(ids)


def test_territory_pages_and_twins(catalogue_client: TestClient) -> None:
    overview = catalogue_client.get("/territoires").text
    assert 'href="/territoires/pays-coeur-d-herault">Pays Cœur d&#39;Hérault</a>' in overview
    page = catalogue_client.get("/territoires/pays-coeur-d-herault").text
    assert "<h1>Se déplacer : Pays Cœur d&#39;Hérault</h1>" in page
    assert "Passerelles synergies tient des permanences info-mobilité sur ce territoire." in page
    twin = catalogue_client.get("/api/territoires/pays-coeur-d-herault").json()
    assert twin["territoire"]["communes"] == 77
    for section in twin["sections"]:
        assert (
            f'id="cat-{section["categorie"]}">{section["libelle"]}</h2>'.replace("'", "&#39;")
            in page
        )
    assert catalogue_client.get("/territoires/nulle-part").status_code == 404
    assert catalogue_client.get("/api/territoires/nulle-part").status_code == 404


def test_category_pages_and_twins(catalogue_client: TestClient) -> None:
    categories = catalogue_client.get("/api/categories").json()
    offered = catalogue_client.get("/api/solutions").json()["total"]
    assert sum(c["total"] for c in categories) == offered
    html = catalogue_client.get("/categories/velo").text
    assert heading(html) == "Vélo"
    velo = next(c for c in categories if c["id"] == "velo")
    assert len(result_ids(html)) == velo["total"]
    assert (
        '<link rel="alternate" type="application/json" href="/api/solutions?categorie=velo">'
        in html
    )
    assert catalogue_client.get("/categories/bateau").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "q=" + "x" * 5000,
        "commune=" + "%F0%9F%9A%B2" * 40,
        "categorie=bateau",
        "q=%00%01",
        "commune=%ED%A0%80",
        "profil=" + "z" * 500,
    ],
)
def test_any_query_string_gives_a_french_page_never_a_500(
    catalogue_client: TestClient, query: str
) -> None:
    response = catalogue_client.get("/recherche?" + query)
    assert response.status_code in {200, 422}
    assert '<html lang="fr">' in response.text


def test_a_page_past_the_end_leads_back_to_the_first(catalogue_client: TestClient) -> None:
    html = catalogue_client.get("/recherche", params={"q": "bus", "page": 50}).text
    assert re.search(
        r"Cette page de résultats n'existe pas : les résultats tiennent sur \d+ pages?\.", html
    )
    assert '<a href="/recherche?q=bus">Revenir à la première page</a>' in html
    assert "Aucune solution ne correspond" not in html
