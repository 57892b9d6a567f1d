"""JSON twins of the catalogue pages: home, a solution, the information pages."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from directory.browse import (
    CategorySummary,
    TerritoryDetail,
    TerritorySummary,
    categories,
    territories,
    territory_detail,
)
from directory.content import InfoPage, info_page
from directory.dependencies import (
    DesksDep,
    GeoDep,
    SearchContextDep,
    SettingsDep,
    SnapshotDep,
)
from directory.models import SolutionPublic
from directory.needs import NEEDS
from directory.services import Desk, desks, solution_detail

router = APIRouter(prefix="/api", tags=["catalogue"])


class NeedOut(BaseModel):
    id: str
    titre: str
    question: str
    categories: list[str]


class HomeOut(BaseModel):
    total: int
    version: int
    besoins: list[NeedOut]


@router.get("", name="api_home", summary="Accueil : taille du catalogue et besoins")
def api_home(snapshot: SnapshotDep) -> HomeOut:
    return HomeOut(
        total=len(snapshot.solutions),
        version=snapshot.version,
        besoins=[
            NeedOut(
                id=n.id,
                titre=n.title,
                question=n.question,
                categories=[c.value for c in n.categories],
            )
            for n in NEEDS
        ],
    )


@router.get(
    "/solutions/{solution_id}",
    name="api_solution",
    summary="Une solution, avec ses conditions et ses contacts",
    responses={404: {"description": "Identifiant inconnu"}},
)
def api_solution(
    solution_id: str, snapshot: SnapshotDep, geo: GeoDep, settings: SettingsDep
) -> SolutionPublic:
    return solution_detail(snapshot, geo, solution_id, settings.stale_after_days)


@router.get("/permanences", name="api_desks", summary="Les permanences info-mobilité du programme")
def api_desks(snapshot: SnapshotDep, geo: GeoDep, entries: DesksDep) -> list[Desk]:
    return desks(snapshot, geo, entries)


@router.get("/territoires", name="api_territories", summary="Les territoires du programme")
def api_territories(context: SearchContextDep) -> list[TerritorySummary]:
    return territories(context)


@router.get(
    "/territoires/{territory_id}",
    name="api_territory",
    summary="Un territoire : sa permanence et ses solutions par catégorie",
    responses={404: {"description": "Territoire inconnu"}},
)
def api_territory(territory_id: str, context: SearchContextDep) -> TerritoryDetail:
    return territory_detail(context, territory_id)


@router.get("/categories", name="api_categories", summary="Les catégories et leur nombre de fiches")
def api_categories(context: SearchContextDep) -> list[CategorySummary]:
    return categories(context)


@router.get("/pages/{page_id}", name="api_page", summary="Une page d'information")
def api_page(page_id: str, settings: SettingsDep) -> InfoPage:
    return info_page(settings.data_dir, page_id)
