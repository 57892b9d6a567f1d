"""Shared fixtures: settings, a fresh database per test (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from directory.app import create_app
from directory.config import PROJECT_ROOT, Settings
from directory.db import normalize_url
from directory.geo import Geography, load_geography

DATA_DIR = PROJECT_ROOT / "data"
FIXTURES = Path(__file__).parent / "fixtures"
IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' validation and snapshot caches, out of the working tree's var/."""
    os.environ["CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    del os.environ["CACHE_DIR"]


def eventually(condition: Callable[[], bool], timeout_s: float = 10) -> bool:
    """True as soon as `condition` holds; False if it still does not after `timeout_s`
    (a new catalogue version is served once the background reload has built it)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.fixture(scope="session")
def geo() -> Geography:
    """The real COG 2026 geography (read-only, so shared)."""
    return load_geography(DATA_DIR)


def _postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if IN_CI:
            pytest.fail("CI doit fournir PostgreSQL (TEST_DATABASE_URL) : voir .ci/run")
        pytest.skip("PostgreSQL absent : lancez « eval $(scripts/pg_throwaway.sh start) »")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema in the test PostgreSQL server, dropped afterwards."""
    base = normalize_url(_postgres_url())
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'annuaire.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each database test runs on SQLite and on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return Settings(database_url=sqlite_url, data_dir=DATA_DIR, catalogue_refresh_s=0)


def sync_folder(settings: Settings, folder: Path) -> None:
    """Load a folder of entries into the settings' database, as `directory sync` does."""
    from directory.catalogue.loader import load_catalogue
    from directory.catalogue.sync import sync_catalogue
    from directory.db import create_db_engine
    from directory.migrations import migrate

    engine = create_db_engine(settings.database_url)
    migrate(engine)
    sync_catalogue(engine, load_catalogue(folder, load_geography(settings.data_dir)))
    engine.dispose()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The real app on the test entries (tests/fixtures/valid)."""
    sync_folder(settings, FIXTURES / "valid")
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def catalogue_client(settings: Settings) -> Iterator[TestClient]:
    """The real app on the real catalogue (data/solutions)."""
    sync_folder(settings, DATA_DIR / "solutions")
    with TestClient(create_app(settings)) as test_client:
        yield test_client
