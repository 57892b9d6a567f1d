"""/docs and /redoc work in a real browser under the site's security policy, from local files."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def open_and_watch(page: Any, url: str) -> tuple[list[str], list[str]]:
    """Loads the page; returns the console errors and the requests sent outside the site."""
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "requestfinished",
        lambda r: (
            None
            if r.url.startswith(url.split("/docs")[0].split("/redoc")[0])
            or r.url.startswith(("data:", "blob:"))
            else outside.append(r.url)
        ),
    )
    page.goto(url)
    return errors, outside


def test_swagger_ui_lists_the_api_with_no_script_refused(page: Any, live_url: str) -> None:
    errors, outside = open_and_watch(page, live_url + "/docs")
    page.get_by_text("Chercher des solutions de mobilité").first.wait_for()
    assert page.locator(".opblock").count() >= 5  # one block per operation
    assert errors == []
    assert outside == []


def test_redoc_shows_the_api_and_nothing_leaves_the_site(page: Any, live_url: str) -> None:
    errors, outside = open_and_watch(page, live_url + "/redoc")
    page.get_by_role("heading", name="Chercher des solutions de mobilité").first.wait_for()
    # ReDoc's footer asks for its logo on its maker's site: the policy refuses it, nothing else.
    assert all("cdn.redoc.ly" in error for error in errors), errors
    assert outside == []
