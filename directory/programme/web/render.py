"""Rendering a page of the partners' space: its navigation, a fresh form token, private headers."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse

from directory.programme import csrf
from directory.programme.access import sees_programme
from directory.programme.sessions import Staff
from directory.programme.vocabulary import Role
from directory.security import PRIVATE_HEADERS
from directory.urls import path_for

HEADERS = {**PRIVATE_HEADERS, "x-robots-tag": "noindex, nofollow"}

# What a redirect may announce (`?info=…`): fixed sentences, never text from the address.
NOTICES = {
    "deconnecte": "Vous êtes déconnecté.",
    "partout": "Vous êtes déconnecté de tous vos appareils.",
    "mot-de-passe": "Votre mot de passe est enregistré.",
    "modifie": "La correction est enregistrée.",
    "supprime": "L'enregistrement est supprimé.",
    "suivi": "Le suivi est enregistré.",
    "action": "L'action est enregistrée.",
    "compte": "Le compte est à jour.",
}

# (route name, label, who sees it)
NAVIGATION = (
    ("programme_home", "Tableau de bord", Role.CONSEILLER),
    ("programme_record_new", "Compter un entretien", Role.CONSEILLER),
    ("programme_records", "Entretiens", Role.CONSEILLER),
    ("programme_follow_up", "Suivi", Role.CONSEILLER),
    ("programme_workshops", "Ateliers", Role.CONSEILLER),
    ("programme_awareness", "Sensibilisations", Role.CONSEILLER),
    ("programme_indicators", "Indicateurs", Role.CONSEILLER),
    ("programme_unmet", "Besoins non couverts", Role.CONSEILLER),
    ("programme_reports", "Rapports et bilan", Role.COORDINATION),
    ("programme_import", "Import", Role.COORDINATION),
    ("programme_accounts", "Comptes", Role.ADMINISTRATION),
)


def navigation(request: Request, staff: Staff) -> list[dict[str, Any]]:
    here = request.url.path
    items = []
    for name, label, role in NAVIGATION:
        if staff.account.role.rank >= role.rank:
            url = path_for(request, name)
            items.append({"url": url, "label": label, "current": here == url})
    return items


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    staff: Staff | None,
    status_code: int = 200,
) -> HTMLResponse:
    page: dict[str, Any] = {
        "staff": staff,
        "nav": [],
        "programme_view": False,
        "notice": NOTICES.get(request.query_params.get("info", "")),
        **context,
    }
    if staff is not None:
        page["token"] = csrf.issue(staff.session.csrf_secret)
        page["nav"] = navigation(request, staff)
        page["programme_view"] = sees_programme(staff)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, page, status_code=status_code, headers=HEADERS
    )
    return response


def private_json(body: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status_code, headers=HEADERS)
