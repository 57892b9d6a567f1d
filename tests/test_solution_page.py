"""A solution's page and its JSON twin show the same facts, in plain French."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from directory.app import create_app
from directory.catalogue.loader import LoadedEntry, load_file
from directory.config import Settings
from directory.geo import Geography
from directory.services import to_public

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
    assert "Information du 1er octobre 2026, vérifiée le 1er octobre 2026 (confirmé)." in html
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


def test_acronyms_keep_their_capitals_and_are_explained(tmp_path: Path, settings: Settings) -> None:
    sync_folder(settings, entry_with(tmp_path, eligibilite={"statuts": ["beneficiaire-rsa"]}))
    with TestClient(create_app(settings)) as client:
        html = client.get("/solutions/transport-test-lodeve").text
    assert 'bénéficiaire du <abbr title="revenu de solidarité active">RSA</abbr>' in html
    assert "bénéficiaire du rsa" not in html


def entry_with(tmp_path: Path, **fields: object) -> Path:
    """The fixture catalogue, its transport entry changed by `fields`."""
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    path = folder / "transport-test-lodeve.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(data | fields, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("date_source", "sentence"),
    [
        ("2014", "Information de 2014, vérifiée le 25 novembre 2026"),
        ("inconnue", "Source non datée, consultée le 25 novembre 2026"),
    ],
)
def test_old_or_undated_information_says_so_on_every_face(
    tmp_path: Path, settings: Settings, date_source: str, sentence: str
) -> None:
    folder = entry_with(tmp_path, date_source=date_source, verifie_le="2026-11-25")
    sync_folder(settings, folder)
    with TestClient(create_app(settings)) as client:
        page = client.get("/solutions/transport-test-lodeve").text
        printable = client.get("/solutions/transport-test-lodeve/imprimer").text
        twin = client.get("/api/solutions/transport-test-lodeve").json()
    for html in (page, printable):
        assert f"{sentence} (confirmé)." in html
        assert "Vérifié le" not in html
        assert (
            f"<strong>À vérifier :</strong> {sentence[0].lower()}{sentence[1:]}. L'information "
            "a pu changer depuis : appelez le service avant de vous déplacer." in html
        )
    assert twin["verification_texte"] == sentence
    assert twin["information_ancienne"] is True
    assert twin["date_source"] == date_source and twin["verifie_le"] == "2026-11-25"


def test_recent_information_carries_no_warning(tmp_path: Path, geo: Geography) -> None:
    folder = entry_with(tmp_path, date_source="2026-09")
    loaded = load_file(folder / "transport-test-lodeve.yaml", geo)
    assert isinstance(loaded, LoadedEntry)
    solution = loaded.to_record()
    public = to_public(solution, geo, today=date(2026, 11, 25))
    assert (
        public.verification_texte == "Information de septembre 2026, vérifiée le 1er octobre 2026"
    )
    assert public.information_ancienne is False
    later = to_public(solution, geo, today=date(2027, 10, 1))
    assert later.information_ancienne is True
    shorter = to_public(solution, geo, today=date(2026, 11, 25), stale_after_days=30)
    assert shorter.information_ancienne is True
