"""Counting queries over the records: grouped by the database, filtered by one `Slice`.

A page of indicators asks few questions. The desk sessions and their follow-ups come from
their running counts by month (`compte_mensuel`, see `counters.py`): one query for every
category, one for the months. The workshops (ten times fewer) come in one cube and by month;
every breakdown is summed in memory (a few hundred rows at most). Only the rows that merge
small categories, and the map by commune, read the records themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import distinct, extract, func
from sqlmodel import Session, col, select

from directory.programme.counters import ALL, UNKNOWN, month_of
from directory.programme.tables import (
    DeskRecord,
    EventTag,
    GroupEvent,
    RecordTag,
    SessionCount,
)


@dataclass(frozen=True)
class Slice:
    """Which records a figure covers: a structure (or all), a period, an area (EPCI codes).

    Periods are whole months (see `targets.py`), and nothing is dated after today: the
    months from `start` to `end` hold exactly the sessions of the slice."""

    structure: str | None
    start: date | None
    end: date
    epcis: frozenset[str] | None = None


def _filters(s: Slice, table: Any) -> list[Any]:
    """The slice on a table with `jour`, `structure` and `epci` columns."""
    where: list[Any] = [col(table.jour) <= s.end]
    if s.start:
        where.append(col(table.jour) >= s.start)
    if s.structure:
        where.append(table.structure == s.structure)
    if s.epcis is not None:
        where.append(col(table.epci).in_(sorted(s.epcis)))
    return where


def _record_filters(s: Slice) -> list[Any]:
    return _filters(s, DeskRecord)


def _event_filters(s: Slice) -> list[Any]:
    return _filters(s, GroupEvent)


def _count_filters(s: Slice, per_epci: bool = False) -> list[Any]:
    """The slice on the monthly counts: its months, its structure, and the counts of all
    EPCIs or of its own (`per_epci`: one row per EPCI, never the total of all)."""
    where: list[Any] = [col(SessionCount.mois) <= month_of(s.end)]
    if s.start:
        where.append(col(SessionCount.mois) >= month_of(s.start))
    if s.structure:
        where.append(SessionCount.structure == s.structure)
    if s.epcis is not None:
        where.append(col(SessionCount.epci).in_(sorted(s.epcis)))
    elif per_epci:
        where.append(SessionCount.epci != ALL)
    else:
        where.append(SessionCount.epci == ALL)
    return where


Month = tuple[int, int]


def _value(item: Any) -> str:
    """An enum member or a raw string (what each database driver returns), as text."""
    return str(getattr(item, "value", item))


class Cube:
    """Counts grouped once by several columns; any breakdown is summed from it here."""

    def __init__(self, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
        self.columns = columns
        width = len(columns)
        self._rows = [(tuple(_value(v) for v in row[:width]), tuple(row[width:])) for row in rows]

    def by(self, *names: str) -> dict[tuple[str, ...], int]:
        """Counts (the first measure) by these columns."""
        return {key: int(measures[0]) for key, measures in self.sums(*names).items()}

    def sums(self, *names: str) -> dict[tuple[str, ...], tuple[float, ...]]:
        """Every measure summed by these columns."""
        positions = [self.columns.index(name) for name in names]
        found: dict[tuple[str, ...], list[float]] = {}
        for key, measures in self._rows:
            group = tuple(key[p] for p in positions)
            total = found.setdefault(group, [0.0] * len(measures))
            for index, measure in enumerate(measures):
                total[index] += float(measure or 0)
        return {key: tuple(values) for key, values in found.items()}


class SessionCounts:
    """The slice's sessions by each category: `of("canal", "valeur", "territoire")`."""

    COLUMNS = ("structure", "dimension", "valeur", "territoire")  # the key's order
    KEY = ("valeur", "structure", "territoire")

    def __init__(self, rows: Iterable[tuple[Any, ...]]) -> None:
        self._by_dimension: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for structure, dimension, value, territory, n in rows:
            self._by_dimension[dimension].append(((value, structure, territory), int(n)))

    def of(self, dimension: str, *names: str) -> dict[tuple[str, ...], int]:
        """Sessions of one category by `valeur`, `structure` and/or `territoire`; a value
        not given is ""."""
        positions = [self.KEY.index(name) for name in names]
        found: dict[tuple[str, ...], int] = defaultdict(int)
        for key, n in self._by_dimension.get(dimension, []):
            found[tuple(key[p] for p in positions)] += n
        return dict(found)

    def values(self, dimension: str) -> dict[str, int]:
        return {key[0]: n for key, n in self.of(dimension, "valeur").items()}


