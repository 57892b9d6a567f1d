"""The catalogue ready to serve, kept on disk so that a start reads it instead of building it.

A large catalogue takes seconds to read row by row and to index; a start that finds this
cache reads the entries and the matching index back in one go (`pickle`), opens the search
index from its folder, then brings them up to date like any reload: only the entries whose
fingerprint differs from the database's are read and indexed again. So an old cache is never
wrong, only slower, and code or reference data other than those that built it are never used
(`context`).

The cache is written by a separate, low-priority process (`python -m directory.catalogue_cache`,
started by a server that finds it missing or behind), so that building it never holds the
serving process's interpreter lock. One builder at a time per database; readers and the
builder's final swap are serialised by a lock file. Catalogues under MIN_ENTRIES are not
cached: they are built from scratch in well under a second.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import logging
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import configure_mappers

import directory
from directory.config import Settings
from directory.db import create_db_engine, safe_url
from directory.geo import Geography, load_geography
from directory.matching.index import MATCHING_KEY, prepare_index
from directory.models import Solution
from directory.search.embedded import EmbeddedEngine, cycle_collector_paused
from directory.search.runtime import EXTRAS_KEY, SearchRuntime
from directory.search.settings import load_search_settings
from directory.snapshot import Delta, Snapshot, SnapshotHolder

log = logging.getLogger(__name__)
FORMAT = 2  # 2: entries carry their browse rank (search.browse_order)
MIN_ENTRIES = 1_000
STATE_FILE = "etat.pickle"
INDEX_DIR = "index"
# Between two builders started by one server: the cache serves the next start, and an old
# one only makes that start read a few more entries.
RETRY_AFTER_S = 600.0
_COPIED = {"meta.json", ".managed.json"}  # rewritten by tantivy: copied, not linked


def build_indexes(
    geo: Geography, search: SearchRuntime, snapshot: Snapshot, delta: Delta
) -> Snapshot:
    """A snapshot's indexes, the search engine's and the matching's (from the previous
    snapshot's when `delta` allows): what a server and the cache builder both build."""
    return prepare_index(search.index_snapshot(snapshot, geo, delta), delta)


@dataclass(frozen=True)
class _Header:
    format: int
    context: str
    version: int
    synced_at: datetime | None


class _Pickler(pickle.Pickler):
    """The matching index names solutions by id: they are kept once, apart."""

    def persistent_id(self, obj: object) -> str | None:
        return obj.id if type(obj) is Solution else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: BinaryIO, solutions: dict[str, Solution]) -> None:
        super().__init__(file)
        self._solutions = solutions

    def persistent_load(self, pid: object) -> Solution:
        return self._solutions[str(pid)]


def _solution_states(solutions: dict[str, Solution]) -> list[dict[str, Any]]:
    """The field values only: reading back SQLAlchemy's state of 100,000 rows would cost
    more than the rest of the catalogue together."""
    return [
        {k: v for k, v in s.__dict__.items() if k != "_sa_instance_state"}
        for s in solutions.values()
    ]


def _solutions(states: list[dict[str, Any]]) -> dict[str, Solution]:
    """Solutions as a query returns them, detached, from their field values."""
    configure_mappers()
    new = Solution._sa_class_manager.new_instance  # type: ignore[attr-defined]
    solutions: dict[str, Solution] = {}
    for state in states:
        solution = new()
        solution.__dict__.update(state)
        solutions[solution.id] = solution
    return solutions


def folder(settings: Settings) -> Path:
    """The cache of this database (several databases may share a CACHE_DIR)."""
    name = hashlib.sha256(safe_url(settings.database_url).encode()).hexdigest()[:12]
    return settings.cache_dir / f"catalogue-{name}"


def context(settings: Settings) -> str:
    """What a kept catalogue depends on besides the database: the code, the reference data
    and search settings, the tantivy and Python versions."""
    digest = hashlib.sha256(f"{FORMAT}:{sys.version}:{version('tantivy')}".encode())
    sources = sorted(Path(directory.__file__).parent.rglob("*.py"))
    data = sorted(
        path
        for path in settings.data_dir.rglob("*")
        if path.is_file() and settings.solutions_dir not in path.parents
    )
    for path in [*sources, *data]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load(settings: Settings, search: SearchRuntime, into: Path) -> Snapshot | None:
    """The kept catalogue, its search index linked into the empty folder `into` (each process
    writes its own updates there); None if there is none for this code and data."""
    kept_in = folder(settings)
    if not (kept_in / STATE_FILE).exists():
        return None
    try:
        with (
            _swap_lock(settings, fcntl.LOCK_SH),
            (kept_in / STATE_FILE).open("rb") as file,
            cycle_collector_paused(),  # it would traverse the growing catalogue again and again
        ):
            header = pickle.load(file)
            if header != _Header(FORMAT, context(settings), header.version, header.synced_at):
                return None
            solutions = _solutions(pickle.load(file))
            matching, index_state = _Unpickler(file, solutions).load()
            # Out of the collector's reach before it runs again: else its next pass would
            # traverse all that was just read (a second at 100,000 entries).
            gc.freeze()
            _link_tree(kept_in / INDEX_DIR, into)
        geo = load_geography(settings.data_dir)
        engine = EmbeddedEngine.reopen(search.settings, geo, into, index_state)
    except Exception:  # a damaged or vanished cache is only a slower start
        log.warning("catalogue cache %s unusable: building from the database", kept_in)
        return None
    extras = {EXTRAS_KEY: engine, MATCHING_KEY: matching}
    return Snapshot(header.version, header.synced_at, solutions, extras)


