"""The desk page /conseiller: form kept as typed, results explained, errors linked to fields."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import pairwise

import pytest
from fastapi.testclient import TestClient

from directory.config import Settings

from .matching_support import desk_client

GIGNAC = [
    ("commune", "Gignac"),
    ("destinations", "Clermont-l'Hérault"),
    ("age", "22"),
    ("statuts", "demandeur-emploi"),
    ("demandeur_emploi_depuis_mois", "4"),
    ("contraintes", "sans-permis"),
    ("contraintes", "sans-voiture"),
    ("motifs", "travail"),
    ("creneaux", "tot"),
]


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    yield from desk_client(settings)


def text_of(page: str) -> str:
    """The visible text of the main region, tags removed, spaces collapsed."""
    main = page[page.index("<main") : page.index("</main>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def test_blank_page_invites_to_type_the_commune(client: TestClient) -> None:
    page = client.get("/conseiller")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    text = text_of(page.text)
    assert "Permanence info-mobilité" in text
    assert "Indiquez au moins la commune d'habitation de la personne" in text
    assert page.text.count("<h1") == 1
    assert '<link rel="alternate" type="application/json" href="/api/match">' in page.text


def test_results_are_grouped_explained_and_the_form_is_kept(client: TestClient) -> None:
    page = client.get("/conseiller", params=GIGNAC)
    assert page.status_code == 200
    body, text = page.text, text_of(page.text)
    # the form shows exactly what was typed
    assert 'name="commune" value="Gignac"' in body
    assert 'name="destinations" value="Clermont-l&#39;Hérault"' in body
    assert 'name="age" value="22"' in body
    assert 'value="sans-permis" checked' in body and 'value="tot" checked' in body
    assert 'value="retraite" checked' not in body
    # the results, grouped and explained
    assert "Pour : Gignac (34150), vers Clermont-l'Hérault, 22 ans, demandeur d'emploi" in text
    for heading in ("Se déplacer au quotidien", "Le permis de conduire", "Avoir ou réparer"):
        assert heading in text
    assert re.search(r"Ligne de covoiturage d'essai entre Gignac et Clermont-l'Hérault Fiche", text)
    assert "✓" not in body  # marks come from the stylesheet, not the text
    assert "va à Clermont-l'Hérault" in text and "horaires avant 7 h : à vérifier" in text
    # near misses, closed by default, each with its reason
    assert '<details class="near-misses">' in body
    assert "Voir les solutions écartées (" in text
    assert (
        "Prêt de voiture d'essai du Cœur d'Hérault (avoir ou réparer un véhicule) : "
        "nécessite le permis B" in text
    )
    # the JSON twin carries the same query
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', body)
    assert twin and html.unescape(twin.group(1)).startswith("/api/match?commune=Gignac")


def test_page_and_api_show_the_same_solutions_in_the_same_order(client: TestClient) -> None:
    body = client.get("/conseiller", params=GIGNAC).text
    data = client.get("/api/match", params=GIGNAC).json()
    on_page = re.findall(r'name="ids" value="([^"]+)" form="fiche"', body)
    assert on_page == [r["id"] for g in data["groupes"] for r in g["resultats"]]
    near = re.findall(r'<li><a href="/solutions/([^"]+)">', body[body.index("near-misses") :])
    assert near == [n["id"] for n in data["ecartees"]]


def test_each_result_has_a_checkbox_for_the_take_away_form(client: TestClient) -> None:
    body = client.get("/conseiller", params=GIGNAC).text
    form = re.search(r'<form id="fiche"[^>]*action="(/conseiller/fiche)"', body)
    assert form, "the take-away form"
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body))
    assert hidden["commune"] == "Gignac" and hidden["age"] == "22"
    assert 'formaction="/conseiller/fiche.pdf"' in body
    assert 'formaction="/conseiller/fiche/texte"' in body
    assert (
        '<input type="checkbox" id="choix-cars-regionaux-herault" name="ids" '
        'value="cars-regionaux-herault" form="fiche">'
    ) in body
    assert (
        '<label for="choix-cars-regionaux-herault">Fiche<span class="visually-hidden"> : '
        "ajouter « Cars régionaux d&#39;essai dans l&#39;Hérault »</span></label>"
    ) in body


def test_free_text_need_is_not_carried_to_the_sheet(client: TestClient) -> None:
    params = [("commune", "Bédarieux"), ("besoin", "dialyse à Béziers trois fois par semaine")]
    body = client.get("/conseiller", params=params).text
    assert 'name="besoin" value="dialyse à Béziers trois fois par semaine"' in body
    assert '<input type="hidden" name="besoin"' not in body


def test_errors_are_listed_linked_to_their_fields_and_the_form_kept(client: TestClient) -> None:
    page = client.get(
        "/conseiller",
        params={"commune": "Lodèv", "age": "250", "statuts": ["retraite", "scolaire"]},
    )
    assert page.status_code == 422
    body, text = page.text, text_of(page.text)
    assert 'role="alert"' in body
    assert '<a href="#champ-age">Âge : est trop grand (maximum 120)</a>' in body
    assert (
        '<a href="#champ-commune">Commune d&#39;habitation : ne correspond à aucune commune' in body
    )
    assert '<a href="#champ-statuts">Situation : « retraité » et « élève »' in body
    # each field points to its message, and the typed values stay
    assert 'id="champ-age" name="age" value="250"' in body
    assert 'aria-describedby="erreur-age" aria-invalid="true"' in body
    assert re.search(r'<p class="field-error" id="erreur-age" data-swap>est trop grand', body)
    assert 'value="scolaire" checked' in body
    assert "Corrigez la situation pour voir les solutions." in text


def test_unclear_commune_offers_candidates_as_links_without_javascript(client: TestClient) -> None:
    page = client.get("/conseiller", params={"commune": "34700", "age": "68"})
    assert page.status_code == 422
    links = re.findall(r'<li><a href="(/conseiller\?[^"]+)">([^<]+)</a></li>', page.text)
    labels = [label for _url, label in links]
    assert labels[0] == "Lodève (34700, Hérault)" and "Soubès (34700, Hérault)" in labels
    followed = client.get(html.unescape(links[0][0]))
    assert followed.status_code == 200
    assert "Pour : Lodève (34700), 68 ans" in text_of(followed.text)
    assert 'name="commune" value="Lodève (34700)"' in followed.text


def test_desk_page_has_labels_legends_and_no_inline_code(client: TestClient) -> None:
    body = client.get("/conseiller", params=GIGNAC).text
    for field in ("commune", "destinations", "age", "demandeur_emploi_depuis_mois", "besoin"):
        assert f'<label for="champ-{field}">' in body
    for legend in ("Situation", "Contraintes", "Motifs du déplacement", "Horaires"):
        assert f"<legend>{legend}</legend>" in body
    ids = re.findall(r'<input type="checkbox" id="([^"]+)"', body)
    for checkbox in ids:
        assert f'<label for="{checkbox}">' in body, checkbox
    assert len(ids) == len(set(ids))
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert " style=" not in body and "<style" not in body
    assert '<script src="/static/js/desk.js?v=' in body
    assert re.search(r'id="etat"[^>]*role="status" aria-live="polite"', body)
    headings = re.findall(r"<h([1-6])", body[body.index("<main") :])
    assert headings[:2] == ["1", "2"] and headings.count("1") == 1 and "4" in headings
    assert all(int(b) - int(a) <= 1 for a, b in pairwise(headings))
