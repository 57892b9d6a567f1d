"""The person the matching reasons about: a checked situation with its communes resolved.

`person_from` turns a `Situation` into a `Person` or raises `InvalidInputError` listing every
commune it could not resolve, with candidates. `Person.belongs` maps the profile onto the
data·inclusion publics: True, False, or None when the situation does not tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from directory.errors import InvalidInputError
from directory.geo import Commune, Geography, ZoneLevel
from directory.hours import Slot
from directory.matching.situation import (
    MAX_DESTINATIONS,
    Constraint,
    Situation,
    split_communes,
)
from directory.places import PlaceError, commune_label, commune_value, resolve_commune
from directory.vocabulary import Public, Purpose, Status
from directory.zones import ZoneKey, neighbour_keys, place_keys

SENIOR_AGE = 60
YOUNG_AGE_MAX = 25

# Publics a status proves; a public absent from this table is told by age or not at all.
_BY_STATUS: dict[Public, frozenset[Status]] = {
    Public.DEMANDEURS_EMPLOI: frozenset({Status.DEMANDEUR_EMPLOI}),
    Public.BENEFICIAIRES_DES_MINIMAS_SOCIAUX: frozenset(
        {
            Status.BENEFICIAIRE_RSA,
            Status.BENEFICIAIRE_ASS,
            Status.BENEFICIAIRE_AAH,
            Status.BENEFICIAIRE_ASPA,
        }
    ),
    Public.PERSONNES_EN_SITUATION_DE_HANDICAP: frozenset(
        {Status.BENEFICIAIRE_AAH, Status.CARTE_MOBILITE_INCLUSION}
    ),
    Public.ETUDIANTS: frozenset({Status.ETUDIANT, Status.SCOLAIRE, Status.APPRENTI}),
    Public.RESIDENTS_QPV_FRR: frozenset({Status.RESIDENT_QPV, Status.RESIDENT_FRR}),
    Public.PERSONNES_EXILEES: frozenset({Status.DEMANDEUR_ASILE_REFUGIE}),
    Public.PERSONNES_EN_SITUATION_JURIDIQUE_SPECIFIQUE: frozenset({Status.SOUS_MAIN_DE_JUSTICE}),
    Public.ACTIFS: frozenset({Status.SALARIE, Status.APPRENTI}),
    Public.SENIORS: frozenset({Status.RETRAITE, Status.BENEFICIAIRE_ASPA}),
    Public.JEUNES: frozenset(
        {Status.SCOLAIRE, Status.ETUDIANT, Status.APPRENTI, Status.JEUNE_MISSION_LOCALE}
    ),
}


@dataclass(frozen=True)
class Place:
    commune: Commune
    keys: dict[ZoneKey, ZoneLevel]  # every zone element that contains the commune
    neighbours: frozenset[ZoneKey] = frozenset()  # the rest of its programme territory


@dataclass(frozen=True)
class Person:
    home: Place
    destinations: tuple[Place, ...]
    age: int | None
    statuses: frozenset[Status]
    job_seeker_months: int | None
    constraints: frozenset[Constraint]
    purposes: frozenset[Purpose]
    slots: tuple[Slot, ...]
    need: str | None
    publics: dict[Public, bool | None] = field(default_factory=dict)  # belongs(), precomputed

    def __post_init__(self) -> None:
        self.publics.update({public: self.belongs(public) for public in Public})

    def belongs(self, public: Public) -> bool | None:
        """Whether the person is in this public; None when the situation does not say."""
        if public is Public.TOUS_PUBLICS:
            return True
        proving = _BY_STATUS.get(public, frozenset())
        if self.statuses & proving:
            return True
        if public is Public.PERSONNES_EN_SITUATION_DE_HANDICAP and (
            Constraint.FAUTEUIL in self.constraints
        ):
            return True
        if public is Public.SENIORS and self.age is not None:
            return self.age >= SENIOR_AGE
        if public is Public.JEUNES and self.age is not None:
            return self.age <= YOUNG_AGE_MAX
        if not proving or not self.statuses:
            return None  # families, women, emergencies: never asked; no status given: unknown
        if public is Public.PERSONNES_EN_SITUATION_DE_HANDICAP:
            return None  # a disability does not always come with the AAH or a card
        return False


def person_from(situation: Situation, geo: Geography) -> Person:
    """Resolve the communes; every one that fails is reported at once, with candidates."""
    problems: list[dict[str, Any]] = []
    home = _place(situation.commune, "commune", geo, problems, with_neighbours=True)
    destinations = [_place(text, "destinations", geo, problems) for text in situation.destinations]
    if home is None or problems:
        first = problems[0]
        raise InvalidInputError(
            first["champ"], first["message"], first.get("suggestions"), details=problems
        )
    unique = {place.commune.code: place for place in destinations if place is not None}
    return Person(
        home=home,
        destinations=tuple(unique.values()),
        age=situation.age,
        statuses=frozenset(situation.statuts),
        job_seeker_months=situation.demandeur_emploi_depuis_mois,
        constraints=frozenset(situation.contraintes),
        purposes=frozenset(situation.motifs),
        slots=tuple(situation.creneaux),
        need=situation.besoin,
    )


MAX_PLACE_CHARS = 100  # the form's own limit


def place_problems(commune: str, destinations: list[str], geo: Geography) -> list[dict[str, Any]]:
    """The communes that cannot be resolved, as `person_from` reports them (for a form that
    has other errors too, so that everything to correct is said at once)."""
    problems: list[dict[str, Any]] = []
    if commune.strip() and len(commune) <= MAX_PLACE_CHARS:
        _place(commune, "commune", geo, problems)
    # As the model reads them, and no more than it accepts: each look-up may be a fuzzy one.
    for text in split_communes(destinations)[:MAX_DESTINATIONS]:
        if len(text) <= MAX_PLACE_CHARS:
            _place(text, "destinations", geo, problems)
    return problems


def _place(
    text: str,
    field: str,
    geo: Geography,
    problems: list[dict[str, Any]],
    with_neighbours: bool = False,
) -> Place | None:
    try:
        commune = resolve_commune(text, geo)
    except PlaceError as error:
        problems.append(
            {
                "champ": field,
                "message": f"« {field} » {error.sentence()}",
                "saisie": error.text,
                "suggestions": [commune_choice(c, geo) for c in error.candidates],
            }
        )
        return None
    neighbours = neighbour_keys(geo, commune.code) if with_neighbours else frozenset()
    return Place(commune, place_keys(geo, commune.code), neighbours)


def commune_choice(commune: Commune, geo: Geography) -> dict[str, str]:
    """A candidate commune as the API and the form offer it."""
    return {
        "code": commune.code,
        "nom": commune.nom,
        "valeur": commune_value(commune),
        "libelle": commune_label(commune, geo),
    }
