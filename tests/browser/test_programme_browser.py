"""Every page of the partners' space in a real browser: axe-core (WCAG 2 A/AA, RGAA), a
320-pixel screen, 44-pixel tap targets, and the journey from the desk to the counted session."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from directory.app import create_app
from directory.config import Settings
from directory.db import create_db_engine
from directory.geo import load_geography
from directory.programme.clock import utcnow
from directory.programme.importer import import_activity
from directory.programme.passwords import hash_password
from directory.programme.tables import StaffAccount
from directory.programme.vocabulary import Role

from ..conftest import DATA_DIR, sync_folder
from ..live_server import live_server
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser
PASSWORD = "une phrase de passe solide"
PAGES = {
    "tableau de bord": "/programme",
    "compter un entretien": "/programme/entretiens/nouveau",
    "entretiens": "/programme/entretiens",
    "suivi": "/programme/suivi",
    "suivi introuvable": "/programme/suivi?reference=ZZZZ-9999",
    "ateliers": "/programme/ateliers",
    "sensibilisations": "/programme/sensibilisations",
    "nouvelle sensibilisation": "/programme/actions/nouvelle?type=sensibilisation",
    "indicateurs": "/programme/indicateurs?periode=apres-tims",
    "besoins non couverts": "/programme/besoins-non-couverts?periode=apres-tims",
    "rapports": "/programme/rapports",
    "rapport d'un territoire": "/programme/rapports/territoires/pays-coeur-d-herault?periode=apres-tims",
    "bilan": "/programme/bilan?periode=apres-tims",
    "comptes": "/programme/comptes",
    "import": "/programme/import",
    "mot de passe": "/programme/mot-de-passe",
}


@pytest.fixture(scope="module")
def space_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("programme") / "annuaire.db"
    settings = Settings(database_url=f"sqlite:///{database}", data_dir=DATA_DIR)
    sync_folder(settings, DATA_DIR / "solutions")
    engine = create_db_engine(settings.database_url)
    now = utcnow()
    rows = [
        "identifiant;type;date;territoire;commune;canal;besoins;besoin_couvert;besoins_non_couverts;theme;participants"
    ]
    start = date(2026, 10, 2)
    for n in range(40):
        met = "non" if n % 3 else "oui"
        rows.append(
            f"e{n};entretien;{start + timedelta(days=n % 20)};pays-coeur-d-herault;34142;"
            f"{'sur-place' if n % 2 else 'telephone'};permis;{met};{'permis' if met == 'non' else ''};;"
        )
    rows.append(f"a1;atelier;{start};pays-coeur-d-herault;34142;;;;;velo;9")
    with Session(engine) as db:
        db.add(
            StaffAccount(
                identifiant="cheffe",
                structure="passerelles-synergies",
                role=Role.ADMINISTRATION,
                password_hash=hash_password(PASSWORD),
                must_change_password=False,
                created_at=now,
                password_changed_at=now,
            )
        )
        db.commit()
        report = import_activity(
            db,
            "\n".join(rows).encode(),
            "passerelles-synergies",
            None,
            load_geography(DATA_DIR),
            now,
            date.today(),
        )
        assert report.ok, report.errors
    engine.dispose()
    with live_server(create_app(settings)) as url:
        yield url


def _sign_in(page: Any, url: str) -> None:
    page.goto(url + "/programme/connexion")
    page.fill("#champ-identifiant", "cheffe")
    page.fill("#champ-mot_de_passe", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/programme$"))


def test_the_sign_in_page_has_no_axe_violation(page: Any, space_url: str) -> None:
    page.goto(space_url + "/programme/connexion")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_of_the_space_has_no_axe_violation(page: Any, space_url: str, name: str) -> None:
    _sign_in(page, space_url)
    page.goto(space_url + PAGES[name])
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_of_the_space_fits_320_pixels_and_44_pixel_targets(
    page: Any, space_url: str, name: str
) -> None:
    _sign_in(page, space_url)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(space_url + PAGES[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} déborde de {overflow} px à 320 px de large"
    too_small = page.evaluate(
        """() => [...document.querySelectorAll('main a, main button, main input, main select, main summary')]
        .filter(el => !el.closest('p, li, td, caption, dd, figcaption') && el.offsetParent !== null)
        .filter(el => el.type !== 'hidden' && el.type !== 'checkbox' && el.type !== 'radio')
        .map(el => [el, el.getBoundingClientRect()])
        .filter(([el, box]) => box.height < 44)
        .map(([el, box]) => `${el.tagName} « ${(el.innerText || el.name || '').trim()} » ${Math.round(box.height)} px`)"""
    )
    assert too_small == []


def test_charts_and_map_are_images_with_text_and_tables(page: Any, space_url: str) -> None:
    _sign_in(page, space_url)
    page.goto(space_url + PAGES["indicateurs"])
    images = page.locator("figure.chart img")
    assert images.count() >= 5
    for index in range(images.count()):
        image = images.nth(index)
        assert image.get_attribute("alt")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("table.figures").count() >= 10
    page.goto(space_url + PAGES["besoins non couverts"])
    assert page.locator("figure.chart--map img").evaluate("img => img.naturalWidth > 0")
    assert "IGN – Admin Express COG 2018" in page.locator("figcaption").inner_text()


def test_from_the_desk_to_a_counted_session_and_its_sheet(page: Any, space_url: str) -> None:
    _sign_in(page, space_url)
    page.goto(space_url + "/conseiller?commune=Lodève&age=47&statuts=demandeur-emploi")
    page.get_by_role("button", name="Compter cet entretien").click()
    page.wait_for_url(re.compile(r".*/programme/entretiens/nouveau$"))
    assert page.locator("#champ-commune").input_value() == "Lodève (34142)"
    assert page.locator("#champ-tranche_age").input_value() == "45-59"
    assert page.locator("#statuts-demandeur-emploi").is_checked()
    page.check("#canal-sur-place")
    page.check("#besoins-se-deplacer")
    page.locator("input[name=solutions]").first.check()
    page.check("#besoin_couvert-oui")
    page.get_by_role("button", name="Compter cet entretien").click()
    page.wait_for_url(re.compile(r".*/compte$"))
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    page.get_by_role("link", name="Fiche à imprimer, avec la référence").click()
    assert reference in page.locator(".sheet__reference").inner_text()
    assert axe_violations(page) == []
