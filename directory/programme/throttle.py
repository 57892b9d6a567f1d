"""Sign-in rate limiting: failures per identifier and per client address, then a lockout.

An identifier that does not exist is counted like one that does, so a lockout message tells
nothing about which accounts exist. Client addresses are kept hashed, for the window only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete

from directory.programme.clock import aware
from directory.programme.tables import LoginThrottle


@dataclass(frozen=True)
class ThrottleRules:
    max_failures: int
    max_failures_per_address: int
    lockout: timedelta


def identifier_key(identifiant: str) -> str:
    return "compte:" + hashlib.sha256(identifiant.strip().lower().encode()).hexdigest()[:40]


def address_key(address: str) -> str:
    return "adresse:" + hashlib.sha256(address.encode()).hexdigest()[:40]


def locked_for(db: Session, key: str, now: datetime) -> timedelta | None:
    """How long the key is still locked, or None."""
    row = db.get(LoginThrottle, key)
    if row is None or row.locked_until is None:
        return None
    left = aware(row.locked_until) - now
    return left if left > timedelta(0) else None


def record_failure(db: Session, key: str, limit: int, now: datetime, lockout: timedelta) -> None:
    row = db.get(LoginThrottle, key)
    if row is None:
        row = LoginThrottle(key=key, window_start=now, failures=0)
    elif now - aware(row.window_start) > lockout:
        row.window_start, row.failures, row.locked_until = now, 0, None
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + lockout
    db.add(row)


def clear_lock(db: Session, identifiant: str) -> None:
    db.exec(delete(LoginThrottle).where(col(LoginThrottle.key) == identifier_key(identifiant)))


def purge_throttles(db: Session, now: datetime, lockout: timedelta) -> None:
    db.exec(
        delete(LoginThrottle).where(
            col(LoginThrottle.window_start) < now - 2 * lockout,
            (col(LoginThrottle.locked_until).is_(None)) | (col(LoginThrottle.locked_until) < now),
        )
    )
