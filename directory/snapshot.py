"""The in-memory read model of the catalogue, renewed in the background when a sync publishes.

Requests read an immutable snapshot and never wait for a new one: a background thread checks
the database version every `refresh_s`; when it changed, it reads only the entries whose
fingerprint changed, builds the next snapshot to the side (its indexes updated from the
previous one's, see `Delta`) and swaps it in once complete. If building fails, the last good
snapshot keeps serving, the failure is logged once and that version is not retried until a
newer one is published.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from directory.catalogue.store import read_fingerprints, read_solutions, read_state
from directory.migrations import SchemaRevisionError, check_revision
from directory.models import Solution

log = logging.getLogger(__name__)
MIN_INTERVAL_S = 0.05  # a refresh interval of 0 (tests) checks often, not in a busy loop


@dataclass(frozen=True)
class Snapshot:
    version: int
    synced_at: datetime | None
    solutions: dict[str, Solution]  # by id, in id order
    extras: dict[str, Any] = field(default_factory=dict)  # built by the app: search index…

    def get(self, solution_id: str) -> Solution | None:
        return self.solutions.get(solution_id)


EMPTY = Snapshot(version=-1, synced_at=None, solutions={})


@dataclass(frozen=True)
class Delta:
    """How a new snapshot differs from the one in service: what its builder must redo.

    Every solution not named here is the very object of `previous`, so an index of the
    previous snapshot stays right for it."""

    previous: Snapshot
    changed: tuple[str, ...] = ()  # added or modified
    removed: tuple[str, ...] = ()

    @property
    def from_scratch(self) -> bool:
        """Nothing to start from: every index is built anew."""
        return self.previous.version < 0


def offered(snapshot: Snapshot) -> list[Solution]:
    """The solutions offered to the public: not those flagged as probably closed."""
    return [s for s in snapshot.solutions.values() if s.in_service]


Builder = Callable[[Snapshot, Delta], Snapshot]


class SnapshotHolder:
    """Holds the current snapshot; `start()` checks the database version every `refresh_s`
    in a background thread, and `refresh()` checks now."""

    def __init__(self, engine: Engine, build: Builder, refresh_s: float = 2.0) -> None:
        self._engine = engine
        self._build = build
        self._refresh_s = max(refresh_s, MIN_INTERVAL_S)
        self._lock = threading.Lock()  # one check or build at a time
        self._snapshot = EMPTY
        self._failed_version: int | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None
        self.checked_at: float | None = None  # time.monotonic() of the last check

    def current(self) -> Snapshot:
        """The snapshot in service. Never waits and never reads the database."""
        return self._snapshot

    def refresh(self, force: bool = False, base: Snapshot | None = None) -> Snapshot:
        """Check now (waiting for a check already running); `force` rebuilds every index
        from scratch even if the version did not change. `base` (a kept catalogue, see
        directory.catalogue_cache) is brought up to the database instead: every entry's
        fingerprint is compared, whatever its version says."""
        with self._lock:
            self._refresh_locked(force or base is not None, base)
        return self._snapshot

    def start(self) -> None:
        """Check in the background from now on, until `stop()`."""
        if self._thread is None:
            self._stopping.clear()
            self._thread = threading.Thread(
                target=self._watch, name="catalogue-reload", daemon=True
            )
            self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _watch(self) -> None:
        while not self._stopping.wait(self._refresh_s):
            self.refresh()

    def _refresh_locked(self, force: bool, base: Snapshot | None = None) -> None:
        self.checked_at = time.monotonic()
        version: int | None = None
        previous = base or (EMPTY if force else self._snapshot)
        try:
            # Not expired at commit: the rows live on, detached, in the snapshot.
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                _consistent_reads(session)
                state = read_state(session)
                version = state.version if state else 0
                if version == self._snapshot.version and not force:
                    self.last_error = None  # the database answers again
                    return
                if version == self._failed_version and not force:
                    return  # already failed: wait for a newer version
                # Another revision (a newer release migrated the database): read nothing
                # rather than misread it.
                check_revision(session.connection())
                fingerprints = read_fingerprints(session)
                known = previous.solutions
                changed = [
                    i for i, print_ in fingerprints.items() if _fingerprint(known, i) != print_
                ]
                everything = len(changed) == len(fingerprints)
                fetched = {
                    s.id: s for s in read_solutions(session, None if everything else changed)
                }
            solutions = {i: fetched[i] if i in fetched else known[i] for i in sorted(fingerprints)}
            removed = tuple(i for i in known if i not in fingerprints)
            fresh = Snapshot(version, state.synced_at if state else None, solutions)
            self._snapshot = self._build(fresh, Delta(previous, tuple(sorted(fetched)), removed))
            self._failed_version = None
            self.last_error = None
        except Exception as error:  # keep serving the last good catalogue
            if version is not None and version != self._snapshot.version:
                self._failed_version = version
            if self.last_error is None and isinstance(error, SchemaRevisionError):
                log.error(
                    "catalogue non rechargé, la version %s reste en service : %s",
                    self._snapshot.version,
                    error,
                )
            elif self.last_error is None:
                log.exception("catalogue reload failed; keeping version %s", self._snapshot.version)
            self.last_error = type(error).__name__  # details go to the log, not to /health


def _fingerprint(known: dict[str, Solution], solution_id: str) -> str | None:
    solution = known.get(solution_id)
    return solution.empreinte if solution is not None else None


def _consistent_reads(session: Session) -> None:
    """The version, the fingerprints and the rows read as of one moment, even if a sync
    commits meanwhile (a SQLite transaction already reads one state of the file)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
