"""Printable reports: one page per territory or intercommunality, and the final assessment."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from directory.dependencies import GeoDep, SettingsDep
from directory.errors import NotFoundError
from directory.geo import Geography
from directory.programme.access import Scope, require
from directory.programme.clock import today
from directory.programme.effects import load_factors
from directory.programme.figures_service import IndicatorCache
from directory.programme.indicators import Indicators
from directory.programme.targets import load_periods, period
from directory.programme.vocabulary import Role
from directory.programme.web.deps import DbDep, StaffDep
from directory.programme.web.render import private_json, render
from directory.urls import path_for

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
REPORT_TABLES = ("reponse", "besoins", "non_couverts", "ages", "suivi", "themes", "effets")
PeriodQuery = Annotated[str, Query(max_length=40)]


def _programme_epcis(geo: Geography) -> list[str]:
    return [code for t in geo.territories.values() for code in t.epci]


def _area(geo: Geography, kind: str, area_id: str) -> tuple[str, frozenset[str]]:
    if kind == "territoires" and area_id in geo.territories:
        territory = geo.territories[area_id]
        return territory.nom, frozenset(territory.epci)
    if kind == "intercommunalites" and area_id in geo.epcis:
        return geo.epcis[area_id].nom, frozenset({area_id})
    raise NotFoundError("Ce territoire ou cette intercommunalité n'existe pas.")


def area_report(
    request: Request,
    db: DbDep,
    geo: Geography,
    settings: SettingsDep,
    kind: str,
    area_id: str,
    periode: str,
) -> Indicators:
    area = _area(geo, kind, area_id)
    chosen = period(settings.data_dir, periode or None, today())
    cache: IndicatorCache = request.app.state.programme_cache
    return cache.get(db, chosen, Scope(None), geo, settings.data_dir, today(), area)


@router.get("/programme/rapports", name="programme_reports")
def index(request: Request, staff: StaffDep, geo: GeoDep, settings: SettingsDep) -> HTMLResponse:
    require(staff, Role.COORDINATION)
    return render(
        request,
        "programme/rapports.html",
        {
            "territories": list(geo.territories.values()),
            "epcis": [geo.epcis[c] for c in _programme_epcis(geo)],
            "periods": load_periods(settings.data_dir),
        },
        staff,
    )


@router.get("/programme/rapports/{kind}/{area_id}", name="programme_area_report")
def area_page(
    request: Request,
    kind: str,
    area_id: str,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    settings: SettingsDep,
    periode: PeriodQuery = "",
) -> HTMLResponse:
    require(staff, Role.COORDINATION)
    result = area_report(request, db, geo, settings, kind, area_id, periode)
    query = f"?{request.url.query}" if request.url.query else ""
    return render(
        request,
        "programme/rapport.html",
        {
            "result": result,
            "tables": [result.tableaux[k] for k in REPORT_TABLES],
            "json_url": path_for(request, "api_programme_area_report", kind=kind, area_id=area_id)
            + query,
        },
        staff,
    )


@router.get(
    "/api/programme/rapports/{kind}/{area_id}",
    name="api_programme_area_report",
    response_class=JSONResponse,
    tags=["espace partenaires"],
    summary="Rapport d'un territoire ou d'une intercommunalité (connexion nécessaire)",
)
def area_api(
    request: Request,
    kind: str,
    area_id: str,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    settings: SettingsDep,
    periode: PeriodQuery = "",
) -> JSONResponse:
    require(staff, Role.COORDINATION)
    return private_json(
        area_report(request, db, geo, settings, kind, area_id, periode).model_dump(mode="json")
    )


def final_assessment(
    request: Request, db: DbDep, geo: Geography, settings: SettingsDep, periode: str
) -> Indicators:
    chosen = period(settings.data_dir, periode or "tims", today())
    cache: IndicatorCache = request.app.state.programme_cache
    return cache.get(db, chosen, Scope(None), geo, settings.data_dir, today())


@router.get("/programme/bilan", name="programme_assessment")
def assessment_page(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    settings: SettingsDep,
    periode: PeriodQuery = "",
) -> HTMLResponse:
    require(staff, Role.COORDINATION)
    result = final_assessment(request, db, geo, settings, periode)
    query = f"?{request.url.query}" if request.url.query else ""
    return render(
        request,
        "programme/bilan.html",
        {
            "result": result,
            "t": result.tableaux,
            "factors": load_factors(settings.data_dir),
            "territories": list(geo.territories.values()),
            "json_url": path_for(request, "api_programme_assessment") + query,
        },
        staff,
    )


@router.get(
    "/api/programme/bilan",
    name="api_programme_assessment",
    response_class=JSONResponse,
    tags=["espace partenaires"],
    summary="Bilan du programme (connexion nécessaire)",
)
def assessment_api(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    settings: SettingsDep,
    periode: PeriodQuery = "",
) -> JSONResponse:
    require(staff, Role.COORDINATION)
    return private_json(
        final_assessment(request, db, geo, settings, periode).model_dump(mode="json")
    )
