"""The advisor's journey on the desk page with the keyboard only, on the real catalogue.

From the empty form to the printed take-away sheet: type the commune and the age, tick a
status and a constraint, submit, reach the results, tick two solutions, open the sheet. Only
Tab, Space and Enter are pressed (no click, no `fill`), and every press is counted: the
journey must stay short, with JavaScript and without.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

KEY_BUDGET = 40  # presses besides typing, for the whole journey
MAX_TABS = 60  # a control further than this is unreachable in practice


class Keyboard:
    """Presses keys on a page and counts them; typed text is not counted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.presses = 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.presses += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def tab_to(self, selector: str) -> None:
        """Tab forward until the focused element matches the CSS selector."""
        for _ in range(MAX_TABS):
            self.press("Tab")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"« {selector} » n'est pas atteignable au clavier")

    def focused(self, attribute: str) -> str:
        return str(self.page.evaluate("a => document.activeElement.getAttribute(a)", attribute))


@pytest.fixture(params=[True, False], ids=["avec JavaScript", "sans JavaScript"])
def desk_page(request: pytest.FixtureRequest, browser: Any) -> Any:
    context = browser.new_context(locale="fr-FR", java_script_enabled=request.param)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "status of 422" not in m.text  # a form to correct
            else None
        ),
    )
    yield page
    context.close()
    assert problems == []


def test_the_advisor_goes_from_the_empty_form_to_the_printed_sheet_by_keyboard(
    desk_page: Any, live_url: str
) -> None:
    from playwright.sync_api import expect

    page, keys = desk_page, Keyboard(desk_page)
    page.goto(live_url + "/conseiller")
    expect(page.locator("#champ-commune")).to_be_focused()

    keys.type("Montpellier")
    keys.tab_to("#champ-age")
    keys.type("22")
    keys.tab_to("#statuts-demandeur-emploi")
    keys.press("Space")
    keys.tab_to("#contraintes-sans-permis")
    keys.press("Space")
    keys.press("Enter")  # submits the situation from the checkbox

    # with or without JavaScript, the keyboard lands on the results
    expect(page.locator("#resultats-titre")).to_be_focused()
    expect(page.locator(".desk__for")).to_contain_text("demandeur d'emploi")
    expect(page.locator(".desk__for")).to_contain_text("pas de permis de conduire")

    chosen = []
    for _ in range(2):
        keys.tab_to('input[name="ids"]:not(:checked)')
        keys.press("Space")
        chosen.append(keys.focused("value"))
    assert page.locator('input[name="ids"]:checked').count() == 2
    with page.expect_navigation():
        keys.press("Enter")  # from the ticked box: opens the take-away sheet

    assert "/conseiller/fiche?" in page.url
    items = page.locator("article.sheet-item")
    assert items.count() == 2
    for solution_id in chosen:
        item = page.locator(f"article[aria-labelledby='fiche-{solution_id}']")
        expect(item).to_contain_text("Qui contacter")
        contact = item.locator("ul.contact li, p:has-text('Demandez à votre conseiller')")
        assert contact.count() >= 1, f"{solution_id} : personne à contacter absente"
        assert contact.first.inner_text().strip()

    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-nav", ".skip-link", ".sheet__actions", ".site-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    for solution_id in chosen:
        expect(page.locator(f"#fiche-{solution_id}")).to_be_visible()
    expect(page.get_by_role("heading", name="Qui contacter").first).to_be_visible()

    print(f"parcours au clavier : {keys.presses} touches")  # shown with pytest -s
    assert keys.presses < KEY_BUDGET, f"{keys.presses} touches pour le parcours"


def test_a_submission_keeps_the_focus_on_the_results_even_while_typing_is_pending(
    page: Any, live_url: str
) -> None:
    """Enter right after typing, on a slow connection: the update the typing delay would
    start later must neither supersede the submission nor lose the focus it asked for."""
    from playwright.sync_api import expect

    page.add_init_script(  # every fetch answers 0.7 s late, longer than the typing delay
        "const f = window.fetch; window.fetch = (u, o) =>"
        " new Promise(r => setTimeout(r, 700)).then(() => f(u, o));"
    )
    page.goto(live_url + "/conseiller")
    keys = Keyboard(page)
    keys.type("Lodève")
    keys.tab_to("#champ-age")
    keys.type("80")
    keys.press("Enter")
    expect(page.locator("#resultats-titre")).to_be_focused()
    expect(page.locator("#etat")).to_contain_text("adaptée")
    page.wait_for_timeout(1000)  # nothing pending may move the focus afterwards
    expect(page.locator("#resultats-titre")).to_be_focused()


def test_errors_take_the_focus_after_a_submission(desk_page: Any, live_url: str) -> None:
    from playwright.sync_api import expect

    page, keys = desk_page, Keyboard(desk_page)
    page.goto(live_url + "/conseiller")
    keys.type("Lodève")
    keys.tab_to("#champ-age")
    keys.type("250")
    keys.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Âge")
