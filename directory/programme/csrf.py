"""Form tokens: every form of the partners' space carries one (CSRF), and each is used once.

A token is a random nonce signed (itsdangerous, with a timestamp) by a secret of the browser's
session; before sign-in, by a secret kept in a cookie (double submit). A form that changes
data spends its token in the same transaction as the change: sent again, it is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete

from directory.programme.errors import FormRejectedError
from directory.programme.tables import SpentFormToken

FIELD = "jeton"
ANONYMOUS_COOKIE = "espace_formulaire"
_SALT = "espace-partenaires-formulaire"

FORGED = (
    "Ce formulaire n'a pas été reconnu (il vient d'une autre page ou d'une ancienne connexion). "
    "Rien n'a été enregistré : rechargez la page et recommencez."
)
EXPIRED = "Ce formulaire a expiré. Rien n'a été enregistré : rechargez la page et recommencez."
REPLAYED = (
    "Ce formulaire a déjà été envoyé : il n'a pas été enregistré une seconde fois. "
    "Consultez la liste pour vérifier."
)


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=_SALT)


def new_secret() -> str:
    return secrets.token_hex(32)


def issue(secret: str) -> str:
    return str(_serializer(secret).dumps(secrets.token_urlsafe(16)))


def verify(secret: str | None, token: str | None, max_age: timedelta) -> str:
    """The token's nonce; raises FormRejectedError if forged or expired."""
    if not secret or not token or len(token) > 200:
        raise FormRejectedError(FORGED)
    try:
        nonce = _serializer(secret).loads(token, max_age=int(max_age.total_seconds()))
    except SignatureExpired as error:
        raise FormRejectedError(EXPIRED) from error
    except BadSignature as error:
        raise FormRejectedError(FORGED) from error
    return str(nonce)


def spend(db: Session, nonce: str, now: datetime, lifetime: timedelta) -> None:
    """Mark the form as used, in the caller's transaction; refuse one already used."""
    key = hashlib.sha256(nonce.encode()).hexdigest()
    if db.get(SpentFormToken, key) is not None:
        raise FormRejectedError(REPLAYED)
    db.add(SpentFormToken(token_hash=key, expires_at=now + lifetime))
    try:
        db.flush()
    except IntegrityError as error:  # the same form sent twice at once
        db.rollback()
        raise FormRejectedError(REPLAYED) from error


def purge_spent(db: Session, now: datetime) -> None:
    db.exec(delete(SpentFormToken).where(col(SpentFormToken.expires_at) < now))
