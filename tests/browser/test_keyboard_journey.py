"""The public journey with the keyboard alone: search, filter, open a solution, print it."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def tab_to(page: Any, script: str, limit: int = 80, key: str = "Tab") -> int:
    """Press Tab (or Shift+Tab) until the focused element matches `script` (JS, on `el`)."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!el && ({script}); }})()"
        ):
            return presses
    raise AssertionError(f"focus never reached: {script}")


@pytest.mark.parametrize("javascript", [True, False], ids=["avec JavaScript", "sans JavaScript"])
def test_search_filter_open_and_print_with_the_keyboard(
    browser: Any, live_url: str, javascript: bool
) -> None:
    context = browser.new_context(locale="fr-FR", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_url + "/")
    presses = 0

    def skip_to_content() -> int:
        """What a keyboard user does on each new page: « Aller au contenu »."""
        count = tab_to(page, "el.classList.contains('skip-link')")
        page.keyboard.press("Enter")
        return count

    presses += skip_to_content()
    presses += tab_to(page, "el.id === 'q'")
    page.keyboard.type("transport")
    presses += tab_to(page, "el.id === 'commune'")
    page.keyboard.type("Lodève")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "commune=Lod%C3%A8ve" in page.url
    assert page.locator("h1").inner_text() == "Solutions pour « transport » à Lodève"

    presses += skip_to_content()
    if not javascript:  # the filters fold behind a button; JavaScript opens it on a wide screen
        presses += tab_to(page, "el.tagName === 'SUMMARY'")
        page.keyboard.press("Enter")
    presses += tab_to(page, "el.id === 'f-categorie-transport-solidaire'")
    page.keyboard.press("Space")
    if javascript:
        page.wait_for_url("**categorie=transport-solidaire**")
        assert page.evaluate("document.activeElement.id") == "f-categorie-transport-solidaire"
    else:
        with page.expect_navigation():  # Enter on a ticked box sends the filters' form
            page.keyboard.press("Enter")
        presses += skip_to_content()
    results = page.locator(".result__title a")
    assert results.count() >= 1
    assert page.locator("#results-count").inner_text().endswith(("trouvée", "trouvées"))

    # The filters come first; a link at their top jumps over them to the results.
    skip = "el.classList.contains('skip-inline')"
    presses += tab_to(page, skip, key="Shift+Tab") if javascript else tab_to(page, skip)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-count"
    presses += tab_to(page, "el.closest('.result__title') !== null")
    title = page.evaluate("document.activeElement.textContent.trim()")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == title

    presses += skip_to_content()
    presses += tab_to(page, "el.classList.contains('print-link')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/imprimer")
    page.emulate_media(media="print")
    assert page.locator("h1").inner_text() == title
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".print-actions").is_visible()
    assert page.locator("#comment").is_visible()
    assert presses < 40, f"{presses} appuis sur Tab : le parcours est trop long"
    context.close()
