"""The advisors' desk pages (thin): the situation form and results, and the take-away sheet.

Nothing is stored. The desk's situation travels in its own address (a GET form, so that the
page works without JavaScript) or, back from a sheet, in a POST body. The sheet, its PDF and
its text carry only solution ids in their address: the situation, the advisor's note and the
desk come in a POST body. Every answer says not to keep it (`Cache-Control: no-store`). Each
page has a JSON twin under /api (see api/matching.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData, ImmutableMultiDict

from directory.dependencies import (
    DesksDep,
    GeoDep,
    SettingsDep,
    SnapshotDep,
    TemplatesDep,
    TextRelevanceDep,
)
from directory.desks import DeskEntry
from directory.errors import InvalidInputError
from directory.geo import Geography
from directory.matching.output import MatchOut
from directory.matching.service import match_situation, take_away
from directory.matching.sheet import MAX_NOTE, Sheet
from directory.matching.situation_query import chosen_ids, read_sheet_request, situation_fields
from directory.security import PRIVATE_HEADERS
from directory.urls import path_for
from directory.web.desk_form import CHOICES, form_values
from directory.web.desk_params import (
    FIELD_LABELS,
    FieldError,
    Values,
    field_errors,
    place_errors,
    read_situation,
)

PDF_NAME = "fiche-mobilite.pdf"
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


async def form_body(request: Request) -> FormData:
    """The POST body of a desk form (situation, picks, note), read once."""
    return await request.form()


FormDep = Annotated[FormData, Depends(form_body)]


@router.get("/conseiller", name="desk")
def desk(
    request: Request,
    templates: TemplatesDep,
    snapshot: SnapshotDep,
    geo: GeoDep,
    desks: DesksDep,
    relevance: TextRelevanceDep,
) -> Response:
    return _desk_page(request, request.query_params, templates, snapshot, geo, desks, relevance)


@router.post("/conseiller", name="desk_back")
def desk_back(
    request: Request,
    body: FormDep,
    templates: TemplatesDep,
    snapshot: SnapshotDep,
    geo: GeoDep,
    desks: DesksDep,
    relevance: TextRelevanceDep,
) -> Response:
    """Back from a sheet: the same page, with the picks and the note, from the POST body."""
    return _desk_page(request, body, templates, snapshot, geo, desks, relevance)


def _desk_page(
    request: Request,
    values: Values,
    templates: Jinja2Templates,
    snapshot: Any,
    geo: Geography,
    desks: Mapping[str, DeskEntry],
    relevance: Any,
) -> Response:
    situation, errors = read_situation(values)
    page = path_for(request, "desk")
    if errors:
        errors += place_errors(values, geo, page)
    result: MatchOut | None = None
    if situation is not None:
        try:
            result = match_situation(situation, snapshot, geo, relevance=relevance)
        except InvalidInputError as error:
            errors = field_errors(error, values, page)
    form = form_values(values)
    picked = chosen_ids(values)
    context = {
        "form": form,
        "focus": _initial_focus(form, errors, result),
        "choices": CHOICES,
        "labels": FIELD_LABELS,
        "errors": errors,
        "errors_by_field": {e.name: e for e in reversed(errors)},
        "result": result,
        "picked": set(picked) if picked else {r.id for r in result.essentiel} if result else set(),
        "note": str(values.get("note") or "")[:MAX_NOTE] if request.method == "POST" else "",
        "desk_choices": [(t.id, f"{t.structure} ({t.nom})") for t in geo.territories.values()],
        "desk_chosen": values.get("permanence") or (result.situation.territoire if result else ""),
        "sheet_fields": situation_fields(situation) if result else [],
        "max_note": MAX_NOTE,
        "json_url": _twin(request, "api_match", values if request.method == "GET" else None),
    }
    return templates.TemplateResponse(
        request,
        "pages/conseiller.html",
        context,
        status_code=422 if errors else 200,
        headers=PRIVATE_HEADERS,
    )


def _initial_focus(form: dict[str, Any], errors: list[FieldError], result: MatchOut | None) -> str:
    """Where the keyboard starts: the commune to type, the errors to correct, or the results,
    so that a form submitted without JavaScript lands on what it asked for."""
    if not form["commune"]:
        return "commune"
    if errors:
        return "erreurs"
    return "resultats" if result else ""


def _sheet(
    request: Request,
    values: Values,
    snapshot: SnapshotDep,
    geo: GeoDep,
    desks: DesksDep,
    settings: SettingsDep,
    relevance: TextRelevanceDep,
) -> Sheet:
    return take_away(
        read_sheet_request(values),
        snapshot,
        geo,
        desks,
        settings.site_url,
        path_for(request, "sheet"),
        relevance=relevance,
    )


def posted_sheet(
    request: Request,
    body: FormDep,
    snapshot: SnapshotDep,
    geo: GeoDep,
    desks: DesksDep,
    settings: SettingsDep,
    relevance: TextRelevanceDep,
) -> Sheet:
    """The sheet of a POST body: ids, situation, note and desk."""
    return _sheet(request, body, snapshot, geo, desks, settings, relevance)


def linked_sheet(
    request: Request,
    snapshot: SnapshotDep,
    geo: GeoDep,
    desks: DesksDep,
    settings: SettingsDep,
    relevance: TextRelevanceDep,
) -> Sheet:
    """The sheet of an address: the ids only (the link sent by SMS); anything else in the
    address is ignored, and the page redirects to drop it (see `_ids_only`)."""
    ids = ImmutableMultiDict([("ids", i) for i in chosen_ids(request.query_params)])
    return _sheet(request, ids, snapshot, geo, desks, settings, relevance)


PostedSheet = Annotated[Sheet, Depends(posted_sheet)]
LinkedSheet = Annotated[Sheet, Depends(linked_sheet)]


def _ids_only(request: Request) -> Response | None:
    """An address with more than ids (an old link with the situation in it) is sent to the
    same sheet without it, so that nothing about the person stays in the address bar."""
    extra = [key for key in request.query_params if key != "ids"]
    if not extra:
        return None
    ids = ",".join(chosen_ids(request.query_params))
    target = request.url.path + (f"?{urlencode({'ids': ids})}" if ids else "")
    return RedirectResponse(target, status_code=303, headers=PRIVATE_HEADERS)


@router.get("/conseiller/fiche", name="sheet")
def sheet(request: Request, templates: TemplatesDep, built: LinkedSheet) -> Response:
    return _ids_only(request) or _sheet_page(request, templates, built, "pages/fiche.html", [])


@router.post("/conseiller/fiche", name="sheet_post")
def sheet_post(
    request: Request, templates: TemplatesDep, built: PostedSheet, body: FormDep
) -> Response:
    return _sheet_page(request, templates, built, "pages/fiche.html", _carried(body))


@router.get("/conseiller/fiche.pdf", name="sheet_pdf")
def sheet_pdf(request: Request, templates: TemplatesDep, built: LinkedSheet) -> Response:
    return _ids_only(request) or _pdf(request, templates, built)


@router.post("/conseiller/fiche.pdf", name="sheet_pdf_post")
def sheet_pdf_post(request: Request, templates: TemplatesDep, built: PostedSheet) -> Response:
    return _pdf(request, templates, built)


@router.get("/conseiller/fiche/texte", name="sheet_text")
def sheet_text(request: Request, templates: TemplatesDep, built: LinkedSheet) -> Response:
    return _ids_only(request) or _sheet_page(
        request, templates, built, "pages/fiche_texte.html", []
    )


@router.post("/conseiller/fiche/texte", name="sheet_text_post")
def sheet_text_post(
    request: Request, templates: TemplatesDep, built: PostedSheet, body: FormDep
) -> Response:
    return _sheet_page(request, templates, built, "pages/fiche_texte.html", _carried(body))


def _pdf(request: Request, templates: Jinja2Templates, built: Sheet) -> Response:
    # WeasyPrint takes half a second to import: the first PDF pays it, not every start.
    from directory.web.pdf import render_pdf

    page = _sheet_page(request, templates, built, "pages/fiche.html", [])
    return Response(
        render_pdf(bytes(page.body).decode("utf-8")),
        media_type="application/pdf",
        headers={**PRIVATE_HEADERS, "content-disposition": f'attachment; filename="{PDF_NAME}"'},
    )


def _carried(body: FormData) -> list[tuple[str, str]]:
    """What a sheet page posts on to its PDF, its text and back to the desk: the same body."""
    return [(key, value) for key, value in body.multi_items() if isinstance(value, str)]


def _sheet_page(
    request: Request,
    templates: Jinja2Templates,
    built: Sheet,
    template: str,
    carried: list[tuple[str, str]],
) -> HTMLResponse:
    ids = [item.id for item in built.solutions]
    context = {
        "sheet": built,
        "from_desk": bool(carried),  # posted from the desk; else opened from its link
        "carried": carried or [("ids", i) for i in ids],
        "back_url": path_for(request, "desk"),
        "json_url": path_for(request, "api_sheet") + "?" + urlencode({"ids": ",".join(ids)}),
    }
    return templates.TemplateResponse(request, template, context, headers=PRIVATE_HEADERS)


def _twin(request: Request, name: str, values: Values | None) -> str:
    query = request.url.query if values is not None else ""
    return path_for(request, name) + (f"?{query}" if query else "")
