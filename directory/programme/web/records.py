"""Counting desk sessions: the form (blank, or prefilled from the desk), the list, corrections."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from directory.dependencies import GeoDep, SettingsDep, SnapshotDep
from directory.geo import Geography
from directory.matching.situation import Constraint
from directory.programme import csrf
from directory.programme.clock import today, utcnow
from directory.programme.fields import NEED_LABELS
from directory.programme.records import (
    PAGE_SIZE,
    DeskRecordIn,
    create_record,
    delete_records,
    editable_record,
    form_values,
    list_records,
    record_of,
    tags_of,
)
from directory.programme.references import display
from directory.programme.sessions import Staff
from directory.programme.structures import structures
from directory.programme.vocabulary import AgeBracket, Channel, Duration, NeedMet
from directory.programme.web.deps import DbDep, FormDep, StaffDep, checked_nonce
from directory.programme.web.forms import form_data, french_errors
from directory.programme.web.render import HEADERS, render
from directory.snapshot import Snapshot, offered
from directory.urls import path_for
from directory.vocabulary import Status

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
LISTS = {"statuts", "contraintes", "besoins", "solutions", "besoins_non_couverts"}


def _options(enum: Any) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


def choices(geo: Geography, snapshot: Snapshot) -> dict[str, Any]:
    solutions = sorted(offered(snapshot), key=lambda s: s.nom.casefold())
    return {
        "canal": _options(Channel),
        "territoire": [(t.id, t.nom) for t in geo.territories.values()],
        "tranche_age": _options(AgeBracket),
        "duree": _options(Duration),
        "statuts": _options(Status),
        "contraintes": _options(Constraint),
        "besoins": list(NEED_LABELS.items()),
        "besoin_couvert": _options(NeedMet),
        "solutions": [(s.id, s.nom) for s in solutions],
    }


def blank_values(staff: Staff, geo: Geography) -> dict[str, Any]:
    own = structures(geo).get(staff.account.structure)
    values: dict[str, Any] = {name: set() for name in LISTS}
    values.update(
        jour=today().isoformat(),
        canal="",
        territoire=own.territoires[0] if own else "",
        commune="",
        tranche_age="",
        duree="",
        besoin_couvert="",
    )
    return values


def _posted_values(form: dict[str, list[str]], staff: Staff, geo: Geography) -> dict[str, Any]:
    values = blank_values(staff, geo)
    for name in list(values):
        if name in form:
            values[name] = set(form[name]) if name in LISTS else form[name][0]
    return values


def _form_page(
    request: Request,
    staff: Staff,
    geo: Geography,
    snapshot: Snapshot,
    values: dict[str, Any],
    errors: list[str],
    record_id: int | None = None,
    proposed: list[str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    all_choices = choices(geo, snapshot)
    names = dict(all_choices["solutions"])
    proposed = [p for p in (proposed or []) if p in names]
    commune = values.get("commune", "")
    if commune in geo.communes:
        values["commune"] = f"{geo.communes[commune].nom} ({commune})"
    return render(
        request,
        "programme/entretien_form.html",
        {
            "values": values,
            "errors": errors,
            "choices": all_choices,
            "proposed": [(p, names[p]) for p in proposed],
            "record_id": record_id,
            "action": path_for(request, "programme_record_edit_post", record_id=record_id)
            if record_id
            else path_for(request, "programme_record_create"),
        },
        staff,
        status_code,
    )


@router.get("/programme/entretiens/nouveau", name="programme_record_new")
def new_record(
    request: Request, staff: StaffDep, geo: GeoDep, snapshot: SnapshotDep
) -> HTMLResponse:
    return _form_page(request, staff, geo, snapshot, blank_values(staff, geo), [])


@router.post("/programme/entretiens/nouveau", name="programme_record_prefill")
def prefilled_record(
    request: Request,
    staff: StaffDep,
    geo: GeoDep,
    snapshot: SnapshotDep,
    form: FormDep,
    settings: SettingsDep,
) -> HTMLResponse:
    """From the desk: the situation's categories, sent in the body, never in the address."""
    checked_nonce(staff, form, settings)
    values = _posted_values(form, staff, geo)
    values["solutions"] = set()
    return _form_page(
        request, staff, geo, snapshot, values, [], proposed=form.get("proposees", [])[:40]
    )


