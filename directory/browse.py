"""Browsing the catalogue by territory and by category (pages and their JSON twins)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from directory.errors import NotFoundError
from directory.search.params import SolutionSearchRequest
from directory.search.service import (
    SearchContext,
    SolutionHit,
    SolutionSearchPage,
    search_solutions,
)
from directory.services import Desk, desks
from directory.vocabulary import Category

PREVIEW = 5


class TerritorySummary(BaseModel):
    id: str
    nom: str
    structure: str = Field(description="Structure du programme qui tient les permanences.")
    intercommunalites: list[str]
    communes: int
    solutions: int = Field(description="Solutions utilisables par les habitants du territoire.")
    a_confirmer: str | None = None


class CategorySection(BaseModel):
    categorie: str
    libelle: str
    description: str
    total: int
    apercu: list[SolutionHit] = Field(description=f"Les {PREVIEW} premières, les plus locales.")


class TerritoryDetail(BaseModel):
    territoire: TerritorySummary
    permanence: Desk | None
    sections: list[CategorySection]


class CategorySummary(BaseModel):
    id: str
    libelle: str
    description: str
    total: int


def _search(context: SearchContext, **filters: list[str]) -> SolutionSearchPage:
    request = SolutionSearchRequest(filters=filters, par_page=PREVIEW)
    return search_solutions(context, request)


def territories(context: SearchContext) -> list[TerritorySummary]:
    return [_summary(context, territory_id) for territory_id in context.geo.territories]


def _summary(
    context: SearchContext, territory_id: str, total: int | None = None
) -> TerritorySummary:
    territory = context.geo.territories[territory_id]
    epcis = [context.geo.epcis[code] for code in territory.epci]
    return TerritorySummary(
        id=territory.id,
        nom=territory.nom,
        structure=territory.structure,
        intercommunalites=[epci.nom for epci in epcis],
        communes=sum(len(epci.membres) for epci in epcis),
        solutions=_search(context, territoire=[territory.id]).total if total is None else total,
        a_confirmer=territory.a_confirmer,
    )


def territory_detail(context: SearchContext, territory_id: str) -> TerritoryDetail:
    if territory_id not in context.geo.territories:
        raise NotFoundError(f"Aucun territoire ne porte l'identifiant « {territory_id} ».")
    everything = _search(context, territoire=[territory_id])
    counts = _category_counts(everything)
    sections = [
        CategorySection(
            categorie=category.value,
            libelle=category.label,
            description=category.description,
            total=counts[category.value],
            apercu=_search(
                context, territoire=[territory_id], categorie=[category.value]
            ).resultats,
        )
        for category in Category
        if counts.get(category.value)
    ]
    desk = next(
        (d for d in desks(context.snapshot, context.geo) if d.territoire_id == territory_id), None
    )
    return TerritoryDetail(
        territoire=_summary(context, territory_id, everything.total),
        permanence=desk,
        sections=sections,
    )


def categories(context: SearchContext) -> list[CategorySummary]:
    counts = _category_counts(_search(context))
    return [
        CategorySummary(
            id=category.value,
            libelle=category.label,
            description=category.description,
            total=counts.get(category.value, 0),
        )
        for category in Category
    ]


def category(category_id: str) -> Category:
    try:
        return Category(category_id)
    except ValueError:
        raise NotFoundError(f"Aucune catégorie « {category_id} ».") from None


def _category_counts(page: SolutionSearchPage) -> dict[str, int]:
    facet = next(f for f in page.facettes if f.nom == "categorie")
    return {option.valeur: option.nombre for option in facet.options}
