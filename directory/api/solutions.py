"""GET /api/solutions: search the directory (thin route over search.service)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from directory.dependencies import SearchContextDep, SettingsDep
from directory.search.params import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SolutionSearchRequest,
)
from directory.search.service import SolutionSearchPage, search_solutions
from directory.search_work import run_search_work
from directory.vocabulary import Category, Frais, ModeAccueil, Public

router = APIRouter(prefix="/api", tags=["recherche"])


def _values(enum: Any) -> str:
    return ", ".join(member.value for member in enum)


INVALID = {
    422: {
        "description": "Paramètre invalide : le message, en français, nomme le paramètre.",
        "content": {
            "application/json": {
                "example": {
                    "erreur": "Paramètres invalides",
                    "message": "« page » est trop petit (minimum 1)",
                    "champ": "page",
                    "details": [
                        {"champ": "page", "message": "« page » est trop petit (minimum 1)"}
                    ],
                }
            }
        },
    }
}


@router.get(
    "/solutions",
    name="api_solutions",
    summary="Chercher des solutions de mobilité",
    description=(
        "Recherche tolérante aux fautes de frappe (une faute dès 5 lettres, deux dès 9), "
        "aux accents, aux formes des mots (réparer, réparation) et aux synonymes ; le dernier "
        "mot peut être incomplet. Elle comprend les phrases (« je n'ai pas de permis pour aller "
        "travailler ») : besoins reconnus, lieux (« depuis Lodève », « à Montpellier ») et mots "
        "ignorés sont décrits dans « compris ». Sans mots, toutes les fiches, de la plus locale "
        "à la plus large. Les filtres d'une même facette s'additionnent (OU), ceux de facettes "
        "différentes se combinent (ET)."
    ),
    responses=INVALID,  # type: ignore[arg-type]
)
async def list_solutions(
    context: SearchContextDep,
    settings: SettingsDep,
    q: Annotated[
        str,
        Query(max_length=MAX_QUERY_CHARS, description="Mots cherchés (vide : tout parcourir)."),
    ] = "",
    commune: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Commune de la personne : code INSEE, code postal ou nom. Garde les "
            "solutions dont la zone couvre cette commune.",
        ),
    ] = None,
    destination: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Où la personne va : code INSEE, code postal ou nom. Ôte les "
            "transports connus pour ne pas y aller.",
        ),
    ] = None,
    categorie: Annotated[
        list[str] | None, Query(description=f"Catégories : {_values(Category)}.")
    ] = None,
    territoire: Annotated[
        list[str] | None,
        Query(description="Territoires du programme (identifiants de data/territoires.yaml)."),
    ] = None,
    public: Annotated[list[str] | None, Query(description=f"Publics : {_values(Public)}.")] = None,
    frais: Annotated[
        list[str] | None, Query(description=f"Frais : {_values(Frais)}, non-renseigne.")
    ] = None,
    acces: Annotated[
        list[str] | None, Query(description=f"Accueil : {_values(ModeAccueil)}.")
    ] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Numéro de page.")] = 1,
    par_page: Annotated[
        int, Query(ge=1, le=MAX_PER_PAGE, description="Résultats par page.")
    ] = DEFAULT_PER_PAGE,
) -> SolutionSearchPage:
    filters = {
        "categorie": categorie or [],
        "territoire": territoire or [],
        "public": public or [],
        "frais": frais or [],
        "acces": acces or [],
    }
    request = SolutionSearchRequest(q, commune, filters, page, par_page, destination)
    return await run_search_work(settings, context, lambda: search_solutions(context, request))
