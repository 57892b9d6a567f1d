"""Real-browser fixtures: the app served over HTTP on 127.0.0.1 and Debian's headless Chromium.

Chromium comes from the Debian package (never a browser download). Without it the browser tests
skip with a visible reason, except in CI where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from directory.app import create_app
from directory.config import Settings

from ..conftest import DATA_DIR, IN_CI, sync_folder
from ..live_server import live_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if IN_CI:
        pytest.fail(
            f"Chromium introuvable ({CHROMIUM}) : .ci/run doit installer le paquet chromium"
        )
    pytest.skip(f"Chromium absent ({CHROMIUM}) : installez le paquet Debian « chromium »")


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app, on the real catalogue, served by uvicorn in a thread."""
    database = tmp_path_factory.mktemp("browser") / "annuaire.db"
    settings = Settings(database_url=f"sqlite:///{database}", data_dir=DATA_DIR)
    sync_folder(settings, DATA_DIR / "solutions")
    with live_server(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context per test (no shared cookies, cache or storage)."""
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()
