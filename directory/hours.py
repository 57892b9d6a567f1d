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
    end: time | None  # None: until midnight; earlier than start: ends the next morning

    @property
    def whole_day(self) -> bool:
        return self.start == time(0) and self.end is None

    @property
    def overnight(self) -> bool:
        return self.end is not None and self.end <= self.start


WeeklyHours = tuple[tuple[Span, ...], ...]  # seven days, Monday first


@lru_cache(maxsize=1024)
def weekly_hours(expression: str) -> WeeklyHours | None:
    """Open spans of each day of a typical week, or None if the rule is not weekly.

    Open time is cut at each midnight, then an evening that runs past midnight is joined to
    the early hours it continues into ("de 7 h à 1 h"); a whole open day stays whole.
    """
    if _NOT_WEEKLY.search(expression):
        return None
    try:
        rule = opening_hours.OpeningHours(expression)
        raw = rule.intervals(_MONDAY, _MONDAY + timedelta(days=7))
    except _PARSE_ERRORS:
        return None
    days: list[list[Span]] = [[] for _ in _DAYS]
    for start, end, state, _comment in raw:
        if str(state) != "open":
            continue
        while start < end:  # one piece per day
            midnight = datetime.combine(start.date() + timedelta(days=1), time(0))
            piece_end = min(end, midnight)
            day = days[start.weekday()]
            if day and day[-1].end == start.time():
                day[-1] = Span(day[-1].start, None if piece_end == midnight else piece_end.time())
            else:
                day.append(Span(start.time(), None if piece_end == midnight else piece_end.time()))
            start = piece_end
    return tuple(tuple(spans) for spans in _join_overnight(days))


def _join_overnight(days: list[list[Span]]) -> list[list[Span]]:
    """An evening open until midnight followed by early hours the next day is one span."""
    for index, spans in enumerate(days):
        following = days[(index + 1) % 7]
        if not spans or not following:
            continue
        evening, morning = spans[-1], following[0]
        if (
            evening.end is None
            and not evening.whole_day
            and morning.start == time(0)
            and not morning.whole_day
            and morning.end is not None
            and morning.end < evening.start
        ):
            spans[-1] = Span(evening.start, morning.end)
            following.pop(0)
    return days


def _clock(moment: time | None) -> str:
    if moment is None:
        return "minuit"
    return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")


def _spans_text(spans: tuple[Span, ...]) -> str:
    if spans[0].whole_day:
        return "24 heures sur 24"
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
    if _always_open(expression) or all(day and day[0].whole_day for day in week):
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
            if slot is Slot.EARLY and (span.start < time(7) or span.overnight):
                return True
            if slot is Slot.LATE and (span.end is None or span.overnight or span.end > time(21)):
                return True
    return False
