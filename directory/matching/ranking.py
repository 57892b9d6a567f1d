"""The order of results: one score per eligible solution, and the order of the need groups.

The score is a weighted sum so that no single criterion hides the others; the weights below
are the whole policy, in the order the advisors asked for it:
made for the person before « tous publics », local before general, fitting the trips and
times asked, answering the constraints, free before paid, close to the need in words; and a
solution that may turn out not to apply (a condition unknown, an entry not confirmed) after one
that surely does.
"""

from __future__ import annotations

from directory.geo import ZoneLevel
from directory.matching.facts import Kind
from directory.matching.profile import Person
from directory.matching.rules import Assessment
from directory.needs import NEEDS, NEEDS_BY_ID, Need
from directory.vocabulary import Frais, Reliability

TARGETED = 20.0
BY_STATUS = 6.0  # made for a status the person has (apprentices), more precise than a public
ON_REFERRAL = -3.0  # only a professional can mobilise it: one more step
LOCALITY = {
    ZoneLevel.COMMUNE: 20.0,
    ZoneLevel.EPCI: 16.0,
    ZoneLevel.TERRITOIRE: 12.0,
    ZoneLevel.DEPARTEMENT: 8.0,
    ZoneLevel.REGION: 4.0,
    ZoneLevel.FRANCE: 0.0,
}
REACHES_ALL = 10.0  # a transport going to every destination asked
REACHES_SOME = 5.0  # to some, or maybe to all (a network too wide to be sure of its stops)
PURPOSE = 6.0
SLOT_SERVED = 8.0
SLOT_NOT_SERVED = -25.0  # still shown, with the reason, but after what runs at that time
HELPS = 12.0  # per point of answer to the constraints (see rules._constraints)
COST = {Frais.GRATUIT: 6.0, None: 3.0, Frais.PAYANT: 0.0}
TEXT = 25.0  # times the relevance (0 to 1) of the solution to the need in words
RELIABILITY = {Reliability.CONFIRME: 0.0, Reliability.CONFIRME_ANCIEN: -4.0}
UNCONFIRMED = -8.0  # it may not exist: after a paid service that surely does (COST)
DOUBT = -4.0  # per condition of use still unknown (prerequisite, public, age, payment…)
DOUBTS = frozenset(
    {
        Kind.PREREQUISITE,
        Kind.AGE_UNKNOWN,
        Kind.STATUS_UNKNOWN,
        Kind.PUBLIC_UNKNOWN,
        Kind.MONTHS_UNKNOWN,
        Kind.PAYMENT_UNKNOWN,
        Kind.STOPS_UNKNOWN,
        Kind.ONLY_TO,
        Kind.REDUCED_MOBILITY_UNKNOWN,
        Kind.PURPOSE_ONLY,
    }
)


def score(a: Assessment, person: Person) -> float:
    """Higher is better; only meaningful between solutions assessed for the same person."""
    item = a.candidate
    total = TARGETED if a.targeted else 0.0
    total += BY_STATUS if a.by_status else 0.0
    total += ON_REFERRAL if item.on_referral else 0.0
    away = len(person.away)
    level = a.level
    if item.stops is not None and away and a.reaches == away and not a.arrival:
        level = ZoneLevel.COMMUNE  # a line from the home to every destination: door to door
    # a network used on arrival is as local as the destination, not as the home
    total += LOCALITY[level] if level is not None and not a.arrival else 0.0
    if away and a.reaches == away:
        total += REACHES_ALL
    elif a.reaches or a.may_reach:
        total += REACHES_SOME
    total += PURPOSE if a.purpose_fit else 0.0
    total += sum(SLOT_SERVED if v else SLOT_NOT_SERVED if v is False else 0.0 for v in a.timing)
    total += HELPS * a.helps
    total += COST[item.frais]
    total += TEXT * a.text
    total += RELIABILITY.get(item.reliability, UNCONFIRMED)
    total += DOUBT * sum(1 for fact in a.checks if fact.kind in DOUBTS)
    return total


def sort_key(a: Assessment) -> tuple[float, int, str]:
    """Best first; at equal scores the more local offer (a line of the territory before the
    whole département's network), then by name."""
    zone = a.zone_level if a.zone_level is not None else len(ZoneLevel)
    return (-a.score, zone, a.candidate.sort_name)


def main_need(person: Person) -> Need:
    """The need the advisor named, else the one the situation calls for: a broken car first
    asks for a garage or a vehicle; otherwise getting around."""
    if person.main_need:
        return NEEDS_BY_ID[person.main_need]
    return NEEDS_BY_ID["vehicule" if person.car_broken else "se-deplacer"]


def need_order(person: Person) -> list[Need]:
    """The groups in the order the person's situation calls for: the main need first."""
    first = main_need(person)
    return sorted(NEEDS, key=lambda need: (need is not first, NEEDS.index(need)))
