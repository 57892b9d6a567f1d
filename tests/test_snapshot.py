"""The catalogue in memory: a failed reload keeps the last good one and is not retried in a loop."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from sqlalchemy import Engine

from directory.config import Settings
from directory.db import create_db_engine
from directory.migrations import migrate
from directory.snapshot import Delta, Snapshot, SnapshotHolder

from .conftest import FIXTURES, eventually, sync_folder


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

    def build(snapshot: Snapshot, delta: Delta) -> Snapshot:
        builds.append(snapshot.version)
        if snapshot.version == 2:
            raise RuntimeError("index impossible")
        return snapshot

    holder = SnapshotHolder(engine, build, refresh_s=0)
    assert holder.refresh(force=True).version == 1
    bump_version(settings, tmp_path)
    for _ in range(5):
        current = holder.refresh()
    assert current.version == 1 and len(current.solutions) == 2  # the last good one serves
    assert builds == [1, 2]  # version 2 was tried once, not five times
    assert holder.last_error == "RuntimeError"


def test_requests_do_not_wait_for_a_rebuild_in_progress(settings: Settings, tmp_path: Path) -> None:
    """The next version is built by the background thread while the previous one serves."""
    engine = engine_with_catalogue(settings)
    started, release = threading.Event(), threading.Event()

    def slow_build(snapshot: Snapshot, delta: Delta) -> Snapshot:
        if snapshot.version == 2:
            started.set()
            release.wait(5)
        return snapshot

    holder = SnapshotHolder(engine, slow_build, refresh_s=0)
    holder.refresh(force=True)
    holder.start()
    try:
        bump_version(settings, tmp_path)
        assert started.wait(10)
        began = time.monotonic()
        assert holder.current().version == 1  # answered from the previous snapshot, at once
        assert time.monotonic() - began < 0.5
        release.set()
        assert eventually(lambda: holder.current().version == 2)
    finally:
        release.set()
        holder.stop()


def test_a_reload_reads_only_the_entries_that_changed(settings: Settings, tmp_path: Path) -> None:
    engine = engine_with_catalogue(settings)
    deltas: list[Delta] = []

    def build(snapshot: Snapshot, delta: Delta) -> Snapshot:
        deltas.append(delta)
        return snapshot

    holder = SnapshotHolder(engine, build, refresh_s=0)
    first = holder.refresh(force=True)
    assert deltas[0].from_scratch and set(deltas[0].changed) == set(first.solutions)
    bump_version(settings, tmp_path)  # one entry changed, the other one removed
    second = holder.refresh()
    assert second.version == 2
    assert deltas[1].previous is first
    assert deltas[1].changed == ("aide-test-region",)
    assert deltas[1].removed == ("transport-test-lodeve",)
    assert "modifiée" in second.solutions["aide-test-region"].nom
    assert list(second.solutions) == ["aide-test-region"]


def test_unchanged_entries_are_the_same_objects_in_the_next_snapshot(
    settings: Settings, tmp_path: Path
) -> None:
    """So that the indexes of the previous snapshot stay right for them."""
    engine = engine_with_catalogue(settings)
    holder = SnapshotHolder(engine, lambda snapshot, delta: snapshot, refresh_s=0)
    first = holder.refresh(force=True)
    folder = tmp_path / "v2"
    shutil.copytree(FIXTURES / "valid", folder)
    path = folder / "aide-test-region.yaml"
    path.write_text(path.read_text("utf-8").replace("d'essai", "modifiée"), "utf-8")
    sync_folder(settings, folder)
    second = holder.refresh()
    assert second.solutions["transport-test-lodeve"] is first.solutions["transport-test-lodeve"]
    assert second.solutions["aide-test-region"] is not first.solutions["aide-test-region"]
