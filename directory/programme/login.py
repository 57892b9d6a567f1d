"""Signing in: rate limits first, then the password (Argon2), then a brand-new session."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from directory.programme.accounts import find_account
from directory.programme.passwords import hash_password, needs_rehash, verify_password
from directory.programme.sessions import open_session
from directory.programme.tables import StaffAccount
from directory.programme.throttle import (
    ThrottleRules,
    address_key,
    clear_lock,
    identifier_key,
    locked_for,
    purge_throttles,
    record_failure,
)

WRONG = "Identifiant ou mot de passe incorrect."


@dataclass(frozen=True)
class SignIn:
    """The outcome: a session token, or a French message saying why not."""

    token: str | None = None
    account: StaffAccount | None = None
    message: str | None = None


def _minutes(delay: timedelta) -> str:
    minutes = max(1, math.ceil(delay.total_seconds() / 60))
    return f"{minutes} minute" + ("s" if minutes > 1 else "")


def sign_in(
    db: Session,
    identifiant: str,
    password: str,
    address: str,
    now: datetime,
    rules: ThrottleRules,
) -> SignIn:
    purge_throttles(db, now, rules.lockout)
    by_address, by_identifier = address_key(address), identifier_key(identifiant)
    wait = locked_for(db, by_address, now)
    if wait:
        db.commit()
        return SignIn(
            message="Trop de tentatives de connexion depuis cette connexion internet. "
            f"Réessayez dans {_minutes(wait)}."
        )
    wait = locked_for(db, by_identifier, now)
    if wait:
        db.commit()
        return SignIn(
            message="Ce compte est bloqué après plusieurs mots de passe incorrects. "
            f"Réessayez dans {_minutes(wait)}, ou demandez une réinitialisation "
            "à l'administration de votre structure."
        )
    account = find_account(db, identifiant) if identifiant.strip() else None
    if not verify_password(account.password_hash if account else None, password):
        record_failure(db, by_identifier, rules.max_failures, now, rules.lockout)
        record_failure(db, by_address, rules.max_failures_per_address, now, rules.lockout)
        db.commit()
        return SignIn(message=WRONG)
    assert account is not None
    if not account.active:
        db.commit()
        return SignIn(
            message="Ce compte est désactivé. Adressez-vous à l'administration de votre structure."
        )
    clear_lock(db, account.identifiant)
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
        db.add(account)
    db.commit()
    return SignIn(token=open_session(db, account, now), account=account)
