"""The person the matching reasons about: a checked situation with its communes resolved.

`person_from` turns a `Situation` into a `Person` or raises `InvalidInputError` listing every
commune it could not resolve, with candidates. `Person.belongs` maps the profile onto the
data·inclusion publics: True, False, or None when the situation does not tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from directory.errors import InvalidInputError
from directory.geo import Commune, Geography, ZoneLevel
from directory.hours import Slot
from directory.matching.situation import (
    MAX_DESTINATIONS,
    Answer,
    CarAnswer,
    Constraint,
    Situation,
    split_communes,
)
from directory.places import (
    HOME_DEPARTEMENT,
    PlaceError,
    commune_label,
    commune_value,
    resolve_commune,
)
from directory.vocabulary import Prerequisite, Public, Purpose, Status
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
    guessed_from: str | None = None  # what was typed, when the only Hérault match was taken


Has = dict[Prerequisite, bool | None]


@dataclass(frozen=True)
class Person:
    home: Place
    destinations: tuple[Place, ...]
    age: int | None
    statuses: frozenset[Status]
    job_seeker: bool | None  # registered at France Travail; None: not said
    job_seeker_months: int | None
    disability: bool | None  # « situation de handicap » answered; None: not said
    has: Has  # what the person has or can do, per prerequisite; None: not said
    car_broken: bool
    wheelchair: bool  # wheelchair or reduced mobility
    needs_company: bool  # cannot travel alone
    purposes: frozenset[Purpose]
    slots: tuple[Slot, ...]
    need: str | None
    main_need: str | None = None  # a need id the advisor named (see directory/needs.py)
    publics: dict[Public, bool | None] = field(default_factory=dict)  # belongs(), precomputed

    def __post_init__(self) -> None:
        self.publics.update({public: self.belongs(public) for public in Public})

    @cached_property
    def away(self) -> frozenset[str]:
        """The destinations other than the home commune (a trip within it says little)."""
        home = self.home.commune.code
        return frozenset(p.commune.nom for p in self.destinations if p.commune.code != home)

    @property
    def reduced_mobility(self) -> bool | None:
        """Whether adapted transport is for this person: a wheelchair, someone to travel with
        or a disability says yes; « handicap : non » says no; otherwise unknown."""
        if self.wheelchair or self.needs_company or self.disability:
            return True
        return False if self.disability is False else None

    def belongs(self, public: Public) -> bool | None:
        """Whether the person is in this public; None when the situation does not say."""
        if public is Public.TOUS_PUBLICS:
            return True
        if public is Public.DEMANDEURS_EMPLOI and self.job_seeker is not None:
            return self.job_seeker
        if public is Public.PERSONNES_EN_SITUATION_DE_HANDICAP and self.disability is not None:
            return self.disability
        proving = _BY_STATUS.get(public, frozenset())
        if self.statuses & proving:
            return True
        if public is Public.PERSONNES_EN_SITUATION_DE_HANDICAP and self.wheelchair:
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


def _answer(answer: Answer | None) -> bool | None:
    return None if answer is None else answer is Answer.OUI


def what_the_person_has(situation: Situation) -> Has:
    """Each prerequisite: True (« oui »), False (« non », or a constraint that rules it out),
    None when nothing was said."""
    constraints = set(situation.contraintes)
    car = situation.voiture
    has: Has = dict.fromkeys(Prerequisite)
    has[Prerequisite.PERMIS_B] = _answer(situation.permis)
    has[Prerequisite.VEHICULE] = None if car is None else car is CarAnswer.OUI
    has[Prerequisite.SMARTPHONE] = _answer(situation.smartphone)
    if Constraint.SANS_INTERNET in constraints:
        has[Prerequisite.INTERNET] = False
        has[Prerequisite.SMARTPHONE] = False  # an app without a connection does not work
    if Constraint.SANS_CARTE_BANCAIRE in constraints:
        has[Prerequisite.CARTE_BANCAIRE] = False
    if constraints & {Constraint.SANS_VELO, Constraint.FAUTEUIL}:
        has[Prerequisite.SAVOIR_FAIRE_DU_VELO] = False
    if Constraint.ACCOMPAGNEMENT in constraints:
        has[Prerequisite.SE_DEPLACER_SEUL] = False
    return has


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
    constraints = frozenset(situation.contraintes)
    return Person(
        home=home,
        destinations=tuple(unique.values()),
        age=situation.age,
        statuses=frozenset(situation.statuts),
        job_seeker=_answer(situation.demandeur_emploi),
        job_seeker_months=situation.demandeur_emploi_depuis_mois,
        disability=_answer(situation.handicap),
        has=what_the_person_has(situation),
        car_broken=situation.voiture is CarAnswer.EN_PANNE,
        wheelchair=Constraint.FAUTEUIL in constraints,
        needs_company=Constraint.ACCOMPAGNEMENT in constraints,
        purposes=frozenset(situation.motifs),
        slots=tuple(situation.creneaux),
        need=situation.besoin,
        main_need=situation.besoin_principal,
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
    guessed: str | None = None
    try:
        commune = resolve_commune(text, geo)
    except PlaceError as error:
        only = _only_home_match(error)
        if only is None:
            problems.append(
                {
                    "champ": field,
                    "message": f"« {field} » {error.sentence()}",
                    "saisie": error.text,
                    "suggestions": [commune_choice(c, geo) for c in error.candidates],
                }
            )
            return None
        commune, guessed = only, error.text
    neighbours = neighbour_keys(geo, commune.code) if with_neighbours else frozenset()
    return Place(commune, place_keys(geo, commune.code), neighbours, guessed)


def _only_home_match(error: PlaceError) -> Commune | None:
    """« Clermont » names communes of four départements but one of the Hérault only: that one
    is meant (the desks serve the Hérault). Kept for names only, never for a typo to correct
    or a postal code shared by several communes."""
    if not error.ambiguous or error.text.isdigit():
        return None
    home = [c for c in error.candidates if c.departement == HOME_DEPARTEMENT]
    return home[0] if len(home) == 1 else None


def commune_choice(commune: Commune, geo: Geography) -> dict[str, str]:
    """A candidate commune as the API and the form offer it."""
    return {
        "code": commune.code,
        "nom": commune.nom,
        "valeur": commune_value(commune),
        "libelle": commune_label(commune, geo),
    }
