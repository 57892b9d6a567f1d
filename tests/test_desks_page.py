"""The programme's info-mobility desks: one per territory, reachable from every page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from directory.config import Settings

from .matching_support import desk_client


def test_desks_page_lists_each_territory_with_its_structure(catalogue_client: TestClient) -> None:
    html = catalogue_client.get("/permanences").text
    assert "Montpellier Méditerranée Métropole" in html
    assert (
        "Avec <strong>Passerelles synergies</strong>, pour les 77 communes du territoire." in html
    )
    assert "Avec <strong>Gefosat</strong>, pour les 101 communes du territoire." in html
    assert 'href="/solutions/permanences-info-mobilite-alec-montpellier-metropole"' in html
    assert "Lieux, jours et horaires : à demander à ALEC Montpellier Métropole." in html


def test_desks_twin_gives_the_same_desks(catalogue_client: TestClient) -> None:
    desks = catalogue_client.get("/api/permanences").json()
    assert [d["structure"] for d in desks] == [
        "ALEC Montpellier Métropole",
        "Passerelles synergies",
        "Gefosat",
    ]
    assert desks[0]["fiche"]["id"] == "permanences-info-mobilite-alec-montpellier-metropole"
    assert desks[0]["communes"] == 31


def test_every_page_links_to_the_desks(client: TestClient) -> None:
    for path in ("/", "/solutions/transport-test-lodeve", "/a-propos", "/nulle-part"):
        html = client.get(path).text
        assert html.count('href="/permanences"') >= 2, path  # menu and footer


def test_the_menu_marks_the_current_page_only(client: TestClient) -> None:
    marked = {
        "/": '<a href="/" aria-current="page">Accueil</a>',
        "/permanences": '<a href="/permanences" aria-current="page">Se faire aider</a>',
        "/a-propos": '<a href="/a-propos" aria-current="page">À propos</a>',
    }
    for path, link in marked.items():
        html = client.get(path).text
        assert link in html, path
        assert html.count('aria-current="page"') == 1, path
    assert 'aria-current="page"' not in client.get("/solutions/transport-test-lodeve").text


def test_desks_come_from_the_desks_data_with_what_is_known(settings: Settings) -> None:
    for client in desk_client(settings):
        page = client.get("/permanences").text
        assert '<a class="contact__phone" href="tel:+33-4-67-00-00-41">04 67 00 00 41</a>' in page
        assert "Appelez pour prendre rendez-vous" in page
        assert "2 place de l&#39;Essai, 34700 Lodève" in page
        assert "Structure d&#39;essai du Haut-Languedoc" in page
        desks = client.get("/api/permanences").json()
        coeur = next(d for d in desks if d["territoire_id"] == "pays-coeur-d-herault")
        assert coeur["telephone"] == "04 67 00 00 41"
        assert coeur["lieux"][0]["horaires_texte"] == ["le jeudi de 14 h à 17 h"]
        assert coeur["fiche"]["id"] == "permanence-mobilite-coeur-herault"  # still an entry
        haut = next(d for d in desks if d["territoire_id"] == "pays-haut-languedoc-et-vignobles")
        assert "téléphone" in haut["a_completer"] and haut["telephone"] is None
