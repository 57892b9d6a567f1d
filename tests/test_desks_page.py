"""The programme's info-mobility desks: one per territory, reachable from every page."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from markupsafe import escape

from directory.app import create_app
from directory.config import Settings
from directory.desks import load_desks
from directory.geo import Geography

from .conftest import DATA_DIR, FIXTURES, sync_folder
from .matching_support import desk_client


def test_desks_page_lists_each_territory_with_its_structure(
    catalogue_client: TestClient, geo: Geography
) -> None:
    """On the real catalogue: every territory of data/territoires.yaml, whatever the entries."""
    html = catalogue_client.get("/permanences").text
    for territory in geo.territories.values():
        communes = sum(len(geo.epcis[code].membres) for code in territory.epci)
        assert f'<h2 id="desk-{territory.id}">{escape(territory.nom)}</h2>' in html
        assert (
            f"Avec <strong>{escape(territory.structure)}</strong>, pour les {communes} communes "
            "du territoire." in html
        )


def test_desks_twin_gives_the_same_desks(catalogue_client: TestClient, geo: Geography) -> None:
    desks = catalogue_client.get("/api/permanences").json()
    territories = list(geo.territories.values())
    assert [d["structure"] for d in desks] == [t.structure for t in territories]
    assert [d["territoire_id"] for d in desks] == [t.id for t in territories]
    for desk, territory in zip(desks, territories, strict=True):
        if desk["fiche"] is not None:
            assert desk["fiche"]["id"] == territory.permanence


def test_a_desk_links_to_its_entry_and_says_what_is_unknown(
    tmp_path: Path, settings: Settings, geo: Geography
) -> None:
    """With a fixture entry under the id the territory names, and none for the others."""
    territory = next(t for t in geo.territories.values() if t.permanence)
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    text = (folder / "aide-test-region.yaml").read_text(encoding="utf-8")
    (folder / f"{territory.permanence}.yaml").write_text(text, encoding="utf-8")
    sync_folder(settings, folder)
    with TestClient(create_app(settings)) as client:
        html = client.get("/permanences").text
    assert f'href="/solutions/{territory.permanence}"' in html
    assert f"Lieux, jours et horaires : à demander à {escape(territory.structure)}." in html
    # a desk whose data/permanences.yaml gives no contact and that has no entry says so
    loaded = load_desks(DATA_DIR, geo).desks
    unknown = [
        t
        for t in geo.territories.values()
        if t.id != territory.id
        and not any(
            getattr(loaded.get(t.id), name, None) for name in ("telephone", "courriel", "site_web")
        )
    ]
    assert html.count("ne sont pas encore dans l'annuaire") == len(unknown)


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
