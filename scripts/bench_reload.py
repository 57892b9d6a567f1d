"""Benchmark of catalogue loading in a server: cold start, memory, and the cost of a reload.

For each size (10,000 and 100,000 entries by default), a synthetic catalogue (the one of
bench_search.py, with real fingerprints) is written into a fresh SQLite database, then:

- cold start without a kept catalogue: a new Python process imports the application and runs
  its start (`create_app` and its lifespan) until the catalogue serves;
- building the kept catalogue (`directory.catalogue_cache.build`, in its own process);
- cold start with the kept catalogue, then the memory of that server process (resident and
  proportional set size: pages of the kept search index are shared between processes);
- a reload after 1 % of the entries changed, and a full build, in a server's process (time
  and processor time of `SnapshotHolder.refresh`).

Times are wall-clock; « CPU » is the processor time of the process, which a machine shared
with other work does not inflate as much. The load average is printed with the results.

    .venv/bin/python scripts/bench_reload.py [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from bench_search import synthetic_solutions
from bench_support import machine_line
from sqlalchemy import text
from sqlmodel import Session

from directory import catalogue_cache
from directory.config import PROJECT_ROOT, Settings
from directory.db import create_db_engine
from directory.geo import load_geography
from directory.migrations import migrate
from directory.models import CatalogueState
from directory.search.runtime import SearchRuntime
from directory.snapshot import SnapshotHolder

DATA = PROJECT_ROOT / "data"

# Run in a new interpreter: what a server process does from its first line to serving.
START = """
import json, os, sys, time
started, cpu = time.perf_counter(), time.process_time()
from fastapi.testclient import TestClient
from directory.app import create_app
from directory.config import Settings
imported = time.perf_counter() - started
settings = Settings.model_validate_json(sys.argv[1])
with TestClient(create_app(settings)) as client:
    ready, ready_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert client.get("/api/solutions?q=transport").json()["total"] > 0
    status = dict(
        line.split(":", 1) for line in open("/proc/self/status") if line.startswith("Vm")
    )
    rollup = dict(
        line.split(":", 1) for line in open("/proc/self/smaps_rollup") if ":" in line
    )
    print(json.dumps({
        "import_s": imported,
        "ready_s": ready,
        "ready_cpu_s": ready_cpu,
        "rss_mib": int(status["VmRSS"].split()[0]) / 1024,
        "pss_mib": int(rollup["Pss"].split()[0]) / 1024,
    }))
"""


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def write_database(url: str, count: int) -> None:
    engine = create_db_engine(url)
    migrate(engine)
    solutions = synthetic_solutions(count, load_geography(DATA))
    for solution in solutions:
        solution.empreinte = f"v1-{solution.id}"
        solution.date_source = "2025"
    with Session(engine) as session, session.begin():
        session.add_all(solutions)
        session.add(CatalogueState(id=1, version=1, entries=count))
    engine.dispose()


def cold_start(settings: Settings) -> dict[str, float]:
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-c", START, settings.model_dump_json()],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(child.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - started
    return result


def change_one_percent(url: str, round_: int) -> int:
    """Rename 1 % of the entries and publish a new version, as a sync would."""
    engine = create_db_engine(url)
    with engine.begin() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM solution ORDER BY id"))]
        changed = ids[round_::100]
        for solution_id in changed:
            connection.execute(
                text(
                    "UPDATE solution SET nom = nom || ' bis', empreinte = empreinte || 'x' "
                    "WHERE id = :id"
                ),
                {"id": solution_id},
            )
        connection.execute(text("UPDATE cataloguestate SET version = version + 1"))
    engine.dispose()
    return len(changed)


def timed(action: Any) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - started, time.process_time() - cpu


def reloads(url: str) -> dict[str, float]:
    """In this process, as a server: a full build, then a reload after a 1 % change."""
    settings = Settings(database_url=url)
    engine = create_db_engine(url)
    geo = load_geography(DATA)
    search = SearchRuntime.from_settings(settings)
    holder = SnapshotHolder(engine, partial(catalogue_cache.build_indexes, geo, search))
    full_s, full_cpu = timed(lambda: holder.refresh(force=True))
    results = {"build_s": full_s, "build_cpu_s": full_cpu}
    samples = []
    for round_ in range(3):
        changed = change_one_percent(url, round_)
        samples.append(timed(holder.refresh))
        assert holder.last_error is None
    results["changed"] = changed
    results["reload_s"] = min(s for s, _ in samples)
    results["reload_cpu_s"] = min(c for _, c in samples)
    engine.dispose()
    return results


def bench(count: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as work:
        url = f"sqlite:///{work}/bench.db"
        write_database(url, count)
        settings = Settings(database_url=url, cache_dir=Path(work) / "cache")
        result: dict[str, Any] = {"fiches": count, "charge": load_average()}
        result["sans_cache"] = cold_start(settings)
        build = [sys.executable, "-m", "directory.catalogue_cache"]
        started = time.perf_counter()
        subprocess.run(build, input=settings.model_dump_json(), text=True, check=True)
        result["construction_cache_s"] = time.perf_counter() - started
        result["avec_cache"] = cold_start(settings)
        result.update(reloads(url))
        result["charge_fin"] = load_average()
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(machine_line())
    print(f"processeurs : {os.cpu_count()}")
    for count in args.sizes:
        print(json.dumps(bench(count), indent=2), flush=True)


if __name__ == "__main__":
    main()
