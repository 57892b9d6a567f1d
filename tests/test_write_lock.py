"""One sync or migration at a time per database, whichever process or machine runs it; the
second one says so in French and changes nothing (SQLite lock file, PostgreSQL advisory lock)."""

from __future__ import annotations

import io
import shutil
import signal
import threading
from pathlib import Path

import pytest
from sqlmodel import Session

from directory.catalogue.store import read_solutions, read_state
from directory.cli import main
from directory.config import Settings
from directory.db import create_db_engine

from .conftest import DATA_DIR, FIXTURES
from .process_support import lock_held, run_directory

BUSY = (
    "Synchronisation impossible : une autre synchronisation, migration ou réindexation de cette "
    "base est en cours : rien n'a été modifié. Relancez la commande quand elle sera terminée, ou ajoutez "
    "« --attendre SECONDES » pour patienter.\n"
)


def cli(args: list[str], database_url: str) -> tuple[int, str]:
    out = io.StringIO()
    settings = Settings(database_url=database_url, data_dir=DATA_DIR)
    return main(args, out=out, settings=settings), out.getvalue()


def stored(database_url: str) -> tuple[int, dict[str, str]]:
    engine = create_db_engine(database_url)
    with Session(engine) as session:
        state = read_state(session)
        names = {s.id: s.nom for s in read_solutions(session)}
    engine.dispose()
    return (state.version if state else 0), names


@pytest.fixture
def changed_folder(tmp_path: Path) -> Path:
    """The test entries with one name changed: a sync of it is version 2."""
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    entry = folder / "aide-test-region.yaml"
    entry.write_text(entry.read_text("utf-8").replace("d'essai", "modifiée"), "utf-8")
    return folder


@pytest.fixture
def synced(database_url: str) -> str:
    assert cli(["sync", str(FIXTURES / "valid")], database_url)[0] == 0
    return database_url


def test_a_second_sync_stops_in_french_and_changes_nothing(
    synced: str, changed_folder: Path
) -> None:
    before = stored(synced)
    with lock_held(synced):
        assert cli(["sync", str(changed_folder)], synced) == (1, BUSY)
        status, text = cli(["migrate"], synced)
    assert status == 1 and text.startswith("Migration impossible : une autre synchronisation")
    assert stored(synced) == before


def test_a_sync_told_to_wait_runs_once_the_other_one_ends(
    synced: str, changed_folder: Path
) -> None:
    with lock_held(synced) as holder:
        assert holder.stdin is not None
        threading.Timer(1.0, holder.stdin.close).start()  # the other sync ends in a second
        status, text = cli(["sync", str(changed_folder), "--attendre", "30"], synced)
    assert status == 0 and "1 modifiée(s)" in text
    assert stored(synced)[1]["aide-test-region"] == "Aide régionale modifiée"


def test_a_sync_killed_mid_way_does_not_block_the_next_one(
    synced: str, changed_folder: Path
) -> None:
    with lock_held(synced) as holder:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        status, text = cli(["sync", str(changed_folder)], synced)
    assert status == 0 and "version 2" in text


def test_two_syncs_started_together_never_end_in_a_traceback(database_url: str) -> None:
    """The failure the issue measured: two syncs at once ended in an English traceback."""
    assert cli(["migrate"], database_url)[0] == 0
    folder = str(DATA_DIR / "solutions")
    results: list[tuple[int, str, str]] = []

    def sync() -> None:
        done = run_directory(["sync", folder], database_url)
        results.append((done.returncode, done.stdout, done.stderr))

    threads = [threading.Thread(target=sync) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(code for code, _, _ in results)[0] == 0  # at least one loaded the catalogue
    for code, out, err in results:
        assert "Traceback" not in out + err
        if code:
            assert out == BUSY
        else:
            assert "Synchronisation terminée" in out
    version, names = stored(database_url)
    assert version == 1 and len(names) == len(list((DATA_DIR / "solutions").glob("[!_]*.yaml")))
