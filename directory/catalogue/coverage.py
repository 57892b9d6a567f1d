"""The coverage report: what the catalogue offers per territory and category, and its holes.

It is the editors' to-do list (entries to confirm, old or undated evidence, services probably
closed, ended schemes, entries nobody can reach) and the programme's picture of the local offer
(which needs nothing local answers yet). Only services offered to the public fill a cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from directory.catalogue.figures import (
    ContactFigures,
    EvidenceFigures,
    contact_figures,
    contact_paths,
    evidence_figures,
    oldest_evidence_first,
    share,
)
from directory.catalogue.searches import Search
from directory.evidence import is_outdated
from directory.geo import Geography, Territory, ZoneLevel
from directory.models import SolutionBase
from directory.vocabulary import Category
from directory.zones import ZoneKey, level_in, place_keys, zone_keys

# Services people use where they live: a regional or national scheme does not fill this need.
LOCAL_CATEGORIES = (
    Category.TRANSPORT_A_LA_DEMANDE,
    Category.TRANSPORT_SOLIDAIRE,
    Category.COVOITURAGE,
    Category.VELO,
    Category.VEHICULE,
    Category.PERMIS,
    Category.CONSEIL_MOBILITE,
    Category.TRANSPORT_ADAPTE,
)


@dataclass(frozen=True)
class Entry:
    id: str
    solution: SolutionBase


@dataclass
class Cell:
    local: list[str] = field(default_factory=list)  # zone within the territory or narrower
    general: list[str] = field(default_factory=list)  # département, région or France

    @property
    def total(self) -> int:
        return len(self.local) + len(self.general)


@dataclass
class Hole:
    place: str  # a territory or an EPCI name
    category: Category
    general_only: bool  # wider schemes exist, nothing local
    searches: list[Search] = field(default_factory=list)  # what was looked for (manques.yaml)

    def sentence(self) -> str:
        label = self.category.label.lower()
        text = f"aucune solution « {label} » connue en {self.place}"
        if self.general_only:
            text += " (seulement des dispositifs départementaux, régionaux ou nationaux)"
        return text


@dataclass
class CoverageReport:
    today: date
    stale_after_days: int
    entries: int
    matrix: dict[str, dict[Category, Cell]]  # services offered to the public only
    holes: list[Hole]
    to_confirm: list[Entry]
    outdated: list[Entry]  # evidence undated or older than the limit, oldest first
    old_readings: list[Entry]  # source read longer ago than the limit
    closed: list[Entry]  # probably closed: not offered until confirmed
    ended: list[Entry]
    contacts: ContactFigures  # of the services offered, by territory and category too
    unreachable: list[Entry]  # offered, but no contact path at all
    evidence: EvidenceFigures  # of every valid entry
    filled: list[Search] = field(default_factory=list)  # searches recorded for no hole now


class _Places:
    """The zone keys of each commune of the territories, computed once per report."""

    def __init__(self, geo: Geography) -> None:
        self.keys: dict[str, dict[ZoneKey, ZoneLevel]] = {
            code: place_keys(geo, code)
            for territory in geo.territories.values()
            for code in _territory_communes(geo, territory)
        }

    def level_in(self, solution: SolutionBase, communes: Iterable[str]) -> ZoneLevel | None:
        """How locally the solution serves these communes: where people live, or where it
        goes (a service for people coming to the area, such as carpooling to the Métropole,
        is local there)."""
        communes = list(communes)
        zone = zone_keys(solution.zone)
        found = [
            level for code in communes if (level := level_in(self.keys[code], zone)) is not None
        ]
        if not found:
            return None
        if solution.destinations is not None:
            destinations = zone_keys(solution.destinations)
            found += [
                level
                for code in communes
                if (level := level_in(self.keys[code], destinations)) is not None
            ]
        return min(found)


def _territory_communes(geo: Geography, territory: Territory) -> list[str]:
    return [m for code in territory.epci for m in geo.epcis[code].membres]


def build_coverage(
    entries: list[Entry],
    geo: Geography,
    today: date,
    stale_after_days: int = 365,
    searches: Sequence[Search] = (),
) -> CoverageReport:
    offered = [e for e in entries if e.solution.in_service]
    places = _Places(geo)
    matrix: dict[str, dict[Category, Cell]] = {}
    holes: list[Hole] = []
    reached: dict[str, list[Entry]] = {}
    for territory in geo.territories.values():
        communes = _territory_communes(geo, territory)
        cells = {category: Cell() for category in Category}
        reached[territory.id] = []
        for entry in offered:
            level = places.level_in(entry.solution, communes)
            if level is None:
                continue
            reached[territory.id].append(entry)
            cell = cells[entry.solution.categorie]
            (cell.local if level <= ZoneLevel.TERRITOIRE else cell.general).append(entry.id)
        matrix[territory.id] = cells
        for category, cell in cells.items():
            if cell.total == 0:
                holes.append(Hole(territory.nom, category, general_only=False))
        holes += _epci_holes(offered, geo, places, territory, cells)
    filled = _attach_searches(holes, searches, geo)
    return CoverageReport(
        today=today,
        stale_after_days=stale_after_days,
        entries=len(entries),
        matrix=matrix,
        holes=holes,
        to_confirm=[e for e in entries if e.solution.to_confirm],
        outdated=sorted(
            (e for e in entries if is_outdated(e.solution.date_source, today, stale_after_days)),
            key=lambda e: (oldest_evidence_first(e.solution), e.id),
        ),
        old_readings=sorted(
            (
                e
                for e in entries
                if e.solution.verifie_le < today - timedelta(days=stale_after_days)
            ),
            key=lambda e: (e.solution.verifie_le, e.id),
        ),
        closed=[e for e in entries if not e.solution.in_service],
        ended=[
            e
            for e in entries
            if e.solution.valide_jusqu_au is not None and e.solution.valide_jusqu_au < today
        ],
        contacts=_contacts(offered, reached),
        unreachable=[e for e in offered if not contact_paths(e.solution)],
        evidence=evidence_figures([e.solution for e in entries], today, stale_after_days),
        filled=filled,
    )


def _attach_searches(holes: list[Hole], searches: Sequence[Search], geo: Geography) -> list[Search]:
    """Each search goes under the hole of its place, or of its EPCI's territory when the whole
    territory lacks the category; the searches that match no hole any more are returned."""
    filled = []
    for search in searches:
        places = {search.place(geo)}
        if search.epci is not None:
            places |= {t.nom for t in geo.territories.values() if search.epci in t.epci}
        matching = [h for h in holes if h.category is search.categorie and h.place in places]
        for hole in matching:
            hole.searches.append(search)
        if not matching:
            filled.append(search)
    return filled


def _contacts(offered: list[Entry], reached: dict[str, list[Entry]]) -> ContactFigures:
    """How many offered services people can reach, overall, per territory and per category."""

    def reachable(entry: Entry) -> bool:
        return bool(contact_paths(entry.solution))

    figures = contact_figures([e.solution for e in offered])
    figures.by_territory = {key: share(found, reachable) for key, found in reached.items()}
    for category in Category:
        in_category = [e for e in offered if e.solution.categorie is category]
        if in_category:
            figures.by_category[category] = share(in_category, reachable)
    return figures


def _epci_holes(
    entries: list[Entry],
    geo: Geography,
    places: _Places,
    territory: Territory,
    cells: dict[Category, Cell],
) -> list[Hole]:
    """Local needs that no local entry answers in one EPCI of the territory."""
    holes = []
    for epci_code in territory.epci:
        epci = geo.epcis[epci_code]
        for category in LOCAL_CATEGORIES:
            cell = cells[category]
            if not cell.local:
                continue  # already a hole (or general-only) for the whole territory
            candidates = [e for e in entries if e.id in cell.local]
            if not any(
                (level := places.level_in(e.solution, epci.membres)) is not None
                and level <= ZoneLevel.TERRITOIRE
                for e in candidates
            ):
                holes.append(Hole(epci.nom, category, general_only=bool(cell.general)))
    for category in LOCAL_CATEGORIES:
        cell = cells[category]
        if cell.general and not cell.local:
            holes.append(Hole(territory.nom, category, general_only=True))
    return holes
