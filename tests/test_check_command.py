"""`directory check` as an editor uses it: a fresh copy of the template, one file at a time,
errors before warnings, and errors only when the warnings are known."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from directory.catalogue.checks import TEMPLATE_PATH
from directory.catalogue.loader import check_paths, load_file
from directory.catalogue.problems import Severity
from directory.cli import main
from directory.config import Settings
from directory.geo import Geography

from .conftest import FIXTURES

VALID = FIXTURES / "valid"


def run(args: list[str], settings: Settings) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out, settings=settings), out.getvalue()


def fresh_copy(tmp_path: Path) -> Path:
    path = tmp_path / "nouvelle-solution.yaml"
    shutil.copy(TEMPLATE_PATH, path)
    return path


def test_a_fresh_copy_of_the_template_names_each_blank_field(
    tmp_path: Path, geo: Geography
) -> None:
    problems = load_file(fresh_copy(tmp_path), geo)
    assert isinstance(problems, list)
    by_field = {p.field: p.message for p in problems}
    assert by_field["nom"].startswith("champ obligatoire « nom » vide : écrivez le nom")
    assert by_field["categorie"].startswith(
        "champ obligatoire « categorie » vide : choisissez une valeur parmi : transport-public"
    )
    assert by_field["thematiques[0]"].startswith("ligne vide dans « thematiques »")
    assert by_field["source"].startswith("champ obligatoire « source » vide : collez l'adresse")
    assert "« inconnue » si elle n'est pas datée" in by_field["date_source"]
    assert "AAAA-MM-JJ" in by_field["verifie_le"]
    assert "confirme, confirme-ancien, a-confirmer" in by_field["fiabilite"]
    assert by_field["zone"].startswith("zone vide")
    # Nothing misleading: no « texte », « liste » or « None » for a field left blank.
    for message in by_field.values():
        assert "None" not in message and "none" not in message
        assert "pas une liste" not in message
    # Optional fields left blank in the template are not problems.
    assert set(by_field) == {
        "nom",
        "categorie",
        "thematiques[0]",
        "zone",
        "source",
        "date_source",
        "verifie_le",
        "fiabilite",
    }


def test_blank_optional_list_says_to_write_an_empty_list_or_remove_it(
    tmp_path: Path, geo: Geography
) -> None:
    text = (VALID / "transport-test-lodeve.yaml").read_text(encoding="utf-8")
    path = tmp_path / "essai.yaml"
    path.write_text(text + "prerequis:\n", encoding="utf-8")
    [problem] = load_file(path, geo)  # type: ignore[misc]
    assert problem.field == "prerequis"
    assert "champ « prerequis » vide" in problem.message
    assert "écrivez « [] » s'il n'y a rien, ou supprimez la ligne" in problem.message


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        (
            "description",
            "Phrases courtes, mots simples. Ce que c'est, pour qui, comment en profiter.",
            "texte d'exemple du modèle laissé tel quel",
        ),
        ("frais_precisions", "À compléter", "valeur provisoire « À compléter »"),
        ("operateur", "TODO", "valeur provisoire « TODO »"),
        ("description", "Un transport à Lodève. TODO : ajouter les horaires.", "valeur provisoire"),
        ("source", "https://...", "lien incomplet « https://... »"),
        ("site_web", "https://exemple", "lien incomplet"),
    ],
)
def test_placeholders_are_errors_not_facts(
    tmp_path: Path, geo: Geography, field: str, value: str, words: str
) -> None:
    data = yaml.safe_load((VALID / "transport-test-lodeve.yaml").read_text(encoding="utf-8"))
    (tmp_path / "essai.yaml").write_text(
        yaml.safe_dump(data | {field: value}, allow_unicode=True), encoding="utf-8"
    )
    load = check_paths([tmp_path / "essai.yaml"], geo)
    [problem] = [p for p in load.problems if p.field == field]
    assert problem.severity is Severity.ERROR and words in problem.message
    assert problem.line is not None
    assert load.entries == []


def test_check_of_one_file_reports_only_that_file(tmp_path: Path, settings: Settings) -> None:
    shutil.copytree(VALID, tmp_path / "solutions")
    shutil.copy(FIXTURES / "broken" / "syntaxe.yaml", tmp_path / "solutions")
    status, text = run(["check", str(tmp_path / "solutions" / "aide-test-region.yaml")], settings)
    assert status == 0
    assert "syntaxe.yaml" not in text
    assert "1 fichier lu, 1 fiche valide, 0 erreur" in text
    assert text.rstrip().endswith("La fiche est valide.")
    status, text = run(["check", str(tmp_path / "solutions" / "syntaxe.yaml")], settings)
    assert status == 1
    assert "indentation incohérente" in text
    assert text.rstrip().endswith("La fiche n'est pas valide : corrigez les erreurs ci-dessus.")


def test_check_of_one_file_still_finds_its_likely_duplicate(tmp_path: Path, geo: Geography) -> None:
    shutil.copy(VALID / "transport-test-lodeve.yaml", tmp_path / "premiere.yaml")
    shutil.copy(VALID / "transport-test-lodeve.yaml", tmp_path / "seconde.yaml")
    load = check_paths([tmp_path / "seconde.yaml"], geo)
    [duplicate] = load.problems
    assert duplicate.file.endswith("seconde.yaml") and "doublon probable" in duplicate.message
    assert "premiere.yaml" in duplicate.message


def test_check_of_a_missing_or_foreign_file_says_so(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "notes.txt").write_text("rien", encoding="utf-8")
    status, text = run(
        ["check", str(tmp_path / "absente.yaml"), str(tmp_path / "notes.txt")], settings
    )
    assert status == 1
    assert "fichier introuvable : vérifiez le chemin" in text
    assert "ce n'est pas une fiche : seuls les fichiers .yaml sont lus" in text
    assert "2 fichiers lus, 0 fiche valide, 2 erreurs dans 2 fichiers" in text


def test_the_template_itself_can_be_checked_and_is_said_to_be_a_template(
    settings: Settings,
) -> None:
    status, text = run(["check", str(TEMPLATE_PATH)], settings)
    assert status == 1
    assert "le site ne le lit pas (c'est le modèle)" in text
    assert "nom de fichier invalide" not in text


def broken_and_old(tmp_path: Path) -> Path:
    """A folder with one error and warnings from several other files."""
    folder = tmp_path / "solutions"
    folder.mkdir()
    text = (VALID / "transport-test-lodeve.yaml").read_text(encoding="utf-8")
    for name in ("ancienne-a", "ancienne-b"):
        (folder / f"{name}.yaml").write_text(
            text.replace("2026-10-01", "2019-06-01").replace("Transport de test", name),
            encoding="utf-8",
        )
    shutil.copy(FIXTURES / "broken" / "cle-inconnue.yaml", folder / "zz-erreur.yaml")
    return folder


def test_errors_come_first_apart_from_warnings(tmp_path: Path, settings: Settings) -> None:
    status, text = run(["check", str(broken_and_old(tmp_path))], settings)
    assert status == 1
    errors_at = text.index("ERREURS (1)")
    warnings_at = text.index("AVERTISSEMENTS (")
    assert errors_at < text.index("zz-erreur.yaml") < warnings_at
    assert text.index("ancienne-a.yaml") > warnings_at
    last_lines = text.rstrip().splitlines()[-3:]
    assert last_lines[0].startswith("3 fichiers lus, 2 fiches valides, 1 erreur dans 1 fichier")
    assert "4 avertissements (lecture ancienne : 2, source ancienne : 2)." in last_lines[0]
    assert last_lines[1].startswith("À corriger : ") and last_lines[1].endswith("zz-erreur.yaml.")


def test_errors_only_hides_the_warnings_but_counts_them(tmp_path: Path, settings: Settings) -> None:
    folder = broken_and_old(tmp_path)
    status, text = run(["check", str(folder), "--erreurs-seulement"], settings)
    assert status == 1
    assert "clé inconnue « telephonne »" in text
    assert "AVERTISSEMENTS" not in text and "ancienne-a.yaml" not in text
    assert "4 avertissements" in text and "Avertissements masqués (--erreurs-seulement)." in text
    status, text = run(["check", str(folder), "--erreurs-seulement", "--format", "json"], settings)
    report = json.loads(text)
    assert report["erreurs"] == 1 and report["avertissements"] == 4
    assert [p["severity"] for p in report["problemes"]] == ["erreur"]


def test_json_report_lists_errors_before_warnings(tmp_path: Path, settings: Settings) -> None:
    status, text = run(["check", str(broken_and_old(tmp_path)), "--format", "json"], settings)
    assert status == 1
    severities = [p["severity"] for p in json.loads(text)["problemes"]]
    assert severities == ["erreur"] + ["avertissement"] * 4
