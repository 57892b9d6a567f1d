"""Several servers on one database: each real `directory serve` process (or worker) sees a sync
within the refresh interval, with no message between them but the database."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from directory.cli import main
from directory.config import Settings

from .conftest import DATA_DIR, FIXTURES
from .process_support import DIRECTORY, environment

REFRESH_S = 0.5
# The refresh interval, plus the time a loaded machine takes to rebuild two entries' indexes.
SEEN_WITHIN_S = REFRESH_S + 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=10) as response:  # a new connection each time
        return dict(json.load(response))


@contextmanager
def serving(database_url: str, log: Path, *options: str) -> Iterator[str]:
    """A real `directory serve` on its own port; yields its base URL once it answers."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [DIRECTORY, "serve", "--port", str(port), *options],
            env=environment(database_url, CATALOGUE_REFRESH_S=str(REFRESH_S)),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text()
            try:
                get_json(f"{base}/health")
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def sync(database_url: str, folder: Path) -> None:
    settings = Settings(database_url=database_url, data_dir=DATA_DIR)
    out = io.StringIO()
    assert main(["sync", str(folder)], out=out, settings=settings) == 0, out.getvalue()


def renamed_entry_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    entry = folder / "aide-test-region.yaml"
    entry.write_text(entry.read_text("utf-8").replace("d'essai", "modifiée"), "utf-8")
    return folder


def name_served(base: str) -> str:
    return str(get_json(f"{base}/api/solutions/aide-test-region")["nom"])


def seconds_until_renamed(bases: list[str], since: float) -> list[float]:
    """For each server, the time from `since` until it serves the renamed entry."""
    seen: dict[str, float] = {}
    while len(seen) < len(bases) and time.monotonic() - since < SEEN_WITHIN_S:
        for base in bases:
            if base not in seen and name_served(base) == "Aide régionale modifiée":
                seen[base] = time.monotonic() - since
        time.sleep(0.05)
    assert len(seen) == len(bases), f"not seen by every server within {SEEN_WITHIN_S} s"
    return [seen[base] for base in bases]


@pytest.mark.postgres
def test_two_servers_on_one_postgresql_both_see_a_sync(postgres_url: str, tmp_path: Path) -> None:
    sync(postgres_url, FIXTURES / "valid")
    with (
        serving(postgres_url, tmp_path / "a.log") as first,
        serving(postgres_url, tmp_path / "b.log") as second,
    ):
        assert name_served(first) == name_served(second) == "Aide régionale d'essai"
        synced_at = time.monotonic()
        sync(postgres_url, renamed_entry_folder(tmp_path))
        seconds_until_renamed([first, second], synced_at)
        for base in (first, second):
            assert get_json(f"{base}/health")["catalogue"] == {"version": 2, "fiches": 2}


def test_serve_with_two_workers_answers_from_both_and_each_sees_a_sync(
    database_url: str, tmp_path: Path
) -> None:
    sync(database_url, FIXTURES / "valid")
    log = tmp_path / "serve.log"
    with serving(database_url, log, "--workers", "2") as base:
        deadline = time.monotonic() + 60
        while len(re.findall(r"Application startup complete", log.read_text())) < 2:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        started = set(re.findall(r"Started server process \[(\d+)\]", log.read_text()))
        assert len(started) == 2 and "died" not in log.read_text(), log.read_text()
        assert ", 2 processus" in log.read_text()
        synced_at = time.monotonic()
        sync(database_url, renamed_entry_folder(tmp_path))
        seconds_until_renamed([base], synced_at)
        # Whichever worker the system hands each new connection to, it soon serves the new
        # version: 30 answers in a row, on 30 connections, are all the new one.
        in_a_row = 0
        while in_a_row < 30:
            assert time.monotonic() - synced_at < SEEN_WITHIN_S, "a worker kept the old version"
            in_a_row = in_a_row + 1 if name_served(base) == "Aide régionale modifiée" else 0


def test_serve_refuses_a_number_of_workers_below_one(tmp_path: Path) -> None:
    done = subprocess.run(
        [DIRECTORY, "serve", "--workers", "0"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "--workers: « 0 » : un nombre entier, au moins 1" in done.stderr
