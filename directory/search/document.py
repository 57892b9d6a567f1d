"""The search document: the one function that turns a Solution into what both engines index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from directory.geo import Geography, ZoneLevel, ZoneLike
from directory.models import Solution
from directory.search.analysis import analysis_for
from directory.search.facets import FRAIS_NOT_GIVEN
from directory.search.need_vocabulary import (
    EntryFacts,
    NeedMatcher,
    NeedRule,
    need_matchers,
    tokens_answered,
)
from directory.text import clean, fold
from directory.vocabulary import Category
from directory.zones import zone_keys

if TYPE_CHECKING:  # the settings check their field list against TEXT_FIELDS
    from directory.search.settings import SearchSettings

# Searchable text fields. Their rank order lives in data/recherche.yaml (`champs`).
TEXT_FIELDS: tuple[str, ...] = (
    "nom",
    "categorie_texte",
    "thematiques",
    "operateur",
    "description",
    "publics_texte",
    "zone_texte",
    "details",
)
ZONE_KEYS_FIELD = "zone_keys"
# Stems of the text (see analysis): those of the name rank with the name, the others last.
NAME_STEMS_FIELD = "nom_racines"
STEMS_FIELD = "racines"
NEEDS_FIELD = "besoins"  # tokens of the needs the entry answers (data/besoins.yaml)
DESTINATIONS_FIELD = "destination_keys"
PREREQUISITES_FIELD = "prerequis"
ANY_DESTINATION = "*"  # not a trip (a driving school, an aid): a destination changes nothing
# Browse order: most local first, then category, then name (the id breaks ties).
SORT_FIELDS: tuple[str, ...] = ("portee", "categorie_ordre", "nom_tri", "id")
CATEGORY_ORDER = {category: rank for rank, category in enumerate(Category)}


class SearchDocument(BaseModel):
    """What the engines index for one solution; every field derives from the Solution."""

    model_config = ConfigDict(frozen=True)

    id: str
    # searchable text
    nom: str
    categorie_texte: str
    thematiques: list[str]
    operateur: str
    description: str
    publics_texte: list[str]
    zone_texte: list[str]
    details: list[str]
    # facets and filters
    categorie: str
    territoire: list[str]
    public: list[str]
    frais: str
    acces: list[str]
    nom_racines: str
    racines: str
    besoins: list[str]
    zone_keys: list[str]  # zones.zone_keys(zone): a commune filter asks for any of its keys
    # Where a trip can end: the stops of a line, else `destinations`, else the zone.
    destination_keys: list[str]
    prerequis: list[str]
    # sort keys
    portee: int  # ZoneLevel of the widest element of the zone
    categorie_ordre: int
    nom_tri: str

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.portee, self.categorie_ordre, self.nom_tri, self.id)


def search_document(solution: Solution, geo: Geography, settings: SearchSettings) -> SearchDocument:
    """The search document of a solution, with its zone described and expanded by `geo`, its
    text stemmed and its needs named by `settings`."""
    eligibility = solution.eligibilite
    category = Category(solution.categorie)
    destinations = geo.describe_zone(solution.destinations) if solution.destinations else []
    publics_texte = [
        *(public.label for public in solution.publics),
        *(status.label for status in eligibility.statuts),
        *_texts(solution.publics_precisions),
    ]
    details = [
        *([solution.frais.label] if solution.frais else []),
        *(feature.label for feature in solution.caracteristiques),
        *(purpose.label for purpose in solution.motifs),
        *destinations,
        *_texts(
            solution.frais_precisions,
            solution.horaires_precisions,
            solution.mobilisation_precisions,
            eligibility.conditions,
        ),
    ]
    nom = clean(solution.nom)
    categorie_texte = f"{category.label}. {category.description}"
    thematiques = [topic.label for topic in solution.thematiques]
    operateur = clean(solution.operateur or "")
    description = clean(solution.description)
    zone_texte = geo.describe_zone(solution.zone)
    analysis = analysis_for(settings)
    others = [categorie_texte, *thematiques, operateur, description, *publics_texte]
    return SearchDocument(
        id=solution.id,
        nom=nom,
        categorie_texte=categorie_texte,
        thematiques=thematiques,
        operateur=operateur,
        description=description,
        publics_texte=publics_texte,
        zone_texte=zone_texte,
        details=details,
        nom_racines=analysis.stems([nom]),
        racines=analysis.stems([*others, *zone_texte, *details]),
        besoins=needs_answered(solution, settings),
        destination_keys=destination_keys(solution),
        prerequis=[p.value for p in solution.prerequis],
        categorie=category.value,
        territoire=geo.territory_ids_of_zone(solution.zone),
        public=[public.value for public in solution.publics],
        frais=solution.frais.value if solution.frais else FRAIS_NOT_GIVEN,
        acces=[mode.value for mode in solution.modes_accueil],
        zone_keys=sorted(zone_keys(solution.zone)),
        portee=zone_scope(solution.zone),
        categorie_ordre=CATEGORY_ORDER[category],
        nom_tri=fold(solution.nom),
    )


def needs_answered(solution: Solution, settings: SearchSettings) -> list[str]:
    """The tokens of the needs of data/besoins.yaml the entry answers."""
    known = _MATCHERS.get(id(settings))
    if known is None or known[0] is not settings.needs:
        known = _MATCHERS[id(settings)] = (settings.needs, need_matchers(settings.needs))
    return tokens_answered(EntryFacts.of(solution), known[1])


_MATCHERS: dict[int, tuple[tuple[NeedRule, ...], list[NeedMatcher]]] = {}


def destination_keys(solution: Solution) -> list[str]:
    """Where a trip with this entry can end: a line stops only where it stops; another trip
    goes where `destinations` says, else anywhere in its zone. Not a trip: anywhere."""
    if solution.dessert is not None:
        return sorted(zone_keys(solution.dessert))
    if solution.is_trip_based:
        return sorted(zone_keys(solution.destinations or solution.zone))
    return [ANY_DESTINATION]


def zone_scope(zone: ZoneLike) -> int:
    """How wide a zone is: the level of its widest element (a commune list is the most local)."""
    present = [
        (zone.france, ZoneLevel.FRANCE),
        (bool(zone.regions), ZoneLevel.REGION),
        (bool(zone.departements), ZoneLevel.DEPARTEMENT),
        (bool(zone.territoires), ZoneLevel.TERRITOIRE),
        (bool(zone.epci), ZoneLevel.EPCI),
        (bool(zone.communes), ZoneLevel.COMMUNE),
    ]
    return int(next((level for flag, level in present if flag), ZoneLevel.FRANCE))


def _texts(*texts: str | None) -> list[str]:
    """Free text written by editors, cleaned; vocabulary labels are ours and already clean."""
    return [clean(text) for text in texts if text]
