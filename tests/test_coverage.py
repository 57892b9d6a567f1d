"""The coverage report: counts per territory and category, named holes, the editors' to-do."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import yaml

from directory.catalogue.coverage import Entry, build_coverage
from directory.catalogue.loader import load_catalogue
from directory.cli import main
from directory.config import PROJECT_ROOT, Settings
from directory.geo import Geography
from directory.models import SolutionEntry
from directory.vocabulary import Category

SOLUTIONS = PROJECT_ROOT / "data" / "solutions"
TODAY = date(2026, 11, 30)


def raw_entries() -> dict[str, dict]:
    """The catalogue read independently of the code under test."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in SOLUTIONS.glob("*.yaml")
        if not path.name.startswith("_")
    }


def real_report(geo: Geography):  # type: ignore[no-untyped-def]
    load = load_catalogue(SOLUTIONS, geo)
    return build_coverage([Entry(e.id, e.entry) for e in load.entries], geo, TODAY)


def test_totals_of_the_real_catalogue(geo: Geography) -> None:
    raw = raw_entries()
    report = real_report(geo)
    assert report.entries == len(raw) >= 60
    to_confirm = {i for i, e in raw.items() if e["fiabilite"] == "a-confirmer"}
    assert {e.id for e in report.to_confirm} == to_confirm
    limit = TODAY - timedelta(days=365)
    stale = {i for i, e in raw.items() if e["verifie_le"] < limit}
    assert {e.id for e in report.stale} == stale
    assert report.ended == []


def test_every_cell_has_entries_or_is_a_named_hole(geo: Geography) -> None:
    report = real_report(geo)
    for territory in geo.territories.values():
        for category in Category:
            cell = report.matrix[territory.id][category]
            named = any(h.place == territory.nom and h.category is category for h in report.holes)
            assert cell.total > 0 or named, (territory.id, category)


def test_every_entry_is_counted_where_its_zone_reaches(geo: Geography) -> None:
    report = real_report(geo)
    for entry_id, raw in raw_entries().items():
        category = Category(raw["categorie"])
        reached = geo.territory_ids_of_zone(SolutionEntry.model_validate(raw).zone)
        for territory_id, cells in report.matrix.items():
            cell = cells[category]
            counted = entry_id in cell.local or entry_id in cell.general
            assert counted == (territory_id in reached), (entry_id, territory_id)


def entry(entry_id: str, category: str, zone: dict) -> Entry:  # type: ignore[type-arg]
    return Entry(
        entry_id,
        SolutionEntry.model_validate(
            {
                "nom": entry_id,
                "categorie": category,
                "thematiques": ["mobilite--mobilite-douce-partagee-collective"],
                "description": "Une description assez longue pour être valide.",
                "zone": zone,
                "publics": ["tous-publics"],
                "mobilisable_par": ["usagers"],
                "source": "https://exemple.fr",
                "date_source": "2026-01-01",
                "verifie_le": "2026-01-01",
                "fiabilite": "confirme",
            }
        ),
    )


def test_holes_are_named_down_to_the_intercommunality(geo: Geography) -> None:
    report = build_coverage(
        [
            entry("tad-vallee", "transport-a-la-demande", {"epci": ["243400694"]}),
            entry("aide-region", "aide-financiere", {"regions": ["76"]}),
        ],
        geo,
        TODAY,
    )
    sentences = [h.sentence() for h in report.holes]
    assert "aucune solution « transport à la demande » connue en CC du Clermontais" in sentences
    assert "aucune solution « transport à la demande » connue en CC Lodévois et Larzac" in sentences
    assert not any("CC Vallée de l'Hérault" in s and "demande" in s for s in sentences)
    assert (
        "aucune solution « transport à la demande » connue en Pays Haut Languedoc et Vignobles"
        in sentences
    )
    cell = report.matrix["pays-haut-languedoc-et-vignobles"][Category.AIDE_FINANCIERE]
    assert cell.general == ["aide-region"] and cell.local == []


def test_coverage_command_prints_and_writes_the_report(tmp_path: Path, settings: Settings) -> None:
    target = tmp_path / "couverture.md"
    out = io.StringIO()
    assert main(["couverture", "--sortie", str(target)], out=out, settings=settings) == 0
    written = target.read_text(encoding="utf-8")
    assert written in out.getvalue()
    assert "| Catégorie | Montpellier Méditerranée Métropole | Pays Cœur d'Hérault |" in written
    assert "## Fiches à confirmer avec les partenaires" in written
    assert "## Manques identifiés" in written
