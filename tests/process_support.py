"""Real `directory` processes for tests: the command as an operator runs it, and a lock holder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import DATA_DIR

DIRECTORY = str(Path(sys.executable).with_name("directory"))

# Another process holding the write lock of a database, as a running sync does.
LOCK_HOLDER = """
import sys
from directory.db import create_db_engine
from directory.write_lock import exclusive_write
with exclusive_write(create_db_engine(sys.argv[1])):
    print("verrou pris", flush=True)
    sys.stdin.read()
"""


def environment(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEILI_")}
    env.update(DATABASE_URL=database_url, DATA_DIR=str(DATA_DIR), **extra)
    return env


def run_directory(
    args: list[str], database_url: str, timeout: float = 120, **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DIRECTORY, *args],
        env=environment(database_url, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@contextmanager
def lock_held(database_url: str) -> Iterator[subprocess.Popen[str]]:
    """A separate process holding the database's write lock until its stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, database_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment(database_url),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "verrou pris"
        yield holder
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait(timeout=10)
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()
