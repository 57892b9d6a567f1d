"""Benchmark of the matching (« mise en relation ») at 1k and 10k synthetic entries.

Synthetic entries are copies of the real catalogue's entries with their zone redrawn among the
real Hérault communes and intercommunalities (one to three communes, or one EPCI); the real
entries stay in, with their département, région or France zones. A second, harsher set also
turns one synthetic entry in ten into a département-, région- or France-wide one.

For each catalogue, varied situations (communes drawn from the Hérault, profiles, constraints,
destinations, times) are matched many times:
- « service »: situation -> worded, grouped results (what /api/match and /conseiller compute);
- « page »: GET /conseiller in-process (the same plus the HTML), at 10k only.
Figures are p50/p95/p99 in milliseconds of wall-clock time, and the p95 of the processor time
of the matching thread (what a busy, shared machine does not inflate). Usage:

    .venv/bin/python scripts/bench_match.py [--dossier data/solutions] [--requetes 400]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench_support import machine_line, percentiles
from fastapi.testclient import TestClient

from directory.app import create_app
from directory.catalogue.loader import load_catalogue
from directory.config import PROJECT_ROOT, Settings
from directory.db import create_db_engine
from directory.dependencies import current_snapshot
from directory.geo import Geography, load_geography
from directory.matching.index import prepare_index
from directory.matching.service import match_situation
from directory.matching.situation import Answer, CarAnswer, Constraint, Situation
from directory.migrations import migrate
from directory.models import Solution
from directory.snapshot import Snapshot
from directory.vocabulary import Purpose, Status

SIZES = (1_000, 10_000)
TODAY = date(2026, 12, 1)


def synthetic_catalogue(
    base: list[dict[str, Any]], size: int, geo: Geography, wide_share: float, seed: int
) -> Snapshot:
    rng = random.Random(seed)
    herault = sorted(c.code for c in geo.communes.values() if c.departement == "34")
    epcis = sorted({geo.communes[c].epci for c in herault if geo.communes[c].epci})
    wide = [{"departements": ["34"]}, {"regions": ["76"]}, {"france": True}]
    solutions: dict[str, Solution] = {}
    for entry in base:
        solutions[entry["id"]] = Solution.model_validate(entry)
        if len(solutions) >= size:
            break
    number = 0
    while len(solutions) < size:
        number += 1
        entry = dict(rng.choice(base))
        if rng.random() < wide_share:
            zone: dict[str, Any] = dict(rng.choice(wide))
        elif rng.random() < 0.6:
            zone = {"communes": rng.sample(herault, rng.randint(1, 3))}
        else:
            zone = {"epci": [rng.choice(epcis)]}
        entry["zone"] = zone
        if entry.get("destinations"):
            entry["destinations"] = {"communes": rng.sample(herault, rng.randint(1, 4))}
        if entry.get("dessert"):  # a line: stops drawn among the communes of the Hérault
            entry["dessert"] = {"communes": rng.sample(herault, rng.randint(2, 12))}
        entry["id"] = f"{entry['id']}-{number}"
        solutions[entry["id"]] = Solution.model_validate(entry)
    return Snapshot(version=1, synced_at=None, solutions=solutions)


def situations(geo: Geography, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    herault = sorted(c.nom for c in geo.communes.values() if c.departement == "34")
    found = []
    for _ in range(count):
        age = rng.randint(16, 85)
        statuses = [s.value for s in rng.sample(list(Status), rng.randint(0, 2))]
        if age > 60:
            statuses = ["retraite"]
        elif age < 26 and rng.random() < 0.5:
            statuses = ["demandeur-emploi", "jeune-mission-locale"]
        data: dict[str, Any] = {
            "commune": rng.choice(herault),
            "destinations": rng.sample(herault, rng.randint(0, 2)),
            "age": age,
            "statuts": statuses,
            "contraintes": [c.value for c in rng.sample(list(Constraint), rng.randint(0, 2))],
            "permis": rng.choice([None, *(a.value for a in Answer)]),
            "voiture": rng.choice([None, *(c.value for c in CarAnswer)]),
            "smartphone": rng.choice([None, *(a.value for a in Answer)]),
            "handicap": rng.choice([None, None, *(a.value for a in Answer)]),
            "motifs": [p.value for p in rng.sample(list(Purpose), rng.randint(0, 2))],
            "creneaux": rng.sample(["tot", "tard", "week-end"], rng.randint(0, 1)),
        }
        try:
            Situation.model_validate(data)
        except ValueError:
            continue  # a contradictory draw: the form would refuse it too
        found.append(data)
    return found


def p50_p95_p99(samples: list[float]) -> tuple[float, float, float]:
    cuts = percentiles(samples)
    return cuts["p50"], cuts["p95"], cuts["p99"]


def timed(run: Callable[[], object], repeat: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock milliseconds per call; with `cpu`, also the thread's processor time, which a
    machine shared with other work does not inflate."""
    samples = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        run()
        samples.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.thread_time() - start_cpu) * 1000)
    return samples


