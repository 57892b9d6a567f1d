"""The partners' space tables: accounts and sessions, anonymous records, unanswered searches.

No column holds a name, a free text or an exact age. Multi-valued categories of a record
(statuses, needs, solutions handed over…) live in `RecordTag` rows so that figures are counted
by the database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from directory.columns import EnumText
from directory.programme.vocabulary import (
    AgeBracket,
    Channel,
    Duration,
    Employment,
    EventKind,
    NeedMet,
    Role,
    SolutionUse,
    Theme,
    TripMode,
)


def _when(**kwargs: Any) -> Any:
    return Field(sa_type=DateTime(timezone=True), **kwargs)


class StaffAccount(SQLModel, table=True):
    __tablename__ = "compte"

    id: int | None = Field(default=None, primary_key=True)
    identifiant: str = Field(max_length=64, unique=True, index=True)
    structure: str = Field(max_length=80, index=True)
    role: Role = Field(sa_type=EnumText(Role))
    password_hash: str = Field(max_length=255)
    must_change_password: bool = True
    active: bool = True
    created_at: datetime = _when()
    password_changed_at: datetime = _when()


class StaffSession(SQLModel, table=True):
    """A signed-in browser. The cookie holds a random token; only its hash is stored here."""

    __tablename__ = "session_compte"

    token_hash: str = Field(primary_key=True, max_length=64)
    account_id: int = Field(foreign_key="compte.id", index=True, ondelete="CASCADE")
    csrf_secret: str = Field(max_length=64)
    created_at: datetime = _when()
    last_seen_at: datetime = _when()


class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins per identifier and per client address (hashed) in the current window."""

    __tablename__ = "limite_connexion"

    key: str = Field(primary_key=True, max_length=80)
    window_start: datetime = _when()
    failures: int = 0
    locked_until: datetime | None = _when(default=None)


class SpentFormToken(SQLModel, table=True):
    """A form already sent: the same form sent again is refused (replay)."""

    __tablename__ = "formulaire_envoye"

    token_hash: str = Field(primary_key=True, max_length=64)
    expires_at: datetime = _when(index=True)


class DeskRecord(SQLModel, table=True):
    """One info-mobility desk session, counted without identity."""

    __tablename__ = "entretien"
    __table_args__ = (
        UniqueConstraint("structure", "import_key", name="uq_entretien_import"),
        Index("ix_entretien_structure_jour", "structure", "jour"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reference: str | None = Field(default=None, max_length=12, unique=True)
    structure: str = Field(max_length=80)
    territoire: str = Field(max_length=80)
    jour: date = Field(index=True)
    canal: Channel = Field(sa_type=EnumText(Channel))
    commune: str | None = Field(default=None, max_length=5, index=True)
    epci: str | None = Field(default=None, max_length=9, index=True)
    tranche_age: AgeBracket | None = Field(default=None, sa_type=EnumText(AgeBracket))
    duree: Duration | None = Field(default=None, sa_type=EnumText(Duration))
    besoin_couvert: NeedMet | None = Field(default=None, sa_type=EnumText(NeedMet))
    author_id: int | None = Field(default=None, foreign_key="compte.id", ondelete="SET NULL")
    import_key: str | None = Field(default=None, max_length=80)
    created_at: datetime = _when()
    updated_at: datetime = _when()


class RecordTag(SQLModel, table=True):
    """A multi-valued category of a desk record: statut, contrainte, besoin, non-couvert,
    solution."""

    __tablename__ = "entretien_categorie"
    __table_args__ = (Index("ix_entretien_categorie_kind", "kind", "value"),)

    record_id: int = Field(foreign_key="entretien.id", primary_key=True, ondelete="CASCADE")
    kind: str = Field(primary_key=True, max_length=20)
    value: str = Field(primary_key=True, max_length=120)


class FollowUp(SQLModel, table=True):
    """What happened after a desk session, told by the person quoting their reference."""

    __tablename__ = "suivi"

    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="entretien.id", unique=True, ondelete="CASCADE")
    jour: date
    solution_utilisee: SolutionUse = Field(sa_type=EnumText(SolutionUse))
    emploi: Employment | None = Field(default=None, sa_type=EnumText(Employment))
    author_id: int | None = Field(default=None, foreign_key="compte.id", ondelete="SET NULL")
    created_at: datetime = _when()
    updated_at: datetime = _when()


class ReplacedTrip(SQLModel, table=True):
    """A regular trip once made by car, now made another way."""

    __tablename__ = "trajet_remplace"

    id: int | None = Field(default=None, primary_key=True)
    follow_up_id: int = Field(foreign_key="suivi.id", index=True, ondelete="CASCADE")
    distance_km: int
    par_semaine: int
    mode: TripMode = Field(sa_type=EnumText(TripMode))


class GroupEvent(SQLModel, table=True):
    """A workshop for the public, or an awareness session for professionals."""

    __tablename__ = "action_collective"
    __table_args__ = (
        UniqueConstraint("structure", "import_key", name="uq_action_import"),
        Index("ix_action_structure_jour", "structure", "jour"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: EventKind = Field(sa_type=EnumText(EventKind))
    structure: str = Field(max_length=80)
    territoire: str = Field(max_length=80)
    jour: date = Field(index=True)
    commune: str = Field(max_length=5)
    epci: str | None = Field(default=None, max_length=9)
    theme: Theme = Field(sa_type=EnumText(Theme))
    participants: int
    professionnels: int | None = None
    duree_heures: float | None = None
    author_id: int | None = Field(default=None, foreign_key="compte.id", ondelete="SET NULL")
    import_key: str | None = Field(default=None, max_length=80)
    created_at: datetime = _when()
    updated_at: datetime = _when()


class EventTag(SQLModel, table=True):
    """A multi-valued category of an event: public, organisation."""

    __tablename__ = "action_categorie"

    event_id: int = Field(foreign_key="action_collective.id", primary_key=True, ondelete="CASCADE")
    kind: str = Field(primary_key=True, max_length=20)
    value: str = Field(primary_key=True, max_length=120)


class SearchGap(SQLModel, table=True):
    """Public searches that found nothing, per day, word of the search vocabulary and commune.

    The raw query is never stored: only a known word, and how many times it was searched.
    """

    __tablename__ = "recherche_sans_resultat"

    jour: date = Field(primary_key=True)
    mot: str = Field(primary_key=True, max_length=60)
    commune: str = Field(primary_key=True, max_length=5)  # "" when no commune was given
    nombre: int = 0
