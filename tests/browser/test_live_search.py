"""Results while typing (JavaScript): the right parts change, and screen readers hear the count."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_typing_updates_results_status_and_address(page: Any, live_url: str) -> None:
    page.goto(live_url + "/recherche")
    status = page.locator('[role="status"]')
    page.fill("#q", "covoiturage")
    page.wait_for_url("**q=covoiturage**")
    page.wait_for_function(
        "document.querySelector('[role=status]').textContent.includes('trouvée')"
    )
    count = page.locator("#results-count").inner_text()
    assert status.inner_text() == count
    assert page.locator("h1").inner_text() == "Solutions pour « covoiturage »"
    assert page.evaluate("document.activeElement.id") == "q"  # the field being typed in stays


def test_a_misspelt_commune_shows_its_error_and_suggestions_live(page: Any, live_url: str) -> None:
    page.goto(live_url + "/recherche?q=bus")
    assert page.locator(".result").count() > 0
    page.fill("#commune", "Lodeev")
    page.wait_for_selector("#commune-error")
    assert page.locator(".result").count() == 0  # no stale results under the error
    assert page.get_attribute("#commune", "aria-invalid") == "true"
    assert "commune-error" in page.get_attribute("#commune", "aria-describedby")
    assert page.locator(".suggestions a", has_text="Lodève (34700, Hérault)").count() == 1
    assert "ne correspond à aucune commune" in page.locator('[role="status"]').inner_text()
    page.fill("#commune", "Lodève")
    page.wait_for_selector(".result")
    assert page.locator("#commune-error").count() == 0
    assert page.get_attribute("#commune", "aria-invalid") is None


PHONE = {"width": 375, "height": 667}
SENTENCE = "/recherche?q=jai+pas+de+voiture&commune=Lod%C3%A8ve&categorie=covoiturage&categorie=transport-solidaire"


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_first_result_is_in_the_first_screen(
    browser: Any, live_url: str, javascript: bool
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, locale="fr-FR")
    page = context.new_page()
    page.goto(live_url + SENTENCE)
    first = page.locator(".result__title").first.bounding_box()
    assert first["y"] + 44 <= PHONE["height"], first  # at least its first line
    fold = page.locator("[data-facets-fold]")
    assert fold.evaluate("details => details.open") is False
    # Two categories and the commune: the button says so, and opens the filters.
    assert page.locator("summary").inner_text() == "Filtres (3 actifs)"
    page.locator("summary").click()
    assert page.locator("#f-categorie-covoiturage").is_visible()
    assert page.locator(".chip", has_text="Commune : Lodève").is_visible()
    context.close()


def test_without_javascript_the_folded_filters_still_filter(browser: Any, live_url: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_url + "/recherche?q=velo")
    before = page.locator("#results-count").inner_text()
    page.locator("summary").click()
    page.locator("label[for='f-frais-gratuit']").click()
    page.locator("button", has_text="Appliquer les filtres").click()
    page.wait_for_url("**frais=gratuit**")
    assert page.locator("summary").inner_text() == "Filtres (1 actif)"
    assert page.locator("#results-count").inner_text() != before
    context.close()


def test_on_a_wide_screen_the_filters_stay_open_beside_the_results(
    browser: Any, live_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(live_url + "/recherche?q=velo")
    assert page.locator("[data-facets-fold]").evaluate("details => details.open") is True
    page.locator("label[for='f-frais-gratuit']").click()
    page.wait_for_url("**frais=gratuit**", wait_until="commit")
    page.wait_for_function("document.querySelector('summary').textContent.includes('1 actif')")
    assert page.locator("[data-facets-fold]").evaluate("details => details.open") is True
    context.close()


def test_what_was_understood_is_shown_and_a_place_read_in_the_words_can_be_removed(
    page: Any, live_url: str
) -> None:
    page.goto(live_url + "/recherche?q=bus+pour+aller+a+montpelier+depuis+lodeve")
    chips = page.locator(".chip")
    assert chips.filter(has_text="Commune : Lodève").count() == 1
    assert chips.filter(has_text="Destination : Montpellier").count() == 1
    chips.filter(has_text="Commune : Lodève").click()  # the filters are open on a wide screen
    page.wait_for_url("**q=bus+pour+aller+a+montpelier")
    assert chips.filter(has_text="Commune : Lodève").count() == 0
    assert chips.filter(has_text="Destination : Montpellier").count() == 1


def test_a_need_is_said_back_as_the_person_types(page: Any, live_url: str) -> None:
    page.goto(live_url + "/recherche")
    page.fill("#q", "je n'ai pas de permis")
    page.wait_for_selector("[data-understood]")
    said = page.locator("[data-understood]").inner_text()
    assert "Vous cherchez : passer le permis de conduire" in said
    page.fill("#destination", "Montpellier")
    page.wait_for_url("**destination=Montpellier**", wait_until="commit")
