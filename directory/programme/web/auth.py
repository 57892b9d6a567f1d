"""Signing in and out, and changing one's password (thin routes over login.py, sessions.py)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from directory.config import Settings
from directory.dependencies import SettingsDep
from directory.programme import csrf
from directory.programme.accounts import revoke_sessions
from directory.programme.clock import utcnow
from directory.programme.errors import FormRejectedError
from directory.programme.login import sign_in
from directory.programme.passwords import hash_password, password_problem, verify_password
from directory.programme.sessions import COOKIE, close_session
from directory.programme.web.deps import (
    DbDep,
    FormDep,
    OptionalStaffDep,
    SignedInDep,
    checked_nonce,
    first,
    throttle_rules,
)
from directory.programme.web.render import HEADERS, render
from directory.urls import path_for

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

LOGIN_FORM_AGE = timedelta(hours=2)


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "inconnue"


def _safe_next(request: Request, target: str) -> str:
    """Only a page of the partners' space (or the desk): never another site."""
    home = path_for(request, "programme_home")
    desk = path_for(request, "desk")
    if target.startswith((home + "/", desk)) and "//" not in target and "\\" not in target:
        return target
    return home


def _set_cookie(response: Response, name: str, value: str, settings: Settings) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
        max_age=settings.session_max_hours * 3600,
    )


def _login_page(
    request: Request,
    settings: Settings,
    message: str | None = None,
    identifiant: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    secret = request.cookies.get(csrf.ANONYMOUS_COOKIE) or csrf.new_secret()
    response = render(
        request,
        "programme/connexion.html",
        {
            "anonymous_token": csrf.issue(secret),
            "message": message,
            "identifiant": identifiant[:64],
            "next": _safe_next(request, request.query_params.get("suite", "")),
        },
        None,
        status_code,
    )
    _set_cookie(response, csrf.ANONYMOUS_COOKIE, secret, settings)
    return response


@router.get("/programme/connexion", name="programme_login")
def login_form(request: Request, staff: OptionalStaffDep, settings: SettingsDep) -> Response:
    if staff is not None:
        return RedirectResponse(path_for(request, "programme_home"), 303, headers=HEADERS)
    return _login_page(request, settings)


@router.post("/programme/connexion", name="programme_login_post")
def login(request: Request, db: DbDep, form: FormDep, settings: SettingsDep) -> Response:
    try:
        csrf.verify(
            request.cookies.get(csrf.ANONYMOUS_COOKIE), first(form, csrf.FIELD), LOGIN_FORM_AGE
        )
    except FormRejectedError as error:
        return _login_page(request, settings, error.message, status_code=400)
    identifiant = first(form, "identifiant")[:100]
    outcome = sign_in(
        db,
        identifiant,
        first(form, "mot_de_passe")[:500],
        _client_address(request),
        utcnow(),
        throttle_rules(settings),
    )
    if outcome.token is None or outcome.account is None:
        return _login_page(request, settings, outcome.message, identifiant, status_code=401)
    previous = request.cookies.get(COOKIE)
    if previous:  # whatever session the browser brought is closed, never reused
        close_session(db, previous)
    target = (
        path_for(request, "programme_password")
        if outcome.account.must_change_password
        else _safe_next(request, first(form, "suite"))
    )
    response = RedirectResponse(target, 303, headers=HEADERS)
    _set_cookie(response, COOKIE, outcome.token, settings)
    response.delete_cookie(csrf.ANONYMOUS_COOKIE, path="/")
    return response


@router.post("/programme/deconnexion", name="programme_logout")
def logout(
    request: Request, db: DbDep, staff: SignedInDep, form: FormDep, settings: SettingsDep
) -> Response:
    checked_nonce(staff, form, settings)
    everywhere = first(form, "partout") == "oui"
    if everywhere:
        revoke_sessions(db, staff.id)
        db.commit()
    else:
        close_session(db, request.cookies.get(COOKIE, ""))
    info = urlencode({"info": "partout" if everywhere else "deconnecte"})
    response = RedirectResponse(
        path_for(request, "programme_login") + "?" + info, 303, headers=HEADERS
    )
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/programme/mot-de-passe", name="programme_password")
def password_form(request: Request, staff: SignedInDep) -> HTMLResponse:
    return render(request, "programme/mot_de_passe.html", {"errors": []}, staff)


@router.post("/programme/mot-de-passe", name="programme_password_post")
def change_password(
    request: Request, db: DbDep, staff: SignedInDep, form: FormDep, settings: SettingsDep
) -> Response:
    nonce = checked_nonce(staff, form, settings)
    current, new, again = (first(form, n)[:500] for n in ("actuel", "nouveau", "confirmation"))
    errors = []
    if not verify_password(staff.account.password_hash, current):
        errors.append("Le mot de passe actuel n'est pas le bon.")
    problem = password_problem(new, staff.account.identifiant)
    if problem:
        errors.append(problem)
    elif new != again:
        errors.append("Les deux saisies du nouveau mot de passe ne sont pas identiques.")
    elif new == current:
        errors.append("Le nouveau mot de passe doit être différent de l'actuel.")
    if errors:
        return render(request, "programme/mot_de_passe.html", {"errors": errors}, staff, 422)
    now = utcnow()
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    account = staff.account
    account.password_hash = hash_password(new)
    account.must_change_password = False
    account.password_changed_at = now
    db.add(account)
    revoke_sessions(db, staff.id, keep=staff.session.token_hash)
    db.commit()
    return RedirectResponse(
        path_for(request, "programme_home") + "?info=mot-de-passe", 303, headers=HEADERS
    )
