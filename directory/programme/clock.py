"""The current time, in one place: services take `now` as an argument so tests can move it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def utcnow() -> datetime:
    return datetime.now(UTC)


def today(now: datetime | None = None) -> date:
    """The day in the Hérault: a session at 00:30 belongs to that day, not to UTC's."""
    return (now or utcnow()).astimezone(PARIS).date()


def aware(value: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
