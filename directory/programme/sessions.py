"""Server-side sessions: the browser keeps a random token, the database keeps its hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete

from directory.programme.clock import aware
from directory.programme.tables import StaffAccount, StaffSession

COOKIE = "espace_session"
_TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most once a minute


@dataclass(frozen=True)
class SessionRules:
    idle: timedelta
    lifetime: timedelta


@dataclass
class Staff:
    """A signed-in staff member, for one request."""

    account: StaffAccount
    session: StaffSession

    @property
    def id(self) -> int:
        assert self.account.id is not None
        return self.account.id


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db: Session, account: StaffAccount, now: datetime) -> str:
    """A brand-new session (never one the browser brought: no session fixation)."""
    token = secrets.token_urlsafe(32)
    assert account.id is not None
    db.add(
        StaffSession(
            token_hash=token_hash(token),
            account_id=account.id,
            csrf_secret=secrets.token_hex(32),
            created_at=now,
            last_seen_at=now,
        )
    )
    db.commit()
    return token


def load_session(db: Session, token: str, now: datetime, rules: SessionRules) -> Staff | None:
    """The staff member behind a cookie, or None if it is unknown, expired or disabled."""
    if not token or len(token) > 100:
        return None
    found = db.get(StaffSession, token_hash(token))
    if found is None:
        return None
    account = db.get(StaffAccount, found.account_id)
    expired = (
        now - aware(found.last_seen_at) > rules.idle
        or now - aware(found.created_at) > rules.lifetime
    )
    if account is None or not account.active or expired:
        db.delete(found)
        db.commit()
        return None
    if now - aware(found.last_seen_at) > _TOUCH_EVERY:
        found.last_seen_at = now
        db.add(found)
        db.commit()
    return Staff(account, found)


def close_session(db: Session, token: str) -> None:
    db.exec(delete(StaffSession).where(col(StaffSession.token_hash) == token_hash(token)))
    db.commit()


def purge_expired_sessions(db: Session, now: datetime, rules: SessionRules) -> int:
    statement = delete(StaffSession).where(
        (col(StaffSession.last_seen_at) < now - rules.idle)
        | (col(StaffSession.created_at) < now - rules.lifetime)
    )
    result = db.exec(statement)
    db.commit()
    return int(result.rowcount or 0)
