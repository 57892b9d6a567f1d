"""A database that does not answer, at start or during a sync: one French sentence, no
traceback, nothing half-written (the issue measured a 121-line traceback)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlmodel import Session

from directory.app import create_app
from directory.catalogue.store import read_solutions
from directory.cli import main
from directory.config import Settings
from directory.db import DatabaseUnavailableError, create_db_engine

from .conftest import DATA_DIR, FIXTURES
from .process_support import run_directory
from .search_support import closed_port

pytestmark = pytest.mark.postgres


@pytest.fixture
def down_url() -> str:
    """A PostgreSQL address where nothing listens, with a password that must not be shown."""
    return f"postgresql://annuaire:secret@127.0.0.1:{closed_port()}/annuaire"


def shown(down_url: str) -> str:
    return down_url.replace("secret", "***")


def test_sync_with_the_database_down_says_so_in_one_french_sentence(down_url: str) -> None:
    done = run_directory(["sync", str(FIXTURES / "valid")], down_url)
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout.startswith(
        f"Synchronisation impossible : la base de données ne répond pas ({shown(down_url)}) : "
        "vérifiez qu'elle est démarrée et joignable, et que DATABASE_URL est juste (détail : "
    )
    assert done.stdout.endswith(
        "Une synchronisation est tout ou rien : la base garde le catalogue précédent, que le "
        "site continue d'afficher.\n"
    )
    assert "secret" not in done.stdout


def test_serve_with_the_database_down_stops_at_once_and_says_why(down_url: str) -> None:
    done = run_directory(["serve", "--port", str(closed_port())], down_url, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.startswith(
        f"Le site ne démarre pas : la base de données ne répond pas ({shown(down_url)})"
    )


def test_the_app_does_not_start_on_a_database_that_is_down(down_url: str) -> None:
    settings = Settings(database_url=down_url, data_dir=DATA_DIR)
    with pytest.raises(DatabaseUnavailableError, match="la base de données ne répond pas"):  # noqa: SIM117
        with TestClient(create_app(settings)):
            pass


@pytest.fixture
def connection_cut_at_first_write(postgres_url: str) -> Iterator[None]:
    """The database server drops the sync's connection as it starts writing entries."""
    cut: list[int] = []

    def terminate(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if cut or not statement.startswith(("INSERT INTO solution", "UPDATE solution")):
            return
        cut.append(cursor.connection.info.backend_pid)
        admin_url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin_url.split("?")[0], autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (cut[0],))

    event.listen(Engine, "before_cursor_execute", terminate)
    yield
    event.remove(Engine, "before_cursor_execute", terminate)
    assert cut, "the sync never wrote: nothing was cut"


def test_a_database_lost_during_a_sync_keeps_the_previous_catalogue(
    postgres_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    settings = Settings(database_url=postgres_url, data_dir=DATA_DIR)
    assert main(["sync", str(FIXTURES / "valid")], out=io.StringIO(), settings=settings) == 0
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    entry = folder / "aide-test-region.yaml"
    entry.write_text(entry.read_text("utf-8").replace("d'essai", "modifiée"), "utf-8")

    request.getfixturevalue("connection_cut_at_first_write")
    out = io.StringIO()
    assert main(["sync", str(folder)], out=out, settings=settings) == 1
    assert out.getvalue().startswith("Synchronisation impossible : la base de données ne répond")
    assert "la base garde le catalogue précédent" in out.getvalue()

    engine = create_db_engine(postgres_url)
    with Session(engine) as session:
        names = {s.id: s.nom for s in read_solutions(session)}
    engine.dispose()
    assert names["aide-test-region"] == "Aide régionale d'essai"
