"""What must always hold for the real catalogue, whatever its editors add, change or retire.

These tests never name an entry nor assert one entry's text: an editor who adds a valid entry
or retires one as the guide says keeps CI green. Behaviour is tested on fixture catalogues
elsewhere. The last test proves it: without any one entry, every content check still passes.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from directory.catalogue.checks import check_duplicates
from directory.catalogue.coverage import LOCAL_CATEGORIES, CoverageReport, Entry, build_coverage
from directory.catalogue.coverage_markdown import render_markdown
from directory.catalogue.loader import CatalogueLoad, LoadedEntry, load_catalogue
from directory.catalogue.references import reference_problems
from directory.cli import main
from directory.config import Settings
from directory.field_types import evidence_period, phone_uri
from directory.geo import Geography, Territory
from directory.vocabulary import Category

from .conftest import DATA_DIR

SOLUTIONS = DATA_DIR / "solutions"


def named_hole(report: CoverageReport, territory: Territory, category: Category) -> bool:
    return any(h.place == territory.nom and h.category is category for h in report.holes)


@pytest.fixture(scope="module")
def real(geo: Geography) -> CatalogueLoad:
    return load_catalogue(SOLUTIONS, geo)


@pytest.fixture(scope="module")
def entries(real: CatalogueLoad) -> list[LoadedEntry]:
    return real.entries


def test_directory_check_finds_no_error(settings: Settings) -> None:
    out = io.StringIO()
    real_settings = settings.model_copy(update={"solutions_dir": SOLUTIONS})
    status = main(["check", "--erreurs-seulement"], out=out, settings=real_settings)
    assert status == 0, out.getvalue()
    assert out.getvalue().rstrip().endswith("Le catalogue est valide.")


def test_every_file_is_an_entry(real: CatalogueLoad) -> None:
    assert real.errors == [], "\n".join(p.one_line() for p in real.errors)
    assert len(real.entries) == real.files > 0


def test_every_entry_is_sourced_by_real_pages(entries: list[LoadedEntry]) -> None:
    for loaded in entries:
        for link in (loaded.entry.source, *loaded.entry.autres_sources):
            parts = urlsplit(link)
            assert parts.scheme in {"http", "https"}, (loaded.id, link)
            assert "." in (parts.hostname or ""), (loaded.id, link)


def test_every_entry_is_dated_as_read_before_today(entries: list[LoadedEntry]) -> None:
    for loaded in entries:
        entry = loaded.entry
        assert entry.verifie_le <= date.today(), loaded.id
        period = evidence_period(entry.date_source)
        assert period is None or period[0] <= entry.verifie_le, loaded.id
        if entry.valide_jusqu_au is not None:
            assert entry.valide_jusqu_au >= date.today(), loaded.id


def test_contacts_are_well_formed(entries: list[LoadedEntry], geo: Geography) -> None:
    for loaded in entries:
        entry = loaded.entry
        if entry.telephone and len(entry.telephone) > 4:
            number = phonenumbers.parse(entry.telephone, "FR")
            assert phonenumbers.is_valid_number(number), loaded.id
            assert phone_uri(entry.telephone).startswith("tel:+"), loaded.id
        if entry.courriel:
            assert "@" in entry.courriel and " " not in entry.courriel, loaded.id
        if entry.lien_mobilisation:
            assert entry.lien_mobilisation.startswith(("https://", "http://")), loaded.id
        if entry.commune:
            assert geo.commune(entry.commune) is not None, loaded.id


def test_the_catalogue_covers_every_territory(entries: list[LoadedEntry], geo: Geography) -> None:
    report = build_coverage([Entry(e.id, e.entry) for e in entries], geo, date.today())
    for territory in geo.territories.values():
        cells = report.matrix[territory.id]
        assert sum(cell.total for cell in cells.values()) > 0, territory.id
        for category in Category:
            assert cells[category].total > 0 or named_hole(report, territory, category), (
                territory.id,
                category,
            )
            if category in LOCAL_CATEGORIES and not cells[category].local:
                assert named_hole(report, territory, category), (territory.id, category)


def test_every_offered_entry_is_counted_where_its_zone_reaches(
    entries: list[LoadedEntry], geo: Geography
) -> None:
    report = build_coverage([Entry(e.id, e.entry) for e in entries], geo, date.today())
    for loaded in entries:
        reached = set(geo.territory_ids_of_zone(loaded.entry.zone))
        for territory_id, cells in report.matrix.items():
            cell = cells[loaded.entry.categorie]
            counted = loaded.id in cell.local or loaded.id in cell.general
            assert counted == (loaded.entry.in_service and territory_id in reached), (
                loaded.id,
                territory_id,
            )


def test_every_entry_has_a_page_a_printable_view_and_a_twin(
    catalogue_client: TestClient, entries: list[LoadedEntry]
) -> None:
    for loaded in entries:
        page = catalogue_client.get(f"/solutions/{loaded.id}")
        assert page.status_code == 200, loaded.id
        assert f'<h1 id="titre-solution">{escape(loaded.entry.nom)}</h1>' in page.text, loaded.id
        assert "D'où vient cette information" in page.text, loaded.id
        printable = catalogue_client.get(f"/solutions/{loaded.id}/imprimer")
        assert printable.status_code == 200, loaded.id
        twin = catalogue_client.get(f"/api/solutions/{loaded.id}").json()
        assert twin["id"] == loaded.id and twin["nom"] == loaded.entry.nom
        assert twin["verification_texte"].startswith(("Information ", "Source non datée"))


def test_removing_any_one_entry_keeps_every_content_check_green(
    entries: list[LoadedEntry], geo: Geography
) -> None:
    """An editor retires an entry by deleting its file: whichever it is, the catalogue stays
    valid, the references only warn, and the coverage report still names every hole."""
    ids = {loaded.id for loaded in entries}
    for removed in entries:
        rest = [loaded for loaded in entries if loaded is not removed]
        problems = check_duplicates(rest) + reference_problems(DATA_DIR, geo, ids - {removed.id})
        errors = [p.one_line() for p in problems if p.is_error]
        assert errors == [], (removed.id, errors)
        report = build_coverage([Entry(e.id, e.entry) for e in rest], geo, date.today())
        assert report.entries == len(rest)
        for territory in geo.territories.values():
            for category in Category:
                cell = report.matrix[territory.id][category]
                assert cell.total > 0 or named_hole(report, territory, category), (
                    removed.id,
                    territory.id,
                    category,
                )
        assert f"sur {len(rest)} fiches valides" in render_markdown(report, geo)


def test_retiring_the_most_referenced_entry_end_to_end(
    tmp_path: Path, settings: Settings, entries: list[LoadedEntry], geo: Geography
) -> None:
    """The same, through the commands an editor runs: the entry the reference data names (a
    desk entry), deleted from a copy of the catalogue, checks and syncs."""
    named = {t.permanence for t in geo.territories.values() if t.permanence}
    target = next((e for e in entries if e.id in named), entries[0])
    folder = tmp_path / "solutions"
    shutil.copytree(SOLUTIONS, folder)
    (folder / target.path.name).unlink()
    copy = settings.model_copy(update={"solutions_dir": folder})
    out = io.StringIO()
    assert main(["check", "--erreurs-seulement"], out=out, settings=copy) == 0, out.getvalue()
    out = io.StringIO()
    assert main(["sync"], out=out, settings=copy) == 0, out.getvalue()
    assert f"{len(entries) - 1} ajoutée(s)" in out.getvalue()
