"""JSON routes of the advisors' desk: match a situation, the take-away sheet, commune hints."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from directory.dependencies import DesksDep, GeoDep, SettingsDep, SnapshotDep, TextRelevanceDep
from directory.errors import InvalidInputError
from directory.matching.output import MatchOut
from directory.matching.profile import commune_choice
from directory.matching.service import match_situation, take_away
from directory.matching.sheet import Sheet, SheetRequest
from directory.matching.situation import Situation
from directory.matching.situation_query import read_sheet_request
from directory.places import suggest
from directory.security import PRIVATE_HEADERS
from directory.urls import path_for

router = APIRouter(prefix="/api", tags=["conseiller"])

INVALID: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "Situation invalide : le champ en cause et la raison, en français "
        "(commune inconnue ou ambiguë avec des suggestions, âge hors de 0 à 120, statuts "
        "contradictoires…)."
    }
}


class CommuneSuggestion(BaseModel):
    code: str
    nom: str
    valeur: str
    libelle: str


@router.post(
    "/match",
    name="api_match_post",
    summary="Solutions pour une situation (mise en relation)",
    description="Les solutions qui conviennent à la personne, groupées par besoin, avec pour "
    "chacune ce qui convient et ce qu'il reste à vérifier, et les solutions proches écartées "
    "avec leur raison. Rien n'est conservé.",
    responses=INVALID,
)
def api_match_post(
    situation: Situation,
    response: Response,
    snapshot: SnapshotDep,
    geo: GeoDep,
    relevance: TextRelevanceDep,
) -> MatchOut:
    response.headers.update(PRIVATE_HEADERS)
    return match_situation(situation, snapshot, geo, relevance=relevance)


@router.get(
    "/match",
    name="api_match",
    summary="Solutions pour une situation : équivalent JSON de la page /conseiller",
    description="Mêmes paramètres que le formulaire de la page /conseiller ; les listes se "
    "répètent (statuts=retraite&statuts=beneficiaire-aspa).",
    responses=INVALID,
)
def api_match(
    situation: Annotated[Situation, Query()],
    response: Response,
    snapshot: SnapshotDep,
    geo: GeoDep,
    relevance: TextRelevanceDep,
) -> MatchOut:
    response.headers.update(PRIVATE_HEADERS)
    return match_situation(situation, snapshot, geo, relevance=relevance)


@router.post(
    "/fiche",
    name="api_sheet_post",
    summary="Fiche à emporter : équivalent JSON de la page /conseiller/fiche (POST)",
    description="Les solutions choisies, avec les raisons si la situation est jointe, la "
    "permanence qui remet la fiche, le mot du conseiller, les prochaines étapes et la version "
    "courte pour un SMS. Tout passe dans le corps : rien de la personne dans l'adresse, rien "
    "n'est conservé.",
    responses={422: {"description": "Aucune solution choisie, trop de solutions (12 au plus)…"}},
)
def api_sheet_post(
    body: SheetRequest,
    request: Request,
    response: Response,
    snapshot: SnapshotDep,
    geo: GeoDep,
    desks: DesksDep,
    settings: SettingsDep,
    relevance: TextRelevanceDep,
) -> Sheet:
    response.headers.update(PRIVATE_HEADERS)
    sheet_path = path_for(request, "sheet")
    return take_away(body, snapshot, geo, desks, settings.site_url, sheet_path, None, relevance)


@router.get(
    "/fiche",
    name="api_sheet",
    summary="Fiche à emporter des solutions choisies (identifiants seulement)",
    description="Équivalent JSON du lien de la fiche (/conseiller/fiche?ids=…) : les "
    "identifiants seulement, répétés ou séparés par des virgules. La situation ne passe pas "
    "par l'adresse : pour les raisons, utilisez POST /api/fiche.",
    responses={422: {"description": "Aucune solution choisie, ou autre chose que des ids."}},
)
def api_sheet(
    request: Request,
    response: Response,
    snapshot: SnapshotDep,
    geo: GeoDep,
    desks: DesksDep,
    settings: SettingsDep,
    relevance: TextRelevanceDep,
    ids: Annotated[list[str], Query(description="Identifiants des solutions choisies.")],
) -> Sheet:
    response.headers.update(PRIVATE_HEADERS)
    extra = next((key for key in request.query_params if key != "ids"), None)
    if extra is not None:
        raise InvalidInputError(
            extra,
            f"« {extra} » ne passe pas par l'adresse : envoyez la situation dans le corps "
            "d'une requête POST /api/fiche",
        )
    sheet_request = read_sheet_request(request.query_params)
    sheet_path = path_for(request, "sheet")
    return take_away(
        sheet_request, snapshot, geo, desks, settings.site_url, sheet_path, None, relevance
    )


@router.get(
    "/communes",
    name="api_communes",
    summary="Communes dont le nom ou le code postal commence par le texte (Hérault d'abord)",
)
def api_communes(
    geo: GeoDep, q: Annotated[str, Query(min_length=2, max_length=100)]
) -> list[CommuneSuggestion]:
    return [CommuneSuggestion(**commune_choice(c, geo)) for c in suggest(q, geo, limit=10)]
