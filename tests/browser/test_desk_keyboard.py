"""The advisor's journey with the keyboard only, in a real browser, with and without JavaScript.

Mme Martin (Lodève, 68, retired, no licence, no car, health care in Clermont-l'Hérault): from
the empty form to the printed sheet. Only Tab, arrows, Space and Enter are pressed (no click,
no `fill`), and every press is counted: at most 40 besides typing, whether JavaScript runs or
not. Yes-or-no questions are one Tab stop each; « L'essentiel » is ticked for the sheet.
"""

from __future__ import annotations

from typing import Any

import pytest

from .desk_support import Keyboard, desk_url, problems_of

pytestmark = pytest.mark.browser

KEY_BUDGET = 40  # presses besides typing, for the whole journey
__all__ = ["desk_url"]


@pytest.fixture(params=[True, False], ids=["avec JavaScript", "sans JavaScript"])
def desk_page(request: pytest.FixtureRequest, browser: Any) -> Any:
    context = browser.new_context(locale="fr-FR", java_script_enabled=request.param)
    # the browser's print dialog cannot be driven: window.print() only leaves a mark
    context.add_init_script("window.print = () => { window.printed = true; };")
    page = context.new_page()
    problems = problems_of(page)
    yield page, request.param
    context.close()
    assert problems == []


def test_mme_martin_goes_from_the_empty_form_to_the_printed_sheet_in_40_keys(
    desk_page: Any, desk_url: str
) -> None:
    from playwright.sync_api import expect

    page, javascript = desk_page
    keys = Keyboard(page)
    page.goto(desk_url + "/conseiller")
    expect(page.locator("#champ-commune")).to_be_focused()

    keys.type("Lodève")
    keys.tab_to("#champ-destinations")
    keys.type("Clermont")  # the only Clermont of the Hérault: taken, and said
    keys.tab_to("#champ-age")
    keys.type("68")
    keys.tab_to('input[name="statuts"][type="radio"]')  # « Activité »: one stop
    keys.press("ArrowDown")  # « Retraité »
    keys.tab_to('input[name="permis"]')
    keys.press("ArrowUp")  # « Non »
    keys.tab_to('input[name="voiture"]')
    keys.press("ArrowUp")  # « Non »
    keys.tab_to("#motifs-sante")
    keys.press("Space")
    keys.press("Enter")  # submits the situation from the checkbox

    # with or without JavaScript, the keyboard lands on the results
    expect(page.locator("#resultats-titre")).to_be_focused()
    summary = page.locator(".desk__for")
    for words in ("Lodève (34700)", "vers Clermont-l'Hérault", "68 ans", "retraité"):
        expect(summary).to_contain_text(words)
    expect(page.locator(".desk__guess")).to_contain_text("seule commune de l'Hérault")
    ticked = page.locator('input[name="ids"]:checked')
    assert 1 <= ticked.count() <= 6  # « L'essentiel », ticked for the sheet
    chosen = [ticked.nth(i).get_attribute("value") for i in range(ticked.count())]

    keys.tab_to('input[name="ids"]')
    with page.expect_navigation():
        keys.press("Enter")  # from a ticked box: opens the sheet (a POST: no situation in it)
    assert page.url.endswith("/conseiller/fiche")
    expect(page.get_by_role("heading", name="Votre permanence info-mobilité")).to_be_visible()
    assert page.locator("article.sheet-item").count() == len(chosen)

    if javascript:
        expect(page.locator("[data-print]")).to_be_focused()  # Enter prints
        keys.press("Enter")
        assert page.evaluate("window.printed") is True
    else:
        keys.presses += 1  # Ctrl+P: the browser's own print dialog
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-nav", ".skip-link", ".sheet__actions", ".site-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    for solution_id in chosen:
        expect(page.locator(f"#fiche-{solution_id}")).to_be_visible()

    print(f"parcours au clavier : {keys.presses} touches")  # shown with pytest -s
    assert keys.presses <= KEY_BUDGET, f"{keys.presses} touches pour le parcours"


def test_a_submission_keeps_the_focus_on_the_results_even_while_typing_is_pending(
    page: Any, desk_url: str
) -> None:
    """Enter right after typing, on a slow connection: the update the typing delay would
    start later must neither supersede the submission nor lose the focus it asked for."""
    from playwright.sync_api import expect

    page.add_init_script(  # every fetch answers 0.7 s late, longer than the typing delay
        "const f = window.fetch; window.fetch = (u, o) =>"
        " new Promise(r => setTimeout(r, 700)).then(() => f(u, o));"
    )
    page.goto(desk_url + "/conseiller")
    keys = Keyboard(page)
    keys.type("Lodève")
    keys.tab_to("#champ-destinations")
    keys.tab_to("#champ-age")
    keys.type("80")
    keys.press("Enter")
    expect(page.locator("#resultats-titre")).to_be_focused()
    expect(page.locator("#etat")).to_contain_text("adaptée")
    page.wait_for_timeout(1000)  # nothing pending may move the focus afterwards
    expect(page.locator("#resultats-titre")).to_be_focused()


def test_errors_take_the_focus_after_a_submission(desk_page: Any, desk_url: str) -> None:
    from playwright.sync_api import expect

    page, _javascript = desk_page
    keys = Keyboard(page)
    page.goto(desk_url + "/conseiller")
    keys.type("Lodève")
    keys.tab_to("#champ-age")
    keys.type("250")
    keys.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Âge")
