"""Desk sessions counted without identity: record, correct or delete for 7 days, list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, func, select

from directory.geo import Geography
from directory.matching.situation import Constraint
from directory.programme.access import edit_refusal, may_edit
from directory.programme.errors import RecordNotFoundError
from directory.programme.fields import Listed, NeedId, Optional, check_day, resolve_commune_code
from directory.programme.references import new_reference, normalize
from directory.programme.sessions import Staff
from directory.programme.tables import DeskRecord, FollowUp, RecordTag, ReplacedTrip
from directory.programme.vocabulary import AgeBracket, Channel, Duration, NeedMet
from directory.vocabulary import Status

PAGE_SIZE = 50
# RecordTag kinds: the multi-valued categories of a desk session.
TAG_FIELDS = {
    "statuts": "statut",
    "contraintes": "contrainte",
    "besoins": "besoin",
    "besoins_non_couverts": "non-couvert",
    "solutions": "solution",
}


class DeskRecordIn(BaseModel):
    """A desk session as the advisor counts it: categories only."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    jour: date
    canal: Channel
    territoire: str = Field(max_length=80)
    commune: Annotated[str | None, Optional] = Field(default=None, max_length=100)
    tranche_age: Annotated[AgeBracket | None, Optional] = None
    duree: Annotated[Duration | None, Optional] = None
    statuts: Annotated[list[Status], Listed] = Field(default=[], max_length=20)
    contraintes: Annotated[list[Constraint], Listed] = Field(default=[], max_length=20)
    besoins: Annotated[list[NeedId], Listed] = Field(default=[], max_length=10)
    solutions: Annotated[list[str], Listed] = Field(default=[], max_length=40)
    besoin_couvert: Annotated[NeedMet | None, Optional] = None
    besoins_non_couverts: Annotated[list[NeedId], Listed] = Field(default=[], max_length=10)

    @field_validator("jour")
    @classmethod
    def happened(cls, value: date, info: ValidationInfo) -> date:
        return check_day(value, (info.context or {}).get("today", date.today()))

    @field_validator("territoire")
    @classmethod
    def known_territory(cls, value: str, info: ValidationInfo) -> str:
        geo: Geography | None = (info.context or {}).get("geo")
        if geo is not None and value not in geo.territories:
            raise PydanticCustomError(
                "territoire",
                "territoire inconnu ; territoires possibles : {known}",
                {"known": ", ".join(geo.territories)},
            )
        return value

    @field_validator("commune")
    @classmethod
    def known_commune(cls, value: str | None, info: ValidationInfo) -> str | None:
        geo: Geography | None = (info.context or {}).get("geo")
        return resolve_commune_code(value, geo) if value and geo is not None else value

    @field_validator("solutions")
    @classmethod
    def known_solutions(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known: set[str] | None = (info.context or {}).get("solutions")
        unknown = [v for v in value if known is not None and v not in known]
        if unknown:
            raise PydanticCustomError(
                "solution_inconnue",
                "solution inconnue de l'annuaire : {ids}",
                {"ids": ", ".join(u[:60] for u in unknown[:3])},
            )
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def unmet_needs_named(self) -> DeskRecordIn:
        if self.besoin_couvert in (NeedMet.NON, NeedMet.EN_PARTIE):
            if not self.besoins_non_couverts:
                raise PydanticCustomError(
                    "non_couvert",
                    "Besoins restés sans solution : cochez le ou les besoins restés sans solution",
                )
            self.besoins = list(dict.fromkeys([*self.besoins, *self.besoins_non_couverts]))
        elif self.besoins_non_couverts:
            raise PydanticCustomError(
                "non_couvert",
                "Besoins restés sans solution : ne cochez un besoin sans solution que si le besoin "
                "n'a pas été couvert (réponse « non » ou « en partie »)",
            )
        return self


@dataclass
class RecordView:
    """A stored record with its categories, as the pages and the API show it."""

    record: DeskRecord
    tags: dict[str, list[str]]
    editable: bool
    has_follow_up: bool


def _tags(record_id: int, data: DeskRecordIn) -> list[RecordTag]:
    rows = []
    for field_name, kind in TAG_FIELDS.items():
        for value in getattr(data, field_name):
            rows.append(RecordTag(record_id=record_id, kind=kind, value=str(value)))
    return rows


def _fill(record: DeskRecord, data: DeskRecordIn, geo: Geography) -> None:
    chain = geo.chain(data.commune) if data.commune else None
    record.jour = data.jour
    record.canal = data.canal
    record.territoire = data.territoire
    record.commune = data.commune
    record.epci = chain.epci.code if chain and chain.epci else None
    record.tranche_age = data.tranche_age
    record.duree = data.duree
    record.besoin_couvert = data.besoin_couvert


def create_record(
    db: Session,
    staff: Staff,
    data: DeskRecordIn,
    geo: Geography,
    now: datetime,
    with_reference: bool = True,
) -> DeskRecord:
    """Store a counted session (in the caller's transaction, committed here)."""
    for _attempt in range(5):
        record = DeskRecord(
            structure=staff.account.structure,
            reference=new_reference() if with_reference else None,
            author_id=staff.id,
            created_at=now,
            updated_at=now,
            territoire=data.territoire,
            jour=data.jour,
            canal=data.canal,
        )
        _fill(record, data, geo)
        db.add(record)
        try:
            with db.begin_nested():
                db.flush()
        except IntegrityError:  # a reference already given: draw another one
            db.expunge(record)
            continue
        assert record.id is not None
        db.add_all(_tags(record.id, data))
        db.commit()
        db.refresh(record)
        return record
    raise RuntimeError("could not draw a free reference")


def record_of(db: Session, staff: Staff, record_id: int) -> DeskRecord:
    """A record of the staff member's structure; any other is « not found »."""
    record = db.get(DeskRecord, record_id)
    if record is None or record.structure != staff.account.structure:
        raise RecordNotFoundError("Cet entretien n'existe pas dans votre structure.")
    return record


def by_reference(db: Session, staff: Staff, text: str) -> DeskRecord:
    reference = normalize(text)
    found = (
        db.exec(
            select(DeskRecord).where(
                DeskRecord.reference == reference,
                DeskRecord.structure == staff.account.structure,
            )
        ).first()
        if reference
        else None
    )
    if found is None:
        raise RecordNotFoundError(
            f"Aucun entretien de votre structure ne porte la référence « {text.strip()[:20]} ». "
            "Vérifiez-la avec la personne (8 caractères, par exemple « K7MP-4QX2 »)."
        )
    return found


def editable_record(db: Session, staff: Staff, record_id: int, now: datetime) -> DeskRecord:
    record = record_of(db, staff, record_id)
    if not may_edit(staff, record.structure, record.author_id, record.created_at, now):
        raise edit_refusal(record.structure, staff)
    return record


def update_record(
    db: Session, record: DeskRecord, data: DeskRecordIn, geo: Geography, now: datetime
) -> None:
    _fill(record, data, geo)
    record.updated_at = now
    assert record.id is not None
    db.exec(delete(RecordTag).where(col(RecordTag.record_id) == record.id))
    db.add(record)
    db.add_all(_tags(record.id, data))
    db.commit()


def delete_records(db: Session, ids: list[int]) -> None:
    """Delete records and what hangs on them (no reliance on database cascades)."""
    if not ids:
        return
    follow_ups = list(db.exec(select(FollowUp.id).where(col(FollowUp.record_id).in_(ids))))
    if follow_ups:
        db.exec(delete(ReplacedTrip).where(col(ReplacedTrip.follow_up_id).in_(follow_ups)))
        db.exec(delete(FollowUp).where(col(FollowUp.id).in_(follow_ups)))
    db.exec(delete(RecordTag).where(col(RecordTag.record_id).in_(ids)))
    db.exec(delete(DeskRecord).where(col(DeskRecord.id).in_(ids)))


def form_values(db: Session, record: DeskRecord) -> dict[str, object]:
    """A stored record as the form shows it again."""
    values: dict[str, object] = {
        "jour": record.jour.isoformat(),
        "canal": record.canal.value,
        "territoire": record.territoire,
        "commune": record.commune or "",
        "tranche_age": record.tranche_age.value if record.tranche_age else "",
        "duree": record.duree.value if record.duree else "",
        "besoin_couvert": record.besoin_couvert.value if record.besoin_couvert else "",
    }
    tags = tags_of(db, [record.id or 0]).get(record.id or 0, {})
    for field_name, kind in TAG_FIELDS.items():
        values[field_name] = set(tags.get(kind, []))
    return values


def tags_of(db: Session, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    found: dict[int, dict[str, list[str]]] = {}
    if not ids:
        return found
    for tag in db.exec(select(RecordTag).where(col(RecordTag.record_id).in_(ids))):
        found.setdefault(tag.record_id, {}).setdefault(tag.kind, []).append(tag.value)
    return found


def list_records(
    db: Session, staff: Staff, now: datetime, page: int = 1
) -> tuple[list[RecordView], int]:
    """The structure's records, newest first, and how many there are."""
    structure = staff.account.structure
    total = db.exec(
        select(func.count()).select_from(DeskRecord).where(DeskRecord.structure == structure)
    ).one()
    records = list(
        db.exec(
            select(DeskRecord)
            .where(DeskRecord.structure == structure)
            .order_by(col(DeskRecord.jour).desc(), col(DeskRecord.id).desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    )
    ids = [r.id for r in records if r.id is not None]
    tags = tags_of(db, ids)
    followed = set(db.exec(select(FollowUp.record_id).where(col(FollowUp.record_id).in_(ids))))
    views = [
        RecordView(
            record=r,
            tags=tags.get(r.id or 0, {}),
            editable=may_edit(staff, r.structure, r.author_id, r.created_at, now),
            has_follow_up=r.id in followed,
        )
        for r in records
    ]
    return views, int(total)
