"""The catalogue prepared for matching: each solution reduced to sets, bucketed by zone element.

Built once per catalogue snapshot (`index_for`), so that a match looks up the few zone
elements containing the person's commune instead of testing every solution's zone.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from directory.geo import ZoneLevel
from directory.matching.facts import Fact, Kind
from directory.models import LINE_CATEGORIES, Solution
from directory.needs import Need, need_of
from directory.prices import is_free_service
from directory.snapshot import Delta, Snapshot, offered
from directory.text import fold
from directory.vocabulary import (
    Category,
    Feature,
    Frais,
    ModeMobilisation,
    Prerequisite,
    Public,
    Purpose,
    Reliability,
    Status,
)
from directory.zones import ZoneKey, zone_keys

MATCHING_KEY = "matching"  # where a snapshot keeps its index
LARGE_CATALOGUE = 1_000  # entries from which the catalogue is kept out of the cyclic GC
FUNDING_TOPIC = "mobilite--financer-ma-mobilite"
# Services that take a person where they ask, not along lines.
DRIVEN_TO_THE_DOOR = frozenset({Category.TRANSPORT_ADAPTE, Category.TRANSPORT_SOLIDAIRE})


def drives_to_the_door(solution: Solution) -> bool:
    """Door-to-door, adapted or solidarity transport: its zone and destinations say where."""
    return (
        Feature.PORTE_A_PORTE in solution.caracteristiques
        or solution.categorie in DRIVEN_TO_THE_DOOR
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the rules read of one solution, precomputed."""

    id: str
    solution: Solution
    category: Category
    sort_name: str
    need: Need
    trip_based: bool
    to_the_door: bool  # drives people to any address of its zone (door-to-door, adapted…)
    zone: frozenset[ZoneKey]
    reach: frozenset[ZoneKey]  # where a trip can end: `destinations`, else the zone
    has_destinations: bool  # `destinations` written: the trip is defined by where it goes
    stops: frozenset[ZoneKey] | None  # `dessert`: where a line, network or train stops
    stops_unknown: bool  # a line or network whose `dessert` is not written yet
    age_min: int | None
    age_max: int | None
    statuses: tuple[Status, ...]
    job_seeker_months: int | None
    means_tested: bool
    conditions: bool
    publics: tuple[Public, ...]  # empty: everyone
    prerequisites: tuple[Prerequisite, ...]
    purposes: frozenset[Purpose]  # empty: every purpose
    features: frozenset[Feature]
    topics: frozenset[str]
    hours: str | None
    frais: Frais | None
    free: bool  # a service used for nothing (an aid is money, not a free service)
    reliability: Reliability
    ends: date | None
    by_phone: bool
    on_referral: bool  # only a professional can mobilise it
    static_fits: tuple[Fact, ...]  # what speaks for it whoever the person is
    static_checks: tuple[Fact, ...]  # what is to check whoever the person is

    def __reduce__(self) -> tuple[type[Candidate], tuple[Any, ...]]:
        # Pickled with the kept catalogue (catalogue_cache); see Fact.__reduce__.
        return (Candidate, tuple(getattr(self, name) for name in _CANDIDATE_FIELDS))


_CANDIDATE_FIELDS = tuple(field.name for field in fields(Candidate))


def _static_fits(solution: Solution) -> tuple[Fact, ...]:
    facts = []
    if Feature.PORTE_A_PORTE in solution.caracteristiques:
        facts.append(Fact(Kind.DOOR_TO_DOOR))
    if Feature.ACCOMPAGNEMENT in solution.caracteristiques:
        facts.append(Fact(Kind.ACCOMPANIED))
    if is_free_service(solution):
        facts.append(Fact(Kind.FREE))
    return tuple(facts)


def _static_checks(solution: Solution) -> tuple[Fact, ...]:
    facts = []
    if solution.eligibilite.sous_conditions_de_ressources:
        facts.append(Fact(Kind.MEANS_TESTED))
    if solution.eligibilite.conditions:
        facts.append(Fact(Kind.CONDITIONS))
    if solution.professionals_only:
        facts.append(Fact(Kind.PROFESSIONALS_ONLY))
    if solution.to_confirm:
        facts.append(Fact(Kind.TO_CONFIRM))
    elif solution.fiabilite is Reliability.CONFIRME_ANCIEN:
        facts.append(Fact(Kind.OLD_SOURCE, solution.date_source))
    return tuple(facts)


def _need(solution: Solution) -> Need:
    """The group of its category; but an aid among the ways of getting around (a bonus to buy
    a bike) carries no one: it goes with the other aids, not before the bus."""
    need = need_of(solution.categorie)
    aid = any(topic.value == FUNDING_TOPIC for topic in solution.thematiques)
    if aid and not solution.is_trip_based and need is need_of(Category.TRANSPORT_PUBLIC):
        return need_of(Category.AIDE_FINANCIERE)
    return need


