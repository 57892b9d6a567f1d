"""A solution's page and its JSON twin show the same facts, in plain French."""

from __future__ import annotations

from fastapi.testclient import TestClient

from directory.app import create_app
from directory.config import Settings

from .conftest import FIXTURES, sync_folder


def test_solution_page_shows_what_who_how_cost_hours_and_source(client: TestClient) -> None:
    page = client.get("/solutions/transport-test-lodeve")
    assert page.status_code == 200
    html = page.text
    assert '<h1 id="titre-solution">Transport de test à Lodève</h1>' in html
    assert '<a class="contact__phone" href="tel:+33-4-67-00-00-00">04 67 00 00 00</a>' in html
    assert "Du lundi au vendredi de 8 h 30 à 18 h 30" in html
    assert "Pour : séniors." in html
    assert "3 € le trajet." in html
    assert "Pour les personnes qui habitent : Lodève." in html
    assert "Vérifié le 1er octobre 2026 (confirmé)." in html
    assert (
        '<link rel="alternate" type="application/json" href="/api/solutions/transport-test-lodeve">'
        in html
    )


def test_solution_json_twin_carries_the_same_data(client: TestClient) -> None:
    data = client.get("/api/solutions/transport-test-lodeve").json()
    assert data["id"] == "transport-test-lodeve"
    assert data["telephone"] == "04 67 00 00 00"
    assert data["telephone_uri"] == "tel:+33-4-67-00-00-00"
    assert data["horaires_texte"] == ["du lundi au vendredi de 8 h 30 à 18 h 30"]
    assert data["zone_noms"] == ["Lodève"]
    assert data["categorie_libelle"] == "Transport solidaire"
    assert data["sur_orientation"] is False
    assert "fichier" not in data and "empreinte" not in data


def test_eligibility_is_written_out(client: TestClient) -> None:
    html = client.get("/solutions/aide-test-region").text
    assert "Âge : de 18 à 25 ans." in html
    assert "Il faut être : demandeur d&#39;emploi." in html
    assert "Pour les personnes qui habitent : Région Occitanie." in html


def test_unknown_solution_is_a_french_404_page_and_json(client: TestClient) -> None:
    page = client.get("/solutions/nexiste-pas")
    assert page.status_code == 404
    assert "Page introuvable" in page.text
    assert "Aucune solution ne porte l&#39;identifiant « nexiste-pas »." in page.text
    api = client.get("/api/solutions/nexiste-pas")
    assert api.status_code == 404
    assert api.json() == {
        "erreur": "Page introuvable",
        "message": "Aucune solution ne porte l'identifiant « nexiste-pas ».",
    }


def test_unknown_address_is_a_french_404(client: TestClient) -> None:
    page = client.get("/pas/de/page/ici")
    assert page.status_code == 404
    assert "Cette page n&#39;existe pas ou a été déplacée." in page.text
    assert '<html lang="fr">' in page.text


def test_information_pages_and_their_twins(client: TestClient) -> None:
    for path, title in (
        ("/a-propos", "À propos de l'annuaire"),
        ("/accessibilite", "Déclaration d'accessibilité"),
    ):
        page = client.get(path)
        assert page.status_code == 200
        twin = client.get(f"/api/pages{path}").json()
        assert twin["titre"] == title
        for section in twin["sections"]:
            assert section["titre"] in page.text.replace("&#39;", "'")


def test_print_view_of_a_solution(client: TestClient) -> None:
    page = client.get("/solutions/transport-test-lodeve")
    assert (
        '<a class="print-link" href="/solutions/transport-test-lodeve/imprimer">Version à imprimer</a>'
        in page.text
    )
    printable = client.get("/solutions/transport-test-lodeve/imprimer")
    assert printable.status_code == 200
    html = printable.text
    assert '<body class="print-view">' in html
    assert 'href="/static/css/print.css?v=' in html and 'media="screen"' in html
    assert "Du lundi au vendredi de 8 h 30 à 18 h 30" in html
    assert 'class="print-link"' not in html
    assert '<a href="/solutions/transport-test-lodeve">Retour à la fiche</a>' in html
    assert client.get("/solutions/inconnue/imprimer").status_code == 404


def test_every_solution_page_links_to_report_an_error(client: TestClient) -> None:
    html = client.get("/solutions/transport-test-lodeve").text
    assert '<a href="/permanences">Signaler une erreur sur cette fiche</a>' in html


def test_error_reports_go_by_mail_when_an_address_is_configured(settings: Settings) -> None:
    configured = settings.model_copy(update={"report_error_email": "annuaire@exemple.fr"})
    sync_folder(configured, FIXTURES / "valid")
    with TestClient(create_app(configured)) as client:
        html = client.get("/solutions/transport-test-lodeve").text
    assert (
        'href="mailto:annuaire@exemple.fr?subject=Erreur%20sur%20la%20fiche%20transport-test-lodeve"'
        in html
    )


def test_acronyms_keep_their_capitals_and_are_explained(catalogue_client: TestClient) -> None:
    html = catalogue_client.get("/solutions/solidario-tarif-solidaire-lio").text
    assert 'bénéficiaire du <abbr title="revenu de solidarité active">RSA</abbr>' in html
    assert "bénéficiaire du rsa" not in html
