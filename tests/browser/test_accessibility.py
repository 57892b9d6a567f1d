"""Every page type passes axe-core (WCAG 2 A/AA and RGAA) in a real browser, at 320 px too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from directory.catalogue.loader import load_catalogue
from directory.geo import load_geography
from directory.models import SolutionEntry

from ..conftest import DATA_DIR

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "RGAAv4"]


def _real_entry(test: Callable[[SolutionEntry], bool]) -> str:
    """The first real entry with a property, so that editors may add or retire any entry."""
    load = load_catalogue(DATA_DIR / "solutions", load_geography(DATA_DIR))
    return next((e.id for e in load.entries if test(e.entry)), load.entries[0].id)


# The richest page (phone, hours) and a page on referral only.
RICH = _real_entry(lambda e: bool(e.telephone and e.horaires))
ON_REFERRAL = _real_entry(lambda e: e.professionals_only)

PAGE_TYPES = {
    "accueil": "/",
    "fiche solution": f"/solutions/{RICH}",
    "fiche sur orientation": f"/solutions/{ON_REFERRAL}",
    "à propos": "/a-propos",
    "permanences": "/permanences",
    "déclaration d'accessibilité": "/accessibilite",
    "page introuvable": "/cette-page-n-existe-pas",
    "résultats": "/recherche?q=transport&commune=Lodève",
    "résultats filtrés": "/recherche?categorie=velo&categorie=permis&frais=gratuit",
    "aucun résultat": "/recherche?q=hélicoptère&categorie=velo",
    "commune inconnue": "/recherche?commune=Lodeev",
    "territoires": "/territoires",
    "territoire": "/territoires/pays-haut-languedoc-et-vignobles",
    "catégories": "/categories",
    "catégorie": "/categories/permis",
    "conseiller : formulaire vide": "/conseiller",
    "conseiller : résultats": "/conseiller?commune=Lodève&destinations=Montpellier&age=68"
    "&voiture=non&motifs=sante",
    "conseiller : erreurs": "/conseiller?commune=Lodeev&age=250",
    "fiche à emporter": "/conseiller/fiche?commune=Lodève&ids=gihp-saam-transport-accompagne-herault"
    "&ids=abeille-verte-deux-chevaux-lodeve",
}


def axe_violations(page: Any) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} éléments, ex. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_has_no_axe_violation(page: Any, live_url: str, name: str) -> None:
    page.goto(live_url + PAGE_TYPES[name])
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_fits_a_320_pixel_screen(page: Any, live_url: str, name: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_url + PAGE_TYPES[name])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} déborde de {overflow} px à 320 px de large"
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_tap_targets_are_at_least_44_pixels(page: Any, live_url: str, name: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_url + PAGE_TYPES[name])
    too_small = page.evaluate(
        """() => [...document.querySelectorAll('a, button, input, select, textarea, summary')]
        .filter(el => !el.closest('p') && el.offsetParent !== null)
        .filter(el => !el.classList.contains('skip-link'))
        .map(el => [el, el.getBoundingClientRect()])
        .filter(([el, box]) => box.height < 44 && !(el.type === 'checkbox' || el.type === 'radio'))
        .map(([el, box]) => `${el.tagName} « ${(el.innerText || el.name || '').trim()} » ${Math.round(box.height)} px`)"""
    )
    assert too_small == []


def test_the_audit_really_runs_under_the_site_security_policy(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/favicon.svg\">')"
    )
    assert any(v.startswith("image-alt") for v in axe_violations(page))


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_makes_no_request_to_another_site(page: Any, live_url: str, name: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_url + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(live_url) for url in requested), requested
