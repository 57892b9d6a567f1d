"""The rules: does a solution apply to the person, what speaks for it, what must be checked.

`assess` runs every rule on one solution and returns an `Assessment`: facts that fit, facts to
check with the person, and exclusions. A fact is structured (`Fact(kind, value)`); its French
wording is `phrases.py`'s job, done only for what is shown. Missing information never excludes:
it becomes something to check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from directory.geo import ZoneLevel
from directory.hours import serves
from directory.matching.facts import Fact, Kind
from directory.matching.index import Candidate
from directory.matching.profile import Person
from directory.matching.situation import DISABILITY_STATUSES, PLAUSIBLE_AGES
from directory.vocabulary import (
    Category,
    Feature,
    Frais,
    Prerequisite,
    Public,
    Purpose,
    Status,
)
from directory.zones import level_in

ENDS_SOON = timedelta(days=90)
ADULT = 18
REPAIR_TOPIC = "mobilite--entretenir-reparer-son-vehicule"
ACCESS_TOPIC = "mobilite--acceder-a-un-vehicule"


@dataclass(slots=True)
class Assessment:
    """One solution against one person: the verdict and what it rests on."""

    candidate: Candidate
    level: ZoneLevel | None  # how locally it covers the home (its stops, else its zone)
    zone_level: ZoneLevel | None = None  # how locally its zone covers the home
    arrival: bool = False  # a network used on arrival: it does not stop at home
    network_wide: bool = False  # stops everywhere around the home (an urban network)
    fits: list[Fact] = field(default_factory=list)
    checks: list[Fact] = field(default_factory=list)
    exclusions: list[Fact] = field(default_factory=list)
    targeted: bool = False  # made for a public, age or status the person has
    by_status: bool = False  # made for a status the person has (more precise than a public)
    helps: int = 0  # answers the person's constraints (wheelchair, accompaniment, broken car…)
    purpose_fit: bool = False
    reaches: int = 0  # destinations surely reached (trip-based solutions)
    may_reach: int = 0  # destinations inside a network too wide to prove it stops there
    timing: list[bool | None] = field(default_factory=list)  # per time slot asked
    text: float = 0.0  # relevance to the free-text need, 0 to 1
    score: float = 0.0

    @property
    def eligible(self) -> bool:
        return not self.exclusions


Rule = Callable[[Assessment, Person, date], None]


def assess(
    item: Candidate,
    person: Person,
    level: ZoneLevel | None,
    today: date,
    rules: Sequence[Rule] | None = None,
) -> Assessment:
    """Every rule on one solution (those of `rules_for(person)` when given); stops at the
    second exclusion, when the solution can be neither proposed nor explained as a near miss."""
    found = Assessment(item, level, zone_level=level)
    for rule in RULES if rules is None else rules:
        rule(found, person, today)
        if len(found.exclusions) > 1:
            return found
    found.fits += item.static_fits
    found.checks += item.static_checks
    return found


serves_cached = lru_cache(maxsize=4096)(serves)


def _dates(a: Assessment, person: Person, today: date) -> None:
    ends = a.candidate.ends
    if ends is not None and ends < today:
        a.exclusions.append(Fact(Kind.ENDED, ends))
    elif ends is not None and ends - today <= ENDS_SOON:
        a.checks.append(Fact(Kind.ENDS_SOON, ends))


def _zone(a: Assessment, person: Person, today: date) -> None:
    """Where the person lives. A line says where it stops (« s'arrête à Lodève »); a line whose
    stops are not written yet claims nothing; a trip defined by its destinations (BlaBlaCar
    Daily, to the Métropole) is worded by where it goes; everything else by its zone."""
    item, home = a.candidate, person.home
    if a.level is None:
        a.exclusions.append(Fact(Kind.OUT_OF_ZONE))
    elif item.stops is not None:
        stops_level = level_in(home.keys, item.stops)
        if stops_level is not None:
            if stops_level is ZoneLevel.EPCI:
                a.level = ZoneLevel.COMMUNE  # a network serving every commune around: local
                a.network_wide = True
            a.fits.append(Fact(Kind.STOPS_AT, home.commune.nom))
        elif item.has_destinations:
            a.arrival = True  # used once there: see _destinations
        else:
            a.exclusions.append(Fact(Kind.NO_STOP_AT, (home.commune.nom,)))
    elif item.stops_unknown:
        return
    elif item.trip_based and item.has_destinations and not item.to_the_door:
        # worded by where it goes (_destinations); its zone is said only when it also goes
        # where the person lives (a greenway of the home's intercommunality), never for a
        # trip that only leads elsewhere (BlaBlaCar Daily, to the Métropole)
        if level_in(home.keys, item.reach) is not None:
            a.fits.append(Fact(Kind.ZONE, a.level))
    else:
        a.fits.append(Fact(Kind.ZONE, a.level))


def _destinations(a: Assessment, person: Person, today: date) -> None:
    """Where the trip ends. A line goes where its stops are; a line whose stops are unknown is
    to check, at home and at each destination; door-to-door transport goes anywhere in its
    zone or written destinations, and nowhere else; a carpool site, carpool areas or organised
    hitch-hiking may or may not go there (their zone says where users live, not where they
    go)."""
    item = a.candidate
    if not item.trip_based:
        return
    home = person.home.commune.nom
    home_in_reach = level_in(person.home.keys, item.reach) is not None
    if not person.destinations:
        if a.arrival:
            a.exclusions.append(Fact(Kind.NO_STOP_AT, (home,)))
        elif item.stops_unknown and home_in_reach:
            a.checks.append(Fact(Kind.STOPS_UNKNOWN, (home,)))
        elif item.has_destinations and not home_in_reach:
            a.checks.append(Fact(Kind.ONLY_TO, item.solution.destinations))
        return
    served: list[str] = []
    unsure: list[str] = []
    missed: list[str] = []
    for place in person.destinations:
        name = place.commune.nom
        in_reach = level_in(place.keys, item.reach) is not None
        if item.stops is not None:
            # written destinations say where it goes (a hub, a network on arrival); else stops
            stops_there = item.has_destinations or level_in(place.keys, item.stops) is not None
            (served if in_reach and stops_there else missed).append(name)
        elif item.stops_unknown or not (item.to_the_door or item.has_destinations):
            unsure.append(name)  # where it stops, or where drivers go, is not written
        elif in_reach:
            served.append(name)
        else:
            missed.append(name)
    # a trip within the home commune says little: what goes elsewhere is not better for it
    a.reaches = sum(name in person.away for name in served)
    a.may_reach = sum(name in person.away for name in unsure)
    by_stops = item.stops is not None and not item.has_destinations
    if not (served or unsure):
        a.exclusions.append(Fact(Kind.NO_STOP_AT if by_stops else Kind.NOT_TO, tuple(missed)))
        return
    if served:
        a.fits.append(Fact(Kind.ON_ARRIVAL if a.arrival else Kind.GOES_TO, tuple(served)))
    if item.stops_unknown:
        stops = ((home,) if home_in_reach else ()) + tuple(unsure)
        a.checks.append(Fact(Kind.STOPS_UNKNOWN, stops))
    elif unsure:
        a.checks.append(Fact(Kind.ROUTE_UNSURE, tuple(unsure)))
    if missed:
        a.checks.append(Fact(Kind.NO_STOP_AT if by_stops else Kind.NOT_TO_SOME, tuple(missed)))


def _age(a: Assessment, person: Person, today: date) -> None:
    low, high = a.candidate.age_min, a.candidate.age_max
    if low is None and high is None:
        return
    if person.age is None:
        a.checks.append(Fact(Kind.AGE_UNKNOWN, (low, high)))
    elif (low is not None and person.age < low) or (high is not None and person.age > high):
        a.exclusions.append(Fact(Kind.AGE_OUT, (low, high)))
    elif high is not None or (low or 0) > ADULT:
        a.fits.append(Fact(Kind.AGE, (low, high)))
        a.targeted = True  # « adults only » is a limit, not a public the solution is made for


def _ruled_out(status: Status, person: Person) -> bool:
    """What is known says the person does not have this status: a list of statuses was given
    without it, the age makes it impossible (a pupil at 68), or a question was answered no."""
    if person.statuses:
        return True
    if person.age is not None:
        low, high = PLAUSIBLE_AGES.get(status, (0, 120))
        if not low <= person.age <= high:
            return True
    if status is Status.DEMANDEUR_EMPLOI:
        return person.job_seeker is False
    return status in DISABILITY_STATUSES and person.disability is False


def _statuses(a: Assessment, person: Person, today: date) -> None:
    required = a.candidate.statuses
    if not required:
        return
    matched = tuple(s for s in required if s in person.statuses)
    possible = tuple(s for s in required if not _ruled_out(s, person))
    if matched:
        a.fits.append(Fact(Kind.STATUS, matched))
        a.targeted = a.by_status = True
    elif possible:
        a.checks.append(Fact(Kind.STATUS_UNKNOWN, possible))
    else:
        a.exclusions.append(Fact(Kind.STATUS_OUT, required))


def _job_seeker_months(a: Assessment, person: Person, today: date) -> None:
    months = a.candidate.job_seeker_months
    if months is None or any(f.kind is Kind.STATUS_OUT for f in a.exclusions):
        return
    known = person.job_seeker_months
    if known is None or Status.DEMANDEUR_EMPLOI not in person.statuses:
        a.checks.append(Fact(Kind.MONTHS_UNKNOWN, months))
    elif known < months:
        a.exclusions.append(Fact(Kind.MONTHS_SHORT, (months, known)))
    else:
        a.fits.append(Fact(Kind.MONTHS, months))


def _publics(a: Assessment, person: Person, today: date) -> None:
    """data·inclusion publics, when no structured age or status says it more precisely."""
    item = a.candidate
    if not item.publics or item.statuses or item.age_min is not None or item.age_max is not None:
        return
    verdicts = [(public, person.publics[public]) for public in item.publics]
    matched = tuple(p for p, verdict in verdicts if verdict)
    if matched:
        a.fits.append(Fact(Kind.PUBLIC, matched))
        a.targeted = True
    elif all(verdict is False for _p, verdict in verdicts):
        a.exclusions.append(Fact(Kind.PUBLIC_OUT, item.publics))
    else:  # only the publics the person may still be in: not « séniors » at 22
        possible = tuple(p for p, verdict in verdicts if verdict is None)
        a.checks.append(Fact(Kind.PUBLIC_UNKNOWN, possible))


def _prerequisites(a: Assessment, person: Person, today: date) -> None:
    for prerequisite in a.candidate.prerequisites:
        has = person.has[prerequisite]
        if (
            prerequisite is Prerequisite.VEHICULE
            and a.candidate.category is Category.VEHICULE
            and person.car_broken
        ):
            continue  # a garage needs the car, broken or not: the person has one
        if has is False:
            a.exclusions.append(Fact(Kind.NEEDS, prerequisite))
        elif has is None:
            a.checks.append(Fact(Kind.PREREQUISITE, prerequisite))


def _purposes(a: Assessment, person: Person, today: date) -> None:
    served = a.candidate.purposes
    if not served:
        return
    common = served & person.purposes
    ordered = tuple(p for p in Purpose if p in served)
    if common:
        a.fits.append(Fact(Kind.PURPOSE, tuple(p for p in ordered if p in common)))
        a.purpose_fit = True
    elif not person.purposes:
        a.checks.append(Fact(Kind.PURPOSE_ONLY, ordered))
    else:
        a.exclusions.append(Fact(Kind.PURPOSE_OUT, ordered))


def _timing(a: Assessment, person: Person, today: date) -> None:
    if not (a.candidate.trip_based and person.slots):
        return
    for slot in person.slots:
        verdict = serves_cached(a.candidate.hours, slot) if a.candidate.hours else None
        a.timing.append(verdict)
        if verdict:
            a.fits.append(Fact(Kind.SLOT, slot))
        elif verdict is False:
            a.checks.append(Fact(Kind.SLOT_NO, slot))
        else:
            a.checks.append(Fact(Kind.SLOT_UNKNOWN, slot))


# What makes a solution answer the person's constraints (a.helps, see ranking.HELPS), or fall
# short of them. Each rule returns at once when its constraint is not the person's.


def _reduced_mobility(a: Assessment, person: Person, today: date) -> None:
    """Adapted transport for disabled people is for reduced mobility: « handicap : non » rules
    it out; unknown, it is to check and no longer « made for » a senior who may walk fine."""
    item = a.candidate
    if item.category is not Category.TRANSPORT_ADAPTE:
        return
    if Public.PERSONNES_EN_SITUATION_DE_HANDICAP not in item.publics:
        return  # for everyone, on other grounds (a medical prescription…): see its conditions
    mobility = person.reduced_mobility
    if mobility is False:
        a.exclusions.append(Fact(Kind.REDUCED_MOBILITY_OUT))
    elif mobility is None:
        a.targeted = False
        if not any(fact.kind is Kind.PUBLIC_UNKNOWN for fact in a.checks):
            a.checks.append(Fact(Kind.REDUCED_MOBILITY_UNKNOWN))
    else:
        a.fits.append(Fact(Kind.ADAPTED))
        a.helps += 1 if person.wheelchair else 2  # the wheelchair rule counts its own


def _wheelchair(a: Assessment, person: Person, today: date) -> None:
    if not person.wheelchair:
        return
    item = a.candidate
    adapted = item.category is Category.TRANSPORT_ADAPTE
    disabled_public = Public.PERSONNES_EN_SITUATION_DE_HANDICAP in item.publics
    cycling = Prerequisite.SAVOIR_FAIRE_DU_VELO in item.prerequisites  # already ruled out
    if item.category is Category.VELO and not (disabled_public or cycling):
        a.exclusions.append(Fact(Kind.NOT_FOR_WHEELCHAIR))
        return
    if adapted:
        a.helps += 1
    if Feature.ACCESSIBLE_FAUTEUIL in item.features:
        a.fits.append(Fact(Kind.WHEELCHAIR))
        a.helps += 2
    elif item.trip_based:
        # adapted transport is not always for wheelchairs (some serve blind or frail people)
        a.checks.append(Fact(Kind.WHEELCHAIR_UNKNOWN))
        a.helps -= not adapted
    a.helps += Feature.PORTE_A_PORTE in item.features


def _accompaniment(a: Assessment, person: Person, today: date) -> None:
    """Someone who cannot travel alone needs help on the trip itself: a driving school's or an
    advice desk's « accompagnement » (coaching) does not answer that."""
    if not person.needs_company or not a.candidate.trip_based:
        return
    accompanied = Feature.ACCOMPAGNEMENT in a.candidate.features
    door = Feature.PORTE_A_PORTE in a.candidate.features
    a.helps += 2 * accompanied + door
    if not (accompanied or door):
        a.checks.append(Fact(Kind.NO_ACCOMPANIMENT))
        a.helps -= 1


def _vehicle(a: Assessment, person: Person, today: date) -> None:
    item = a.candidate
    if item.category is not Category.VEHICULE:
        return
    if person.car_broken:
        a.helps += 2
        if REPAIR_TOPIC in item.topics:
            a.fits.append(Fact(Kind.REPAIR))
            a.helps += 1
    if (person.car_broken or person.has[Prerequisite.VEHICULE] is False) and (
        ACCESS_TOPIC in item.topics
    ):
        a.fits.append(Fact(Kind.VEHICLE_ACCESS))
        a.helps += 1


def _licence(a: Assessment, person: Person, today: date) -> None:
    """A licence course is for who has none; without one, a ride that needs none fits."""
    item, licence = a.candidate, person.has[Prerequisite.PERMIS_B]
    if item.category is Category.PERMIS and licence is True:
        a.exclusions.append(Fact(Kind.HAS_LICENCE))
    if licence is not False:
        return
    if item.category is Category.PERMIS:
        a.fits.append(Fact(Kind.LICENCE_HELP))
        a.helps += 1
    elif Prerequisite.PERMIS_B not in item.prerequisites and (
        item.category is Category.COVOITURAGE
        or (item.category is Category.VEHICULE and ACCESS_TOPIC in item.topics)
    ):
        a.fits.append(Fact(Kind.NO_LICENCE_NEEDED))


def _no_bike(a: Assessment, person: Person, today: date) -> None:
    """Cycling lessons: a bike solution with someone to help, for which riding is not needed."""
    item = a.candidate
    if (
        person.has[Prerequisite.SAVOIR_FAIRE_DU_VELO] is False
        and not person.wheelchair
        and item.category is Category.VELO
        and Feature.ACCOMPAGNEMENT in item.features
        and Prerequisite.SAVOIR_FAIRE_DU_VELO not in item.prerequisites
    ):
        a.fits.append(Fact(Kind.BIKE_LESSONS))
        a.helps += 1


def _no_card(a: Assessment, person: Person, today: date) -> None:
    """A paid service may take only cards (an app, a machine): how to pay is to check."""
    item = a.candidate
    if (
        person.has[Prerequisite.CARTE_BANCAIRE] is False
        and item.frais is Frais.PAYANT
        and Prerequisite.CARTE_BANCAIRE not in item.prerequisites
    ):
        a.checks.append(Fact(Kind.PAYMENT_UNKNOWN))


def _offline(a: Assessment, person: Person, today: date) -> None:
    offline = (
        person.has[Prerequisite.SMARTPHONE] is False or person.has[Prerequisite.INTERNET] is False
    )
    if offline and a.candidate.by_phone:
        a.fits.append(Fact(Kind.BY_PHONE))
        a.helps += 1


def rules_for(person: Person) -> tuple[Rule, ...]:
    """The rules that can say something of this person: a rule about a constraint the person
    does not have is skipped once for the whole catalogue, not once per solution."""
    has = person.has
    offline = has[Prerequisite.SMARTPHONE] is False or has[Prerequisite.INTERNET] is False
    applies: dict[Rule, bool] = {
        _timing: bool(person.slots),
        _wheelchair: person.wheelchair,
        _accompaniment: person.needs_company,
        _vehicle: person.car_broken or has[Prerequisite.VEHICULE] is False,
        _licence: has[Prerequisite.PERMIS_B] is not None,
        _no_bike: has[Prerequisite.SAVOIR_FAIRE_DU_VELO] is False and not person.wheelchair,
        _no_card: has[Prerequisite.CARTE_BANCAIRE] is False,
        _offline: offline,
    }
    return tuple(rule for rule in RULES if applies.get(rule, True))


RULES: tuple[Rule, ...] = (
    _dates,
    _zone,
    _destinations,
    _age,
    _statuses,
    _job_seeker_months,
    _publics,
    _prerequisites,
    _purposes,
    _timing,
    _reduced_mobility,
    _wheelchair,
    _accompaniment,
    _vehicle,
    _licence,
    _no_bike,
    _no_card,
    _offline,
)
