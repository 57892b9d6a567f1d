"""The desk in a real browser: the app on the frozen copy of the catalogue, fictitious desks,
and a keyboard that counts every key pressed (typed text is not counted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from directory.app import create_app
from directory.config import Settings

from ..conftest import sync_folder
from ..live_server import live_server
from ..matching_support import DESK_CATALOGUE, desk_data_dir

MAX_TABS = 60  # a control further than this is unreachable in practice
MARTIN = (
    "commune=Lod%C3%A8ve&destinations=Clermont&age=68&statuts=retraite&permis=non"
    "&voiture=non&motifs=sante"
)


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app, served over HTTP, on the frozen catalogue with the fictitious desks."""
    database: Path = tmp_path_factory.mktemp("desk-browser") / "annuaire.db"
    settings = Settings(database_url=f"sqlite:///{database}", data_dir=desk_data_dir())
    sync_folder(settings, DESK_CATALOGUE)
    with live_server(create_app(settings)) as url:
        yield url


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


def problems_of(page: Any) -> list[str]:
    """Script errors and console errors of a page (a 422 to correct is expected)."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text) if m.type == "error" and "status of 422" not in m.text else None
        ),
    )
    return problems
