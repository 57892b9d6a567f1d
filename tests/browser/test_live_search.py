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
