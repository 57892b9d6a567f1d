"""The coverage report: what the catalogue offers per territory and category, and its holes.

It is the editors' to-do list (entries to confirm, to re-verify, ended) and the programme's
picture of the local offer (which needs nothing local answers yet).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from directory.catalogue.checks import months_between
from directory.geo import Geography, Territory, ZoneLevel
from directory.models import SolutionBase
from directory.vocabulary import Category
from directory.zones import covering_level

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

    def sentence(self) -> str:
        label = self.category.label.lower()
        text = f"aucune solution « {label} » connue en {self.place}"
        if self.general_only:
            text += " (seulement des dispositifs départementaux, régionaux ou nationaux)"
        return text


@dataclass
class CoverageReport:
    today: date
    entries: int
    matrix: dict[str, dict[Category, Cell]]
    holes: list[Hole]
    to_confirm: list[Entry]
    stale: list[Entry]
    ended: list[Entry]


def _level_in(geo: Geography, solution: SolutionBase, communes: Iterable[str]) -> ZoneLevel | None:
    """How locally the solution serves these communes: where people live, or where it goes."""
    communes = list(communes)
    found = [
        level
        for code in communes
        if (level := covering_level(geo, solution.zone, code)) is not None
    ]
    if not found:
        return None
    if solution.destinations is not None:
        # A service for people coming to the area (carpooling to the Métropole) is local there.
        found += [
            level
            for code in communes
            if (level := covering_level(geo, solution.destinations, code)) is not None
        ]
    return min(found)


def _territory_communes(geo: Geography, territory: Territory) -> list[str]:
    return [m for code in territory.epci for m in geo.epcis[code].membres]


def build_coverage(
    entries: list[Entry], geo: Geography, today: date, stale_after_days: int = 365
) -> CoverageReport:
    matrix: dict[str, dict[Category, Cell]] = {}
    holes: list[Hole] = []
    for territory in geo.territories.values():
        communes = _territory_communes(geo, territory)
        cells = {category: Cell() for category in Category}
        for entry in entries:
            level = _level_in(geo, entry.solution, communes)
            if level is None:
                continue
            cell = cells[entry.solution.categorie]
            (cell.local if level <= ZoneLevel.TERRITOIRE else cell.general).append(entry.id)
        matrix[territory.id] = cells
        for category, cell in cells.items():
            if cell.total == 0:
                holes.append(Hole(territory.nom, category, general_only=False))
        holes += _epci_holes(entries, geo, territory, cells)
    stale_limit = today - timedelta(days=stale_after_days)
    return CoverageReport(
        today=today,
        entries=len(entries),
        matrix=matrix,
        holes=holes,
        to_confirm=[e for e in entries if e.solution.to_confirm],
        stale=sorted(
            (e for e in entries if e.solution.verifie_le < stale_limit),
            key=lambda e: e.solution.verifie_le,
        ),
        ended=[
            e
            for e in entries
            if e.solution.valide_jusqu_au is not None and e.solution.valide_jusqu_au < today
        ],
    )


def _epci_holes(
    entries: list[Entry], geo: Geography, territory: Territory, cells: dict[Category, Cell]
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
                (level := _level_in(geo, e.solution, epci.membres)) is not None
                and level <= ZoneLevel.TERRITOIRE
                for e in candidates
            ):
                holes.append(Hole(epci.nom, category, general_only=bool(cell.general)))
    for category in LOCAL_CATEGORIES:
        cell = cells[category]
        if cell.general and not cell.local:
            holes.append(Hole(territory.nom, category, general_only=True))
    return holes


def render_markdown(report: CoverageReport, geo: Geography) -> str:
    """docs/couverture.md: French, readable as text and on a git web interface."""
    territories = list(geo.territories.values())
    lines = [
        "# Couverture du catalogue",
        "",
        f"Rapport produit par `directory couverture` le {report.today:%d/%m/%Y}, "
        f"sur {report.entries} fiches valides.",
        "",
        "Chaque case donne le nombre de fiches utilisables par les habitants du territoire : "
        "« locales » (zone limitée au territoire ou plus petite) + « générales » (département, "
        "région ou France).",
        "",
        "## Offre par territoire et par catégorie",
        "",
        "| Catégorie | " + " | ".join(t.nom for t in territories) + " |",
        "| --- | " + " | ".join("---" for _ in territories) + " |",
    ]
    for category in Category:
        row = [category.label]
        for territory in territories:
            cell = report.matrix[territory.id][category]
            row.append(
                "**aucune**"
                if cell.total == 0
                else f"{cell.total} ({len(cell.local)} locale{'s' if len(cell.local) > 1 else ''})"
            )
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "## Manques identifiés", ""]
    lines += [f"- {hole.sentence()[0].upper()}{hole.sentence()[1:]}." for hole in report.holes]
    if not report.holes:
        lines.append("Aucun manque identifié.")
    for territory in territories:
        if territory.a_confirmer:
            lines += ["", f"Note sur {territory.nom} : {territory.a_confirmer}"]
    lines += _entry_section(
        "Fiches à confirmer avec les partenaires",
        report.to_confirm,
        lambda e: e.solution.a_confirmer or "à confirmer",
    )
    lines += _entry_section(
        "Fiches vérifiées il y a plus de 12 mois",
        report.stale,
        lambda e: (
            f"vérifiée le {e.solution.verifie_le:%d/%m/%Y} "
            f"(il y a {months_between(e.solution.verifie_le, report.today)} mois)"
        ),
    )
    lines += _entry_section(
        "Dispositifs terminés",
        report.ended,
        lambda e: f"terminé le {e.solution.valide_jusqu_au:%d/%m/%Y}",
    )
    return "\n".join(lines) + "\n"


def _entry_section(title: str, entries: list[Entry], detail: object) -> list[str]:
    lines = ["", f"## {title} ({len(entries)})", ""]
    if not entries:
        return [*lines, "Aucune."]
    for entry in entries:
        text = detail(entry)  # type: ignore[operator]
        lines.append(f"- `{entry.id}` — {entry.solution.nom} : {text}")
    return lines
