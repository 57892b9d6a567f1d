"""Staff accounts: create, deactivate, reactivate, reset a password, list (CLI and admin page)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, select

from directory.errors import InvalidInputError
from directory.programme.errors import RecordNotFoundError
from directory.programme.passwords import hash_password, temporary_password
from directory.programme.tables import StaffAccount, StaffSession
from directory.programme.throttle import clear_lock
from directory.programme.vocabulary import Role

IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$")


@dataclass(frozen=True)
class IssuedPassword:
    """A temporary password, shown once to whoever created or reset the account."""

    identifiant: str
    password: str


def normalize_identifier(text: str) -> str:
    return text.strip().lower()


def find_account(db: Session, identifiant: str) -> StaffAccount | None:
    wanted = normalize_identifier(identifiant)
    return db.exec(select(StaffAccount).where(StaffAccount.identifiant == wanted)).first()


def get_account(db: Session, identifiant: str) -> StaffAccount:
    account = find_account(db, identifiant)
    if account is None:
        raise RecordNotFoundError(f"Aucun compte « {normalize_identifier(identifiant)} ».")
    return account


def create_account(
    db: Session,
    identifiant: str,
    structure: str,
    role: Role,
    known_structures: set[str],
    now: datetime,
) -> IssuedPassword:
    identifiant = normalize_identifier(identifiant)
    if not IDENTIFIER.match(identifiant):
        raise InvalidInputError(
            "identifiant",
            "L'identifiant compte de 3 à 64 caractères : lettres minuscules sans accent, "
            "chiffres, points, tirets (ex. « marie.dupont »).",
        )
    if structure not in known_structures:
        raise InvalidInputError(
            "structure",
            f"Structure inconnue « {structure} » ; structures possibles : "
            + ", ".join(sorted(known_structures)),
        )
    if find_account(db, identifiant) is not None:
        raise InvalidInputError("identifiant", f"Le compte « {identifiant} » existe déjà.")
    password = temporary_password()
    db.add(
        StaffAccount(
            identifiant=identifiant,
            structure=structure,
            role=role,
            password_hash=hash_password(password),
            must_change_password=True,
            created_at=now,
            password_changed_at=now,
        )
    )
    db.commit()
    return IssuedPassword(identifiant, password)


def revoke_sessions(db: Session, account_id: int, keep: str | None = None) -> int:
    """Sign the account out everywhere (but the session `keep`, if given)."""
    statement = delete(StaffSession).where(col(StaffSession.account_id) == account_id)
    if keep is not None:
        statement = statement.where(col(StaffSession.token_hash) != keep)
    result = db.exec(statement)
    return int(result.rowcount or 0)


def deactivate(db: Session, account: StaffAccount) -> None:
    account.active = False
    assert account.id is not None
    revoke_sessions(db, account.id)
    db.add(account)
    db.commit()


def reactivate(db: Session, account: StaffAccount) -> None:
    account.active = True
    clear_lock(db, account.identifiant)
    db.add(account)
    db.commit()


def reset_password(db: Session, account: StaffAccount, now: datetime) -> IssuedPassword:
    """A new temporary password; the account is unlocked and signed out everywhere."""
    password = temporary_password()
    account.password_hash = hash_password(password)
    account.must_change_password = True
    account.password_changed_at = now
    clear_lock(db, account.identifiant)
    assert account.id is not None
    revoke_sessions(db, account.id)
    db.add(account)
    db.commit()
    return IssuedPassword(account.identifiant, password)


def list_accounts(db: Session, structure: str | None = None) -> list[StaffAccount]:
    query = select(StaffAccount).order_by(StaffAccount.structure, StaffAccount.identifiant)
    if structure is not None:
        query = query.where(StaffAccount.structure == structure)
    return list(db.exec(query))
