"""The programme's info-mobility desks: one per territory, reachable from every page."""

from __future__ import annotations

from fastapi.testclient import TestClient


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
