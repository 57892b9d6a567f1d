"""Database engine from the settings, and the French report of a database that does not answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, event, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine


class DatabaseUnavailableError(Exception):
    """The database does not answer, or stopped answering; the message is for the operator."""

    def __init__(self, url: str, error: BaseException) -> None:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()
        super().__init__(
            f"la base de données ne répond pas ({safe_url(url)}) : vérifiez qu'elle est "
            "démarrée et joignable, et que DATABASE_URL est juste"
            + (f" (détail : {detail[0]})" if detail else "")
        )


def safe_url(url: str) -> str:
    """The URL as the operator writes it (no driver name), without its password."""
    parsed = make_url(url)
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)


@contextmanager
def connect(engine: Engine) -> Iterator[Connection]:
    """A connection; a database that refuses it raises DatabaseUnavailableError."""
    try:
        connection = engine.connect()
    except DBAPIError as error:
        raise DatabaseUnavailableError(str(engine.url), error) from error
    with connection:
        yield connection


def normalize_url(url: str) -> str:
    """postgres:// and postgresql:// use psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def create_db_engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        if url in {"sqlite://", "sqlite:///:memory:"}:
            # One shared connection, so every session sees the same in-memory database.
            engine = create_engine(
                "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
            )
        else:
            Path(url.split("///", 1)[-1]).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "connect", _sqlite_explicit_transactions)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # A database that does not answer must not hang requests: the catalogue is in memory.
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    # WAL lets the server read while `directory sync` writes in another process.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_explicit_transactions(connection: object, _record: object) -> None:
    # Transactions begin where SQLAlchemy says, not where the driver guesses: otherwise
    # Python's sqlite3 runs schema changes outside the transaction, and a failed migration
    # would leave half a schema behind.
    connection.isolation_level = None  # type: ignore[attr-defined]


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")
