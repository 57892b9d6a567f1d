"""Schema migrations: the models and the revisions agree, old databases are upgraded with their
data, and nothing reads a database at another revision (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import logging
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session

from directory.app import CatalogueUnreadableError, create_app
from directory.catalogue.store import read_solutions, read_state
from directory.cli import main
from directory.config import Settings
from directory.db import create_db_engine
from directory.migrations import (
    BASELINE,
    MIGRATIONS_DIR,
    SchemaRevisionError,
    alembic_config,
    head_revision,
    known_revisions,
    migrate,
)
from directory.snapshot import SnapshotHolder
from directory.vocabulary import Offer, ServiceState

from .conftest import DATA_DIR, FIXTURES, sync_folder

# Made by `directory sync tests/fixtures/valid` with the code of commit 0640af4 (before
# migrations existed, when `create_all` made the tables), then `sqlite3 annuaire.db .dump`.
LEGACY_DUMP = FIXTURES / "legacy" / "annuaire-0640af4.sql"


def cli(args: list[str], settings: Settings) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out, settings=settings), out.getvalue()


def settings_for(database_url: str) -> Settings:
    return Settings(database_url=database_url, data_dir=DATA_DIR, catalogue_refresh_s=0)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


def assert_models_match_the_database(engine: Engine) -> None:
    """Alembic's autogenerate finds nothing to add, drop or change (raises otherwise)."""
    with engine.connect() as connection:
        command.check(alembic_config(connection))


def load_legacy_database(engine: Engine) -> None:
    """The database an installation made before migrations existed, with its two entries."""
    dump = LEGACY_DUMP.read_text(encoding="utf-8")
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(str(engine.url.database)) as raw:
            raw.executescript(dump)
        return
    # PostgreSQL: the same rows in the baseline schema, which autogenerate wrote from the
    # models of that commit; then the revision table goes, as it did not exist then.
    migrate(engine, BASELINE)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        for statement in re.findall(r"^INSERT INTO .*;$", dump, flags=re.MULTILINE):
            connection.exec_driver_sql(statement)


def revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


# --- the revisions themselves ----------------------------------------------------------------


def test_a_fresh_database_migrated_to_the_newest_revision_matches_the_models(
    engine: Engine,
) -> None:
    report = migrate(engine)
    assert report.created and report.after == head_revision()
    assert_models_match_the_database(engine)


def test_every_revision_goes_down_to_the_baseline_and_up_again(engine: Engine) -> None:
    migrate(engine)
    assert migrate(engine, BASELINE).after == BASELINE
    columns = {c["name"] for c in inspect(engine).get_columns("solution")}
    assert "etat" not in columns and "nom" in columns
    migrate(engine)
    assert revision_of(engine) == head_revision()
    assert_models_match_the_database(engine)


def test_the_revisions_form_one_line_starting_at_the_baseline() -> None:
    revisions = known_revisions()
    assert revisions[0] == BASELINE and revisions[-1] == head_revision()
    assert all(len(revision) <= 32 for revision in revisions)  # alembic_version's column


def test_revisions_do_not_import_the_models() -> None:
    """A revision must mean the same forever: it cannot follow later changes of the code."""
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (directory|sqlmodel)\b", source, re.M), path.name


# --- upgrading a database that holds data ----------------------------------------------------


def test_a_database_from_before_migrations_is_upgraded_and_keeps_its_entries(
    database_url: str, engine: Engine
) -> None:
    load_legacy_database(engine)
    settings = settings_for(database_url)
    status, text_ = cli(["migrate"], settings)
    assert status == 0
    assert "reconnue à la révision « 0001_baseline », fiches gardées" in text_
    assert f"migrée de « 0001_baseline » à « {head_revision()} »" in text_
    assert_models_match_the_database(engine)

    with Session(engine) as session:
        solutions = {s.id: s for s in read_solutions(session)}
        state = read_state(session)
    assert sorted(solutions) == ["aide-test-region", "transport-test-lodeve"]
    assert state is not None and state.version == 1
    aide = solutions["aide-test-region"]
    assert aide.nom == "Aide régionale d'essai" and aide.zone.regions == ["76"]
    # The new fields claim nothing until the next sync reads them from the files.
    assert aide.etat is ServiceState.EN_SERVICE and aide.nature is Offer.SERVICE
    assert aide.date_source == "inconnue" and aide.autres_sources == [] and aide.dessert is None
    assert aide.montant_max is None

    # The site serves the upgraded entries at once, before any sync.
    with TestClient(create_app(settings)) as client:
        body = client.get("/api/solutions/transport-test-lodeve").json()
        assert body["nom"] == "Transport de test à Lodève"
        assert client.get("/health").json()["catalogue"] == {"version": 1, "fiches": 2}

    # The next sync rewrites every entry from its file, new fields included.
    status, text_ = cli(["sync", str(FIXTURES / "valid")], settings)
    assert status == 0 and "2 modifiée(s)" in text_ and "version 2" in text_
    with Session(engine) as session:
        aide = {s.id: s for s in read_solutions(session)}["aide-test-region"]
    assert aide.date_source == "2026-09-15"  # from the file, no longer « inconnue »


def test_a_database_at_the_baseline_revision_is_upgraded_with_its_entries(
    database_url: str, engine: Engine
) -> None:
    settings = settings_for(database_url)
    migrate(engine)
    sync_folder(settings, FIXTURES / "valid")
    migrate(engine, BASELINE)  # as an installation of the baseline release would hold it
    status, text_ = cli(["migrate"], settings)
    assert status == 0 and f"migrée de « 0001_baseline » à « {head_revision()} »" in text_
    with Session(engine) as session:
        assert len(read_solutions(session)) == 2
    assert_models_match_the_database(engine)


