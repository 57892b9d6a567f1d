"""What operators watch: /health (JSON) and /metrics (Prometheus), both read from state.

Neither waits on Meilisearch: the search layer's state is kept up to date by a background
check (see search.runtime), the catalogue by its holder.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from prometheus_client.core import GaugeMetricFamily, Metric

from directory.metrics import age_seconds, gauge, metrics_endpoint
from directory.search.embedded import EmbeddedEngine
from directory.search.meili import MeiliEngine
from directory.snapshot import SnapshotHolder, offered

router = APIRouter(tags=["état"])
ENGINES = (EmbeddedEngine.name, MeiliEngine.name)

router.add_api_route("/metrics", metrics_endpoint, include_in_schema=False, name="metrics")


@router.get("/health", summary="État du service, du catalogue et de la recherche")
def health(request: Request) -> dict[str, object]:
    holder: SnapshotHolder = request.app.state.catalogue
    snapshot = holder.current()
    search = request.app.state.search.health(snapshot)  # the last background check: no I/O
    return {
        "status": "degraded" if holder.last_error or search.degraded else "ok",
        "catalogue": {"version": snapshot.version, "fiches": len(snapshot.solutions)},
        # Only short French statuses here: error details (hosts, users) stay in the logs.
        "erreur": "le dernier rechargement du catalogue a échoué" if holder.last_error else None,
        "recherche": {
            "status": search.status,
            "moteur_configure": search.configured,
            "moteur": search.answering,
            "fiches_indexees": search.documents,
            "erreur": search.error,
        },
    }


def state_metrics(app: Any) -> Iterator[Metric]:
    """The catalogue and the search engine as this worker sees them, at scrape time."""
    holder: SnapshotHolder | None = getattr(app.state, "catalogue", None)
    if holder is None:  # not started yet
        return
    snapshot = holder.current()
    yield gauge("annuaire_catalogue_version", "Version du catalogue servie.", snapshot.version)
    yield gauge(
        "annuaire_catalogue_age_seconds",
        "Secondes depuis la synchronisation du catalogue servi (-1 : jamais synchronisé).",
        age_seconds(snapshot.synced_at),
    )
    yield gauge(
        "annuaire_catalogue_solutions", "Fiches proposées au public.", len(offered(snapshot))
    )
    yield gauge(
        "annuaire_catalogue_reload_failed",
        "1 si le dernier rechargement du catalogue a échoué (l'ancien reste servi).",
        1 if holder.last_error else 0,
    )
    search = app.state.search.health(snapshot)
    engines = GaugeMetricFamily(
        "annuaire_search_engine",
        "Moteur de recherche qui répond (1) ou non (0).",
        labels=["engine"],
    )
    for engine in ENGINES:
        engines.add_metric([engine], 1 if search.answering == engine else 0)
    yield engines
    yield gauge(
        "annuaire_search_degraded",
        "1 si le moteur configuré ne répond pas et que le moteur intégré le remplace.",
        1 if search.degraded else 0,
    )
