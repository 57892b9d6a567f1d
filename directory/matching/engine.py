"""Matching proper: the index narrowed to the person's zone, every rule, the score, the groups.

`match` is a plain function of a person, an index and a date: no I/O, no web, no wording.
Near misses are the solutions that fail one rule only; those out of zone are kept only when
they serve a destination of the person or a part of the person's own territory, so that the
list explains real alternatives instead of listing every solution of France.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from directory.geo import ZoneLevel
from directory.matching.facts import Fact, Kind
from directory.matching.index import Candidate, MatchIndex
from directory.matching.profile import Person
from directory.matching.ranking import main_need, need_order, score, sort_key
from directory.matching.relevance import TextRelevance, no_text_relevance
from directory.matching.rules import Assessment, assess, rules_for
from directory.matching.shortlist import shortlist
from directory.needs import Need
from directory.zones import ZoneKey

MAX_NEAR_MISSES = 20
TEXT_REASON = 0.5  # relevance from which « correspond au besoin décrit » is said
MAX_NEIGHBOURS = 100  # out-of-zone solutions assessed as possible near misses


@dataclass(frozen=True)
class Group:
    need: Need
    results: list[Assessment]


@dataclass(frozen=True)
class Outcome:
    main_need: Need
    shortlist: list[Assessment]  # « L'essentiel », also counted in their groups
    groups: list[Group]
    near_misses: list[Assessment]  # best first, at most MAX_NEAR_MISSES
    near_miss_total: int
    considered: int  # solutions whose zone covers the person's home

    @property
    def total(self) -> int:
        return sum(len(group.results) for group in self.groups)


def match(
    person: Person,
    index: MatchIndex,
    today: date,
    relevance: TextRelevance = no_text_relevance,
) -> Outcome:
    in_zone = index.around(person.home.keys)
    rules = rules_for(person)
    assessed = [assess(item, person, level, today, rules) for item, level in in_zone.values()]
    assessed += [
        assess(item, person, None, today, rules)
        for item in _neighbours(person, index).values()
        if item.id not in in_zone
    ]
    if person.need:
        _relevance_to_need(person.need, assessed, relevance)
    eligible: list[Assessment] = []
    near: list[Assessment] = []
    for a in assessed:
        if a.eligible:
            eligible.append(a)
        elif len(a.exclusions) == 1:
            near.append(a)
        else:
            continue  # neither proposed nor explained: no need for a rank
        a.score = score(a, person)
    eligible.sort(key=sort_key)
    near.sort(key=sort_key)
    groups = [
        Group(need, [a for a in eligible if a.candidate.need is need])
        for need in need_order(person)
    ]
    main = main_need(person)
    return Outcome(
        main_need=main,
        shortlist=shortlist([(g.need, g.results) for g in groups], main, person),
        groups=[g for g in groups if g.results],
        near_misses=near[:MAX_NEAR_MISSES],
        near_miss_total=len(near),
        considered=len(in_zone),
    )


def _relevance_to_need(need: str, assessed: list[Assessment], relevance: TextRelevance) -> None:
    """Ask the search layer once, for the solutions still in play (proposed or near misses)."""
    found = relevance(need, [a.candidate.id for a in assessed if len(a.exclusions) < 2])
    for a in assessed:
        a.text = max(0.0, min(1.0, float(found.get(a.candidate.id, 0.0))))
        if a.text >= TEXT_REASON:
            a.fits.append(Fact(Kind.TEXT))


def _neighbours(person: Person, index: MatchIndex) -> dict[str, Candidate]:
    """Out-of-zone solutions worth explaining: transport serving a destination (« hors zone :
    Métropole uniquement » when going to Montpellier), then the rest of the home territory.
    Bounded, so that a huge catalogue does not spend its time on what is not proposed."""
    destination_keys: set[ZoneKey] = set()
    for place in person.destinations:
        destination_keys.update(k for k, lvl in place.keys.items() if lvl <= ZoneLevel.TERRITOIRE)
    found: dict[str, Candidate] = {}
    for item in index.touching(destination_keys):
        if item.trip_based:
            found.setdefault(item.id, item)
            if len(found) >= MAX_NEIGHBOURS:
                break
    bound = len(found) + MAX_NEIGHBOURS
    for item in index.touching(person.home.neighbours):
        if len(found) >= bound:
            break
        found.setdefault(item.id, item)
    return found
