"""Results-page throughput over HTTP, against Datasette on the same synthetic entries.

One run measures, with `wrk` (Debian package) and several connections at once:

- this site (`directory serve`: one process, the embedded engine, SQLite) on a rotation of
  13 results pages (words, words + commune + filters, browsing page 3), gzip accepted as a
  browser does; with `--avant DIR`, another checkout of the project too (its own `.venv`, from
  `make install` there), to compare before and after a change in the same conditions;
- Datasette, installed from PyPI into a throwaway virtual environment for this run only, serving
  the same entries from a SQLite table with full-text search and facets on categorie,
  territoire, public and frais, its facet suggestions off, on the equivalent pages: once with
  territoire and public counted value by value (array facets, what this site's facets count),
  once with Datasette's cheapest facets (each distinct list counted as one value).

The servers take turns (`--tours` rounds), so that the neighbours' load weighs on all alike.
Besides requests per second, the script reads each server's CPU time in /proc (its worker
processes included): the processor milliseconds spent per page, which the neighbours' load
changes much less. `--processus N` serves the site with N worker processes (`--workers`).

    .venv/bin/python scripts/bench_http.py [--fiches 10000] [--duree 20] [--connexions 20]
        [--tours 3] [--sans-datasette] [--avant AUTRE_ARBRE] [--processus 1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_pages import COMMUNES, QUERIES, store_catalogue
from bench_search import synthetic_solutions
from bench_support import machine_line

from directory.config import PROJECT_ROOT
from directory.db import create_db_engine
from directory.geo import Geography, load_geography
from directory.migrations import migrate
from directory.models import Solution

DATA = PROJECT_ROOT / "data"
PER_PAGE = 20
FILTERED = "categorie=transport-a-la-demande&categorie=covoiturage&frais=gratuit"


# --- the same entries, twice ---------------------------------------------------------------


def write_databases(folder: Path, count: int) -> tuple[str, Path]:
    """This site's database (migrated, one catalogue version) and Datasette's table."""
    geo = load_geography(DATA)
    solutions = synthetic_solutions(count, geo)
    rows = [datasette_row(solution, geo) for solution in solutions]
    url = f"sqlite:///{folder / 'annuaire.db'}"
    store_catalogue(url, solutions)
    return url, write_datasette_table(folder / "datasette.db", rows)


def older_copy(folder: Path, code: Path) -> str:
    """A copy of the site's database taken back to the revision another checkout expects
    (the same entries; that checkout refuses a database migrated beyond its own code)."""
    python = str(code / ".venv" / "bin" / "python")
    ask = "from directory.migrations import head_revision; print(head_revision())"
    revision = subprocess.run(
        [python, "-P", "-c", ask], check=True, capture_output=True, text=True, cwd=code
    ).stdout.strip()
    shutil.copyfile(folder / "annuaire.db", folder / "annuaire-avant.db")
    url = f"sqlite:///{folder / 'annuaire-avant.db'}"
    engine = create_db_engine(url)
    migrate(engine, revision)
    engine.dispose()
    return url


def datasette_row(solution: Solution, geo: Geography) -> dict[str, Any]:
    """An entry as a flat row: the four facets (lists as JSON arrays) and the texts shown."""
    return {
        "id": solution.id,
        "nom": solution.nom,
        "categorie": solution.categorie.value,
        "territoire": json.dumps(geo.territory_ids_of_zone(solution.zone)),
        "public": json.dumps([p.value for p in solution.publics]),
        "frais": solution.frais.value if solution.frais else "non-renseigne",
        "description": solution.description,
        "zone": ", ".join(geo.describe_zone(solution.zone)),
    }


def write_datasette_table(path: Path, rows: list[dict[str, Any]]) -> Path:
    columns = list(rows[0])
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE solutions ({', '.join(columns)}, PRIMARY KEY (id))")
        db.executemany(
            f"INSERT INTO solutions VALUES ({', '.join('?' * len(columns))})",
            [tuple(row.values()) for row in rows],
        )
        # Datasette finds this table and offers `_search` on the entries.
        db.execute(
            "CREATE VIRTUAL TABLE solutions_fts USING fts5"
            '(nom, description, content="solutions", content_rowid=rowid)'
        )
        db.execute("INSERT INTO solutions_fts(solutions_fts) VALUES ('rebuild')")
    return path


# --- the pages -----------------------------------------------------------------------------


def site_paths() -> list[str]:
    words = [f"/recherche?q={quote(q)}" for q in QUERIES]
    filtered = [
        f"/recherche?q={quote(q)}&commune={quote(c)}&{FILTERED}&acces=a-distance"
        for q, c in zip(QUERIES, COMMUNES, strict=True)
    ]
    return [*words, *filtered, "/recherche?page=3"]


def datasette_paths() -> list[str]:
    table = f"/datasette/solutions?_size={PER_PAGE}"
    words = [f"{table}&_search={quote(q)}" for q in QUERIES]
    filtered = [
        f"{table}&_search={quote(q)}&categorie__in=transport-a-la-demande,covoiturage&frais=gratuit"
        for q in QUERIES
    ]
    return [*words, *filtered, f"{table}&_next={2 * PER_PAGE}"]


ROTATION = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
"""


