"""The data·inclusion export: every record passes the official schema's validation."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from data_inclusion.schema.v1 import Service

from directory.catalogue.export import export_services
from directory.catalogue.loader import load_catalogue
from directory.cli import main
from directory.config import PROJECT_ROOT, Settings
from directory.geo import Geography

from .conftest import FIXTURES


@pytest.mark.parametrize("folder", [PROJECT_ROOT / "data" / "solutions", FIXTURES / "valid"])
def test_every_exported_record_is_a_valid_data_inclusion_service(
    folder: Path, geo: Geography
) -> None:
    load = load_catalogue(folder, geo)
    solutions = [loaded.to_record() for loaded in load.entries]
    records = export_services(solutions, geo, "https://annuaire.example")
    assert len(records) == len([s for s in solutions if s.in_service]) > 0
    for record in records:
        service = Service.model_validate(record, context={"ignore_warnings": False})
        assert service.id == f"annuaire-mobilite-herault--{record['id'].split('--')[1]}"
        assert service.zone_eligibilite


def test_zones_are_written_as_data_inclusion_codes(geo: Geography) -> None:
    load = load_catalogue(FIXTURES / "valid", geo)
    records = {r["id"]: r for r in export_services([e.to_record() for e in load.entries], geo, "")}
    region_wide = records["annuaire-mobilite-herault--aide-test-region"]
    assert sorted(region_wide["zone_eligibilite"]) == sorted(
        ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]
    )
    assert region_wide["conditions_acces"] == "De 18 à 25 ans. Pour : Demandeur d'emploi."
    lodeve = records["annuaire-mobilite-herault--transport-test-lodeve"]
    assert lodeve["zone_eligibilite"] == ["34142"]
    assert lodeve["telephone"] == "+33467000000"


def test_export_command_writes_the_synced_catalogue(tmp_path: Path, settings: Settings) -> None:
    settings = settings.model_copy(update={"solutions_dir": FIXTURES / "valid"})
    target = tmp_path / "services.json"
    assert main(["sync"], out=io.StringIO(), settings=settings) == 0
    report = io.StringIO()
    assert main(["export", "--sortie", str(target)], out=report, settings=settings) == 0
    assert "2 services data·inclusion écrits" in report.getvalue()
    records = json.loads(target.read_text("utf-8"))
    assert [r["nom"] for r in records] == ["Aide régionale d'essai", "Transport de test à Lodève"]


def test_export_of_an_empty_database_says_to_sync_first(settings: Settings) -> None:
    report = io.StringIO()
    assert main(["migrate"], out=io.StringIO(), settings=settings) == 0
    assert main(["export"], out=report, settings=settings) == 1
    assert "lancez d'abord « directory sync »" in report.getvalue()


def test_export_of_a_database_never_created_says_to_create_it(settings: Settings) -> None:
    report = io.StringIO()
    assert main(["export"], out=report, settings=settings) == 1
    assert report.getvalue() == (
        "Export impossible : la base de données est vide : lancez « directory migrate » pour "
        "la créer, puis « directory sync » pour charger le catalogue.\n"
    )


def test_a_service_probably_closed_is_not_exported(tmp_path: Path, geo: Geography) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path / "solutions")
    path = tmp_path / "solutions" / "aide-test-region.yaml"
    path.write_text(path.read_text("utf-8") + "etat: probablement-arrete\n", encoding="utf-8")
    load = load_catalogue(tmp_path / "solutions", geo)
    records = export_services([e.to_record() for e in load.entries], geo, "")
    assert [r["id"] for r in records] == ["annuaire-mobilite-herault--transport-test-lodeve"]
