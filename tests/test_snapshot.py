"""The catalogue in memory: a failed reload keeps the last good one and is not retried in a loop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import Engine

from directory.config import Settings
from directory.db import create_db_engine
from directory.migrations import migrate
from directory.snapshot import Snapshot, SnapshotHolder

from .conftest import FIXTURES, sync_folder


def engine_with_catalogue(settings: Settings) -> Engine:
    sync_folder(settings, FIXTURES / "valid")
    engine = create_db_engine(settings.database_url)
    migrate(engine)
    return engine


def bump_version(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "v2"
    folder.mkdir(exist_ok=True)
    source = (FIXTURES / "valid" / "aide-test-region.yaml").read_text("utf-8")
    (folder / "aide-test-region.yaml").write_text(source.replace("d'essai", "modifiée"), "utf-8")
    sync_folder(settings, folder)


def test_a_failed_build_keeps_the_last_good_snapshot_and_is_not_retried(
    settings: Settings, tmp_path: Path
) -> None:
    engine = engine_with_catalogue(settings)
    builds: list[int] = []

    def build(snapshot: Snapshot) -> Snapshot:
        builds.append(snapshot.version)
        if snapshot.version == 2:
            raise RuntimeError("index impossible")
        return snapshot

    holder = SnapshotHolder(engine, build, refresh_s=0)
    assert holder.refresh(force=True).version == 1
    bump_version(settings, tmp_path)
    for _ in range(5):
        current = holder.current()
    assert current.version == 1 and len(current.solutions) == 2  # the last good one serves
    assert builds == [1, 2]  # version 2 was tried once, not five times
    assert holder.last_error == "RuntimeError"


def test_requests_do_not_wait_for_a_rebuild_in_progress(settings: Settings, tmp_path: Path) -> None:
    engine = engine_with_catalogue(settings)
    started, release = threading.Event(), threading.Event()

    def slow_build(snapshot: Snapshot) -> Snapshot:
        if snapshot.version == 2:
            started.set()
            release.wait(5)
        return snapshot

    holder = SnapshotHolder(engine, slow_build, refresh_s=0)
    holder.refresh(force=True)
    bump_version(settings, tmp_path)
    rebuilding = threading.Thread(target=holder.current)
    rebuilding.start()
    assert started.wait(5)
    began = time.monotonic()
    assert holder.current().version == 1  # answered from the previous snapshot, at once
    assert time.monotonic() - began < 0.5
    release.set()
    rebuilding.join()
    assert holder.current().version == 2
