"""Follow-up of a desk session, found by its reference: outcomes, still without identity."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Session, col, delete, select

from directory.programme.fields import (
    MAX_DISTANCE_KM,
    MAX_TRIPS_PER_WEEK,
    Optional,
    check_day,
)
from directory.programme.sessions import Staff
from directory.programme.tables import DeskRecord, FollowUp, ReplacedTrip
from directory.programme.vocabulary import Employment, SolutionUse, TripMode

MAX_TRIPS = 3


class TripIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    distance_km: int = Field(ge=1, le=MAX_DISTANCE_KM)
    par_semaine: int = Field(ge=1, le=MAX_TRIPS_PER_WEEK)
    mode: TripMode


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    jour: date
    solution_utilisee: SolutionUse
    emploi: Annotated[Employment | None, Optional] = None
    trajets: list[TripIn] = Field(default=[], max_length=MAX_TRIPS)

    @field_validator("jour")
    @classmethod
    def happened(cls, value: date, info: ValidationInfo) -> date:
        return check_day(value, (info.context or {}).get("today", date.today()))

    @model_validator(mode="after")
    def after_the_session(self, info: ValidationInfo) -> FollowUpIn:
        session_day: date | None = (info.context or {}).get("session_day")
        if session_day and self.jour < session_day:
            raise PydanticCustomError(
                "date_suivi",
                "Date du suivi : le suivi ne peut pas précéder l'entretien ({day})",
                {"day": session_day.strftime("%d/%m/%Y")},
            )
        return self


def trips_from_form(form: dict[str, list[str]]) -> list[dict[str, str]]:
    """Rows trajet-1-distance_km… of the form; a row left blank is no trip."""
    trips = []
    for index in range(1, MAX_TRIPS + 1):
        row = {
            name: (form.get(f"trajet-{index}-{name}") or [""])[0].strip()
            for name in ("distance_km", "par_semaine", "mode")
        }
        if any(row.values()):
            trips.append(row)
    return trips


def follow_up_of(db: Session, record: DeskRecord) -> tuple[FollowUp | None, list[ReplacedTrip]]:
    found = db.exec(select(FollowUp).where(FollowUp.record_id == record.id)).first()
    if found is None:
        return None, []
    trips = list(db.exec(select(ReplacedTrip).where(ReplacedTrip.follow_up_id == found.id)))
    return found, trips


def save_follow_up(
    db: Session, staff: Staff, record: DeskRecord, data: FollowUpIn, now: datetime
) -> FollowUp:
    """One follow-up per session: a later call updates it with what is known then."""
    found, _ = follow_up_of(db, record)
    assert record.id is not None
    if found is None:
        found = FollowUp(
            record_id=record.id,
            jour=data.jour,
            solution_utilisee=data.solution_utilisee,
            created_at=now,
            updated_at=now,
        )
    found.jour = data.jour
    found.solution_utilisee = data.solution_utilisee
    found.emploi = data.emploi
    found.author_id = staff.id
    found.updated_at = now
    db.add(found)
    db.flush()
    assert found.id is not None
    db.exec(delete(ReplacedTrip).where(col(ReplacedTrip.follow_up_id) == found.id))
    for trip in data.trajets:
        db.add(ReplacedTrip(follow_up_id=found.id, **trip.model_dump()))
    db.commit()
    db.refresh(found)
    return found
