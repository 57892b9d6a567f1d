"""What operators read: structured logs with request ids, Prometheus metrics, /health."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from directory.app import create_app
from directory.config import Settings
from directory.db import create_db_engine
from directory.logs import log_config
from directory.metrics import MULTIPROCESS_ENV, prepare_multiprocess_dir
from directory.migrations import migrate

from .conftest import FIXTURES, sync_folder
from .live_server import live_server

SITUATION = "/conseiller?commune=Lod%C3%A8ve&age=68&besoin=dialyse"


def failing_app(settings: Settings) -> FastAPI:
    app = create_app(settings)

    @app.get("/panne")
    def broken() -> None:
        raise RuntimeError("a bug")

    return app


@pytest.fixture
def synced(settings: Settings) -> Settings:
    sync_folder(settings, FIXTURES / "valid")
    return settings


def serve_and_log(app: FastAPI, log_format: str) -> Any:
    stream = io.StringIO()
    config = log_config(log_format)
    for handler in config["handlers"].values():
        handler["stream"] = stream
    return live_server(app, log_config=config, log_level="info"), stream


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def lines(stream: io.StringIO, expected: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while stream.getvalue().count("\n") < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


# --- logs --------------------------------------------------------------------------------


def test_json_logs_carry_time_level_logger_and_the_request_id_never_the_situation(
    synced: Settings,
) -> None:
    server, stream = serve_and_log(failing_app(synced), "json")
    with server as base:
        status, headers = fetch(base + SITUATION, {"X-Request-ID": "proxy-id-0001"})
        failed, failed_headers = fetch(base + "/panne?age=68&commune=Lodeve")
        records = lines(stream, 3)
    assert (status, headers["x-request-id"]) == (200, "proxy-id-0001")  # the proxy's id is kept
    access = next(
        r for r in records if r["logger"] == "uvicorn.access" and "conseiller" in r["message"]
    )
    assert access["level"] == "INFO"
    assert access["request_id"] == "proxy-id-0001"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", access["time"])
    assert failed == 500
    error = next(r for r in records if r["level"] == "ERROR")
    assert error["logger"] == "directory.errors"
    assert error["request_id"] == failed_headers["x-request-id"]
    assert "RuntimeError: a bug" in error["exc_info"]
    written = stream.getvalue()
    assert "commune" not in written and "dialyse" not in written and "age=" not in written


def test_text_logs_show_the_same_fields_to_a_person(synced: Settings) -> None:
    server, stream = serve_and_log(create_app(synced), "texte")
    with server as base:
        _, headers = fetch(base + "/a-propos")
        deadline = time.monotonic() + 5
        while "/a-propos" not in stream.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
    line = next(line for line in stream.getvalue().splitlines() if "/a-propos" in line)
    pattern = (
        rf"\d{{4}}-\d\d-\d\dT\S+ INFO uvicorn.access \[{headers['x-request-id']}\] .*GET /a-propos"
    )
    assert re.match(pattern, line), line


@pytest.mark.parametrize("forged", ["a b", "x" * 80, "id\ninjected", "<script>"])
def test_a_forged_request_id_is_replaced(client: TestClient, forged: str) -> None:
    given = client.get("/a-propos", headers={"X-Request-ID": forged}).headers["x-request-id"]
    assert given != forged
    assert re.fullmatch(r"[0-9a-f]{32}", given)


# --- metrics -----------------------------------------------------------------------------


def scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def requests_counted(samples: dict[Any, float], route: str, status: str) -> float:
    key = (
        "annuaire_http_requests_total",
        (("method", "GET"), ("route", route), ("status", status)),
    )
    return samples.get(key, 0.0)


def test_requests_are_counted_by_route_template_and_status(synced: Settings) -> None:
    with TestClient(failing_app(synced), raise_server_exceptions=False) as client:
        client.get("/")
        client.get("/solutions/transport-test-lodeve")
        client.get("/solutions/aide-test-region")
        client.get("/nulle-part/ailleurs?q=secret")
        client.get("/panne")
        client.request("BREW", "/")
        samples = scrape(client)
    assert requests_counted(samples, "/", "200") == 1
    assert requests_counted(samples, "/solutions/{solution_id}", "200") == 2
    assert requests_counted(samples, "(aucune)", "404") == 1
    assert requests_counted(samples, "/panne", "500") == 1
    assert not any("secret" in str(labels) or "ailleurs" in str(labels) for _, labels in samples)
    brewed = (
        "annuaire_http_requests_total",
        (("method", "AUTRE"), ("route", "/"), ("status", "405")),
    )
    assert samples[brewed] == 1  # an invented method makes no series of its own
    latency = ("annuaire_http_request_duration_seconds_count", (("method", "GET"), ("route", "/")))
    assert samples[latency] == 1
    buckets = [k for k in samples if k[0] == "annuaire_http_request_duration_seconds_bucket"]
    assert len({dict(k[1])["le"] for k in buckets}) >= 10


def test_the_catalogue_and_the_engine_in_use_are_exposed(synced: Settings) -> None:
    with TestClient(create_app(synced)) as client:
        health = client.get("/health").json()
        samples = scrape(client)
    assert samples[("annuaire_catalogue_version", ())] == health["catalogue"]["version"] >= 1
    assert samples[("annuaire_catalogue_solutions", ())] == health["catalogue"]["fiches"] == 2
    assert 0 <= samples[("annuaire_catalogue_age_seconds", ())] < 3600
    assert samples[("annuaire_catalogue_reload_failed", ())] == 0
    assert samples[("annuaire_search_engine", (("engine", "integre"),))] == 1
    assert samples[("annuaire_search_engine", (("engine", "meilisearch"),))] == 0
    assert samples[("annuaire_search_degraded", ())] == 0
    reloads = ("annuaire_catalogue_reload_duration_seconds_count", (("outcome", "ok"),))
    assert samples[reloads] >= 1


def test_a_database_never_synced_shows_a_catalogue_never_synced(settings: Settings) -> None:
    engine = create_db_engine(settings.database_url)
    migrate(engine)  # created, never synced
    engine.dispose()
    with TestClient(create_app(settings)) as client:
        samples = scrape(client)
    assert samples[("annuaire_catalogue_age_seconds", ())] == -1
    assert samples[("annuaire_catalogue_solutions", ())] == 0


def test_metrics_stay_out_of_the_api_description(client: TestClient) -> None:
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]


def each_app_counts_its_own_requests(settings: Settings) -> Iterator[float]:
    for _ in range(2):
        with TestClient(create_app(settings)) as client:
            client.get("/a-propos")
            yield requests_counted(scrape(client), "/a-propos", "200")


def test_each_app_has_its_own_counters(synced: Settings) -> None:
    assert list(each_app_counts_its_own_requests(synced)) == [1, 1]


def test_serve_prepares_the_folder_where_workers_share_their_counters(tmp_path: Path) -> None:
    folder = tmp_path / "metriques"
    assert prepare_multiprocess_dir(1, {}) is None
    assert prepare_multiprocess_dir(1, {MULTIPROCESS_ENV: str(folder)}) == folder
    (folder / "counter_1234.db").write_bytes(b"old run")
    (folder / "garder.txt").write_text("not ours")
    prepare_multiprocess_dir(2, {MULTIPROCESS_ENV: str(folder)})
    assert sorted(p.name for p in folder.iterdir()) == ["garder.txt"]
    environment: dict[str, str] = {}
    made = prepare_multiprocess_dir(2, environment)  # several workers, nothing set: a folder
    assert made is not None and made.is_dir() and environment[MULTIPROCESS_ENV] == str(made)
    made.rmdir()


def test_with_two_workers_each_scrape_sums_the_requests_of_both(
    synced: Settings, tmp_path: Path
) -> None:
    """Real processes: uvicorn's workers share their counters through PROMETHEUS_MULTIPROC_DIR."""
    folder = tmp_path / "metriques"
    environment = {
        **os.environ,
        "DATABASE_URL": synced.database_url,
        "DATA_DIR": str(synced.data_dir),
        MULTIPROCESS_ENV: str(folder),
    }
    prepare_multiprocess_dir(2, environment)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "uvicorn", "--factory", "directory.app:create_app"]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--port", str(port), "--log-level", "warning"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        sent = 0
        # Concurrent bursts until both workers have answered (each writes its own files).
        while sent < 200 and len(worker_files(folder)) < 2:
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda _: fetch(base + "/a-propos"), range(20)))
            sent += 20
        scrapes = [scrape_url(base + "/metrics") for _ in range(4)]
    finally:
        server.terminate()
        server.wait(20)
    assert len(worker_files(folder)) == 2
    assert [requests_counted(s, "/a-propos", "200") for s in scrapes] == [sent] * 4


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(base + "/health")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


def worker_files(folder: Path) -> set[str]:
    """The process ids that wrote request counters."""
    return {path.stem.rsplit("_", 1)[-1] for path in folder.glob("counter_*.db")}


def scrape_url(url: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
