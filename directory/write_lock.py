"""One writer at a time: syncs, migrations and re-indexations of a database never run together.

PostgreSQL: a session-level advisory lock, keyed by the schema, so every machine sharing the
database sees it. SQLite: a lock file next to the database. Either is released by the system
when its process dies (even by `kill -9`): a crashed sync never blocks the next one.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from directory.db import connect

POLL_S = 0.2


class WriteInProgressError(Exception):
    """Another sync or migration holds the lock; the message is for the operator."""

    def __init__(self, waited_s: float) -> None:
        waited = f" (attendu {waited_s:g} s)" if waited_s else ""
        super().__init__(
            "une autre synchronisation, migration ou réindexation de cette base est en cours"
            + waited
            + " : "
            "rien n'a été modifié. Relancez la commande quand elle sera terminée, ou ajoutez "
            "« --attendre SECONDES » pour patienter"
        )


@contextmanager
def exclusive_write(engine: Engine, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the database's write lock for the block; WriteInProgressError if it is taken."""
    if engine.dialect.name == "postgresql":
        with connect(engine) as connection, _advisory_lock(connection, wait_s):
            yield
    else:
        with _file_lock(engine, wait_s):
            yield


@contextmanager
def _advisory_lock(connection: Connection, wait_s: float) -> Iterator[None]:
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    key = _lock_key(f"annuaire-mobilite:ecriture:{schema}")
    deadline = time.monotonic() + wait_s
    while not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
        connection.rollback()  # no transaction left open while we wait
        if time.monotonic() >= deadline:
            raise WriteInProgressError(wait_s)
        time.sleep(POLL_S)
    connection.commit()  # the lock belongs to the session, not to this transaction
    try:
        yield
    finally:
        try:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            connection.commit()
        except DBAPIError:
            pass  # the session is gone, and its lock with it


def _lock_key(name: str) -> int:
    """A stable signed 64-bit key (PostgreSQL's advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def _file_lock(engine: Engine, wait_s: float) -> Iterator[None]:
    database = engine.url.database
    if not database or database == ":memory:":
        yield  # a database in memory lives in one process only
        return
    lock = FileLock(Path(database).with_name(Path(database).name + ".ecriture.lock"))
    try:
        lock.acquire(timeout=wait_s, poll_interval=POLL_S)
    except Timeout:
        raise WriteInProgressError(wait_s) from None
    try:
        yield
    finally:
        lock.release()
