"""Counting queries over the records: grouped by the database, filtered by one `Slice`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import distinct, extract, func
from sqlmodel import Session, col, select

from directory.programme.tables import (
    DeskRecord,
    EventTag,
    FollowUp,
    GroupEvent,
    RecordTag,
    ReplacedTrip,
)


@dataclass(frozen=True)
class Slice:
    """Which records a figure covers: a structure (or all), a period, an area (EPCI codes)."""

    structure: str | None
    start: date | None
    end: date
    epcis: frozenset[str] | None = None


def _record_filters(s: Slice) -> list[Any]:
    where: list[Any] = [col(DeskRecord.jour) <= s.end]
    if s.start:
        where.append(col(DeskRecord.jour) >= s.start)
    if s.structure:
        where.append(DeskRecord.structure == s.structure)
    if s.epcis is not None:
        where.append(col(DeskRecord.epci).in_(sorted(s.epcis)))
    return where


def _event_filters(s: Slice) -> list[Any]:
    where: list[Any] = [col(GroupEvent.jour) <= s.end]
    if s.start:
        where.append(col(GroupEvent.jour) >= s.start)
    if s.structure:
        where.append(GroupEvent.structure == s.structure)
    if s.epcis is not None:
        where.append(col(GroupEvent.epci).in_(sorted(s.epcis)))
    return where


Month = tuple[int, int]


def sessions_by(db: Session, s: Slice, *columns: Any) -> dict[tuple[Any, ...], int]:
    """Desk sessions counted by the given columns (e.g. DeskRecord.canal)."""
    query = select(*columns, func.count()).where(*_record_filters(s)).group_by(*columns)  # type: ignore[call-overload]
    return {tuple(row[:-1]): int(row[-1]) for row in db.exec(query)}


def sessions_by_month(db: Session, s: Slice) -> dict[tuple[Month, str], int]:
    """By day first (an index walk), folded into months here: cheaper than a date function."""
    months: dict[tuple[Month, str], int] = defaultdict(int)
    for (day, channel), n in sessions_by(db, s, DeskRecord.jour, DeskRecord.canal).items():
        months[((day.year, day.month), str(getattr(channel, "value", channel)))] += n
    return dict(months)


CUBE_COLUMNS = ("structure", "territoire", "canal", "tranche_age", "besoin_couvert", "duree")


class SessionCube:
    """Sessions counted once by every single-valued category; any breakdown is summed here."""

    def __init__(self, counts: dict[tuple[Any, ...], int]) -> None:
        self._rows = [
            (tuple(str(getattr(v, "value", v)) for v in key), n) for key, n in counts.items()
        ]

    def by(self, *names: str) -> dict[tuple[str, ...], int]:
        positions = [CUBE_COLUMNS.index(name) for name in names]
        found: dict[tuple[str, ...], int] = defaultdict(int)
        for key, n in self._rows:
            found[tuple(key[p] for p in positions)] += n
        return dict(found)


def session_cube(db: Session, s: Slice) -> SessionCube:
    columns = [getattr(DeskRecord, name) for name in CUBE_COLUMNS]
    return SessionCube(sessions_by(db, s, *columns))


def all_tag_counts(db: Session, s: Slice) -> dict[str, dict[str, int]]:
    """Every multi-valued category in one pass: {kind: {value: sessions}}."""
    query = (
        select(RecordTag.kind, RecordTag.value, func.count())
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(*_record_filters(s))
        .group_by(col(RecordTag.kind), col(RecordTag.value))
    )
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for kind, value, n in db.exec(query):
        found[kind][value] = int(n)
    return dict(found)


def first_day(db: Session, s: Slice) -> date | None:
    sessions = db.exec(select(func.min(DeskRecord.jour)).where(*_record_filters(s))).one()
    events = db.exec(select(func.min(GroupEvent.jour)).where(*_event_filters(s))).one()
    days = [d for d in (sessions, events) if d is not None]
    return min(days) if days else None


def tag_counts(db: Session, s: Slice, kind: str) -> dict[str, int]:
    query = (
        select(RecordTag.value, func.count())
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(RecordTag.kind == kind, *_record_filters(s))
        .group_by(RecordTag.value)
    )
    return {value: int(n) for value, n in db.exec(query)}


def sessions_with_any(db: Session, s: Slice, kind: str, values: list[str]) -> int:
    """Sessions that have at least one of these values (for merged rows)."""
    if not values:
        return 0
    query = (
        select(func.count(distinct(col(RecordTag.record_id))))
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(RecordTag.kind == kind, col(RecordTag.value).in_(values), *_record_filters(s))
    )
    return int(db.exec(query).one())


def tag_by_epci(db: Session, s: Slice, kind: str) -> dict[tuple[str, str | None], int]:
    query = (
        select(RecordTag.value, DeskRecord.epci, func.count())
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(RecordTag.kind == kind, *_record_filters(s))
        .group_by(col(RecordTag.value), col(DeskRecord.epci))
    )
    return {(value, epci): int(n) for value, epci, n in db.exec(query)}


def tag_by_commune(db: Session, s: Slice, kind: str) -> dict[str, int]:
    """Sessions with at least one value of this kind, per commune of residence."""
    query = (
        select(DeskRecord.commune, func.count(distinct(col(RecordTag.record_id))))
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(RecordTag.kind == kind, col(DeskRecord.commune).is_not(None), *_record_filters(s))
        .group_by(col(DeskRecord.commune))
    )
    return {str(commune): int(n) for commune, n in db.exec(query)}


def events_by_month(db: Session, s: Slice) -> dict[tuple[Month, str], tuple[int, int, int]]:
    """(count, participants, professionals) by month and kind."""
    year, month = extract("year", col(GroupEvent.jour)), extract("month", col(GroupEvent.jour))
    query = (
        select(  # type: ignore[call-overload]
            year,
            month,
            GroupEvent.kind,
            func.count(),
            func.sum(GroupEvent.participants),
            func.sum(func.coalesce(GroupEvent.professionnels, 0)),
        )
        .where(*_event_filters(s))
        .group_by(year, month, GroupEvent.kind)
    )
    return {
        ((int(y), int(m)), str(getattr(k, "value", k))): (int(n), int(p or 0), int(pros or 0))
        for y, m, k, n, p, pros in db.exec(query)
    }


def events_by(db: Session, s: Slice, column: Any) -> dict[tuple[str, str], tuple[int, int]]:
    """(count, participants) by kind and another column (theme, territoire, structure)."""
    query = (
        select(GroupEvent.kind, column, func.count(), func.sum(GroupEvent.participants))
        .where(*_event_filters(s))
        .group_by(GroupEvent.kind, column)
    )
    return {
        (str(getattr(k, "value", k)), str(getattr(v, "value", v))): (int(n), int(p or 0))
        for k, v, n, p in db.exec(query)
    }


def event_tags(db: Session, s: Slice, kind: str) -> dict[str, int]:
    query = (
        select(EventTag.value, func.count())
        .join(GroupEvent, col(GroupEvent.id) == EventTag.event_id)
        .where(EventTag.kind == kind, *_event_filters(s))
        .group_by(EventTag.value)
    )
    return {value: int(n) for value, n in db.exec(query)}


def event_hours(db: Session, s: Slice) -> tuple[float, int]:
    """Hours of workshops and sessions whose length is known, and how many have none."""
    query = select(
        func.sum(GroupEvent.duree_heures), func.count() - func.count(col(GroupEvent.duree_heures))
    ).where(*_event_filters(s))
    hours, unknown = db.exec(query).one()
    return float(hours or 0), int(unknown or 0)


def follow_up_counts(db: Session, s: Slice, column: Any) -> dict[str, int]:
    query = (
        select(column, func.count())
        .join(DeskRecord, col(DeskRecord.id) == FollowUp.record_id)
        .where(*_record_filters(s))
        .group_by(column)
    )
    return {str(getattr(v, "value", v)): int(n) for v, n in db.exec(query)}


def trips_by_mode(db: Session, s: Slice) -> dict[str, tuple[float, int]]:
    """(km a week, people) per mode used instead of the car."""
    query = (
        select(
            ReplacedTrip.mode,
            func.sum(ReplacedTrip.distance_km * ReplacedTrip.par_semaine),
            func.count(distinct(col(FollowUp.id))),
        )
        .join(FollowUp, col(FollowUp.id) == ReplacedTrip.follow_up_id)
        .join(DeskRecord, col(DeskRecord.id) == FollowUp.record_id)
        .where(*_record_filters(s))
        .group_by(ReplacedTrip.mode)
    )
    return {str(getattr(m, "value", m)): (float(km or 0), int(n)) for m, km, n in db.exec(query)}


def people_with_trips(db: Session, s: Slice) -> int:
    query = (
        select(func.count(distinct(col(FollowUp.id))))
        .join(ReplacedTrip, col(FollowUp.id) == ReplacedTrip.follow_up_id)
        .join(DeskRecord, col(DeskRecord.id) == FollowUp.record_id)
        .where(*_record_filters(s))
    )
    return int(db.exec(query).one())


def grouped(pairs: dict[tuple[Any, ...], int]) -> dict[Any, dict[Any, int]]:
    """{(a, b): n} -> {a: {b: n}}."""
    nested: dict[Any, dict[Any, int]] = defaultdict(dict)
    for (first, second), n in pairs.items():
        nested[first][second] = n
    return dict(nested)
