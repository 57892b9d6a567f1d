"""`directory reindex` and the re-indexing after `directory sync`, with reports in French."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
import responses
from sqlmodel import Session

from directory.catalogue.store import read_solutions
from directory.cli import main
from directory.config import Settings, get_settings
from directory.db import create_db_engine

from .conftest import DATA_DIR, FIXTURES, sync_folder
from .meili_double import URL, FakeMeili
from .process_support import lock_held
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


# --- with the Meilisearch double ----------------------------------------------------------


@pytest.fixture
def meili() -> Iterator[FakeMeili]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield FakeMeili(mock)


def synced_settings(database_url: str) -> Settings:
    settings = Settings(database_url=database_url, data_dir=DATA_DIR, meili_url=URL)
    sync_folder(settings, FIXTURES / "valid")
    return settings


def test_reindex_builds_the_index_from_the_database(meili: FakeMeili, sqlite_url: str) -> None:
    out = io.StringIO()
    assert main(["reindex"], out=out, settings=synced_settings(sqlite_url)) == 0
    assert "Index Meilisearch « solutions » reconstruit : 2 fiche(s)." in out.getvalue()
    assert meili.documents("solutions") == ["aide-test-region", "transport-test-lodeve"]


def test_reindex_waits_for_no_one_while_a_sync_holds_the_lock(
    meili: FakeMeili, database_url: str
) -> None:
    settings = synced_settings(database_url)
    out = io.StringIO()
    with lock_held(settings.database_url):  # another process is syncing or re-indexing
        code = main(["reindex"], out=out, settings=settings)
    assert code == 1
    assert out.getvalue() == (
        "Réindexation impossible : une autre synchronisation, migration ou réindexation de cette "
        "base est en cours : rien n'a été modifié. Relancez la commande quand elle sera "
        "terminée, ou ajoutez « --attendre SECONDES » pour patienter.\n"
    )
    assert meili.writes() == []  # `<index>_next` untouched: the other run keeps it