# --- servers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
            raise SystemExit(f"Le serveur s'est arrêté au démarrage ({url}) :\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Le serveur ne répond pas : {url}")


def wait_until_idle(pid: int) -> None:
    """Until the server and its processes rest: the site writes its catalogue cache in a
    background process after it starts (catalogue_cache), which must not weigh on a measure."""
    deadline, quiet = time.monotonic() + 180, 0
    while quiet < 2 and time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(1)
        quiet = quiet + 1 if cpu_seconds(pid) - before < 0.05 else 0


@contextmanager
def running(server: Server, log: Path) -> Iterator[int]:
    """A server started for the measure, stopped afterwards; yields its process id."""
    with log.open("wb") as output:
        process = subprocess.Popen(server.command, env=server.env, stdout=output, stderr=output)
    try:
        wait_until_up(server.base + server.probe, process, log)
        wait_until_idle(process.pid)
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def site_server(
    database_url: str, port: int, code: Path | None, workers: int, cache: Path
) -> tuple[list[str], dict[str, str]]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DATA_DIR": str(DATA),
        "CATALOGUE_REFRESH_S": "3600",
        "MEILI_URL": "",
        "CACHE_DIR": str(cache),
    }
    # Another checkout runs with its own environment (`make install` there): its own
    # dependencies, as they were at that commit.
    # -P: the other checkout's own package, not the one in the working directory.
    python = [str(code / ".venv" / "bin" / "python"), "-P"] if code else [sys.executable]
    command = [*python, "-m", "directory", "serve", "--port", str(port)]
    return [*command, "--workers", str(workers)] if workers > 1 else command, env


def datasette_venv(folder: Path) -> Path:
    """Datasette from PyPI, in a virtual environment that dies with this run."""
    venv = folder / "venv-datasette"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "datasette"],
        capture_output=True,
        text=True,
    )
    if installed.returncode:
        raise SystemExit(f"Datasette ne s'installe pas :\n{installed.stderr}")
    return venv


def datasette_version(venv: Path) -> str:
    answer = subprocess.run(
        [str(venv / "bin" / "datasette"), "--version"], capture_output=True, text=True, check=True
    )
    return answer.stdout.strip()


def datasette_server(venv: Path, database: Path, port: int, per_value: bool) -> list[str]:
    """Facets on the four columns, suggestions off, the file opened read-only (`-i`: Datasette
    then counts the whole table once). `per_value`: territoire and public are counted value by
    value (array facets), as this site counts them; otherwise each distinct list counts as one
    value, Datasette's cheapest facets."""
    lists: list[object] = (
        [{"array": "territoire"}, {"array": "public"}] if per_value else ["territoire", "public"]
    )
    facets = ["categorie", *lists, "frais"]
    metadata = database.with_name(f"metadata-{port}.json")
    tables = {"solutions": {"facets": facets}}
    metadata.write_text(json.dumps({"databases": {database.stem: {"tables": tables}}}))
    settings = ["--setting", "suggest_facets", "off"]
    return [
        str(venv / "bin" / "datasette"),
        "serve",
        "-i",
        str(database),
        "--metadata",
        str(metadata),
        "--port",
        str(port),
        *settings,
    ]


def check_datasette_search(base: str) -> None:
    """`_search` must filter (a table without full-text search ignores it silently)."""
    with urllib.request.urlopen(f"{base}/datasette/solutions.json?_search=transport") as answer:
        found = json.load(answer)["filtered_table_rows_count"]
    with urllib.request.urlopen(f"{base}/datasette/solutions.json") as answer:
        every = json.load(answer)["filtered_table_rows_count"]
    if not 0 < found < every:
        raise SystemExit(f"La recherche plein texte de Datasette ne filtre pas ({found}/{every}).")


@dataclass
class Server:
    name: str
    command: list[str]
    env: dict[str, str]
    port: int
    paths: list[str]
    probe: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def check_site_results(base: str) -> None:
    with urllib.request.urlopen(f"{base}/recherche?q=transport") as answer:
        if 'class="result__title"' not in answer.read().decode():
            raise SystemExit("La page de résultats du site ne montre aucun résultat.")


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Measure:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_page: float
    requests: int


def cpu_seconds(pid: int) -> float:
    """Processor time of a server and of its worker processes (`--processus`)."""
    ticks, parents = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that just ended
            continue
        number = int(stat.parent.name)
        parents[number] = int(fields[1])
        ticks[number] = int(fields[11]) + int(fields[12])
    family, grew = {pid}, True
    while grew:
        children = {child for child, parent in parents.items() if parent in family}
        grew = not children <= family
        family |= children
    return sum(ticks.get(member, 0) for member in family) / os.sysconf("SC_CLK_TCK")


