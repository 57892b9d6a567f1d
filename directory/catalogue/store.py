"""Reading the synced catalogue back from the database."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from directory.models import CatalogueState, Solution

IDS_PER_QUERY = 500  # well under every database's limit of bound parameters


def read_state(session: Session) -> CatalogueState | None:
    return session.get(CatalogueState, 1)


def read_fingerprints(session: Session) -> dict[str, str]:
    """Each entry's content fingerprint, by id: what changed since a snapshot, without
    reading the entries."""
    return dict(session.exec(select(Solution.id, Solution.empreinte)).all())


def read_solutions(session: Session, ids: Sequence[str] | None = None) -> list[Solution]:
    """Every entry in id order, or only those named by `ids`."""
    if ids is None:
        return list(session.exec(select(Solution).order_by(col(Solution.id))).all())
    found: list[Solution] = []
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[start : start + IDS_PER_QUERY]
        found += session.exec(select(Solution).where(col(Solution.id).in_(chunk))).all()
    return sorted(found, key=lambda solution: solution.id)