def kept_version(settings: Settings) -> int | None:
    """The catalogue version in the cache, without reading it all (None: no cache)."""
    try:
        return int((folder(settings) / "version").read_text())
    except (OSError, ValueError):
        return None


def private_folder(settings: Settings) -> Path:
    """An empty folder for this process's copy of the search index (removed at its end);
    those of processes that died are removed first."""
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in settings.cache_dir.glob("processus-*"):
        pid = stale.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"processus-{os.getpid()}-", dir=settings.cache_dir))


def build(settings: Settings) -> bool:
    """Bring the cache up to the database's catalogue (from the cache when there is one).
    False if another builder is at work."""
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    with _exclusive(settings.cache_dir / f"{folder(settings).name}.construction.lock") as mine:
        if not mine:
            return False
        for stale in settings.cache_dir.glob(f".{folder(settings).name}-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a builder that was stopped
        work = Path(tempfile.mkdtemp(prefix=f".{folder(settings).name}-", dir=settings.cache_dir))
        geo = load_geography(settings.data_dir)
        search = SearchRuntime(load_search_settings(settings.data_dir))
        search.index_dir = work / INDEX_DIR
        base = load(settings, search, work / INDEX_DIR)
        engine = create_db_engine(settings.database_url)
        try:
            holder = SnapshotHolder(engine, partial(build_indexes, geo, search))
            snapshot = holder.refresh(force=base is None, base=base)
        finally:
            engine.dispose()
        if snapshot.version < 0 or holder.last_error:
            shutil.rmtree(work, ignore_errors=True)
            return False
        _write(settings, work, snapshot)
        return True


def _write(settings: Settings, work: Path, snapshot: Snapshot) -> None:
    search, matching = snapshot.extras[EXTRAS_KEY], snapshot.extras[MATCHING_KEY]
    header = _Header(FORMAT, context(settings), snapshot.version, snapshot.synced_at)
    with (work / STATE_FILE).open("wb") as file:
        pickle.dump(header, file, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(_solution_states(snapshot.solutions), file, protocol=pickle.HIGHEST_PROTOCOL)
        _Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump((matching, search.state()))
    (work / "version").write_text(str(snapshot.version))
    built_in = search.folder
    if built_in is not None and built_in != work / INDEX_DIR:
        # An update that needed a new index built it beside the previous one: it is kept.
        shutil.rmtree(work / INDEX_DIR, ignore_errors=True)
        built_in.rename(work / INDEX_DIR)
    final = folder(settings)
    trash = final.with_name(f".{final.name}-ancien-{os.getpid()}")
    with _swap_lock(settings, fcntl.LOCK_EX):
        if final.exists():
            final.rename(trash)
        work.rename(final)
    shutil.rmtree(trash, ignore_errors=True)


class Keeper:
    """A server's side of the cache: starts a builder when the catalogue it serves is
    large and the cache is missing or behind, at start and then at most every
    RETRY_AFTER_S."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._builder: subprocess.Popen[bytes] | None = None
        self._started_at = -RETRY_AFTER_S
        self._private: Path | None = None

    def load(self, search: SearchRuntime) -> Snapshot | None:
        """The kept catalogue, its index copied into this process's own folder."""
        if not (folder(self._settings) / STATE_FILE).exists():
            return None
        try:
            self._private = private_folder(self._settings)
        except OSError as error:  # a read-only CACHE_DIR: start from the database
            log.warning("catalogue cache not used: %s", error)
            return None
        return load(self._settings, search, self._private)

    def served(self, snapshot: Snapshot) -> None:
        if len(snapshot.solutions) < MIN_ENTRIES:
            return
        if kept_version(self._settings) == snapshot.version:
            return
        if self._builder is not None and self._builder.poll() is None:
            return
        if time.monotonic() - self._started_at < RETRY_AFTER_S:
            return
        self._started_at = time.monotonic()
        self._builder = subprocess.Popen(
            [sys.executable, "-m", "directory.catalogue_cache"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by a Ctrl-C meant for the server
        )
        assert self._builder.stdin is not None
        self._builder.stdin.write(self._settings.model_dump_json().encode())
        self._builder.stdin.close()

    def stop(self) -> None:
        """At the server's end: a builder at work stops (the next server starts one again),
        and this process's copy of the index goes."""
        if self._builder is not None and self._builder.poll() is None:
            self._builder.terminate()
            self._builder.wait(10)
        if self._private is not None:
            shutil.rmtree(self._private, ignore_errors=True)


@contextmanager
def _swap_lock(settings: Settings, mode: int) -> Iterator[None]:
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    with (settings.cache_dir / f"{folder(settings).name}.lock").open("a") as lock:
        fcntl.flock(lock, mode)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def _exclusive(path: Path) -> Iterator[bool]:
    with path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _link_tree(source: Path, target: Path) -> None:
    """Segment files are never changed once written: linked, not copied (their pages are
    then shared in memory by every process); tantivy's metadata is copied, locks are not."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.name in _COPIED:
            shutil.copy2(path, target / path.name)
        elif not path.name.startswith("."):
            try:
                os.link(path, target / path.name)
            except OSError:
                shutil.copy2(path, target / path.name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main() -> int:  # pragma: no cover - run as a separate process by Keeper
    os.nice(19)  # only the CPU the servers leave
    settings = Settings.model_validate_json(sys.stdin.read())
    return 0 if build(settings) else 1


if __name__ == "__main__":  # pragma: no cover
    # Run as `python -m`, this file is the module __main__: what it pickles must name the
    # classes of directory.catalogue_cache, which a server can load.
    from directory.catalogue_cache import main as module_main

    sys.exit(module_main())
