"""`sync` makes the database hold exactly the folder, in one transaction (SQLite, PostgreSQL)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from directory.catalogue.loader import load_catalogue
from directory.catalogue.store import read_solutions, read_state
from directory.catalogue.sync import CatalogueInvalidError, sync_catalogue
from directory.db import create_db_engine
from directory.geo import Geography
from directory.migrations import migrate
from directory.vocabulary import Category, Status

from .conftest import FIXTURES


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = create_db_engine(database_url)
    migrate(engine)
    yield engine  # type: ignore[misc]
    engine.dispose()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", target)
    return target


def stored(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        return {s.id: s.nom for s in read_solutions(session)}


def test_first_sync_adds_every_entry_with_its_fields(
    engine: Engine, folder: Path, geo: Geography
) -> None:
    report = sync_catalogue(engine, load_catalogue(folder, geo))
    assert report.added == ["aide-test-region", "transport-test-lodeve"]
    assert report.version == 1
    with Session(engine) as session:
        aide = {s.id: s for s in read_solutions(session)}["aide-test-region"]
        assert aide.categorie is Category.AIDE_FINANCIERE
        assert aide.zone.regions == ["76"]
        assert aide.eligibilite.statuts == [Status.DEMANDEUR_EMPLOI]
        assert aide.eligibilite.age_max == 25
        assert aide.fichier.endswith("aide-test-region.yaml")


def test_sync_is_idempotent(engine: Engine, folder: Path, geo: Geography) -> None:
    sync_catalogue(engine, load_catalogue(folder, geo))
    again = sync_catalogue(engine, load_catalogue(folder, geo))
    assert not again.has_changes
    assert again.unchanged == 2
    assert again.version == 1  # nothing changed: servers need not reload


def test_sync_reports_changed_and_removed_entries(
    engine: Engine, folder: Path, geo: Geography
) -> None:
    sync_catalogue(engine, load_catalogue(folder, geo))
    path = folder / "transport-test-lodeve.yaml"
    path.write_text(path.read_text("utf-8").replace("3 € le trajet", "4 € le trajet"), "utf-8")
    (folder / "aide-test-region.yaml").unlink()
    report = sync_catalogue(engine, load_catalogue(folder, geo))
    assert report.changed == ["transport-test-lodeve"]
    assert report.removed == ["aide-test-region"]
    assert report.version == 2
    with Session(engine) as session:
        [solution] = read_solutions(session)
        assert solution.frais_precisions == "4 € le trajet."


def test_one_broken_file_leaves_the_database_untouched(
    engine: Engine, folder: Path, geo: Geography
) -> None:
    sync_catalogue(engine, load_catalogue(folder, geo))
    before = stored(engine)
    shutil.copy(FIXTURES / "broken" / "commune-inconnue.yaml", folder / "nouvelle.yaml")
    path = folder / "transport-test-lodeve.yaml"
    path.write_text(path.read_text("utf-8").replace("Transport de test", "Autre nom"), "utf-8")
    load = load_catalogue(folder, geo)
    with pytest.raises(CatalogueInvalidError) as caught:
        sync_catalogue(engine, load)
    assert caught.value.load.errors[0].file.endswith("nouvelle.yaml")
    assert stored(engine) == before
    with Session(engine) as session:
        state = read_state(session)
        assert state is not None and state.version == 1


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "broken").iterdir()))
def test_each_broken_file_is_refused_without_touching_the_database(
    engine: Engine, folder: Path, geo: Geography, name: str
) -> None:
    sync_catalogue(engine, load_catalogue(folder, geo))
    before = stored(engine)
    shutil.copy(FIXTURES / "broken" / name, folder / name)
    with pytest.raises(CatalogueInvalidError):
        sync_catalogue(engine, load_catalogue(folder, geo))
    assert stored(engine) == before
