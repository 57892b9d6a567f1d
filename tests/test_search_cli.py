"""`directory reindex` and the re-indexing after `directory sync`, with reports in French."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from sqlmodel import Session

from directory.catalogue.store import read_solutions
from directory.cli import main
from directory.config import get_settings
from directory.db import create_db_engine

from .conftest import DATA_DIR, FIXTURES
from .search_support import closed_port


@pytest.fixture
def environment(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The CLI reads its settings from the environment, like in production."""
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("DATA_DIR", str(DATA_DIR))
    monkeypatch.delenv("MEILI_URL", raising=False)
    get_settings.cache_clear()
    yield sqlite_url
    get_settings.cache_clear()


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def stored_ids(database_url: str) -> list[str]:
    engine = create_db_engine(database_url)
    with Session(engine) as session:
        ids = [s.id for s in read_solutions(session)]
    engine.dispose()
    return ids


def test_reindex_without_meilisearch_explains_that_nothing_is_needed(environment: str) -> None:
    code, output = run("reindex")
    assert code == 0
    assert "MEILI_URL n'est pas défini" in output
    assert "le site le reconstruit lui-même" in output


def test_reindex_with_meilisearch_unreachable_fails_in_french(
    environment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("sync", str(FIXTURES / "valid"))[0] == 0
    monkeypatch.setenv("MEILI_URL", f"http://127.0.0.1:{closed_port()}")
    get_settings.cache_clear()
    code, output = run("reindex")
    assert code == 1
    assert "Réindexation Meilisearch impossible : Meilisearch injoignable" in output
    assert "relancez « directory reindex »" in output


def test_sync_without_meilisearch_does_not_reindex(environment: str) -> None:
    code, output = run("sync", str(FIXTURES / "valid"))
    assert code == 0
    assert "Meilisearch" not in output
    assert stored_ids(environment) == ["aide-test-region", "transport-test-lodeve"]


def test_sync_reindexes_meilisearch_when_configured(
    environment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEILI_URL", f"http://127.0.0.1:{closed_port()}")
    code, output = run("sync", str(FIXTURES / "valid"))
    # The database is synced; the failed re-indexing is reported and makes the command fail.
    assert stored_ids(environment) == ["aide-test-region", "transport-test-lodeve"]
    assert "Synchronisation terminée" in output
    assert "Réindexation Meilisearch impossible" in output
    assert code == 1
