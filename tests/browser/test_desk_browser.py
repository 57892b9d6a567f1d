"""The desk in a real headless Chromium: axe (WCAG 2.1 AA) on the desk, the sheet and its print
view; « L'essentiel » in one screen; results that follow the form and keep what the advisor
set; picks and note back from the sheet."""

from __future__ import annotations

from typing import Any

import pytest

from .desk_support import MARTIN, desk_url, problems_of

pytestmark = pytest.mark.browser
__all__ = ["desk_url"]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "RGAAv4"]


def violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def open_all(page: Any) -> None:
    """Audit what is folded too: the other solutions and the near misses."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize(
    "query",
    ["", MARTIN, "commune=34700&age=250&handicap=non&contraintes=fauteuil-roulant"],
    ids=["formulaire vide", "résultats de Mme Martin", "erreurs"],
)
def test_the_desk_page_passes_the_audit(browser: Any, desk_url: str, query: str) -> None:
    page = browser.new_page()
    page.goto(f"{desk_url}/conseiller?{query}")
    open_all(page)
    assert violations(page) == []
    page.close()


def test_the_sheet_its_print_view_and_its_text_pass_the_audit(browser: Any, desk_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{desk_url}/conseiller?{MARTIN}")
    page.fill("#champ-note", "Rappeler jeudi.")
    with page.expect_navigation():
        page.click("text=Fiche à imprimer")
    assert page.url.endswith("/conseiller/fiche")
    assert violations(page) == []
    page.emulate_media(media="print")
    assert violations(page) == []
    page.emulate_media(media="screen")
    with page.expect_navigation():
        page.click("text=Texte pour SMS")
    assert page.url.endswith("/conseiller/fiche/texte")
    assert violations(page) == []
    page.close()


def test_mme_martin_s_shortlist_fits_one_screen(browser: Any, desk_url: str) -> None:
    """At 1280×800, from the results heading the keyboard lands on, « L'essentiel » is all
    in view: no scrolling to read it."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{desk_url}/conseiller?{MARTIN}")
    heading = page.locator("#resultats-titre")
    expect(heading).to_be_focused()
    heading.evaluate("h => h.scrollIntoView({block: 'start'})")  # as after a submission
    shortlist = page.locator("section.essentiel")
    box = shortlist.bounding_box()
    assert box is not None and box["y"] >= 0
    assert box["y"] + box["height"] <= 800, f"« L'essentiel » finit à {box['y'] + box['height']} px"
    assert shortlist.locator("li.result").count() >= 1
    page.close()


def test_results_follow_the_form_and_keep_what_the_advisor_set(browser: Any, desk_url: str) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    problems = problems_of(page)
    page.goto(desk_url + "/conseiller")
    page.fill("#champ-commune", "Lodèv")
    option = page.locator("#communes-proposees option").first
    expect(option).to_have_attribute("value", "Lodève (34700)")
    page.fill("#champ-commune", "Lodève (34700)")
    page.fill("#champ-age", "82")
    page.wait_for_url(lambda url: "age=82" in url)  # the last update has landed
    expect(page.locator("#resultats")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#etat")).to_contain_text("adaptée")
    page.evaluate("window.marker = 'same page'")
    first = page.locator('input[name="ids"]').first
    first_id = first.get_attribute("value")
    first.uncheck()  # the advisor's own picks from now on
    page.fill("#champ-note", "Rappeler jeudi")
    page.click("#autres-solutions > summary")
    page.check("#contraintes-besoin-accompagnement")
    page.wait_for_url(lambda url: "besoin-accompagnement" in url)
    expect(page.locator("#resultats")).not_to_have_attribute("aria-busy", "true")
    assert page.evaluate("window.marker") == "same page"  # swapped, not reloaded
    if page.locator(f"#choix-{first_id}").count():
        assert not page.is_checked(f"#choix-{first_id}")  # the untick survives
    assert page.input_value("#champ-note") == "Rappeler jeudi"  # the note survives
    assert page.locator("#autres-solutions").get_attribute("open") is not None
    assert "note" not in page.url and "ids" not in page.url  # neither goes in the address
    assert page.url.endswith(
        "/conseiller?commune=Lod%C3%A8ve+%2834700%29&age=82&contraintes=besoin-accompagnement"
    )
    page.press("#champ-age", "Enter")
    expect(page.locator("#resultats-titre")).to_be_focused()
    assert problems == []
    page.close()


def test_picks_and_note_survive_the_way_back_from_the_sheet(browser: Any, desk_url: str) -> None:
    from playwright.sync_api import expect

    for javascript in (True, False):
        context = browser.new_context(locale="fr-FR", java_script_enabled=javascript)
        page = context.new_page()
        page.goto(f"{desk_url}/conseiller?{MARTIN}")
        boxes = page.locator('input[name="ids"]')
        kept = [boxes.nth(i).get_attribute("value") for i in range(min(2, boxes.count()))]
        for i in range(boxes.count()):
            box = boxes.nth(i)
            if box.get_attribute("value") in kept:
                box.check()
            else:
                box.uncheck()
        page.fill("#champ-note", "Apporter la carte Vitale")
        with page.expect_navigation():
            page.click("text=Fiche à imprimer")
        assert page.url.endswith("/conseiller/fiche")  # no situation, no note in the address
        expect(page.locator(".sheet-note")).to_contain_text("Apporter la carte Vitale")
        with page.expect_navigation():
            page.click("text=Retour aux solutions")
        assert page.url.endswith("/conseiller")
        checked = page.locator('input[name="ids"]:checked')
        assert sorted(
            checked.nth(i).get_attribute("value") for i in range(checked.count())
        ) == sorted(kept)
        assert page.input_value("#champ-note") == "Apporter la carte Vitale"
        assert page.input_value("#champ-commune") == "Lodève"
        context.close()
