"""The desk page's only link to the partners' space: « Compter cet entretien » for staff.

For a signed-in staff member, the desk shows a small form that posts the situation's
categories (commune code, age bracket, statuses, constraints, proposed solutions) to the
counting form. The exact age and the need in words are never sent; nothing goes in an address.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import Request
from jinja2 import pass_context
from sqlmodel import Session

from directory.matching.situation import Constraint
from directory.programme import csrf
from directory.programme.clock import utcnow
from directory.programme.sessions import COOKIE, SessionRules, load_session
from directory.programme.vocabulary import AgeBracket
from directory.urls import path_for
from directory.vocabulary import Status

_STATUSES = {s.value for s in Status}
_CONSTRAINTS = {c.value for c in Constraint}


def _bracket(text: str) -> str | None:
    return AgeBracket.of_age(int(text)).value if text.isdigit() and int(text) <= 120 else None


@pass_context
def count_action(context: dict[str, Any], result: Any = None) -> dict[str, Any] | None:
    """The hidden fields of « Compter cet entretien », or None when nobody is signed in."""
    request: Request = context["request"]
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
        secret = staff.session.csrf_secret
    query = request.query_params
    fields: list[tuple[str, str]] = []
    commune = getattr(getattr(getattr(result, "situation", None), "commune", None), "code", None)
    if commune:
        fields.append(("commune", commune))
    bracket = _bracket(query.get("age", "").strip())
    if bracket:
        fields.append(("tranche_age", bracket))
    fields += [("statuts", v) for v in dict.fromkeys(query.getlist("statuts")) if v in _STATUSES]
    fields += [
        ("contraintes", v) for v in dict.fromkeys(query.getlist("contraintes")) if v in _CONSTRAINTS
    ]
    for group in getattr(result, "groupes", []) or []:
        fields += [("proposees", item.id) for item in group.resultats]
    return {
        "url": path_for(request, "programme_record_prefill"),
        "token": csrf.issue(secret),
        "fields": fields[:80],
    }
