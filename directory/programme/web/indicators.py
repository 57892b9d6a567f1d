"""The indicators page, its charts, its exports and its JSON twin (thin routes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from directory.dependencies import GeoDep, SettingsDep
from directory.errors import NotFoundError
from directory.programme.access import scope_for, sees_programme
from directory.programme.charts import CHARTS, render_chart
from directory.programme.clock import today
from directory.programme.exports import to_csv, to_xlsx
from directory.programme.figures_service import IndicatorCache
from directory.programme.indicators import Indicators
from directory.programme.structures import structure_names
from directory.programme.targets import load_periods, period
from directory.programme.web.deps import DbDep, StaffDep
from directory.programme.web.render import HEADERS, private_json, render
from directory.urls import path_for

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
SVG_HEADERS = {
    **HEADERS,
    # An SVG opened on its own may style itself, never run anything.
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
}
TABLE_ORDER = (
    "avancement",
    "mois",
    "territoires",
    "structures",
    "ages",
    "situations",
    "contraintes",
    "besoins",
    "reponse",
    "non_couverts",
    "suivi",
    "effets",
    "themes",
    "organisations",
    "ressources",
)


def indicators(
    request: Request,
    db: DbDep,
    staff: StaffDep,
    geo: GeoDep,
    settings: SettingsDep,
    periode: Annotated[str, Query(max_length=40)] = "",
    structure: Annotated[str, Query(max_length=80)] = "",
) -> Indicators:
    """The figures the staff member may see: their structure's, or the programme's."""
    scope = scope_for(staff, structure or None, set(structure_names(geo)))
    chosen = period(settings.data_dir, periode or None, today())
    cache: IndicatorCache = request.app.state.programme_cache
    return cache.get(db, chosen, scope, geo, settings.data_dir, today())


IndicatorsDep = Annotated[Indicators, Depends(indicators)]


def _query(request: Request) -> str:
    query = request.url.query
    return f"?{query}" if query else ""


def ordered_tables(result: Indicators) -> list[object]:
    return [result.tableaux[key] for key in TABLE_ORDER if key in result.tableaux]


@router.get("/programme/indicateurs", name="programme_indicators")
def page(
    request: Request, staff: StaffDep, result: IndicatorsDep, settings: SettingsDep, geo: GeoDep
) -> HTMLResponse:
    query = _query(request)
    charts = {
        name: {
            "url": path_for(request, "programme_chart", name=name) + query,
            "alt": f"Graphique : {title}. Les chiffres sont dans le tableau qui suit.",
        }
        for name, (title, _) in CHARTS.items()
    }
    return render(
        request,
        "programme/indicateurs.html",
        {
            "result": result,
            "tables": result.tableaux,
            "order": [k for k in TABLE_ORDER if k in result.tableaux],
            "charts": charts,
            "periods": [(p.id, p.nom) for p in load_periods(settings.data_dir)],
            "structures": list(structure_names(geo).items()) if sees_programme(staff) else [],
            "csv_url": path_for(request, "programme_indicators_csv") + query,
            "xlsx_url": path_for(request, "programme_indicators_xlsx") + query,
            "json_url": path_for(request, "api_programme_indicators") + query,
        },
        staff,
    )


@router.get(
    "/api/programme/indicateurs",
    name="api_programme_indicators",
    response_class=JSONResponse,
    tags=["espace partenaires"],
    summary="Indicateurs du programme (connexion nécessaire)",
)
def api(result: IndicatorsDep) -> JSONResponse:
    return private_json(result.model_dump(mode="json"))


@router.get("/programme/indicateurs/graphiques/{name}.svg", name="programme_chart")
def chart(name: str, result: IndicatorsDep) -> Response:
    if name not in CHARTS:
        raise NotFoundError(f"Aucun graphique « {name[:40]} ».")
    return Response(render_chart(name, result), media_type="image/svg+xml", headers=SVG_HEADERS)


def _heading(result: Indicators) -> list[str]:
    return [
        f"Indicateurs — {result.perimetre} — {result.periode_nom}",
        f"Calculé le {result.calcule_le.strftime('%d/%m/%Y')} ; aucun chiffre ne décrit moins "
        "de 5 personnes (« moins de 5 » : masqué).",
    ]


def _filename(result: Indicators, extension: str) -> str:
    who = result.structure or "programme"
    return f"indicateurs-{who}-{result.periode}.{extension}"


@router.get("/programme/indicateurs.csv", name="programme_indicators_csv")
def export_csv(result: IndicatorsDep) -> Response:
    return Response(
        to_csv(ordered_tables(result), _heading(result)),  # type: ignore[arg-type]
        media_type="text/csv; charset=utf-8",
        headers={
            **HEADERS,
            "content-disposition": f'attachment; filename="{_filename(result, "csv")}"',
        },
    )


@router.get("/programme/indicateurs.xlsx", name="programme_indicators_xlsx")
def export_xlsx(result: IndicatorsDep) -> Response:
    return Response(
        to_xlsx(ordered_tables(result), _heading(result)),  # type: ignore[arg-type]
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            **HEADERS,
            "content-disposition": f'attachment; filename="{_filename(result, "xlsx")}"',
        },
    )
