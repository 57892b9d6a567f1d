"""The in-memory read model of the catalogue, rebuilt when a sync publishes a new version.

Requests read an immutable snapshot. A new one is built to the side and swapped in only once
complete; while it is built, requests keep reading the previous one. If building fails, the
last good snapshot keeps serving, the failure is logged once and that version is not retried
until a newer one is published.
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

from directory.catalogue.store import read_solutions, read_state
from directory.migrations import SchemaRevisionError, check_revision
from directory.models import Solution

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    version: int
    synced_at: datetime | None
    solutions: dict[str, Solution]
    extras: dict[str, Any] = field(default_factory=dict)  # built by the app: search index…

    def get(self, solution_id: str) -> Solution | None:
        return self.solutions.get(solution_id)


def offered(snapshot: Snapshot) -> list[Solution]:
    """The solutions offered to the public: not those flagged as probably closed."""
    return [s for s in snapshot.solutions.values() if s.in_service]


Builder = Callable[[Snapshot], Snapshot]


class SnapshotHolder:
    """Holds the current snapshot; checks the database version at most every `refresh_s`."""

    def __init__(self, engine: Engine, build: Builder, refresh_s: float = 2.0) -> None:
        self._engine = engine
        self._build = build
        self._refresh_s = refresh_s
        self._lock = threading.Lock()
        self._snapshot = Snapshot(version=-1, synced_at=None, solutions={})
        self._checked_at = 0.0
        self._failed_version: int | None = None
        self.last_error: str | None = None

    def current(self) -> Snapshot:
        """The current snapshot, never waiting: if another request is already checking or
        rebuilding, this one reads the snapshot in place."""
        if time.monotonic() - self._checked_at >= self._refresh_s and self._lock.acquire(
            blocking=False
        ):
            try:
                self._refresh_locked(force=False)
            finally:
                self._lock.release()
        return self._snapshot

    def refresh(self, force: bool = False) -> Snapshot:
        """Check now (waiting for a check already running); `force` rebuilds even if unchanged."""
        with self._lock:
            self._refresh_locked(force)
        return self._snapshot

    def _refresh_locked(self, force: bool) -> None:
        self._checked_at = time.monotonic()
        version: int | None = None
        try:
            with Session(self._engine) as session:
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
                solutions = {s.id: s for s in read_solutions(session)}
            fresh = Snapshot(version, state.synced_at if state else None, solutions)
            self._snapshot = self._build(fresh)
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
