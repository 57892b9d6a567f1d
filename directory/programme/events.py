"""Workshops for the public and awareness sessions for professionals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Session, col, delete, func, select

from directory.geo import Geography
from directory.programme.access import edit_refusal, may_edit
from directory.programme.errors import RecordNotFoundError
from directory.programme.fields import (
    MAX_PARTICIPANTS,
    Listed,
    Optional,
    check_day,
    resolve_commune_code,
)
from directory.programme.sessions import Staff
from directory.programme.tables import EventTag, GroupEvent
from directory.programme.vocabulary import EventKind, Organisation, Theme
from directory.vocabulary import Public

PAGE_SIZE = 50
TAG_FIELDS = {"publics": "public", "organisations": "organisation"}


class GroupEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: EventKind
    jour: date
    territoire: str = Field(max_length=80)
    commune: str = Field(min_length=1, max_length=100)
    theme: Theme
    participants: int = Field(ge=1, le=MAX_PARTICIPANTS)
    publics: Annotated[list[Public], Listed] = Field(default=[], max_length=20)
    organisations: Annotated[list[Organisation], Listed] = Field(default=[], max_length=12)
    professionnels: Annotated[int | None, Optional] = Field(default=None, ge=1, le=MAX_PARTICIPANTS)
    duree_heures: Annotated[float | None, Optional] = Field(default=None, gt=0, le=12)

    @field_validator("jour")
    @classmethod
    def happened(cls, value: date, info: ValidationInfo) -> date:
        return check_day(value, (info.context or {}).get("today", date.today()))

    @field_validator("territoire")
    @classmethod
    def known_territory(cls, value: str, info: ValidationInfo) -> str:
        geo: Geography | None = (info.context or {}).get("geo")
        if geo is not None and value not in geo.territories:
            raise PydanticCustomError("territoire", "territoire inconnu")
        return value

    @field_validator("commune")
    @classmethod
    def known_commune(cls, value: str, info: ValidationInfo) -> str:
        geo: Geography | None = (info.context or {}).get("geo")
        return resolve_commune_code(value, geo) if geo is not None else value

    @model_validator(mode="after")
    def professionals_counted(self) -> GroupEventIn:
        if self.kind is EventKind.SENSIBILISATION:
            if self.professionnels is None:
                self.professionnels = self.participants
            if self.professionnels > self.participants:
                raise PydanticCustomError(
                    "professionnels",
                    "Professionnels : il ne peut pas y avoir plus de professionnels "
                    "({pros}) que de participants ({total})",
                    {"pros": self.professionnels, "total": self.participants},
                )
            if not self.organisations:
                raise PydanticCustomError(
                    "organisations",
                    "Structures des professionnels : cochez le type de structure des "
                    "professionnels présents",
                )
        else:
            self.professionnels = None
            self.organisations = []
        return self


def _fill(event: GroupEvent, data: GroupEventIn, geo: Geography) -> None:
    chain = geo.chain(data.commune)
    event.kind = data.kind
    event.jour = data.jour
    event.territoire = data.territoire
    event.commune = data.commune
    event.epci = chain.epci.code if chain and chain.epci else None
    event.theme = data.theme
    event.participants = data.participants
    event.professionnels = data.professionnels
    event.duree_heures = data.duree_heures


def _tags(event_id: int, data: GroupEventIn) -> list[EventTag]:
    return [
        EventTag(event_id=event_id, kind=kind, value=str(value))
        for field_name, kind in TAG_FIELDS.items()
        for value in dict.fromkeys(getattr(data, field_name))
    ]


def create_event(
    db: Session, staff: Staff, data: GroupEventIn, geo: Geography, now: datetime
) -> GroupEvent:
    event = GroupEvent(
        kind=data.kind,
        structure=staff.account.structure,
        territoire=data.territoire,
        jour=data.jour,
        commune=data.commune,
        theme=data.theme,
        participants=data.participants,
        author_id=staff.id,
        created_at=now,
        updated_at=now,
    )
    _fill(event, data, geo)
    db.add(event)
    db.flush()
    assert event.id is not None
    db.add_all(_tags(event.id, data))
    db.commit()
    db.refresh(event)
    return event


def event_of(db: Session, staff: Staff, event_id: int) -> GroupEvent:
    event = db.get(GroupEvent, event_id)
    if event is None or event.structure != staff.account.structure:
        raise RecordNotFoundError("Cette action n'existe pas dans votre structure.")
    return event


def editable_event(db: Session, staff: Staff, event_id: int, now: datetime) -> GroupEvent:
    event = event_of(db, staff, event_id)
    if not may_edit(staff, event.structure, event.author_id, event.created_at, now):
        raise edit_refusal(event.structure, staff)
    return event


def update_event(
    db: Session, event: GroupEvent, data: GroupEventIn, geo: Geography, now: datetime
) -> None:
    _fill(event, data, geo)
    event.updated_at = now
    assert event.id is not None
    db.exec(delete(EventTag).where(col(EventTag.event_id) == event.id))
    db.add(event)
    db.add_all(_tags(event.id, data))
    db.commit()


def delete_events(db: Session, ids: list[int]) -> None:
    if ids:
        db.exec(delete(EventTag).where(col(EventTag.event_id).in_(ids)))
        db.exec(delete(GroupEvent).where(col(GroupEvent.id).in_(ids)))


def event_tags(db: Session, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    found: dict[int, dict[str, list[str]]] = {}
    if ids:
        for tag in db.exec(select(EventTag).where(col(EventTag.event_id).in_(ids))):
            found.setdefault(tag.event_id, {}).setdefault(tag.kind, []).append(tag.value)
    return found


def form_values(db: Session, event: GroupEvent) -> dict[str, object]:
    tags = event_tags(db, [event.id or 0]).get(event.id or 0, {})
    return {
        "jour": event.jour.isoformat(),
        "territoire": event.territoire,
        "commune": event.commune,
        "theme": event.theme.value,
        "participants": str(event.participants),
        "professionnels": str(event.professionnels or ""),
        "duree_heures": str(event.duree_heures or ""),
        "publics": set(tags.get("public", [])),
        "organisations": set(tags.get("organisation", [])),
    }


def list_events(
    db: Session, staff: Staff, kind: EventKind, page: int = 1
) -> tuple[list[GroupEvent], int]:
    where = (GroupEvent.structure == staff.account.structure, GroupEvent.kind == kind)
    total = db.exec(select(func.count()).select_from(GroupEvent).where(*where)).one()
    events = list(
        db.exec(
            select(GroupEvent)
            .where(*where)
            .order_by(col(GroupEvent.jour).desc(), col(GroupEvent.id).desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    )
    return events, int(total)
