"""Reading the synced catalogue back from the database."""

from __future__ import annotations

from sqlmodel import Session, col, select

from directory.models import CatalogueState, Solution


def read_state(session: Session) -> CatalogueState | None:
    return session.get(CatalogueState, 1)


def read_solutions(session: Session) -> list[Solution]:
    return list(session.exec(select(Solution).order_by(col(Solution.id))).all())
