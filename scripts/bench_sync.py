"""Benchmark of `directory check` and `directory sync` on a folder of 10,000 YAML entries.

The entries are copies of the real ones (data/solutions) with new ids and zones drawn from the
real Hérault communes, written as editors write them. Measured: reading and validating the
folder, the first sync (everything added), a second sync (nothing changed) and a sync after
1 % of the files changed. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

    .venv/bin/python scripts/bench_sync.py [--fiches 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import yaml
from bench_support import machine_line
from sqlalchemy import text

from directory.catalogue.loader import load_catalogue
from directory.catalogue.sync import sync_catalogue
from directory.config import PROJECT_ROOT
from directory.db import create_db_engine
from directory.geo import load_geography
from directory.migrations import migrate

DATA = PROJECT_ROOT / "data"


def write_folder(folder: Path, count: int, seed: int = 34) -> list[Path]:
    rng = random.Random(seed)
    geo = load_geography(DATA)
    herault = sorted(c for c, commune in geo.communes.items() if commune.departement == "34")
    sources = sorted((DATA / "solutions").glob("[!_]*.yaml"))
    entries = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sources]
    paths = []
    for number in range(count):
        entry = dict(rng.choice(entries))
        entry["nom"] = f"{entry['nom']} n° {number}"
        entry["zone"] = {"communes": rng.sample(herault, rng.randint(1, 3))}
        path = folder / f"fiche-{number:05d}.yaml"
        path.write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def timed(label: str, action: object) -> object:
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    print(f"| {label} | {time.perf_counter() - started:.1f} s |")
    return result


def bench(url: str, folder: Path, paths: list[Path], name: str) -> None:
    geo = load_geography(DATA)
    engine = create_db_engine(url)
    migrate(engine)
    print(f"\n**{name}**\n\n| étape | durée |\n| --- | ---: |")
    load = timed("lire et valider le dossier (check)", lambda: load_catalogue(folder, geo))
    assert load.ok, load.errors[:3]  # type: ignore[attr-defined]
    timed("première synchronisation (tout ajouter)", lambda: sync_catalogue(engine, load))
    timed(
        "synchronisation sans changement",
        lambda: sync_catalogue(engine, load_catalogue(folder, geo)),
    )
    for path in paths[:: max(1, len(paths) // 100)]:
        path.write_text(path.read_text("utf-8").replace("n° ", "numéro "), "utf-8")
    timed(
        "synchronisation après 1 % de fiches modifiées",
        lambda: sync_catalogue(engine, load_catalogue(folder, geo)),
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fiches", type=int, default=10_000)
    args = parser.parse_args()
    print(f"Machine : {machine_line()}\n{args.fiches} fiches YAML")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "solutions"
        folder.mkdir()
        paths = write_folder(folder, args.fiches)
        bench(f"sqlite:///{Path(tmp) / 'bench.db'}", folder, paths, "SQLite")
        postgres = os.environ.get("TEST_DATABASE_URL")
        if postgres:
            engine = create_db_engine(postgres)
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA IF EXISTS bench_sync CASCADE"))
                connection.execute(text("CREATE SCHEMA bench_sync"))
            engine.dispose()
            paths = write_folder(folder, args.fiches)  # back to the unmodified files
            url = f"{postgres}?options=-csearch_path%3Dbench_sync"
            bench(url, folder, paths, "PostgreSQL")


if __name__ == "__main__":
    main()
