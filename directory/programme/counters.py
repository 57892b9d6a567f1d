"""The running counts of desk sessions by month (`SessionCount`): recounted after each write.

Every write of desk records or their follow-ups (count, correction, deletion, import, purge,
follow-up) names the months it touched; `recount` counts those months again from the records,
inside the writer's transaction, so that the counts never drift from the records. The
indicators then add up a few hundred rows instead of walking every session and its categories.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import distinct
from sqlmodel import Session, col, delete, func, select

from directory.programme.tables import (
    DeskRecord,
    FollowUp,
    RecordTag,
    ReplacedTrip,
    SessionCount,
)

ALL = "*"  # the `epci` of the counts over every intercommunality
UNKNOWN = ""  # no intercommunality, or no value given
SINGLE = ("canal", "tranche_age", "besoin_couvert", "duree")
TAGS = ("statut", "contrainte", "besoin", "non-couvert")  # `solution` is not counted
# Follow-ups, counted with their session: people by solution used and by employment, people
# with trips made without a car; per mode used instead, people and km a week.
FOLLOW_UP, EMPLOYMENT, TRAVELLERS = "suivi", "emploi", "trajets"
MODE, KM_A_WEEK = "mode", "km-semaine"
Key = tuple[str, date]  # (structure, first day of the month)


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def keys_of(db: Session, ids: Iterable[int]) -> set[Key]:
    """The (structure, month) of these records, before they change or go."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    query = select(col(DeskRecord.structure), col(DeskRecord.jour)).where(
        col(DeskRecord.id).in_(wanted)
    )
    return {(structure, month_of(day)) for structure, day in db.exec(query)}


def key_of(record: DeskRecord) -> Key:
    return (record.structure, month_of(record.jour))


def _text(value: Any) -> str:
    return UNKNOWN if value is None else str(getattr(value, "value", value))


def recount(db: Session, keys: Iterable[Key]) -> None:
    """Count these months of these structures again from the records (not committed)."""
    db.flush()
    for structure, month in sorted(set(keys)):
        db.exec(
            delete(SessionCount).where(
                col(SessionCount.structure) == structure, col(SessionCount.mois) == month
            )
        )
        counts = _count_month(db, structure, month)
        db.add_all(
            SessionCount(
                epci=epci,
                mois=month,
                structure=structure,
                territoire=territory,
                dimension=dimension,
                valeur=value,
                nombre=n,
            )
            for (epci, territory, dimension, value), n in counts.items()
            if n
        )
    db.flush()


def recount_all(db: Session) -> int:
    """Every count again from the records (after a restore, or to check); months counted."""
    db.exec(delete(SessionCount))
    months = {
        (structure, month_of(day))
        for structure, day in db.exec(
            select(col(DeskRecord.structure), col(DeskRecord.jour)).distinct()
        )
    }
    recount(db, months)
    return len(months)


def _count_month(db: Session, structure: str, month: date) -> Counter[tuple[str, str, str, str]]:
    in_month = (
        DeskRecord.structure == structure,
        col(DeskRecord.jour) >= month,
        col(DeskRecord.jour) <= month_end(month),
    )
    counts: Counter[tuple[str, str, str, str]] = Counter()
    singles = [getattr(DeskRecord, name) for name in SINGLE]
    sessions = (
        select(DeskRecord.epci, DeskRecord.territoire, *singles, func.count())  # type: ignore[call-overload]
        .where(*in_month)
        .group_by(DeskRecord.epci, DeskRecord.territoire, *singles)
    )
    for epci, territory, *values, n in db.exec(sessions):
        for area in (_text(epci), ALL):
            for dimension, value in zip(SINGLE, values, strict=True):
                counts[(area, territory, dimension, _text(value))] += n
    tags = (
        select(  # type: ignore[call-overload]
            col(DeskRecord.epci),
            col(DeskRecord.territoire),
            col(RecordTag.kind),
            col(RecordTag.value),
            func.count(),
        )
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(col(RecordTag.kind).in_(TAGS), *in_month)
        .group_by(DeskRecord.epci, DeskRecord.territoire, RecordTag.kind, RecordTag.value)
    )
    for epci, territory, kind, value, n in db.exec(tags):
        for area in (_text(epci), ALL):
            counts[(area, territory, kind, value)] += n
    _count_follow_ups(db, in_month, counts)
    return counts


def _count_follow_ups(
    db: Session, in_month: tuple[Any, ...], counts: Counter[tuple[str, str, str, str]]
) -> None:
    """Follow-ups count in the month of their session: people by solution used, by
    employment, with trips made without a car; per mode, people and km a week."""
    follow_ups = (
        select(  # type: ignore[call-overload]
            DeskRecord.epci,
            DeskRecord.territoire,
            FollowUp.solution_utilisee,
            FollowUp.emploi,
            func.count(distinct(col(FollowUp.id))),
            func.count(distinct(col(ReplacedTrip.follow_up_id))),
        )
        .join(DeskRecord, col(DeskRecord.id) == FollowUp.record_id)
        .outerjoin(ReplacedTrip, col(ReplacedTrip.follow_up_id) == FollowUp.id)
        .where(*in_month)
        .group_by(
            DeskRecord.epci, DeskRecord.territoire, FollowUp.solution_utilisee, FollowUp.emploi
        )
    )
    for epci, territory, used, work, n, travellers in db.exec(follow_ups):
        for area in (_text(epci), ALL):
            counts[(area, territory, FOLLOW_UP, _text(used))] += n
            counts[(area, territory, EMPLOYMENT, _text(work))] += n
            counts[(area, territory, TRAVELLERS, UNKNOWN)] += travellers
    trips = (
        select(  # type: ignore[call-overload]
            DeskRecord.epci,
            DeskRecord.territoire,
            ReplacedTrip.mode,
            func.sum(ReplacedTrip.distance_km * ReplacedTrip.par_semaine),
            func.count(distinct(col(FollowUp.id))),
        )
        .join(FollowUp, col(FollowUp.id) == ReplacedTrip.follow_up_id)
        .join(DeskRecord, col(DeskRecord.id) == FollowUp.record_id)
        .where(*in_month)
        .group_by(DeskRecord.epci, DeskRecord.territoire, ReplacedTrip.mode)
    )
    for epci, territory, mode, km, people in db.exec(trips):
        for area in (_text(epci), ALL):
            counts[(area, territory, KM_A_WEEK, _text(mode))] += int(km or 0)
            counts[(area, territory, MODE, _text(mode))] += people
