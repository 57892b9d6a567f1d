"""Benchmark of `directory check` and `directory sync` on a folder of 10,000 YAML entries.

The entries are copies of the real ones (data/solutions) with new ids and zones drawn from the
real Hérault communes, written as editors write them. Measured: reading and validating the
folder, the first sync (everything added), a second sync (nothing changed) with and without the
validation cache (CACHE_DIR, as `directory check` and `sync` use it) and a sync after 1 % of the
files changed. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

    .venv/bin/python scripts/bench_sync.py [--fiches 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from bench_support import machine_line
from sqlalchemy import text

from directory.catalogue.checks import TEMPLATE_PATH
from directory.catalogue.loader import CatalogueLoad, load_catalogue
from directory.catalogue.sync import sync_catalogue
from directory.catalogue.validation_cache import ValidationCache
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
    started, cpu = time.perf_counter(), time.process_time()
    result = action()  # type: ignore[operator]
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    print(f"| {label} | {wall:.1f} s | {used:.1f} s |")
    return result


def bench(url: str, folder: Path, paths: list[Path], name: str, cache_dir: Path) -> None:
    geo = load_geography(DATA)
    engine = create_db_engine(url)
    migrate(engine)
    shutil.rmtree(cache_dir, ignore_errors=True)

    def cached() -> CatalogueLoad:
        """As `directory check` and `sync` read the folder: with the validation cache."""
        cache = ValidationCache.for_folder(cache_dir, folder, DATA, TEMPLATE_PATH)
        load = load_catalogue(folder, geo, cache=cache)
        cache.save()
        return load

    print(f"\n**{name}**\n\n| étape | durée | processeur |\n| --- | ---: | ---: |")
    load = timed("lire et valider le dossier (check), cache vide", cached)
    assert load.ok, load.errors[:3]  # type: ignore[attr-defined]
    timed(
        "première synchronisation (tout ajouter), écriture seule",
        lambda: sync_catalogue(engine, load),
    )
    timed(
        "synchronisation sans changement, sans cache de validation",
        lambda: sync_catalogue(engine, load_catalogue(folder, geo)),
    )
    timed("synchronisation sans changement", lambda: sync_catalogue(engine, cached()))
    for path in paths[:: max(1, len(paths) // 100)]:
        path.write_text(path.read_text("utf-8").replace("n° ", "numéro "), "utf-8")
    timed("synchronisation après 1 % de fiches modifiées", lambda: sync_catalogue(engine, cached()))
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
        cache = Path(tmp) / "cache"
        print(f"Charge de la machine au départ : {Path('/proc/loadavg').read_text().split()[:3]}")
        bench(f"sqlite:///{Path(tmp) / 'bench.db'}", folder, paths, "SQLite", cache)
        postgres = os.environ.get("TEST_DATABASE_URL")
        if postgres:
            engine = create_db_engine(postgres)
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA IF EXISTS bench_sync CASCADE"))
                connection.execute(text("CREATE SCHEMA bench_sync"))
            engine.dispose()
            paths = write_folder(folder, args.fiches)  # back to the unmodified files
            url = f"{postgres}?options=-csearch_path%3Dbench_sync"
            bench(url, folder, paths, "PostgreSQL", cache)


if __name__ == "__main__":
    main()
