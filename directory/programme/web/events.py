"""Workshops and awareness sessions: lists, the form, corrections for 7 days (thin routes)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from directory.dependencies import GeoDep, SettingsDep
from directory.geo import Geography
from directory.programme import csrf
from directory.programme.access import may_edit
from directory.programme.clock import today, utcnow
from directory.programme.events import (
    PAGE_SIZE,
    GroupEventIn,
    create_event,
    delete_events,
    editable_event,
    form_values,
    list_events,
    update_event,
)
from directory.programme.sessions import Staff
from directory.programme.structures import structures
from directory.programme.vocabulary import EventKind, Organisation, Theme
from directory.programme.web.deps import DbDep, FormDep, StaffDep, checked_nonce, first
from directory.programme.web.forms import form_data, french_errors
from directory.programme.web.render import HEADERS, render
from directory.urls import path_for
from directory.vocabulary import Public

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
LISTS = {"publics", "organisations"}
LIST_ROUTES = {
    EventKind.ATELIER: "programme_workshops",
    EventKind.SENSIBILISATION: "programme_awareness",
}
TITLES = {
    EventKind.ATELIER: "Ateliers",
    EventKind.SENSIBILISATION: "Sensibilisations de professionnels",
}


def _choices(geo: Geography) -> dict[str, Any]:
    return {
        "territoire": [(t.id, t.nom) for t in geo.territories.values()],
        "theme": [(t.value, t.label) for t in Theme],
        "publics": [(p.value, p.label) for p in Public],
        "organisations": [(o.value, o.label) for o in Organisation],
    }


def _blank(staff: Staff, geo: Geography) -> dict[str, Any]:
    own = structures(geo).get(staff.account.structure)
    return {
        "jour": today().isoformat(),
        "territoire": own.territoires[0] if own else "",
        "commune": "",
        "theme": "",
        "participants": "",
        "professionnels": "",
        "duree_heures": "",
        "publics": set(),
        "organisations": set(),
    }


def _form_page(
    request: Request,
    staff: Staff,
    geo: Geography,
    kind: EventKind,
    values: dict[str, Any],
    errors: list[str],
    event_id: int | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    commune = values.get("commune", "")
    if commune in geo.communes:
        values["commune"] = f"{geo.communes[commune].nom} ({commune})"
    return render(
        request,
        "programme/action_form.html",
        {
            "kind": kind,
            "values": values,
            "errors": errors,
            "choices": _choices(geo),
            "event_id": event_id,
            "action": path_for(request, "programme_event_edit_post", event_id=event_id)
            if event_id
            else path_for(request, "programme_event_create"),
            "back": path_for(request, LIST_ROUTES[kind]),
        },
        staff,
        status_code,
    )


def _list(
    request: Request, db: DbDep, staff: Staff, geo: Geography, kind: EventKind, page: int
) -> HTMLResponse:
    events, total = list_events(db, staff, kind, page)
    now = utcnow()
    return render(
        request,
        "programme/actions.html",
        {
            "kind": kind,
            "title": TITLES[kind],
            "events": [
                (e, may_edit(staff, e.structure, e.author_id, e.created_at, now)) for e in events
            ],
            "total": total,
            "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "communes": {
                e.commune: geo.communes[e.commune].nom for e in events if e.commune in geo.communes
            },
            "new_url": path_for(request, "programme_event_new") + f"?type={kind.value}",
        },
        staff,
    )


Page = Annotated[int, Query(ge=1, le=10_000)]


@router.get("/programme/ateliers", name="programme_workshops")
def workshops(
    request: Request, db: DbDep, staff: StaffDep, geo: GeoDep, page: Page = 1
) -> HTMLResponse:
    return _list(request, db, staff, geo, EventKind.ATELIER, page)


@router.get("/programme/sensibilisations", name="programme_awareness")
def awareness(
    request: Request, db: DbDep, staff: StaffDep, geo: GeoDep, page: Page = 1
) -> HTMLResponse:
    return _list(request, db, staff, geo, EventKind.SENSIBILISATION, page)


@router.get("/programme/actions/nouvelle", name="programme_event_new")
def new_event(
    request: Request, staff: StaffDep, geo: GeoDep, type: EventKind = EventKind.ATELIER
) -> HTMLResponse:
    return _form_page(request, staff, geo, type, _blank(staff, geo), [])


def _validate(form: dict[str, list[str]], geo: Geography) -> GroupEventIn:
    return GroupEventIn.model_validate(
        form_data(form, GroupEventIn, LISTS), context={"today": today(), "geo": geo}
    )


def _kind(form: dict[str, list[str]]) -> EventKind:
    try:
        return EventKind(first(form, "kind"))
    except ValueError:
        return EventKind.ATELIER


def _posted(form: dict[str, list[str]], staff: Staff, geo: Geography) -> dict[str, Any]:
    values = _blank(staff, geo)
    for name in values:
        if name in form:
            values[name] = set(form[name]) if name in LISTS else form[name][0]
    return values


@router.post("/programme/actions", name="programme_event_create")
def create(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    form: FormDep,
    settings: SettingsDep,
) -> Response:
    nonce = checked_nonce(staff, form, settings)
    kind = _kind(form)
    try:
        data = _validate(form, geo)
    except ValidationError as error:
        return _form_page(
            request,
            staff,
            geo,
            kind,
            _posted(form, staff, geo),
            french_errors(error),
            status_code=422,
        )
    now = utcnow()
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    create_event(db, staff, data, geo, now)
    return RedirectResponse(
        path_for(request, LIST_ROUTES[data.kind]) + "?info=action", 303, headers=HEADERS
    )


@router.get("/programme/actions/{event_id}/modifier", name="programme_event_edit")
def edit_form(
    request: Request, event_id: int, db: DbDep, staff: StaffDep, geo: GeoDep
) -> HTMLResponse:
    event = editable_event(db, staff, event_id, utcnow())
    return _form_page(request, staff, geo, event.kind, form_values(db, event), [], event_id)


@router.post("/programme/actions/{event_id}/modifier", name="programme_event_edit_post")
def edit(
    request: Request,
    event_id: int,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    form: FormDep,
    settings: SettingsDep,
) -> Response:
    nonce = checked_nonce(staff, form, settings)
    now = utcnow()
    event = editable_event(db, staff, event_id, now)
    form["kind"] = [event.kind.value]  # a correction never turns a workshop into another kind
    try:
        data = _validate(form, geo)
    except ValidationError as error:
        return _form_page(
            request,
            staff,
            geo,
            event.kind,
            _posted(form, staff, geo),
            french_errors(error),
            event_id,
            422,
        )
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    update_event(db, event, data, geo, now)
    return RedirectResponse(
        path_for(request, LIST_ROUTES[event.kind]) + "?info=modifie", 303, headers=HEADERS
    )


@router.post("/programme/actions/{event_id}/supprimer", name="programme_event_delete")
def delete(
    request: Request,
    event_id: int,
    db: DbDep,
    staff: StaffDep,
    form: FormDep,
    settings: SettingsDep,
) -> Response:
    nonce = checked_nonce(staff, form, settings)
    now = utcnow()
    event = editable_event(db, staff, event_id, now)
    kind = event.kind
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    delete_events(db, [event_id])
    db.commit()
    return RedirectResponse(
        path_for(request, LIST_ROUTES[kind]) + "?info=supprime", 303, headers=HEADERS
    )