def _validate(form: dict[str, list[str]], geo: Geography, snapshot: Snapshot) -> DeskRecordIn:
    return DeskRecordIn.model_validate(
        form_data(form, DeskRecordIn, LISTS),
        context={"today": today(), "geo": geo, "solutions": set(snapshot.solutions)},
    )


@router.post("/programme/entretiens", name="programme_record_create")
def create(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    snapshot: SnapshotDep,
    form: FormDep,
    settings: SettingsDep,
) -> Response:
    nonce = checked_nonce(staff, form, settings)
    try:
        data = _validate(form, geo, snapshot)
    except ValidationError as error:
        values = _posted_values(form, staff, geo)
        return _form_page(
            request,
            staff,
            geo,
            snapshot,
            values,
            french_errors(error),
            proposed=form.get("proposees", [])[:40],
            status_code=422,
        )
    now = utcnow()
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    record = create_record(db, staff, data, geo, now)
    return RedirectResponse(
        path_for(request, "programme_record_done", record_id=record.id), 303, headers=HEADERS
    )


@router.get("/programme/entretiens/{record_id}/compte", name="programme_record_done")
def counted(
    request: Request, record_id: int, db: DbDep, staff: StaffDep, snapshot: SnapshotDep
) -> HTMLResponse:
    record = record_of(db, staff, record_id)
    handed = tags_of(db, [record_id]).get(record_id, {}).get("solution", [])
    ids = [i for i in handed if i in snapshot.solutions]
    query = urlencode([*(("ids", i) for i in ids), ("ref", record.reference or "")])
    return render(
        request,
        "programme/entretien_compte.html",
        {
            "record": record,
            "reference": display(record.reference) if record.reference else None,
            "sheet_url": path_for(request, "sheet") + "?" + query if ids else None,
            "text_url": path_for(request, "sheet_text") + "?" + query if ids else None,
            "solutions": [snapshot.solutions[i].nom for i in ids],
        },
        staff,
    )


@router.get("/programme/entretiens", name="programme_records")
def records_list(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    views, total = list_records(db, staff, utcnow(), page)
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        request,
        "programme/entretiens.html",
        {
            "views": views,
            "total": total,
            "page": page,
            "pages": pages,
            "need_labels": NEED_LABELS,
            "communes": {
                c: geo.communes[c].nom
                for v in views
                if (c := v.record.commune) and c in geo.communes
            },
            "territories": {t.id: t.nom for t in geo.territories.values()},
        },
        staff,
    )


@router.get("/programme/entretiens/{record_id}/modifier", name="programme_record_edit")
def edit_form(
    request: Request,
    record_id: int,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    snapshot: SnapshotDep,
) -> HTMLResponse:
    record = editable_record(db, staff, record_id, utcnow())
    return _form_page(request, staff, geo, snapshot, form_values(db, record), [], record_id)


@router.post("/programme/entretiens/{record_id}/modifier", name="programme_record_edit_post")
def edit(
    request: Request,
    record_id: int,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    snapshot: SnapshotDep,
    form: FormDep,
    settings: SettingsDep,
) -> Response:
    from directory.programme.records import update_record

    nonce = checked_nonce(staff, form, settings)
    now = utcnow()
    record = editable_record(db, staff, record_id, now)
    try:
        data = _validate(form, geo, snapshot)
    except ValidationError as error:
        values = _posted_values(form, staff, geo)
        return _form_page(
            request,
            staff,
            geo,
            snapshot,
            values,
            french_errors(error),
            record_id,
            status_code=422,
        )
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    update_record(db, record, data, geo, now)
    return RedirectResponse(
        path_for(request, "programme_records") + "?info=modifie", 303, headers=HEADERS
    )


@router.post("/programme/entretiens/{record_id}/supprimer", name="programme_record_delete")
def delete(
    request: Request,
    record_id: int,
    db: DbDep,
    staff: StaffDep,
    form: FormDep,
    settings: SettingsDep,
) -> Response:
    nonce = checked_nonce(staff, form, settings)
    now = utcnow()
    editable_record(db, staff, record_id, now)
    csrf.spend(db, nonce, now, timedelta(hours=settings.session_max_hours))
    delete_records(db, [record_id])
    db.commit()
    return RedirectResponse(
        path_for(request, "programme_records") + "?info=supprime", 303, headers=HEADERS
    )
