"""The desk page's only link to the partners' space: « Compter cet entretien » for staff.

For a signed-in staff member, the desk's results show a small form that posts the situation's
categories (see `desk_categories.py`: commune code, age bracket, statuses, barriers, needs,
the solutions ticked for the sheet and those shown) to the counting form, in the body. The
exact age, the need in words and the note are never sent; nothing goes in an address.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import Request
from jinja2 import pass_context
from sqlmodel import Session

from directory.matching.output import MatchOut
from directory.matching.situation import Situation
from directory.programme import csrf
from directory.programme.clock import utcnow
from directory.programme.desk_categories import desk_categories
from directory.programme.sessions import COOKIE, SessionRules, load_session
from directory.urls import path_for


def _csrf_secret(request: Request) -> str | None:
    """The signed-in staff member's form secret, or None for anyone else."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    settings = request.app.state.settings
    rules = SessionRules(
        idle=timedelta(minutes=settings.session_idle_minutes),
        lifetime=timedelta(hours=settings.session_max_hours),
    )
    with Session(request.app.state.engine) as db:
        staff = load_session(db, token, utcnow(), rules)
        if staff is None or staff.account.must_change_password:
            return None
        return staff.session.csrf_secret


@pass_context
def count_action(context: dict[str, Any], result: Any = None) -> dict[str, Any] | None:
    """The hidden fields of « Compter cet entretien », or None when nobody is signed in or
    the desk has no results."""
    situation = context.get("situation")
    if not isinstance(result, MatchOut) or not isinstance(situation, Situation):
        return None
    request: Request = context["request"]
    secret = _csrf_secret(request)
    if secret is None:
        return None
    categories = desk_categories(situation, result, set(context.get("picked") or ()))
    return {
        "url": path_for(request, "programme_record_prefill"),
        "token": csrf.issue(secret),
        "fields": categories.fields(),
    }
