"""The advisors' desk pages (thin): the situation form and results, and the take-away sheet.

Nothing is stored: the situation travels in the URL only, and every answer says not to keep it
(`Cache-Control: no-store`). Each page has a JSON twin under /api (see api/matching.py).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from directory.dependencies import (
    GeoDep,
    SettingsDep,
    SnapshotDep,
    TemplatesDep,
    TextRelevanceDep,
)
from directory.errors import InvalidInputError
from directory.hours import Slot
from directory.matching.output import MatchOut
from directory.matching.service import match_situation, take_away
from directory.matching.sheet import Sheet
from directory.matching.situation import SLOT_LABELS, Constraint, Situation
from directory.matching.situation_query import optional_situation
from directory.security import PRIVATE_HEADERS
from directory.urls import path_for
from directory.vocabulary import Purpose, Status
from directory.web.desk_params import (
    FIELD_LABELS,
    FieldError,
    field_errors,
    place_errors,
    read_situation,
)

PDF_NAME = "fiche-mobilite.pdf"
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

CHOICES = {
    "statuts": [(s.value, s.label) for s in Status],
    "contraintes": [(c.value, c.label) for c in Constraint],
    "motifs": [(p.value, p.label) for p in Purpose],
    "creneaux": [(s.value, SLOT_LABELS[s].capitalize()) for s in Slot],
}
DESTINATION_FIELDS = 2


@router.get("/conseiller", name="desk")
def desk(
    request: Request,
    templates: TemplatesDep,
    snapshot: SnapshotDep,
    geo: GeoDep,
    relevance: TextRelevanceDep,
) -> Response:
    situation, errors = read_situation(request.query_params)
    page = path_for(request, "desk")
    if errors:
        errors += place_errors(request.query_params, geo, page)
    result: MatchOut | None = None
    if situation is not None:
        try:
            result = match_situation(situation, snapshot, geo, relevance=relevance)
        except InvalidInputError as error:
            errors = field_errors(error, request.query_params, page)
    form = _form_values(request)
    context = {
        "form": form,
        "focus": _initial_focus(form, errors, result),
        "choices": CHOICES,
        "labels": FIELD_LABELS,
        "errors": errors,
        "errors_by_field": {e.name: e for e in reversed(errors)},
        "result": result,
        "sheet_fields": _sheet_fields(situation) if result else [],
        "json_url": _twin(request, "api_match"),
    }
    return templates.TemplateResponse(
        request,
        "pages/conseiller.html",
        context,
        status_code=422 if errors else 200,
        headers=PRIVATE_HEADERS,
    )


def selected_sheet(
    request: Request,
    snapshot: SnapshotDep,
    geo: GeoDep,
    settings: SettingsDep,
    relevance: TextRelevanceDep,
) -> Sheet:
    """The take-away sheet of the solutions ticked in the query (ids), for the three formats."""
    query = request.query_params
    return take_away(
        query.getlist("ids"),
        optional_situation(query),
        snapshot,
        geo,
        settings.site_url,
        path_for(request, "sheet"),
        relevance=relevance,
    )


SheetDep = Annotated[Sheet, Depends(selected_sheet)]


@router.get("/conseiller/fiche", name="sheet")
def sheet(request: Request, templates: TemplatesDep, built: SheetDep) -> Response:
    return _sheet_page(request, templates, built, "pages/fiche.html")


@router.get("/conseiller/fiche.pdf", name="sheet_pdf")
def sheet_pdf(request: Request, templates: TemplatesDep, built: SheetDep) -> Response:
    # WeasyPrint takes half a second to import: the first PDF pays it, not every start.
    from directory.web.pdf import render_pdf

    page = _sheet_page(request, templates, built, "pages/fiche.html")
    return Response(
        render_pdf(bytes(page.body).decode("utf-8")),
        media_type="application/pdf",
        headers={
            **PRIVATE_HEADERS,
            "content-disposition": f'attachment; filename="{PDF_NAME}"',
        },
    )


@router.get("/conseiller/fiche/texte", name="sheet_text")
def sheet_text(request: Request, templates: TemplatesDep, built: SheetDep) -> Response:
    return _sheet_page(request, templates, built, "pages/fiche_texte.html")


def _sheet_page(
    request: Request, templates: Jinja2Templates, built: Sheet, template: str
) -> HTMLResponse:
    back = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "ids"])
    context = {
        "sheet": built,
        "back_url": path_for(request, "desk") + (f"?{back}" if back else ""),
        "sheet_url": _twin(request, "sheet"),
        "pdf_url": _twin(request, "sheet_pdf"),
        "text_url": _twin(request, "sheet_text"),
        "json_url": _twin(request, "api_sheet"),
    }
    return templates.TemplateResponse(request, template, context, headers=PRIVATE_HEADERS)


def _twin(request: Request, name: str) -> str:
    query = request.url.query
    return path_for(request, name) + (f"?{query}" if query else "")


def _form_values(request: Request) -> dict[str, Any]:
    """What the advisor typed, as typed: the form is shown again exactly, errors included."""
    query = request.query_params
    values: dict[str, Any] = {
        name: query.get(name, "") for name in ("commune", "age", "demandeur_emploi_depuis_mois")
    }
    values["besoin"] = query.get("besoin", "")
    destinations = [d for d in query.getlist("destinations") if d.strip()]
    values["destinations"] = (destinations + [""] * DESTINATION_FIELDS)[
        : max(DESTINATION_FIELDS, len(destinations))
    ]
    for name in CHOICES:
        values[name] = set(query.getlist(name))
    return values


def _initial_focus(form: dict[str, Any], errors: list[FieldError], result: MatchOut | None) -> str:
    """Where the keyboard starts: the commune to type, the errors to correct, or the results,
    so that a form submitted without JavaScript lands on what it asked for."""
    if not form["commune"]:
        return "commune"
    if errors:
        return "erreurs"
    return "resultats" if result else ""


def _sheet_fields(situation: Situation | None) -> list[tuple[str, str]]:
    """The situation as hidden fields of the take-away form, so the sheet can say why each
    solution fits. The need in words stays out: it may be medical and the sheet needs none."""
    if situation is None:
        return []
    data = situation.model_dump(mode="json", exclude={"besoin"}, exclude_none=True)
    fields: list[tuple[str, str]] = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((name, str(item)))
    return fields
