"""The desk in a real headless Chromium: accessibility audit (axe, WCAG 2.1 AA) and the
progressive enhancement (suggestions, live results, selection kept, address in sync)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from directory.app import create_app
from directory.config import Settings

from ..conftest import sync_folder
from ..live_server import live_server
from ..matching_support import MATCHING_FIXTURES

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def base_url(settings: Settings) -> Iterator[str]:
    sync_folder(settings, MATCHING_FIXTURES)
    with live_server(create_app(settings)) as url:
        yield url


@pytest.mark.parametrize(
    "path",
    [
        "/conseiller",
        "/conseiller?commune=Gignac&destinations=Clermont-l%27H%C3%A9rault&age=22"
        "&statuts=demandeur-emploi&contraintes=sans-permis&motifs=travail&creneaux=tot",
        "/conseiller?commune=34700&age=250",
        "/conseiller/fiche?commune=Sorbs&age=68&ids=cars-regionaux-herault"
        "&ids=transport-accompagne-herault",
        "/conseiller/fiche/texte?ids=cars-regionaux-herault",
    ],
)
def test_desk_pages_pass_the_accessibility_audit(base_url: str, browser: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(base_url + path)
    page.click("summary") if page.query_selector("summary") else None  # audit the near misses
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_results_follow_the_form_without_reloading(base_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "status of 422" not in m.text  # a form to correct: expected
            else None
        ),
    )
    page.goto(base_url + "/conseiller")
    page.fill("#champ-commune", "Lodèv")
    option = page.locator("#communes-proposees option").first
    expect(option).to_have_attribute("value", "Lodève (34700)")
    page.fill("#champ-commune", "Lodève (34700)")
    page.fill("#champ-age", "82")
    expect(page.locator("#etat")).to_contain_text("adaptée")
    page.check("#choix-transport-solidaire-lodeve")
    page.evaluate("window.marker = 'same page'")
    page.check("#contraintes-besoin-accompagnement")
    page.wait_for_url(lambda url: "besoin-accompagnement" in url)
    expect(page.locator("#resultats")).not_to_have_attribute("aria-busy", "true")
    assert page.evaluate("window.marker") == "same page"  # swapped, not reloaded
    assert page.is_checked("#choix-transport-solidaire-lodeve")  # the selection survives
    assert "Autostop organisé" in (page.text_content(".near-misses") or "")
    assert page.url.endswith(
        "/conseiller?commune=Lod%C3%A8ve+%2834700%29&age=82&contraintes=besoin-accompagnement"
    )
    page.press("#champ-age", "Enter")
    expect(page.locator("#resultats-titre")).to_be_focused()
    with page.expect_navigation():
        page.click("text=Fiche à imprimer")
    assert "ids=transport-solidaire-lodeve" in page.url
    assert "Transport solidaire d'essai à Lodève" in page.inner_text("main")
    assert problems == []
