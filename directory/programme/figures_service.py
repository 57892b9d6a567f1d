"""Indicators for a scope and a period, computed once per change of the records (cached)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

from directory.geo import Geography
from directory.programme.access import Scope
from directory.programme.effects import load_factors
from directory.programme.indicators import Indicators, build_indicators
from directory.programme.structures import structure_names
from directory.programme.tables import DeskRecord, FollowUp, GroupEvent, SearchGap
from directory.programme.targets import Period

PROGRAMME = "Tout le programme"
T = TypeVar("T")


def data_version(db: Session) -> tuple[object, ...]:
    """Changes whenever a record is added, corrected or deleted (counts and latest change)."""
    parts: list[object] = []
    for table in (DeskRecord, GroupEvent, FollowUp):
        count, latest = db.exec(select(func.count(), func.max(table.updated_at))).one()
        parts += [count, latest]
    parts.append(db.exec(select(func.sum(SearchGap.nombre))).one())  # searches counted
    return tuple(parts)


@dataclass
class _Entry:
    version: tuple[object, ...]
    value: Any


class IndicatorCache:
    """Per process; a change in any process shows at the next request (see data_version)."""

    def __init__(self, size: int = 64) -> None:
        self._entries: dict[tuple[object, ...], _Entry] = {}
        self._lock = threading.Lock()
        self._size = size

    def get(
        self,
        db: Session,
        period: Period,
        scope: Scope,
        geo: Geography,
        data_dir: Path,
        today: date,
        area: tuple[str, frozenset[str]] | None = None,
    ) -> Indicators:
        """`area`: (name, EPCI codes) for a territory's or an intercommunality's report."""

        def compute() -> Indicators:
            return self._build(db, period, scope, geo, data_dir, today, area)

        return self.remember(db, ("indicateurs", period.id, scope.structure, today, area), compute)

    def remember(self, db: Session, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """The value computed for `key`, again while no record has changed."""
        version = data_version(db)
        with self._lock:
            found = self._entries.get(key)
        if found is not None and found.version == version:
            value: T = found.value
            return value
        value = compute()
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()
            self._entries[key] = _Entry(version, value)
        return value

    def _build(
        self,
        db: Session,
        period: Period,
        scope: Scope,
        geo: Geography,
        data_dir: Path,
        today: date,
        area: tuple[str, frozenset[str]] | None,
    ) -> Indicators:
        names = structure_names(geo)
        label = names.get(scope.structure, scope.structure) if scope.structure else PROGRAMME
        if area is not None:
            label = area[0]
        value = build_indicators(
            db,
            period,
            scope.structure,
            label,
            geo,
            load_factors(data_dir),
            today,
            names,
            area[1] if area else None,
        )
        return value