def wrk(server: Server, pid: int, seconds: int, connections: int, folder: Path) -> Measure:
    base = server.base
    script = folder / "rotation.lua"
    script.write_text(ROTATION % ", ".join(json.dumps(p) for p in server.paths))
    for path in server.paths:  # every page answers, before anything is timed
        with urllib.request.urlopen(base + path, timeout=30) as answer:
            assert answer.status == 200, path
    warm = ["wrk", "-t1", f"-c{connections}", "-d3s", "--timeout", "30s", "-s", str(script), base]
    subprocess.run(warm, check=True, capture_output=True)
    cpu_before = cpu_seconds(pid)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    command += ["-s", str(script)]
    output = subprocess.run([*command, base], check=True, capture_output=True, text=True).stdout
    cpu = cpu_seconds(pid) - cpu_before
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"Erreurs pendant la mesure :\n{output}")
    count = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    return Measure(
        requests_per_s=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        p50_ms=_latency(output, "50%"),
        p99_ms=_latency(output, "99%"),
        cpu_ms_per_page=cpu * 1000 / count,
        requests=count,
    )


def _latency(output: str, cut: str) -> float:
    value, unit = re.search(rf"{cut}\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def servers(args: argparse.Namespace, folder: Path) -> tuple[list[Server], str]:
    site_db, datasette_db = write_databases(folder, args.fiches)
    found = []
    if args.avant:
        command, env = site_server(
            older_copy(folder, args.avant),
            port := free_port(),
            args.avant,
            args.processus,
            folder / "cache-avant",
        )
        found.append(Server("avant", command, env, port, site_paths(), "/health"))
    command, env = site_server(
        site_db, port := free_port(), None, args.processus, folder / "cache-site"
    )
    found.append(Server("site", command, env, port, site_paths(), "/health"))
    if args.sans_datasette:
        return found, ""
    venv = datasette_venv(folder)
    for name, per_value in (("Datasette (par valeur)", True), ("Datasette (simples)", False)):
        port = free_port()
        command = datasette_server(venv, datasette_db, port, per_value)
        found.append(
            Server(name, command, dict(os.environ), port, datasette_paths(), "/-/versions")
        )
    return found, datasette_version(venv)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def french(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fiches", type=int, default=10_000)
    parser.add_argument("--duree", type=int, default=20, help="secondes par mesure")
    parser.add_argument("--connexions", type=int, default=20)
    parser.add_argument("--tours", type=int, default=3)
    parser.add_argument("--sans-datasette", action="store_true")
    parser.add_argument("--avant", type=Path, help="un autre arbre du projet, mesuré aussi")
    parser.add_argument("--processus", type=int, default=1, help="processus du site (--workers)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk manque : apt-get install wrk")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        measured, version = servers(args, folder)
        print(f"Machine : {machine_line()}")
        print(
            f"{args.fiches} fiches, wrk -t1 -c{args.connexions} -d{args.duree}s, "
            f"{len(site_paths())} pages de résultats tour à tour, gzip accepté"
            f"{f' ; {version}' if version else ''}\n"
        )
        print("| serveur | tour | req/s | p50 (ms) | p99 (ms) | processeur (ms/page) | charge |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        results: dict[str, list[Measure]] = {server.name: [] for server in measured}
        with ExitStack() as stack:  # every server up, idle while another is measured
            pids = [
                stack.enter_context(running(s, folder / f"serveur-{s.port}.log")) for s in measured
            ]
            for server in measured:
                if server.name.startswith("Datasette"):
                    check_datasette_search(server.base)
                else:
                    check_site_results(server.base)
            for tour in range(1, args.tours + 1):
                for server, pid in zip(measured, pids, strict=True):
                    measure = wrk(server, pid, args.duree, args.connexions, folder)
                    results[server.name].append(measure)
                    print(
                        f"| {server.name} | {tour} | {french(measure.requests_per_s, 0)} "
                        f"| {french(measure.p50_ms, 1)} | {french(measure.p99_ms, 1)} "
                        f"| {french(measure.cpu_ms_per_page, 2)} | {load_average()} |",
                        flush=True,
                    )
        summary(results)


def summary(results: dict[str, list[Measure]]) -> None:
    rate = {name: median([m.requests_per_s for m in runs]) for name, runs in results.items()}
    cpu = {name: median([m.cpu_ms_per_page for m in runs]) for name, runs in results.items()}
    print("\nMédianes des tours :\n")
    print("| serveur | req/s | processeur (ms/page) | site : × req/s | site : × processeur |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in results:
        print(
            f"| {name} | {french(rate[name], 0)} | {french(cpu[name], 2)} "
            f"| {french(rate['site'] / rate[name], 1)} | {french(cpu[name] / cpu['site'], 1)} |"
        )


if __name__ == "__main__":
    main()