def session_counts(db: Session, s: Slice) -> SessionCounts:
    """Every category of the slice's sessions, in one query over the monthly counts."""
    columns = [getattr(SessionCount, name) for name in SessionCounts.COLUMNS]
    query = (
        select(*columns, func.sum(SessionCount.nombre))  # type: ignore[call-overload]
        .where(*_count_filters(s))
        .group_by(*columns)
    )
    return SessionCounts(db.exec(query))


def sessions_by_month(db: Session, s: Slice) -> dict[tuple[Month, str], int]:
    """Sessions by month and channel."""
    query = (
        select(col(SessionCount.mois), col(SessionCount.valeur), func.sum(SessionCount.nombre))
        .where(SessionCount.dimension == "canal", *_count_filters(s))
        .group_by(col(SessionCount.mois), col(SessionCount.valeur))
    )
    return {((m.year, m.month), channel): int(n) for m, channel, n in db.exec(query)}


def sessions_with_any(db: Session, s: Slice, kind: str, values: list[str]) -> int:
    """Sessions that have at least one of these values (for merged rows): from the records,
    as a session may hold several of them. The values are rare ones: few rows to read."""
    if not values:
        return 0
    query = (
        select(func.count(distinct(col(RecordTag.record_id))))
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(RecordTag.kind == kind, col(RecordTag.value).in_(values), *_record_filters(s))
    )
    return int(db.exec(query).one())


def tag_by_epci(db: Session, s: Slice, kind: str) -> dict[tuple[str, str | None], int]:
    """Sessions by value of a category and intercommunality (None when unknown)."""
    query = (
        select(col(SessionCount.valeur), col(SessionCount.epci), func.sum(SessionCount.nombre))
        .where(SessionCount.dimension == kind, *_count_filters(s, per_epci=True))
        .group_by(col(SessionCount.valeur), col(SessionCount.epci))
    )
    return {(value, epci if epci != UNKNOWN else None): int(n) for value, epci, n in db.exec(query)}


def tag_by_commune(db: Session, s: Slice, kind: str) -> dict[str, int]:
    """Sessions with at least one value of this kind, per commune of residence."""
    query = (
        select(DeskRecord.commune, func.count(distinct(col(RecordTag.record_id))))
        .join(DeskRecord, col(DeskRecord.id) == RecordTag.record_id)
        .where(RecordTag.kind == kind, col(DeskRecord.commune).is_not(None), *_record_filters(s))
        .group_by(col(DeskRecord.commune))
    )
    return {str(commune): int(n) for commune, n in db.exec(query)}


EVENT_COLUMNS = ("kind", "territoire", "structure", "theme")
# Measures of the event cube, in this order: events, participants, professionals, hours
# known, events whose length is unknown.
EVENTS, PARTICIPANTS, PROFESSIONALS, HOURS, UNKNOWN_HOURS = range(5)


def event_cube(db: Session, s: Slice) -> Cube:
    """Workshops and awareness sessions by kind, territory, structure and theme."""
    columns = [getattr(GroupEvent, name) for name in EVENT_COLUMNS]
    query = (
        select(  # type: ignore[call-overload]
            *columns,
            func.count(),
            func.sum(GroupEvent.participants),
            func.sum(func.coalesce(GroupEvent.professionnels, 0)),
            func.sum(func.coalesce(GroupEvent.duree_heures, 0)),
            func.count() - func.count(col(GroupEvent.duree_heures)),
        )
        .where(*_event_filters(s))
        .group_by(*columns)
    )
    return Cube(EVENT_COLUMNS, db.exec(query))


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
        ((int(y), int(m)), _value(k)): (int(n), int(p or 0), int(pros or 0))
        for y, m, k, n, p, pros in db.exec(query)
    }


def event_tags(db: Session, s: Slice, kind: str) -> dict[str, int]:
    query = (
        select(EventTag.value, func.count())
        .join(GroupEvent, col(GroupEvent.id) == EventTag.event_id)
        .where(EventTag.kind == kind, *_event_filters(s))
        .group_by(EventTag.value)
    )
    return {value: int(n) for value, n in db.exec(query)}


def grouped(pairs: dict[tuple[Any, ...], int]) -> dict[Any, dict[Any, int]]:
    """{(a, b): n} -> {a: {b: n}}."""
    nested: dict[Any, dict[Any, int]] = defaultdict(dict)
    for (first, second), n in pairs.items():
        nested[first][second] = n
    return dict(nested)
