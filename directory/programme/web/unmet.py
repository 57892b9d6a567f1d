"""Unmet needs: the report, its map (server-side SVG) and its JSON twin (thin routes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from directory.dependencies import GeoDep, SettingsDep, TemplatesDep
from directory.programme import queries as q
from directory.programme.access import scope_for, sees_programme
from directory.programme.clock import today
from directory.programme.figures_service import PROGRAMME, IndicatorCache
from directory.programme.geomap import ATTRIBUTION, base_map
from directory.programme.structures import structure_names
from directory.programme.targets import load_periods, period
from directory.programme.unmet import CLASSES, UnmetNeeds, unmet_needs
from directory.programme.web.deps import DbDep, StaffDep
from directory.programme.web.indicators import SVG_HEADERS
from directory.programme.web.render import private_json, render
from directory.urls import path_for

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
# Fill of each class, lightest to darkest (contrast with the outlines, and a pattern-free
# legend that also says the class in words).
FILLS = {None: "#f3f5f7", "5 à 9": "#f6c38b", "10 à 19": "#d9730d", "20 et plus": "#7a2e00"}


def unmet(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    settings: SettingsDep,
    periode: Annotated[str, Query(max_length=40)] = "",
    structure: Annotated[str, Query(max_length=80)] = "",
) -> UnmetNeeds:
    names = structure_names(geo)
    scope = scope_for(staff, structure or None, set(names))
    chosen = period(settings.data_dir, periode or None, today())
    s = q.Slice(scope.structure, chosen.debut, min(chosen.fin, today()))
    label = names.get(scope.structure or "", PROGRAMME)
    cache: IndicatorCache = request.app.state.programme_cache
    return cache.remember(
        db,
        ("besoins", chosen.id, scope.structure, s.end),
        lambda: unmet_needs(db, s, geo, f"{label} — {chosen.nom}"),
    )


UnmetDep = Annotated[UnmetNeeds, Depends(unmet)]


@router.get("/programme/besoins-non-couverts", name="programme_unmet")
def page(
    request: Request, staff: StaffDep, result: UnmetDep, settings: SettingsDep, geo: GeoDep
) -> HTMLResponse:
    query = f"?{request.url.query}" if request.url.query else ""
    return render(
        request,
        "programme/besoins.html",
        {
            "result": result,
            "map_url": path_for(request, "programme_unmet_map") + query,
            "json_url": path_for(request, "api_programme_unmet") + query,
            "periods": [(p.id, p.nom) for p in load_periods(settings.data_dir)],
            "period_id": request.query_params.get("periode", ""),
            "structures": list(structure_names(geo).items()) if sees_programme(staff) else [],
            "structure_id": request.query_params.get("structure", ""),
            "classes": [(label, FILLS[label]) for _, label in reversed(CLASSES)],
            "attribution": ATTRIBUTION,
        },
        staff,
    )


@router.get(
    "/api/programme/besoins-non-couverts",
    name="api_programme_unmet",
    response_class=JSONResponse,
    tags=["espace partenaires"],
    summary="Besoins non couverts (connexion nécessaire)",
)
def api(result: UnmetDep) -> JSONResponse:
    return private_json(result.model_dump(mode="json"))


@router.get("/programme/besoins-non-couverts/carte.svg", name="programme_unmet_map")
def map_svg(
    request: Request, result: UnmetDep, settings: SettingsDep, templates: TemplatesDep
) -> Response:
    drawn = base_map(settings.data_dir)
    classes = {c.code: c.classe for c in result.communes}
    page = templates.get_template("programme/carte.svg").render(
        map=drawn,
        fills={o.code: FILLS[classes.get(o.code)] for o in drawn.outlines},
        classes=classes,
        legend=[(label, FILLS[label]) for _, label in reversed(CLASSES)],
        empty=FILLS[None],
        attribution=ATTRIBUTION,
        title=f"Besoins non couverts par commune d'habitation — {result.perimetre}",
    )
    return Response(page, media_type="image/svg+xml", headers=SVG_HEADERS)