def test_migrate_twice_changes_nothing(sqlite_url: str) -> None:
    settings = settings_for(sqlite_url)
    assert cli(["migrate"], settings) == (
        0,
        f"Base de données créée, révision « {head_revision()} ».\n",
    )
    assert cli(["migrate"], settings) == (
        0,
        f"Base de données déjà à jour, révision « {head_revision()} ».\n",
    )


def test_an_unknown_target_revision_is_refused_in_french(sqlite_url: str) -> None:
    status, text_ = cli(["migrate", "--vers", "9999_futur"], settings_for(sqlite_url))
    assert status == 1
    assert text_.startswith("Migration impossible : révision « 9999_futur » inconnue ;")


# --- nothing reads a database at another revision --------------------------------------------


def test_the_server_refuses_a_database_behind_the_code_and_says_what_to_do(
    database_url: str, engine: Engine
) -> None:
    settings = settings_for(database_url)
    migrate(engine)
    sync_folder(settings, FIXTURES / "valid")
    migrate(engine, BASELINE)
    status, text_ = cli(["serve"], settings)  # refused before listening
    assert status == 1
    assert text_ == (
        "Le site ne démarre pas : la base de données est à la révision « 0001_baseline », "
        f"cette version de l'annuaire attend « {head_revision()} » : lancez "
        "« directory migrate ».\n"
    )
    with pytest.raises(SchemaRevisionError, match="lancez « directory migrate »"):  # noqa: SIM117
        with TestClient(create_app(settings)):
            pass


def test_sync_refuses_a_database_behind_the_code_and_changes_nothing(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    settings = settings_for(database_url)
    migrate(engine, BASELINE)
    status, text_ = cli(["sync", str(FIXTURES / "valid")], settings)
    assert status == 1
    assert "Synchronisation impossible : la base de données est à la révision" in text_
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM solution")).scalar() == 0


def test_a_database_migrated_by_a_newer_release_is_named_as_such(
    database_url: str, engine: Engine
) -> None:
    settings = settings_for(database_url)
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_futur'"))
    for command_ in (["serve"], ["sync", str(FIXTURES / "valid")]):
        status, text_ = cli(command_, settings)
        assert status == 1
        assert "à la révision « 0099_futur », inconnue de cette version de l'annuaire" in text_
        assert "mettez l'annuaire à jour sur cette machine" in text_


def test_a_database_from_before_migrations_is_not_served_until_migrated(
    database_url: str, engine: Engine
) -> None:
    load_legacy_database(engine)
    status, text_ = cli(["serve"], settings_for(database_url))
    assert status == 1
    assert "créée avant les migrations : lancez « directory migrate »" in text_


def test_an_empty_database_is_not_served_but_the_first_sync_creates_it(sqlite_url: str) -> None:
    settings = settings_for(sqlite_url)
    status, text_ = cli(["serve"], settings)
    assert status == 1 and "la base de données est vide : lancez « directory migrate »" in text_
    status, text_ = cli(["sync", str(FIXTURES / "valid")], settings)
    assert status == 0
    assert text_.startswith(f"Base de données créée, révision « {head_revision()} ».\n")
    assert "2 ajoutée(s)" in text_


def test_a_dropped_column_is_named_instead_of_serving_an_empty_catalogue(
    database_url: str, engine: Engine
) -> None:
    """The failure the issue measured: a column gone, `sync` said « inchangée(s) » and the
    server then served 0 entries."""
    settings = settings_for(database_url)
    migrate(engine)
    sync_folder(settings, FIXTURES / "valid")
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE solution DROP COLUMN nature"))
    status, text_ = cli(["sync", str(FIXTURES / "valid")], settings)
    assert status == 1
    assert "colonne « solution.nature » absente(s)" in text_
    status, text_ = cli(["serve"], settings)
    assert status == 1 and "colonne « solution.nature » absente(s)" in text_


def test_a_running_server_keeps_its_catalogue_when_the_database_changes_revision(
    database_url: str, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(database_url)
    migrate(engine)
    sync_folder(settings, FIXTURES / "valid")
    with TestClient(create_app(settings)) as client:
        holder: SnapshotHolder = client.app.state.catalogue  # type: ignore[attr-defined]
        assert holder.current().version == 1
        # A newer release migrates the database and publishes a new catalogue version.
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0099_futur'"))
            connection.execute(text("UPDATE cataloguestate SET version = 2"))
        with caplog.at_level(logging.ERROR, logger="directory.snapshot"):
            health = client.get("/health").json()
        assert health["catalogue"] == {"version": 1, "fiches": 2}
        assert health["status"] == "degraded"
        assert client.get("/api/solutions/aide-test-region").json()["nom"] == (
            "Aide régionale d'essai"
        )
    assert "la version 1 reste en service" in caplog.text
    assert "inconnue de cette version de l'annuaire" in caplog.text


def test_a_catalogue_that_cannot_be_read_at_start_stops_the_server_instead_of_serving_nothing(
    database_url: str, engine: Engine
) -> None:
    settings = settings_for(database_url)
    migrate(engine)
    sync_folder(settings, FIXTURES / "valid")
    with engine.begin() as connection:  # a row no release of the code wrote
        connection.execute(text("UPDATE solution SET categorie = 'teleportation'"))
    with pytest.raises(CatalogueUnreadableError, match="le catalogue n'a pas pu être lu"):  # noqa: SIM117
        with TestClient(create_app(settings)):
            pass
