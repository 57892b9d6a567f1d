"""Who may see and change what: roles, one structure's records, the programme's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from directory.programme.clock import aware
from directory.programme.errors import ForbiddenError
from directory.programme.sessions import Staff
from directory.programme.vocabulary import Role

EDIT_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class Scope:
    """Whose figures a page shows: one structure, or the whole programme (None)."""

    structure: str | None

    @property
    def programme(self) -> bool:
        return self.structure is None


def require(staff: Staff, role: Role) -> None:
    if staff.account.role.rank < role.rank:
        raise ForbiddenError(
            f"Cette page est réservée aux comptes « {role.label} »"
            + (" ou « Administration »." if role is Role.COORDINATION else ".")
        )


def sees_programme(staff: Staff) -> bool:
    return staff.account.role.rank >= Role.COORDINATION.rank


def scope_for(staff: Staff, requested: str | None, known: set[str]) -> Scope:
    """The coordination sees any structure or the programme; others only their own."""
    if requested and requested not in known:
        raise ForbiddenError(f"Structure inconnue « {requested[:40]} ».")
    if sees_programme(staff):
        return Scope(requested or None)
    if requested and requested != staff.account.structure:
        raise ForbiddenError("Vous ne voyez que les chiffres de votre structure.")
    return Scope(staff.account.structure)


def may_edit(
    staff: Staff, structure: str, author_id: int | None, created_at: datetime, now: datetime
) -> bool:
    """Correct or delete: one's own records (the coordination: its structure's) for 7 days."""
    if structure != staff.account.structure:
        return False
    if author_id != staff.id and not sees_programme(staff):
        return False
    return now - aware(created_at) <= EDIT_WINDOW


def edit_refusal(structure: str, staff: Staff) -> ForbiddenError:
    if structure != staff.account.structure:
        return ForbiddenError("Cet enregistrement appartient à une autre structure.")
    return ForbiddenError(
        "Un enregistrement se corrige ou se supprime pendant 7 jours, par la personne qui l'a "
        "saisi (ou la coordination de la structure)."
    )
