"""Which engine answers, decided from checks kept up to date off the request path.

Meilisearch is the double of tests/meili_double.py: the real client, the real app, no server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import responses
from fastapi.testclient import TestClient

from directory.app import create_app
from directory.background import Periodic
from directory.config import Settings
from directory.geo import Geography
from directory.search.document import search_document
from directory.search.meili import MeiliEngine
from directory.search.meili_index import reindex
from directory.search.meili_server import meili_client
from directory.search.model import SearchQuery
from directory.search.runtime import SearchRuntime
from directory.search.settings import load_search_settings
from directory.snapshot import Snapshot

from .conftest import DATA_DIR
from .meili_double import URL, FakeMeili
from .search_support import catalogue, store


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as requests_mock:
        yield requests_mock


@pytest.fixture
def snapshot(geo: Geography) -> Snapshot:
    runtime = SearchRuntime(load_search_settings(DATA_DIR))
    return runtime.index_snapshot(Snapshot(1, None, {s.id: s for s in catalogue(geo)}), geo)


def filled(server: FakeMeili, snapshot: Snapshot, geo: Geography) -> None:
    settings = load_search_settings(DATA_DIR)
    documents = [
        search_document(s, geo, settings) for s in snapshot.solutions.values() if s.in_service
    ]
    reindex(meili_client(URL, None, 5), "solutions", documents, load_search_settings(DATA_DIR))
    server.calls.clear()


def runtime_on(url: str = URL) -> SearchRuntime:
    settings = load_search_settings(DATA_DIR)
    return SearchRuntime(settings, MeiliEngine(url, "solutions", settings))


def multi_searches(server: FakeMeili) -> int:
    return sum(1 for _, path, _ in server.calls if path == "/multi-search")


def test_a_failed_search_leaves_meilisearch_alone_until_a_check_finds_it_back(
    mock: responses.RequestsMock, snapshot: Snapshot, geo: Geography
) -> None:
    server = FakeMeili(mock)
    filled(server, snapshot, geo)
    runtime = runtime_on()
    assert runtime.search(snapshot, SearchQuery()).engine == "meilisearch"
    server.down = True
    first = runtime.search(snapshot, SearchQuery(text="vélo"))
    asked = len(server.calls)
    second = runtime.search(snapshot, SearchQuery(text="vélo"))
    assert (first.engine, first.degraded) == ("integre", True)
    assert second.ids == first.ids != []
    assert len(server.calls) == asked  # not asked again by searches
    assert runtime.check(snapshot).error == "Meilisearch ne répond pas"
    server.down = False
    health = runtime.check(snapshot)
    assert (health.status, health.answering) == ("ok", "meilisearch")
    assert runtime.search(snapshot, SearchQuery()).engine == "meilisearch"


def test_an_empty_live_index_never_answers_for_a_catalogue_that_has_entries(
    mock: responses.RequestsMock, snapshot: Snapshot
) -> None:
    FakeMeili(mock, {"solutions"})  # what a first deployment that died before its swap leaves
    runtime = runtime_on()
    health = runtime.check(snapshot)
    assert health.status == "degraded"
    assert (
        health.error == "l'index Meilisearch « solutions » est vide : lancez « directory reindex »"
    )
    results = runtime.search(snapshot, SearchQuery())
    assert (results.engine, results.degraded) == ("integre", True)
    assert results.total == len([s for s in snapshot.solutions.values() if s.in_service])


def test_an_old_server_is_named_at_the_first_check(
    mock: responses.RequestsMock, snapshot: Snapshot
) -> None:
    FakeMeili(mock, {"solutions"}, version="1.9.0")
    health = runtime_on().check(snapshot)
    assert health.answering == "integre"
    assert health.error is not None and health.error.startswith("Meilisearch 1.9.0 est trop ancien")


def test_health_and_searches_read_the_last_check_and_never_probe(
    mock: responses.RequestsMock,
    settings: Settings,
    geo: Geography,
    snapshot: Snapshot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("directory.app.load_geography", lambda data_dir: geo)
    store(settings.database_url, catalogue(geo))
    server = FakeMeili(mock)
    filled(server, snapshot, geo)
    configured = settings.model_copy(update={"meili_url": URL, "meili_retry_s": 3600})
    with TestClient(create_app(configured)) as client:
        checked_at_start = len(server.calls)
        assert checked_at_start > 0  # the version and the index, once, at start
        for _ in range(3):
            body = client.get("/health").json()
        assert body["status"] == "ok"
        assert body["recherche"]["moteur"] == "meilisearch"
        assert body["recherche"]["fiches_indexees"] == len(snapshot.solutions)
        assert len(server.calls) == checked_at_start
        found = client.get("/api/solutions").json()
        assert found["moteur"] == "meilisearch"
        assert multi_searches(server) == 1 + 1  # the start check, then this search


def test_a_periodic_job_runs_again_after_it_fails() -> None:
    runs: list[int] = []
    done = threading.Event()

    def job() -> None:
        runs.append(len(runs))
        if len(runs) == 1:
            raise RuntimeError("first run fails")
        done.set()

    periodic = Periodic("test", 0.01, job)
    periodic.start()
    try:
        assert done.wait(5)
    finally:
        periodic.stop()
    assert runs[:2] == [0, 1]
