"""The database schema's revision: Alembic upgrades, and the check that a database is the code's.

The revisions live in `versions/` inside the package, so they ship with it. `directory migrate`
brings a database to the newest one; the server and `directory sync` refuse a database at any
other revision, with a French message saying what to do, instead of reading it wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlmodel import SQLModel

from directory import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from directory.db import connect

MIGRATIONS_DIR = Path(__file__).resolve().parent
BASELINE = "0001_baseline"
# Databases made by `create_all` before migrations existed: the first revision whose schema
# they hold is told by a column that revision added.
LEGACY_MARKERS = (("0002_entry_format", "etat"),)


class SchemaRevisionError(Exception):
    """The database is not at the revision this code expects; the message says what to do."""


@dataclass(frozen=True)
class MigrationReport:
    before: str | None
    after: str
    created: bool = False  # the database was empty
    adopted: str | None = None  # pre-migration database, recognised at this revision

    def render(self) -> str:
        if self.created:
            return f"Base de données créée, révision « {self.after} »."
        lines = []
        if self.adopted:
            lines.append(
                "Base créée avant les migrations : reconnue à la révision "
                f"« {self.adopted} », fiches gardées."
            )
        if (self.adopted or self.before) == self.after:
            lines.append(f"Base de données déjà à jour, révision « {self.after} ».")
        else:
            lines.append(
                f"Base de données migrée de « {self.adopted or self.before} » à « {self.after} »."
            )
        return "\n".join(lines)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    """The revision this code reads and writes."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no revision in directory/migrations/versions"
    return head


def known_revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, target: str = "head") -> MigrationReport:
    """Bring the database to `target` (the newest revision by default), in one transaction."""
    target = head_revision() if target == "head" else target
    revisions = known_revisions()
    if target not in revisions:
        raise SchemaRevisionError(
            f"révision « {target} » inconnue ; révisions connues : {', '.join(revisions)}"
        )
    with engine.begin() as connection:
        config = alembic_config(connection)
        before = current_revision(connection)
        created = is_empty(connection)
        adopted = None
        if before is None and not created:
            adopted = _legacy_revision(connection)
            command.stamp(config, adopted)
        start = adopted or before
        if start is not None and start not in revisions:
            raise SchemaRevisionError(_unknown_revision(start))
        if start is None or revisions.index(target) >= revisions.index(start):
            command.upgrade(config, target)
        else:
            command.downgrade(config, target)
        if target == head_revision():
            _check_tables(connection)
    return MigrationReport(before=before, after=target, created=created, adopted=adopted)


def is_empty(connection: Connection) -> bool:
    """No revision and none of our tables: a database nobody has used yet."""
    if current_revision(connection) is not None:
        return False
    return not set(inspect(connection).get_table_names()) & _our_tables()


def check_database(engine: Engine) -> None:
    """The database answers (else DatabaseUnavailableError) and is at this code's revision."""
    with connect(engine) as connection:
        check_revision(connection)


def check_revision(connection: Connection) -> None:
    """Raise SchemaRevisionError unless the database is at this code's revision, whole."""
    expected = head_revision()
    current = current_revision(connection)
    if current == expected:
        _check_tables(connection)
        return
    if current is None:
        if not is_empty(connection):
            raise SchemaRevisionError(
                "la base de données a été créée avant les migrations : lancez "
                "« directory migrate » pour la mettre à jour (les fiches sont gardées)"
            )
        raise SchemaRevisionError(
            "la base de données est vide : lancez « directory migrate » pour la créer, "
            "puis « directory sync » pour charger le catalogue"
        )
    if current in known_revisions():
        raise SchemaRevisionError(
            f"la base de données est à la révision « {current} », cette version de "
            f"l'annuaire attend « {expected} » : lancez « directory migrate »"
        )
    raise SchemaRevisionError(_unknown_revision(current))


def _unknown_revision(current: str) -> str:
    return (
        f"la base de données est à la révision « {current} », inconnue de cette version de "
        f"l'annuaire (qui attend « {head_revision()} ») : elle a sans doute été migrée par une "
        "version plus récente ; mettez l'annuaire à jour sur cette machine"
    )


def _our_tables() -> set[str]:
    return set(SQLModel.metadata.tables)


def _legacy_revision(connection: Connection) -> str:
    """The revision whose schema a database made before migrations holds."""
    inspector = inspect(connection)
    if "solution" not in inspector.get_table_names():
        raise SchemaRevisionError(
            "la base de données contient des tables, mais pas celles de l'annuaire : "
            "vérifiez DATABASE_URL"
        )
    columns = {column["name"] for column in inspector.get_columns("solution")}
    found = BASELINE
    for revision, marker in LEGACY_MARKERS:
        if marker in columns:
            found = revision
    return found


def _check_tables(connection: Connection) -> None:
    """Every table and column the code reads is there (a hand-altered database is refused)."""
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    missing = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in present:
            missing.append(f"table « {table.name} »")
            continue
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        missing += [
            f"colonne « {table.name}.{c.name} »" for c in table.columns if c.name not in columns
        ]
    if missing:
        raise SchemaRevisionError(
            "la base de données ne correspond pas à sa révision : "
            + ", ".join(missing)
            + " absente(s). Restaurez une sauvegarde, ou videz la base puis lancez "
            "« directory migrate » et « directory sync »"
        )
