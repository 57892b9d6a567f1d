"""Password hashing with Argon2id (argon2-cffi, RFC 9106 parameters) and password rules."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()  # Argon2id, RFC 9106 low-memory profile
MIN_LENGTH = 12
MAX_LENGTH = 200
# No 0/O, 1/l/I: a temporary password is read out or copied by hand.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# Compared against when the account does not exist, so that both cases take the same time.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _HASHER.check_needs_rehash(password_hash)


def temporary_password() -> str:
    """Four groups of four characters (about 95 bits), to be changed at first sign-in."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def password_problem(password: str, identifiant: str) -> str | None:
    """Why this password cannot be chosen, in French; None when it can."""
    if len(password) < MIN_LENGTH:
        return f"Le mot de passe doit compter au moins {MIN_LENGTH} caractères."
    if len(password) > MAX_LENGTH:
        return f"Le mot de passe doit compter au plus {MAX_LENGTH} caractères."
    if identifiant.lower() in password.lower():
        return "Le mot de passe ne doit pas contenir l'identifiant."
    if len(set(password)) < 5:
        return "Le mot de passe est trop répétitif : variez les caractères."
    return None
