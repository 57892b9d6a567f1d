"""Retention: records older than the retention period are deleted, with their follow-ups;
so are expired sessions, spent form tokens and old unanswered-search counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, delete, select

from directory.programme import csrf
from directory.programme.events import delete_events
from directory.programme.records import delete_records
from directory.programme.sessions import SessionRules, purge_expired_sessions
from directory.programme.tables import DeskRecord, GroupEvent, SearchGap


@dataclass(frozen=True)
class Purged:
    before: date
    sessions: int
    events: int
    searches: int


def cutoff(today: date, months: int) -> date:
    """The first day kept: `months` months before today (the same day of the month)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, 28)
    return date(year, month + 1, day)


def purge(db: Session, today: date, months: int, now: datetime, rules: SessionRules) -> Purged:
    before = cutoff(today, months)
    record_ids = [
        i for i in db.exec(select(DeskRecord.id).where(col(DeskRecord.jour) < before)) if i
    ]
    event_ids = [
        i for i in db.exec(select(GroupEvent.id).where(col(GroupEvent.jour) < before)) if i
    ]
    delete_records(db, record_ids)
    delete_events(db, event_ids)
    searches = db.exec(delete(SearchGap).where(col(SearchGap.jour) < before))
    csrf.purge_spent(db, now)
    db.commit()
    purge_expired_sessions(db, now, rules)
    return Purged(before, len(record_ids), len(event_ids), int(searches.rowcount or 0))
