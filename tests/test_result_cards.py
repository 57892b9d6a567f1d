"""Result cards are made once per catalogue version: a page shows each entry as the last sync
left it, and each card links under the root path it is served from."""

from __future__ import annotations

import re
import time
from pathlib import Path

from fastapi.testclient import TestClient

from directory.app import create_app
from directory.config import Settings

from .conftest import FIXTURES, sync_folder

TITLE = re.compile(r'class="result__title"><a href="([^"]+)">([^<]+)</a>')


def titles(client: TestClient, path: str = "/recherche") -> list[tuple[str, str]]:
    answer = client.get(path, params={"q": "aide"})
    assert answer.status_code == 200
    return TITLE.findall(answer.text)


def rename_regional_aid(settings: Settings, folder: Path, name: str) -> None:
    folder.mkdir(exist_ok=True)
    for source in (FIXTURES / "valid").glob("*.yaml"):
        text = source.read_text("utf-8")
        (folder / source.name).write_text(text.replace("Aide régionale d'essai", name), "utf-8")
    sync_folder(settings, folder)


def test_a_sync_that_renames_an_entry_renames_its_card(settings: Settings, tmp_path: Path) -> None:
    sync_folder(settings, FIXTURES / "valid")
    with TestClient(create_app(settings)) as client:
        assert titles(client) == [("/solutions/aide-test-region", "Aide régionale d&#39;essai")]
        assert titles(client) == titles(client)  # the card made for the first page serves again
        rename_regional_aid(settings, tmp_path / "v2", "Aide régionale renommée & co")
        deadline = time.monotonic() + 10  # the new version is picked up within the refresh
        while "renommée" not in str(titles(client)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert titles(client) == [
            ("/solutions/aide-test-region", "Aide régionale renommée &amp; co")
        ], "the new name, escaped, and never the old card"


def test_a_card_links_under_the_root_path_it_is_served_from(settings: Settings) -> None:
    sync_folder(settings, FIXTURES / "valid")
    app = create_app(settings)
    with TestClient(app) as client:
        behind_proxy = TestClient(app, root_path="/annuaire")  # same app, same catalogue
        assert titles(client)[0][0] == "/solutions/aide-test-region"
        assert titles(behind_proxy)[0][0] == "/annuaire/solutions/aide-test-region"
        assert titles(client)[0][0] == "/solutions/aide-test-region"
