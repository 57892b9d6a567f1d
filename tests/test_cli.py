"""The `directory` command: exit status and French reports."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from directory.cli import main
from directory.config import Settings

from .conftest import FIXTURES


def run(args: list[str], settings: Settings) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out, settings=settings), out.getvalue()


def test_check_of_a_valid_folder_exits_zero(settings: Settings) -> None:
    status, text = run(["check", str(FIXTURES / "valid")], settings)
    assert status == 0
    assert "2 fichiers lus, 2 fiches valides, 0 erreur" in text
    assert text.rstrip().endswith("Le catalogue est valide.")


def test_check_reports_every_broken_file_and_exits_one(settings: Settings) -> None:
    status, text = run(["check", str(FIXTURES / "broken")], settings)
    assert status == 1
    assert "ligne 8, colonne 14 · zone.communes[0] · code commune inconnu « 34999 »" in text
    assert "23 erreurs dans 23 fichiers" in text


def test_check_json_report(settings: Settings) -> None:
    status, text = run(["check", str(FIXTURES / "broken"), "--format", "json"], settings)
    report = json.loads(text)
    assert status == 1 and report["erreurs"] == 23
    problem = next(p for p in report["problemes"] if p["file"].endswith("cle-inconnue.yaml"))
    assert problem == {
        "file": problem["file"],
        "message": "clé inconnue « telephonne » — vouliez-vous dire « telephone » ?",
        "severity": "erreur",
        "field": "telephonne",
        "line": 14,
        "column": 13,
        "topic": None,
    }


def test_sync_refuses_a_broken_folder_and_says_the_site_is_unchanged(
    tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    assert run(["sync", str(folder)], settings)[0] == 0
    shutil.copy(FIXTURES / "broken" / "syntaxe.yaml", folder)
    status, text = run(["sync", str(folder)], settings)
    assert status == 1
    assert "syntaxe.yaml" in text
    assert "Base de données inchangée" in text


def test_sync_prints_what_changed(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    status, text = run(["sync", str(folder)], settings)
    assert status == 0
    assert "+ aide-test-region (ajoutée)" in text
    assert "2 ajoutée(s), 0 modifiée(s), 0 retirée(s), 0 inchangée(s)" in text
    (folder / "aide-test-region.yaml").unlink()
    status, text = run(["sync", str(folder)], settings)
    assert "- aide-test-region (retirée)" in text
    assert "0 ajoutée(s), 0 modifiée(s), 1 retirée(s), 1 inchangée(s)" in text


def test_syncing_an_empty_folder_is_refused_and_keeps_the_catalogue(
    tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "solutions"
    shutil.copytree(FIXTURES / "valid", folder)
    assert run(["sync", str(folder)], settings)[0] == 0
    empty = tmp_path / "vide"
    empty.mkdir()
    status, text = run(["sync", str(empty)], settings)
    assert status == 1
    assert "aucune fiche .yaml dans ce dossier" in text
    assert "Base de données inchangée" in text
    status, text = run(["sync", str(folder)], settings)
    assert "0 ajoutée(s), 0 modifiée(s), 0 retirée(s), 2 inchangée(s)" in text
