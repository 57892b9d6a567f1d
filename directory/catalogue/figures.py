"""Figures of the catalogue's quality: how people can reach each solution, how old its evidence is.

A contact path is a way for a person to reach the service that the entry's source gives:
a phone number, an e-mail address, a link to book or apply, an address to go to. A website
alone is not one. Every fact of an entry comes from its sources, so a path written in an
entry is a verified one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from directory.evidence import EvidenceAge, evidence_age, is_outdated
from directory.field_types import evidence_period
from directory.models import SolutionBase
from directory.vocabulary import Category

CONTACT_PATHS: dict[str, str] = {
    "telephone": "téléphone",
    "courriel": "courriel",
    "lien_mobilisation": "lien pour réserver ou s'inscrire",
    "adresse": "adresse où se rendre",
}
CONTACT_TARGET = 0.70  # share of entries the programme wants reachable (issue 11)

T = TypeVar("T")


def contact_paths(solution: SolutionBase) -> list[str]:
    """The fields of CONTACT_PATHS the entry fills, in that order."""
    return [name for name in CONTACT_PATHS if getattr(solution, name)]


@dataclass(frozen=True)
class Share:
    count: int
    total: int

    @property
    def ratio(self) -> float:
        return self.count / self.total if self.total else 0.0

    def words(self) -> str:
        """« 44 sur 62 (71 %) »."""
        if not self.total:
            return "aucune fiche"
        return f"{self.count} sur {self.total} ({round(100 * self.ratio)} %)"


def share(items: Iterable[T], test: Callable[[T], bool]) -> Share:
    kept = list(items)
    return Share(sum(1 for item in kept if test(item)), len(kept))


@dataclass
class ContactFigures:
    reachable: Share  # entries with at least one contact path
    by_path: dict[str, int]  # field -> entries that fill it
    by_territory: dict[str, Share] = field(default_factory=dict)  # territory id -> share
    by_category: dict[Category, Share] = field(default_factory=dict)


def contact_figures(solutions: list[SolutionBase]) -> ContactFigures:
    return ContactFigures(
        reachable=share(solutions, lambda s: bool(contact_paths(s))),
        by_path={name: sum(1 for s in solutions if getattr(s, name)) for name in CONTACT_PATHS},
    )


@dataclass
class EvidenceFigures:
    by_age: dict[EvidenceAge, int]  # every band, youngest first
    outdated: int  # undated, or older than the limit
    old_readings: int  # read longer ago than the limit
    total: int

    def band_share(self, age: EvidenceAge) -> Share:
        return Share(self.by_age[age], self.total)


def evidence_figures(
    solutions: list[SolutionBase], today: date, stale_after_days: int
) -> EvidenceFigures:
    ages = Counter(evidence_age(s.date_source, today) for s in solutions)
    limit = today - timedelta(days=stale_after_days)
    return EvidenceFigures(
        by_age={age: ages.get(age, 0) for age in EvidenceAge},
        outdated=sum(1 for s in solutions if is_outdated(s.date_source, today, stale_after_days)),
        old_readings=sum(1 for s in solutions if s.verifie_le < limit),
        total=len(solutions),
    )


def oldest_evidence_first(solution: SolutionBase) -> tuple[int, date]:
    """Sort key: undated first (nothing proves them), then by the last day the date may mean."""
    period = evidence_period(solution.date_source)
    return (0, date.min) if period is None else (1, period[1])
