"""Opening hours (OpenStreetMap syntax) read out in plain French, and checked against a timing need.

A typical week is computed with the `opening_hours` library, so every rule of the syntax is
honoured; rules that are not weekly (months, dates) cannot be summarised and are left as
written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache

import opening_hours

# The stub names SyntaxError; the library raises its own ParserError.
_PARSE_ERRORS: tuple[type[Exception], ...] = (
    getattr(opening_hours, "ParserError", SyntaxError),
    ValueError,
)
# A week with no French public holiday, so "PH off" does not hide a weekday.
_MONDAY = datetime(2026, 6, 8)
_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_NOT_WEEKLY = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|easter|SH)\b|\d{4}"
)


class Slot(StrEnum):
    """Times of the week a person may need to travel at."""

    EARLY = "tot"  # before 7 am
    LATE = "tard"  # after 9 pm
    WEEKEND = "week-end"


@dataclass(frozen=True)
class Span:
    start: time
    end: time  # may be earlier than start: the span ends the next day


WeeklyHours = tuple[tuple[Span, ...], ...]  # seven days, Monday first


@lru_cache(maxsize=1024)
def weekly_hours(expression: str) -> WeeklyHours | None:
    """Open spans of each day of a typical week, or None if the rule is not weekly."""
    if _NOT_WEEKLY.search(expression):
        return None
    try:
        rule = opening_hours.OpeningHours(expression)
        raw = rule.intervals(_MONDAY - timedelta(days=1), _MONDAY + timedelta(days=8))
    except _PARSE_ERRORS:
        return None
    merged: list[list[datetime]] = []
    for start, end, state, _comment in raw:
        if str(state) != "open":
            continue
        if merged and merged[-1][1] == start:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    days: list[list[Span]] = [[] for _ in _DAYS]
    for start, end in merged:
        if _MONDAY <= start < _MONDAY + timedelta(days=7):
            days[start.weekday()].append(Span(start.time(), end.time()))
    return tuple(tuple(spans) for spans in days)


def _clock(moment: time) -> str:
    return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")


def _spans_text(spans: tuple[Span, ...]) -> str:
    parts = [f"de {_clock(s.start)} à {_clock(s.end)}" for s in spans]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _days_text(first: int, last: int) -> str:
    if first == last:
        return f"le {_DAYS[first]}"
    if (first, last) == (0, 6):
        return "tous les jours"
    return f"du {_DAYS[first]} au {_DAYS[last]}"


def describe_hours(expression: str) -> list[str]:
    """['du lundi au vendredi de 8 h 30 à 18 h 30', 'le samedi de 8 h 30 à 12 h 30']."""
    week = weekly_hours(expression)
    if week is None:
        return [expression]
    if all(day == (Span(time(0), time(0)),) for day in week) or _always_open(expression):
        return ["tous les jours, 24 heures sur 24"]
    lines: list[str] = []
    day = 0
    while day < 7:
        if not week[day]:
            day += 1
            continue
        last = day
        while last + 1 < 7 and week[last + 1] == week[day]:
            last += 1
        lines.append(f"{_days_text(day, last)} {_spans_text(week[day])}")
        day = last + 1
    return lines or ["fermé"]


def _always_open(expression: str) -> bool:
    return expression.strip() == "24/7"


def serves(expression: str, slot: Slot) -> bool | None:
    """Whether the hours cover a time slot; None when they cannot be read as a weekly rule."""
    if _always_open(expression):
        return True
    week = weekly_hours(expression)
    if week is None:
        return None
    if slot is Slot.WEEKEND:
        return bool(week[5] or week[6])
    for spans in week:
        for span in spans:
            overnight = span.end <= span.start
            if slot is Slot.EARLY and span.start < time(7):
                return True
            if slot is Slot.LATE and (overnight or span.end > time(21)):
                return True
    return False
