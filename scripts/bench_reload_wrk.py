"""Latency of the results page while a sync publishes a new version (wrk, 20 connections).

A folder of 10,000 YAML entries (bench_sync.py) is synced into a fresh SQLite database and
served by a real `directory serve` (one process). Then `wrk -c20` asks for a results page for
DURATION seconds, three times: with nothing else happening; while `directory sync` publishes
a version where 1 % of the entries changed (started a few seconds in); and while 1 % of the
entries is changed by one SQL statement, which shows the server's background reload alone
(the sync process also needs the processor). Each new version must be served before the end
of its run.

Needs the Debian package `wrk`.

    .venv/bin/python scripts/bench_reload_wrk.py [--fiches 10000] [--duree 30]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_support import machine_line
from bench_sync import write_folder

DIRECTORY = str(Path(sys.executable).with_name("directory"))
PAGE = "/recherche?q=transport+solidaire&commune=34142"
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk_command(url: str, seconds: int) -> list[str]:
    return ["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency", "--timeout", "10s", url]


def wrk(url: str, seconds: int) -> dict[str, float]:
    run = subprocess.run(wrk_command(url, seconds), check=True, capture_output=True, text=True)
    return wrk_output(run.stdout)


def health(base: str) -> dict[str, object]:
    with urllib.request.urlopen(f"{base}/health", timeout=10) as response:
        return dict(json.load(response))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fiches", type=int, default=10_000)
    parser.add_argument("--duree", type=int, default=30, help="secondes par mesure")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk est absent : apt-get install wrk")
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        folder = work / "solutions"
        folder.mkdir()
        paths = write_folder(folder, args.fiches)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{work}/bench.db",
            "CACHE_DIR": str(work / "cache"),
            "CATALOGUE_REFRESH_S": "2",
        }
        for command in (["migrate"], ["sync", str(folder)]):
            subprocess.run([DIRECTORY, *command], env=env, check=True, capture_output=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [DIRECTORY, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    version = health(base)["catalogue"]
                    break
                except OSError:
                    assert time.monotonic() < deadline and server.poll() is None
                    time.sleep(0.5)
            # The server has the catalogue kept by a builder process at start: measured
            # once it is done, so that both runs meet the same machine.
            while not list((work / "cache").glob("catalogue-*/version")):
                assert time.monotonic() < deadline
                time.sleep(1)
            wrk(base + PAGE, 5)  # warm-up
            print(machine_line())
            print(f"charge au départ : {load_average()}")
            quiet = wrk(base + PAGE, args.duree)
            print("sans synchronisation :", json.dumps(quiet))
            for path in paths[:: max(1, len(paths) // 100)]:
                path.write_text(path.read_text("utf-8").replace("n° ", "numéro "), "utf-8")
            measuring = subprocess.Popen(
                wrk_command(base + PAGE, args.duree), stdout=subprocess.PIPE, text=True
            )
            time.sleep(5)
            started = time.perf_counter()
            sync = subprocess.run(
                [DIRECTORY, "sync", str(folder)], env=env, capture_output=True, text=True
            )
            sync_s = time.perf_counter() - started
            out, _ = measuring.communicate()
            print(f"synchronisation : {sync_s:.1f} s ; {sync.stdout.strip().splitlines()[-1]}")
            after = health(base)["catalogue"]
            print(f"version servie avant : {version}, après : {after}")
            print(f"charge à la fin : {load_average()}")
            during = wrk_output(out)
            print("pendant la synchronisation :", json.dumps(during))
            # The server's reload alone: 1 % changed in the database by a statement that
            # costs next to nothing, so the process doing it takes no processor from the site.
            measuring = subprocess.Popen(
                wrk_command(base + PAGE, args.duree), stdout=subprocess.PIPE, text=True
            )
            time.sleep(5)
            with sqlite3.connect(work / "bench.db") as connection:
                connection.execute(
                    "UPDATE solution SET nom = nom || ' bis', empreinte = empreinte || 'x' "
                    "WHERE rowid % 100 = 7"
                )
                connection.execute("UPDATE cataloguestate SET version = version + 1")
            out, _ = measuring.communicate()
            print(f"version servie ensuite : {health(base)['catalogue']}")
            reload_only = wrk_output(out)
            print("pendant le rechargement seul :", json.dumps(reload_only))
        finally:
            server.terminate()
            server.wait(30)


def wrk_output(out: str) -> dict[str, float]:
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    assert latency, out
    result = {"max_ms": milliseconds(latency.group(3))}
    for percent, value in re.findall(r"^\s+(50|90|99)%\s+(\S+)$", out, re.MULTILINE):
        result[f"p{percent}_ms"] = milliseconds(value)
    result["req_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["erreurs"] = float(errors.group(1)) if errors else 0.0
    timeouts = re.search(r"timeout (\d+)", out)
    result["delais_depasses"] = float(timeouts.group(1)) if timeouts else 0.0
    return result


if __name__ == "__main__":
    main()
