"""HTML pages (thin): parse, call a service, render. Each page has a JSON twin under /api."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from directory.content import info_page
from directory.dependencies import DesksDep, GeoDep, SettingsDep, SnapshotDep, TemplatesDep
from directory.models import SolutionPublic
from directory.services import desks, solution_detail
from directory.urls import path_for

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/solutions/{solution_id}", name="solution")
def solution(
    request: Request,
    solution_id: str,
    templates: TemplatesDep,
    snapshot: SnapshotDep,
    geo: GeoDep,
    settings: SettingsDep,
) -> HTMLResponse:
    detail = solution_detail(snapshot, geo, solution_id, settings.stale_after_days)
    return _solution_page(request, templates, detail, "pages/solution.html")


@router.get("/solutions/{solution_id}/imprimer", name="solution_print")
def solution_print(
    request: Request,
    solution_id: str,
    templates: TemplatesDep,
    snapshot: SnapshotDep,
    geo: GeoDep,
    settings: SettingsDep,
) -> HTMLResponse:
    detail = solution_detail(snapshot, geo, solution_id, settings.stale_after_days)
    return _solution_page(request, templates, detail, "pages/solution_impression.html")


def _solution_page(
    request: Request, templates: Jinja2Templates, detail: SolutionPublic, template: str
) -> HTMLResponse:
    """A solution's page (on screen or to print); its JSON twin is /api/solutions/<id>."""
    return templates.TemplateResponse(
        request,
        template,
        {"s": detail, "json_url": path_for(request, "api_solution", solution_id=detail.id)},
    )


@router.get("/permanences", name="desks")
def desks_page(
    request: Request,
    templates: TemplatesDep,
    snapshot: SnapshotDep,
    geo: GeoDep,
    entries: DesksDep,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "pages/permanences.html",
        {"desks": desks(snapshot, geo, entries), "json_url": path_for(request, "api_desks")},
    )


@router.get("/a-propos", name="about")
def about(request: Request, templates: TemplatesDep, settings: SettingsDep) -> HTMLResponse:
    return _info(request, templates, settings.data_dir, "a-propos")


@router.get("/accessibilite", name="accessibility")
def accessibility(request: Request, templates: TemplatesDep, settings: SettingsDep) -> HTMLResponse:
    return _info(request, templates, settings.data_dir, "accessibilite")


def _info(
    request: Request, templates: Jinja2Templates, data_dir: Path, page_id: str
) -> HTMLResponse:
    page = info_page(data_dir, page_id)
    return templates.TemplateResponse(
        request,
        "pages/info.html",
        {"page": page, "json_url": path_for(request, "api_page", page_id=page_id)},
    )
