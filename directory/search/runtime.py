"""The search layer of a running app: which engine answers, and falling back when it cannot.

The embedded engine is always built, with each catalogue snapshot. When Meilisearch is
configured it answers first; if it fails or times out, the embedded engine answers, results are
marked degraded, and Meilisearch is left alone for `meili_retry_s` before being tried again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from directory.config import Settings
from directory.geo import Geography
from directory.search.document import search_document
from directory.search.embedded import EmbeddedEngine
from directory.search.meili import MeiliEngine
from directory.search.model import SearchEngine, SearchQuery, SearchResults, SearchUnavailableError
from directory.search.settings import SearchSettings, load_search_settings
from directory.snapshot import Delta, Snapshot, offered

log = logging.getLogger(__name__)

EXTRAS_KEY = "search"  # where a snapshot keeps its embedded engine


@dataclass(frozen=True)
class SearchHealth:
    status: str  # "ok" or "degraded"
    configured: str  # the engine the settings ask for
    answering: str  # the engine that answers now
    documents: int | None
    error: str | None = None

    @property
    def degraded(self) -> bool:
        return self.status == "degraded"


class SearchRuntime:
    """Holds the search settings, the optional Meilisearch engine and its failure state."""

    def __init__(
        self,
        settings: SearchSettings,
        meili: MeiliEngine | None = None,
        retry_after_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.meili = meili
        self._retry_after_s = retry_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failed_at: float | None = None
        self._last_error: str | None = None
        self._empty: EmbeddedEngine | None = None
        self.index_dir: Path | None = None  # where to build a new index; None: in memory

    @classmethod
    def from_settings(cls, settings: Settings) -> SearchRuntime:
        """Nothing connects here: the Meilisearch client only talks when asked to search."""
        search_settings = load_search_settings(settings.data_dir)
        meili = MeiliEngine.from_settings(settings, search_settings)
        return cls(search_settings, meili, settings.meili_retry_s)

    def index_snapshot(
        self, snapshot: Snapshot, geo: Geography, delta: Delta | None = None
    ) -> Snapshot:
        """Give the snapshot its embedded engine (the snapshot builder calls this): the
        previous snapshot's engine with only the changed entries replaced, or a new one."""
        previous = delta.previous.extras.get(EXTRAS_KEY) if delta else None
        if delta and isinstance(previous, EmbeddedEngine) and previous.updatable:
            changed = [snapshot.solutions[i] for i in delta.changed]
            engine = previous.updated(
                [search_document(s, geo) for s in changed if s.in_service],
                [*delta.removed, *(s.id for s in changed if not s.in_service)],
            )
        else:
            documents = [search_document(s, geo) for s in offered(snapshot)]
            engine = EmbeddedEngine(self.settings, documents, self.index_dir)
        snapshot.extras[EXTRAS_KEY] = engine
        return snapshot

    def embedded(self, snapshot: Snapshot) -> EmbeddedEngine:
        """The snapshot's engine; an empty one if no catalogue could be loaded yet."""
        engine = snapshot.extras.get(EXTRAS_KEY)
        if isinstance(engine, EmbeddedEngine):
            return engine
        if self._empty is None:
            self._empty = EmbeddedEngine(self.settings)
        return self._empty

    def search(self, snapshot: Snapshot, query: SearchQuery) -> SearchResults:
        embedded = self.embedded(snapshot)
        if self.meili is not None and self._should_try():
            try:
                results = self.meili.search(query)
            except SearchUnavailableError as error:
                self._record_failure(str(error))
            else:
                self._record_success()
                return results
        results = embedded.search(query)
        return replace(results, degraded=self.meili is not None)

    def health(self, snapshot: Snapshot) -> SearchHealth:
        """Probes Meilisearch now (with its timeout); a success ends the waiting period."""
        embedded: SearchEngine = self.embedded(snapshot)
        local = embedded.health()
        if self.meili is None:
            return SearchHealth("ok", embedded.name, embedded.name, local.documents)
        remote = self.meili.health()
        if remote.ok:
            self._record_success()
            return SearchHealth("ok", self.meili.name, self.meili.name, remote.documents)
        self._record_failure(remote.error or "indisponible")
        return SearchHealth(
            "degraded", self.meili.name, embedded.name, local.documents, self._last_error
        )

    def _should_try(self) -> bool:
        with self._lock:
            failed_at = self._failed_at
        return failed_at is None or self._clock() - failed_at >= self._retry_after_s

    def _record_failure(self, error: str) -> None:
        with self._lock:
            if self._failed_at is None:
                log.warning(
                    "Meilisearch unavailable, answering from the embedded engine: %s", error
                )
            self._failed_at = self._clock()
            self._last_error = error

    def _record_success(self) -> None:
        with self._lock:
            if self._failed_at is not None:
                log.info("Meilisearch answers again")
            self._failed_at = None
            self._last_error = None
