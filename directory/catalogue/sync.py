"""Load the validated catalogue into the database in one transaction: all of it, or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from directory.catalogue.loader import CatalogueLoad
from directory.migrations import check_revision
from directory.models import CatalogueState, Solution


class CatalogueInvalidError(Exception):
    """The folder has errors: the database was not touched."""

    def __init__(self, load: CatalogueLoad) -> None:
        super().__init__(f"{len(load.errors)} erreur(s) dans le catalogue")
        self.load = load


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    version: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def render(self) -> str:
        lines = [f"  + {i} (ajoutée)" for i in self.added]
        lines += [f"  ~ {i} (modifiée)" for i in self.changed]
        lines += [f"  - {i} (retirée)" for i in self.removed]
        total = len(self.added) + len(self.changed) + self.unchanged
        lines.append(
            f"Synchronisation terminée : {len(self.added)} ajoutée(s), "
            f"{len(self.changed)} modifiée(s), {len(self.removed)} retirée(s), "
            f"{self.unchanged} inchangée(s). {total} fiche(s) en base, version {self.version}."
        )
        return "\n".join(lines)


def sync_catalogue(engine: Engine, load: CatalogueLoad) -> SyncReport:
    """Make the database hold exactly the loaded entries. Refuses a catalogue with errors,
    and a database at another schema revision than the code's (SchemaRevisionError)."""
    if not load.ok:
        raise CatalogueInvalidError(load)
    report = SyncReport()
    incoming = {loaded.id: loaded for loaded in load.entries}
    with Session(engine) as session, session.begin():
        check_revision(session.connection())
        stored = dict(session.exec(select(Solution.id, Solution.empreinte)).all())
        for entry_id, loaded in incoming.items():
            fingerprint = loaded.fingerprint
            if entry_id not in stored:
                report.added.append(entry_id)
                session.add(loaded.to_record())
            elif stored[entry_id] != fingerprint:
                report.changed.append(entry_id)
                session.merge(loaded.to_record())
            else:
                report.unchanged += 1
        report.removed = sorted(set(stored) - set(incoming))
        if report.removed:
            session.execute(delete(Solution).where(col(Solution.id).in_(report.removed)))
        state = session.get(CatalogueState, 1) or CatalogueState(id=1)
        if report.has_changes or state.synced_at is None:
            state.version += 1
        state.synced_at = datetime.now(UTC)
        state.entries = len(incoming)
        report.version = state.version
        session.add(state)
    report.added.sort()
    report.changed.sort()
    return report
