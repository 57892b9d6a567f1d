"""The search layer of a running app: which engine answers, and falling back when it cannot.

The embedded engine is always built, with each catalogue snapshot. When Meilisearch is
configured, `check()` probes it (at start, then every `meili_retry_s` from a background thread)
and keeps the outcome; searches and `/health` only read that outcome, never waiting on the
server. Meilisearch answers while the last check found it ready: a recent enough version, a key
it accepts, an index that is not empty while the catalogue is not. A failed search marks it
unavailable until a later check finds it ready again; meanwhile the embedded engine answers and
results are marked degraded.
"""

from __future__ import annotations

import logging
import tempfile
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
from directory.search.understanding import QueryUnderstanding
from directory.snapshot import Delta, Snapshot, offered

log = logging.getLogger(__name__)

EXTRAS_KEY = "search"  # where a snapshot keeps its embedded engine
UNREACHABLE = "Meilisearch ne répond pas"


@dataclass(frozen=True)
class SearchHealth:
    status: str  # "ok" or "degraded"
    configured: str  # the engine the settings ask for
    answering: str  # the engine that answers now
    documents: int | None
    error: str | None = None  # French, without hosts or keys
    checked_at: float | None = None  # clock time of the last Meilisearch check

    @property
    def degraded(self) -> bool:
        return self.status == "degraded"


@dataclass(frozen=True)
class _MeiliState:
    ready: bool
    documents: int | None = None
    reason: str | None = None
    checked_at: float | None = None


class SearchRuntime:
    """Holds the search settings, the optional Meilisearch engine and what is known of it."""

    def __init__(
        self,
        settings: SearchSettings,
        meili: MeiliEngine | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.meili = meili
        self._clock = clock
        self._lock = threading.Lock()
        # Until the first check, Meilisearch is given its chance: a search that fails says so.
        self._state = _MeiliState(ready=True)
        self._empty: EmbeddedEngine | None = None
        self.index_dir: Path | None = None  # where to build a new index; None: in memory

    @classmethod
    def from_settings(cls, settings: Settings) -> SearchRuntime:
        """Nothing connects here: the Meilisearch client talks when checked or asked to search."""
        search_settings = load_search_settings(settings.data_dir)
        meili = MeiliEngine.from_settings(settings, search_settings)
        return cls(search_settings, meili)

    def index_snapshot(
        self, snapshot: Snapshot, geo: Geography, delta: Delta | None = None
    ) -> Snapshot:
        """Give the snapshot its embedded engine (the snapshot builder calls this): the
        previous snapshot's engine with only the changed entries replaced, or a new one."""
        previous = delta.previous.extras.get(EXTRAS_KEY) if delta else None
        engine = None
        if delta and isinstance(previous, EmbeddedEngine) and previous.updatable:
            changed = [snapshot.solutions[i] for i in delta.changed]
            engine = previous.updated(
                [search_document(s, geo, self.settings) for s in changed if s.in_service],
                [*delta.removed, *(s.id for s in changed if not s.in_service)],
            )
        if engine is None:
            documents = [search_document(s, geo, self.settings) for s in offered(snapshot)]
            engine = EmbeddedEngine(self.settings, geo, documents, self._new_index_folder())
        snapshot.extras[EXTRAS_KEY] = engine
        return snapshot

    def _new_index_folder(self) -> Path | None:
        """An empty folder for a new index: `index_dir` while it is empty, else a new one
        beside it (an update that needed a full build leaves the previous index there, and
        tantivy would open it rather than start anew). None: in memory."""
        folder = self.index_dir
        if folder is None or not folder.exists() or not any(folder.iterdir()):
            return folder
        return Path(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=folder.parent))

    def embedded(self, snapshot: Snapshot) -> EmbeddedEngine:
        """The snapshot's engine; an empty one if no catalogue could be loaded yet."""
        engine = snapshot.extras.get(EXTRAS_KEY)
        if isinstance(engine, EmbeddedEngine):
            return engine
        if self._empty is None:
            self._empty = EmbeddedEngine(self.settings)
        return self._empty

    @property
    def answering(self) -> str:
        """The engine that answers searches now."""
        if self.meili is not None and self._state.ready:
            return self.meili.name
        return EmbeddedEngine.name

    def understanding(self, snapshot: Snapshot) -> QueryUnderstanding:
        """Query understanding over the snapshot's words, the same for both engines."""
        return self.embedded(snapshot).understanding

    def search(self, snapshot: Snapshot, query: SearchQuery) -> SearchResults:
        embedded = self.embedded(snapshot)
        if query.terms is None:  # a caller that gave text only: its words, no places
            understood = embedded.understanding.understand(query.text, read_places=False)
            query = replace(query, terms=understood.terms, nothing=understood.nothing)
        if self.meili is not None and self._state.ready:
            try:
                return self.meili.search(query)
            except SearchUnavailableError as error:
                self._record(_MeiliState(False, reason=UNREACHABLE), detail=str(error))
        results = embedded.search(query)
        return replace(results, degraded=self.meili is not None)

    def check(self, snapshot: Snapshot) -> SearchHealth:
        """Probe Meilisearch now (blocking, bounded by its timeout) and keep the outcome."""
        if self.meili is None:
            return self.health(snapshot)
        probe = self.meili.health()
        now = self._clock()
        if not probe.ok:
            state = _MeiliState(False, reason=probe.error or UNREACHABLE, checked_at=now)
        elif probe.documents == 0 and offered(snapshot):
            # An empty live index (a first deployment that died before its swap) would answer
            # « nothing » to everyone: the embedded engine answers until it is filled.
            reason = (
                f"l'index Meilisearch « {self.meili.index_uid} » est vide : "
                "lancez « directory reindex »"
            )
            state = _MeiliState(False, documents=0, reason=reason, checked_at=now)
        else:
            state = _MeiliState(True, documents=probe.documents, checked_at=now)
        self._record(state, detail=probe.detail)
        return self.health(snapshot)

    def health(self, snapshot: Snapshot) -> SearchHealth:
        """What the last check found; no I/O, so /health never waits on Meilisearch."""
        embedded: SearchEngine = self.embedded(snapshot)
        local = embedded.health()
        if self.meili is None:
            return SearchHealth("ok", embedded.name, embedded.name, local.documents)
        state = self._state
        if state.ready:
            return SearchHealth(
                "ok", self.meili.name, self.meili.name, state.documents, None, state.checked_at
            )
        return SearchHealth(
            "degraded",
            self.meili.name,
            embedded.name,
            local.documents,
            state.reason or UNREACHABLE,
            state.checked_at,
        )

    def _record(self, state: _MeiliState, detail: str | None = None) -> None:
        with self._lock:
            before, self._state = self._state, state
        if before.ready and not state.ready:
            log.warning(
                "Meilisearch unavailable, answering from the embedded engine: %s (%s)",
                state.reason,
                detail or "no detail",
            )
        elif not before.ready and state.ready:
            log.info("Meilisearch answers again")
        elif not state.ready and state.reason != before.reason:
            log.warning("Meilisearch still unavailable: %s (%s)", state.reason, detail)
