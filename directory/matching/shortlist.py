"""« L'essentiel »: the few solutions an advisor hands over first, across needs.

The main need (named by the advisor, or called for by the situation) gives up to three
solutions that surely apply; each other need gives its best one if it is good enough; the
list holds up to six, and is completed up to three with the next best solutions whose only
doubt is where a line stops; it may stay shorter when nothing else is worth saying. When the
person said where they must go, ways of getting around that surely go there come first, then
local ones that may, and others only when nothing else can be said. A solution
that may not be for the person at all (a status, a public, an age or a reduced mobility still
unknown) never enters it: it stays in its group."""

from __future__ import annotations

from collections.abc import Sequence

from directory.geo import ZoneLevel
from directory.matching.facts import Kind
from directory.matching.profile import Person
from directory.matching.rules import Assessment
from directory.needs import NEEDS_BY_ID, Need
from directory.vocabulary import Category, Prerequisite

SHORTLIST_MIN = 3
SHORTLIST_MAX = 6
FROM_MAIN_NEED = 3
GOOD_ENOUGH = 10.0  # score from which another need's best solution joins the shortlist
WORTH_SAYING = 0.0  # below this, a solution of the main need is left to its group
GETTING_AROUND = "se-deplacer"
FAR_MAYBE = 2  # _reach_tier of a way that may go there, from afar or only on arrival
TEXT_RELEVANT = 0.5  # relevance to the need in words that makes a solution worth shortlisting
UNSURE = frozenset(
    {
        Kind.AGE_UNKNOWN,
        Kind.STATUS_UNKNOWN,
        Kind.PUBLIC_UNKNOWN,
        Kind.MONTHS_UNKNOWN,
        Kind.STOPS_UNKNOWN,
        Kind.ONLY_TO,
        Kind.REDUCED_MOBILITY_UNKNOWN,
    }
)


def sure(a: Assessment) -> bool:
    """It applies to the person whatever the answers still missing."""
    return not any(fact.kind in UNSURE for fact in a.checks)


def _stops_only_doubt(a: Assessment) -> bool:
    return not any(fact.kind in UNSURE - {Kind.STOPS_UNKNOWN} for fact in a.checks)


def shortlist(
    groups: Sequence[tuple[Need, Sequence[Assessment]]], main: Need, person: Person
) -> list[Assessment]:
    """The shortlist, from groups of eligible solutions each sorted best first."""
    by_need = {
        need.id: [a for a in results if _listable(a, main, person)] for need, results in groups
    }
    chosen: list[Assessment] = []
    # the main need: what surely takes the person there, then what may and is local
    for a in sorted(by_need.get(main.id, []), key=lambda a: _reach_tier(a, person) or 0):
        near = (_reach_tier(a, person) or 0) < FAR_MAYBE
        if len(chosen) < FROM_MAIN_NEED and sure(a) and near and a.score >= WORTH_SAYING:
            _add(chosen, a)
    from_main = bool(chosen)
    for need, _results in groups:
        if need is main or len(chosen) >= SHORTLIST_MAX or not called_for(need, person):
            continue
        best = next((a for a in by_need[need.id] if sure(a)), None)
        if best is not None and best.score >= GOOD_ENOUGH and _made_for(best):
            _add(chosen, best)
    if len(chosen) < SHORTLIST_MIN:
        # the main need first; when it has nothing sure, getting around and the rest
        rest = [
            a
            for need_id, results in by_need.items()
            for a in results
            if a not in chosen
            and _stops_only_doubt(a)
            and a.score >= WORTH_SAYING
            and (need_id == main.id or _made_for(a) or not from_main)
            and called_for(NEEDS_BY_ID[need_id], person)
        ]
        rest.sort(key=lambda a: (_reach_tier(a, person) or 0, -a.score, a.candidate.sort_name))
        for a in rest:
            # a maybe from afar only when nothing better could be said
            far = (_reach_tier(a, person) or 0) >= FAR_MAYBE
            if len(chosen) < SHORTLIST_MIN and not (far and chosen):
                _add(chosen, a)
    return chosen


def called_for(need: Need, person: Person) -> bool:
    """The licence and vehicles are shortlisted only for someone without them; getting
    around, paying and advice always may be."""
    if need.id == "permis":
        return person.has[Prerequisite.PERMIS_B] is False
    if need.id == "vehicule":
        return person.car_broken or person.has[Prerequisite.VEHICULE] is False
    return True


def _made_for(a: Assessment) -> bool:
    """Another need earns its place when the solution is made for the person (an aid for
    RSA recipients, a licence loan for the young), answers what they lack (a garage for a
    broken car) or takes them where they must go, not when it merely applies to everyone."""
    return a.targeted or a.helps >= 2 or a.reaches > 0 or a.text >= TEXT_RELEVANT


def _add(chosen: list[Assessment], a: Assessment) -> None:
    """One line per network: the TaM's pass, not also each of its bus lines (the network
    serving every commune around wins over one of its lines); the Cœur d'Hérault coach line,
    not also the whole liO network (it comes first, more local)."""
    family = _network(a)
    same = next((i for i, other in enumerate(chosen) if family and _network(other) == family), None)
    if same is None:
        chosen.append(a)
    elif a.network_wide and not chosen[same].network_wide and a.reaches >= chosen[same].reaches:
        chosen[same] = a  # the network (the TaM's pass) rather than one of its lines


def _network(a: Assessment) -> tuple[str, str] | None:
    """Lines (entries with stops) of the same operator and kind belong to one network."""
    solution = a.candidate.solution
    if a.candidate.stops is None or not solution.operateur:
        return None
    return (solution.operateur, solution.categorie.value)


def _listable(a: Assessment, main: Need, person: Person) -> bool:
    """A shortlisted solution says why it fits (at least one reason). The advice desks are the
    advisor's own colleagues: never shortlisted, unless advice is what the person came for.
    When the person said where they must go, a way of getting around is shortlisted only if it
    surely takes them there: a week's e-bike loan or a car-pool car park is not the answer to
    « rendez-vous à Clermont » for someone without a car; it stays in its group."""
    if not a.fits or _reach_tier(a, person) is None:
        return False
    return a.candidate.category is not Category.CONSEIL_MOBILITE or main.id == "accompagnement"


def _reach_tier(a: Assessment, person: Person) -> int | None:
    """How surely a way of getting around takes the person where they said they must go:
    0 surely (or nothing was said, or it is not a way of getting around), 1 maybe and it is
    local (the car-pool area of the village), 2 maybe from afar or only once there (a regional
    car-pool app, the city's network on arrival), None not at all (an e-bike loan)."""
    if not person.away or a.candidate.need.id != GETTING_AROUND:
        return 0
    if a.reaches and not a.arrival:
        return 0
    if a.may_reach and a.level is not None and a.level <= ZoneLevel.TERRITOIRE:
        return 1
    if a.may_reach or a.arrival:
        return 2
    return None
