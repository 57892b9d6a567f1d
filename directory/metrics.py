"""Prometheus metrics at /metrics: requests, latency, catalogue, search engine, reloads.

Each app has its own registry (tests never share counters). With several worker processes,
`directory serve --workers N` sets PROMETHEUS_MULTIPROC_DIR: counters and histograms are then
summed over the workers at each scrape; the catalogue and engine figures are those of the
worker that answers (all workers read the same database and the same Meilisearch).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator, MutableMapping
from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
RELOAD_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
UNMATCHED = "(aucune)"  # an address no route serves: one label, whatever was asked
# Labels come from a closed list: a client inventing methods must not create new series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def prepare_multiprocess_dir(
    workers: int = 1, environ: MutableMapping[str, str] | None = None
) -> Path | None:
    """Before the workers start: the folder where they share their counters, emptied of the
    files of a previous run (whose processes are gone). Several workers without
    PROMETHEUS_MULTIPROC_DIR get a temporary one, so that every scrape sums them all."""
    environ = os.environ if environ is None else environ
    folder = environ.get(MULTIPROCESS_ENV)
    if not folder and workers > 1:
        folder = environ[MULTIPROCESS_ENV] = tempfile.mkdtemp(prefix="annuaire-metriques-")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("*.db"):
        stale.unlink()
    return path


class Metrics:
    """The app's metrics; `state` reads what the catalogue and search show at scrape time."""

    def __init__(self, state: Callable[[], Iterator[Metric]] | None = None) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "annuaire_http_requests",
            "Requêtes servies, par route, méthode et statut.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "annuaire_http_request_duration_seconds",
            "Durée des réponses (jusqu'au début de la réponse), par route.",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.reloads = Histogram(
            "annuaire_catalogue_reload_duration_seconds",
            "Durée de construction d'une version du catalogue (lecture et index).",
            ["outcome"],
            buckets=RELOAD_BUCKETS,
            registry=self.registry,
        )
        self._state = _StateCollector(state) if state is not None else None
        if self._state is not None:
            self.registry.register(self._state)

    def observe_reload(self, seconds: float, ok: bool) -> None:
        self.reloads.labels("ok" if ok else "echec").observe(seconds)

    def exposition(self) -> bytes:
        if not os.environ.get(MULTIPROCESS_ENV):
            return generate_latest(self.registry)
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # the files every worker writes
        if self._state is not None:
            registry.register(self._state)
        return generate_latest(registry)


class _StateCollector(Collector):
    def __init__(self, read: Callable[[], Iterator[Metric]]) -> None:
        self._read = read

    def collect(self) -> Iterator[Metric]:
        yield from self._read()


def gauge(name: str, documentation: str, value: float, **labels: str) -> Metric:
    family = GaugeMetricFamily(name, documentation, labels=list(labels))
    family.add_metric(list(labels.values()), value)
    return family


def age_seconds(synced_at: datetime | None) -> float:
    """Seconds since the catalogue was synced; -1 when no catalogue was ever synced."""
    if synced_at is None:
        return -1.0
    aware = synced_at if synced_at.tzinfo else synced_at.replace(tzinfo=UTC)
    return max((datetime.now(UTC) - aware).total_seconds(), 0.0)


class RequestMetrics:
    """Counts every answer (the 500 page included) by route template, never by full path."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_count(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                self.metrics.latency.labels(_route(scope), _method(scope)).observe(
                    time.perf_counter() - started
                )
            await send(message)

        try:
            await self.app(scope, receive, send_and_count)
        finally:
            self.metrics.requests.labels(_route(scope), _method(scope), str(status)).inc()


def _route(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else UNMATCHED


def _method(scope: Scope) -> str:
    method = str(scope.get("method", ""))
    return method if method in METHODS else "AUTRE"


def metrics_endpoint(request: Request) -> Response:
    metrics: Metrics = request.app.state.metrics
    return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