def base_entries(folder: Path, geo: Geography) -> list[dict[str, Any]]:
    load = load_catalogue(folder, geo, today=TODAY)
    return [
        {**e.entry.model_dump(), "id": e.id, "fichier": e.file, "empreinte": e.fingerprint}
        for e in load.entries
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", type=Path, default=PROJECT_ROOT / "data" / "solutions")
    parser.add_argument("--requetes", type=int, default=400)
    args = parser.parse_args()
    geo = load_geography(PROJECT_ROOT / "data")
    base = base_entries(args.dossier, geo)
    cases = situations(geo, 60, seed=1)
    print(f"Machine : {machine_line()}")
    print(f"Fiches de départ : {len(base)} ({args.dossier}) ; situations : {len(cases)}")
    print(f"Charge de la machine au départ : {os.getloadavg()[0]:.1f} (moyenne sur 1 min)")
    print(
        "| catalogue | zones larges | mesure | solutions proposées (moyenne) "
        "| p50 | p95 | p99 | p95 processeur |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    models = [Situation.model_validate(c) for c in cases]
    for wide_share in (0.0, 0.1):
        label = "10 %" if wide_share else "réelles seulement"
        for size in SIZES:
            snapshot = synthetic_catalogue(base, size, geo, wide_share, seed=size)
            print(service_line(snapshot, models, geo, args.requetes, label))
            if size == max(SIZES):
                print(page_line(snapshot, cases, args.requetes // 2, label))


def service_line(
    snapshot: Snapshot, models: list[Situation], geo: Geography, repeat: int, label: str
) -> str:
    started = time.perf_counter()
    prepare_index(snapshot)  # as the app does when it loads a catalogue
    built = (time.perf_counter() - started) * 1000
    proposed = [match_situation(m, snapshot, geo, TODAY).total for m in models]  # warm-up
    turn = iter(range(10**9))

    def one() -> object:
        return match_situation(models[next(turn) % len(models)], snapshot, geo, TODAY)

    cpu: list[float] = []
    p50, p95, p99 = p50_p95_p99(timed(one, repeat, cpu))
    cpu95 = p50_p95_p99(cpu)[1]
    size = f"{len(snapshot.solutions):,}".replace(",", " ")
    return (
        f"| {size} | {label} | service (index {built:.0f} ms) | "
        f"{statistics.mean(proposed):.0f} proposées | {p50:.1f} | {p95:.1f} | {p99:.1f} "
        f"| {cpu95:.1f} |"
    )


def page_line(snapshot: Snapshot, cases: list[dict[str, Any]], repeat: int, label: str) -> str:
    # The site refuses a database that is not at its revision: an empty, migrated one; the
    # catalogue itself is the benchmark's snapshot.
    folder = Path(tempfile.mkdtemp(prefix="bench-match-"))
    url = f"sqlite:///{folder / 'annuaire.db'}"
    engine = create_db_engine(url)
    migrate(engine)
    engine.dispose()
    settings = Settings(
        database_url=url, data_dir=PROJECT_ROOT / "data", cache_dir=folder / "cache"
    )
    app = create_app(settings)
    app.dependency_overrides[current_snapshot] = lambda: snapshot
    with TestClient(app) as client:
        turn = iter(range(10**9))

        def one() -> object:
            response = client.get("/conseiller", params=cases[next(turn) % len(cases)])
            assert response.status_code == 200, response.text[:300]
            return response

        timed(one, 10)
        p50, p95, p99 = p50_p95_p99(timed(one, repeat))
    size = f"{len(snapshot.solutions):,}".replace(",", " ")
    return f"| {size} | {label} | page /conseiller (HTML) | | {p50:.1f} | {p95:.1f} | {p99:.1f} | |"


if __name__ == "__main__":
    main()
