"""Request dependencies of the partners' space: database session, signed-in staff, forms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from directory.config import Settings
from directory.dependencies import SettingsDep
from directory.programme import csrf
from directory.programme.clock import utcnow
from directory.programme.errors import PasswordChangeRequiredError, SignInRequiredError
from directory.programme.sessions import COOKIE, SessionRules, Staff, load_session
from directory.programme.throttle import ThrottleRules

Form = dict[str, list[str]]
MAX_FIELDS = 400


def db_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


DbDep = Annotated[Session, Depends(db_session)]


def session_rules(settings: Settings) -> SessionRules:
    return SessionRules(
        idle=timedelta(minutes=settings.session_idle_minutes),
        lifetime=timedelta(hours=settings.session_max_hours),
    )


def throttle_rules(settings: Settings) -> ThrottleRules:
    return ThrottleRules(
        max_failures=settings.login_max_failures,
        max_failures_per_address=settings.login_max_failures_per_address,
        lockout=timedelta(minutes=settings.login_lockout_minutes),
    )


def optional_staff(request: Request, db: DbDep, settings: SettingsDep) -> Staff | None:
    """The signed-in staff member, if the cookie names a live session."""
    token = request.cookies.get(COOKIE, "")
    return load_session(db, token, utcnow(), session_rules(settings)) if token else None


OptionalStaffDep = Annotated[Staff | None, Depends(optional_staff)]


def signed_in(staff: OptionalStaffDep) -> Staff:
    """Signed in, whatever the state of the password (for the password page itself)."""
    if staff is None:
        raise SignInRequiredError()
    return staff


SignedInDep = Annotated[Staff, Depends(signed_in)]


def current_staff(staff: SignedInDep) -> Staff:
    if staff.account.must_change_password:
        raise PasswordChangeRequiredError()
    return staff


StaffDep = Annotated[Staff, Depends(current_staff)]


async def posted_form(request: Request) -> Form:
    """The form's fields, each as a list of values (checkboxes send several)."""
    data = await request.form(max_fields=MAX_FIELDS, max_files=1)
    form: Form = {}
    for key, value in data.multi_items():
        if isinstance(value, str):
            form.setdefault(key, []).append(value)
    return form


FormDep = Annotated[Form, Depends(posted_form)]


def first(form: Form, name: str) -> str:
    return (form.get(name) or [""])[0]


def checked_nonce(staff: Staff, form: Form, settings: Settings) -> str:
    """The form's token is this session's (CSRF): its nonce, to be spent by the write."""
    return csrf.verify(
        staff.session.csrf_secret,
        first(form, csrf.FIELD),
        timedelta(hours=settings.session_max_hours),
    )
