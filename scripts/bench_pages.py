"""Benchmark of the public pages at 10k synthetic entries: server time and weight on the wire.

The catalogue is the search benchmark's synthetic one (text from the real entries, zones from
real Hérault communes), written to a throwaway SQLite database; the real app serves it in-process
and the server time is read from each answer's Server-Timing header (time spent in the app,
not in the test client). Weights are the gzip-compressed bodies, as a browser receives them.

    .venv/bin/python scripts/bench_pages.py [--fiches 10000] [--requetes 300]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_search import synthetic_solutions
from bench_support import machine_line, percentiles
from fastapi.testclient import TestClient
from sqlmodel import Session

from directory.app import create_app
from directory.config import PROJECT_ROOT, Settings
from directory.db import create_db_engine
from directory.geo import load_geography
from directory.migrations import migrate
from directory.models import CatalogueState, Solution

DATA = PROJECT_ROOT / "data"
QUERIES = ["transport", "covoitrage", "garrage solidaire", "permis de conduir", "vélo", "bus"]
COMMUNES = ["Lodève", "34700", "Gignac", "Montpellier", "Bédarieux", "Saint-Pons-de-Thomières"]


def store_catalogue(url: str, solutions: list[Solution]) -> None:
    """A migrated database holding these entries as catalogue version 1 (the session
    expires them: read what is needed of them before)."""
    engine = create_db_engine(url)
    migrate(engine)
    with Session(engine) as session:
        session.add_all(solutions)
        entries = len(solutions)
        session.add(CatalogueState(id=1, version=1, synced_at=datetime.now(UTC), entries=entries))
        session.commit()
    engine.dispose()


def load_database(url: str, count: int) -> list[str]:
    solutions = synthetic_solutions(count, load_geography(DATA))
    ids = [s.id for s in solutions]
    store_catalogue(url, solutions)
    return ids


def page_mix(ids: list[str], rng: random.Random) -> dict[str, list[str]]:
    """Each page type with a few hundred realistic addresses."""
    return {
        "accueil": ["/"],
        "résultats : mots": [f"/recherche?q={q}" for q in QUERIES],
        "résultats : mots + commune + 3 filtres": [
            f"/recherche?q={q}&commune={c}&categorie=transport-a-la-demande&categorie=covoiturage"
            f"&frais=gratuit&acces=a-distance"
            for q in QUERIES
            for c in COMMUNES
        ],
        "résultats : tout parcourir, page 3": ["/recherche?page=3"],
        "fiche d'une solution": [f"/solutions/{i}" for i in rng.sample(ids, 200)],
        "territoire": [
            "/territoires/pays-coeur-d-herault",
            "/territoires/pays-haut-languedoc-et-vignobles",
        ],
    }


def server_ms(client: TestClient, path: str) -> tuple[float, int, int]:
    response = client.get(path, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200, (path, response.status_code)
    duration = float(re.search(r"dur=([\d.]+)", response.headers["server-timing"]).group(1))  # type: ignore[union-attr]
    wire = int(response.headers.get("content-length") or len(response.content))
    return duration, wire, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fiches", type=int, default=10_000)
    parser.add_argument("--requetes", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(34)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        ids = load_database(url, args.fiches)
        settings = Settings(database_url=url, data_dir=DATA, catalogue_refresh_s=3600)
        with TestClient(create_app(settings)) as client:
            ready = time.perf_counter() - started
            print(f"Machine : {machine_line()}")
            print(f"{args.fiches} fiches, base et index prêts en {ready:.1f} s\n")
            print("| page | p50 (ms) | p95 (ms) | p99 (ms) | transféré (gzip) | décompressé |")
            print("| --- | ---: | ---: | ---: | ---: | ---: |")
            for name, paths in page_mix(ids, rng).items():
                for path in paths[:20]:
                    server_ms(client, path)  # warm-up
                samples = [server_ms(client, rng.choice(paths)) for _ in range(args.requetes)]
                cuts = percentiles([s[0] for s in samples])
                wire = max(s[1] for s in samples) / 1024
                raw = max(s[2] for s in samples) / 1024
                print(
                    f"| {name} | {cuts['p50']:.1f} | {cuts['p95']:.1f} | {cuts['p99']:.1f} "
                    f"| {wire:.1f} Ko au plus | {raw:.1f} Ko au plus |"
                )


if __name__ == "__main__":
    main()