def candidate(solution: Solution) -> Candidate:
    rules = solution.eligibilite
    to_the_door = drives_to_the_door(solution)
    return Candidate(
        id=solution.id,
        solution=solution,
        category=solution.categorie,
        sort_name=fold(solution.nom),
        need=_need(solution),
        trip_based=solution.is_trip_based,
        to_the_door=to_the_door,
        zone=zone_keys(solution.zone),
        reach=zone_keys(solution.destinations or solution.zone),
        has_destinations=solution.destinations is not None,
        stops=zone_keys(solution.dessert) if solution.dessert else None,
        stops_unknown=solution.dessert is None
        and solution.categorie in LINE_CATEGORIES
        and not to_the_door,
        age_min=rules.age_min,
        age_max=rules.age_max,
        statuses=tuple(rules.statuts),
        job_seeker_months=rules.demandeur_emploi_depuis_mois,
        means_tested=rules.sous_conditions_de_ressources,
        conditions=bool(rules.conditions),
        publics=tuple(p for p in solution.publics if p is not Public.TOUS_PUBLICS),
        prerequisites=tuple(solution.prerequis),
        purposes=frozenset(solution.motifs),
        features=frozenset(solution.caracteristiques),
        topics=frozenset(str(t.value) for t in solution.thematiques),
        hours=solution.horaires,
        frais=solution.frais,
        free=is_free_service(solution),
        reliability=solution.fiabilite,
        ends=solution.valide_jusqu_au,
        by_phone=bool(solution.telephone)
        or ModeMobilisation.TELEPHONER in solution.modes_mobilisation,
        on_referral=solution.professionals_only,
        static_fits=_static_fits(solution),
        static_checks=_static_checks(solution),
    )


@dataclass(frozen=True)
class MatchIndex:
    candidates: tuple[Candidate, ...]
    by_zone: dict[ZoneKey, tuple[Candidate, ...]]

    def around(self, keys: dict[ZoneKey, ZoneLevel]) -> dict[str, tuple[Candidate, ZoneLevel]]:
        """Solutions whose zone contains the place, with the most local level that does."""
        found: dict[str, tuple[Candidate, ZoneLevel]] = {}
        for key, level in keys.items():
            for item in self.by_zone.get(key, ()):
                known = found.get(item.id)
                if known is None or level < known[1]:
                    found[item.id] = (item, level)
        return found

    def touching(self, keys: set[ZoneKey] | frozenset[ZoneKey]) -> Iterator[Candidate]:
        """Solutions whose zone names any of these elements, in a stable order, lazily: the
        caller stops when it has enough (a solution naming two of them comes twice)."""
        for key in sorted(keys):
            yield from self.by_zone.get(key, ())


def build_index(solutions: list[Solution]) -> MatchIndex:
    return _indexed(tuple(candidate(s) for s in solutions))


def _indexed(candidates: tuple[Candidate, ...]) -> MatchIndex:
    buckets: dict[ZoneKey, list[Candidate]] = defaultdict(list)
    for item in candidates:
        for key in item.zone:
            buckets[key].append(item)
    return MatchIndex(candidates, {key: tuple(items) for key, items in buckets.items()})


def updated_index(previous: MatchIndex, snapshot: Snapshot, delta: Delta) -> MatchIndex:
    """`previous` with the changed and removed entries redone: only the zone buckets they
    were or are in are rebuilt, the other buckets are shared."""
    if not delta.changed and not delta.removed:
        return previous
    redone = {i: snapshot.solutions[i] for i in delta.changed}
    gone = set(delta.removed) | set(redone)
    fresh = {i: candidate(s) for i, s in redone.items() if s.in_service}
    kept = [item for item in previous.candidates if item.id not in gone]
    candidates = tuple(sorted([*kept, *fresh.values()], key=lambda item: item.id))
    touched = {key for item in previous.candidates if item.id in gone for key in item.zone}
    touched |= {key for item in fresh.values() for key in item.zone}
    by_zone = {key: items for key, items in previous.by_zone.items() if key not in touched}
    for key, items in _indexed(
        tuple(item for item in candidates if not item.zone.isdisjoint(touched))
    ).by_zone.items():
        if key in touched:
            by_zone[key] = items
    return MatchIndex(candidates, by_zone)


def index_for(snapshot: Snapshot) -> MatchIndex:
    """The snapshot's index, built on first use and kept with the snapshot it describes."""
    index = snapshot.extras.get(MATCHING_KEY)
    if not isinstance(index, MatchIndex):
        index = build_index(offered(snapshot))
        snapshot.extras[MATCHING_KEY] = index  # two first requests may both build: harmless
    return index


def prepare_index(snapshot: Snapshot, delta: Delta | None = None) -> Snapshot:
    """Build the index with the snapshot, before any request needs it: from the previous
    snapshot's index when there is one, else from scratch.

    A large catalogue is also moved out of the garbage collector's full passes (gc.freeze):
    it lives until the next sync, and traversing it made one request in five wait 0.5 s at
    10,000 entries. A full collection first, only when building from scratch (at start):
    in a serving process it would stop every request for as long. What a reload replaces
    has no reference cycle and is freed as its last reference goes.
    """
    previous = delta.previous.extras.get(MATCHING_KEY) if delta else None
    if delta and isinstance(previous, MatchIndex) and not delta.from_scratch:
        snapshot.extras[MATCHING_KEY] = updated_index(previous, snapshot, delta)
    else:
        index_for(snapshot)
    if len(snapshot.solutions) >= LARGE_CATALOGUE:
        if delta is None or delta.from_scratch:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
    return snapshot
