"""Each broken file of the corpus yields its precise French message, at the right place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from directory.catalogue.loader import load_catalogue, load_file
from directory.catalogue.problems import Problem, Severity
from directory.geo import Geography

from .conftest import FIXTURES

BROKEN = FIXTURES / "broken"
VALID = FIXTURES / "valid"

# file -> (line, field, words the message must contain)
EXPECTED: dict[str, tuple[int | None, str | None, str]] = {
    "cle-inconnue.yaml": (14, "telephonne", "vouliez-vous dire « telephone »"),
    "categorie-inconnue.yaml": (2, "categorie", "vouliez-vous dire « transport-solidaire »"),
    "commune-inconnue.yaml": (8, "zone.communes[0]", "code commune inconnu « 34999 »"),
    "epci-inconnu.yaml": (8, "zone.epci[0]", "code EPCI inconnu « 200017342 »"),
    "territoire-inconnu.yaml": (8, "zone.territoires[0]", "« pays-coeur-d-herault »"),
    "telephone-invalide.yaml": (14, "telephone", "numéro de téléphone invalide « 04 67 00 »"),
    "lien-javascript.yaml": (17, "source", "lien invalide « javascript:alert(1) »"),
    "date-invalide.yaml": (18, "verifie_le", "écrivez-la AAAA-MM-JJ"),
    "champ-manquant.yaml": (1, "verifie_le", "champ obligatoire « verifie_le » absent"),
    "texte-html.yaml": (6, "operateur", "le texte contient du HTML (<script>)"),
    "horaires-illisibles.yaml": (11, "horaires", "syntaxe OpenStreetMap"),
    "publics-incompatibles.yaml": (9, "publics", "« tous-publics » ne se combine pas"),
    "mode-sans-contact.yaml": (15, "modes_mobilisation", "demande le champ « courriel »"),
    "dispositif-termine.yaml": (20, "valide_jusqu_au", "a pris fin le 31/12/2024"),
    "cle-en-double.yaml": (20, "frais", "écrite deux fois (déjà à la ligne 12)"),
    "liste-attendue.yaml": (8, "zone.communes", "doit être une liste"),
    "syntaxe.yaml": (4, None, "indentation incohérente"),
    "encodage-latin1.yaml": (1, None, "pas encodé en UTF-8"),
    "vide.yaml": (None, None, "fichier vide"),
    "ancre.yaml": (1, None, "les ancres YAML (&nom) ne sont pas acceptées"),
    "Nom Invalide.yaml": (None, None, "nom de fichier invalide « Nom Invalide.yaml »"),
    "zone-vide.yaml": (7, "zone", "zone vide"),
    "ages-inverses.yaml": (20, "eligibilite", "age_min (70) est plus grand que age_max (60)"),
}


@pytest.fixture(scope="module")
def corpus_problems(geo: Geography) -> dict[str, list[Problem]]:
    load = load_catalogue(BROKEN, geo)
    found: dict[str, list[Problem]] = {}
    for problem in load.problems:
        found.setdefault(Path(problem.file).name, []).append(problem)
    assert load.entries == []
    return found


def test_every_broken_file_is_in_the_table() -> None:
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_its_precise_message(
    name: str, corpus_problems: dict[str, list[Problem]]
) -> None:
    line, field, words = EXPECTED[name]
    problems = corpus_problems[name]
    assert len(problems) == 1, [p.one_line() for p in problems]
    problem = problems[0]
    assert problem.severity is Severity.ERROR
    assert words in problem.message
    assert problem.line == line
    assert problem.field == field
    assert problem.file.endswith(name)


def test_a_file_with_several_problems_reports_them_all(tmp_path: Path, geo: Geography) -> None:
    text = (VALID / "transport-test-lodeve.yaml").read_text(encoding="utf-8")
    text = text.replace("categorie: transport-solidaire", "categorie: bus")
    text = text.replace('"34142"', '"99999"').replace("04 67 00 00 00", "12")
    path = tmp_path / "plusieurs.yaml"
    path.write_text(text, encoding="utf-8")
    problems = load_file(path, geo)
    assert isinstance(problems, list)
    assert sorted(p.field or "" for p in problems) == ["categorie", "telephone", "zone.communes[0]"]


def test_unknown_value_lists_the_possible_values(tmp_path: Path, geo: Geography) -> None:
    text = (VALID / "aide-test-region.yaml").read_text(encoding="utf-8")
    path = tmp_path / "statut.yaml"
    path.write_text(text.replace("statuts: [demandeur-emploi]", "statuts: [chomeur]"), "utf-8")
    [problem] = load_file(path, geo)  # type: ignore[misc]
    assert problem.field == "eligibilite.statuts[0]"
    assert "valeur inconnue « chomeur »" in problem.message
    assert "beneficiaire-rsa" in problem.message


def test_same_name_and_operator_is_a_likely_duplicate(tmp_path: Path, geo: Geography) -> None:
    shutil.copy(VALID / "transport-test-lodeve.yaml", tmp_path / "premiere.yaml")
    shutil.copy(VALID / "transport-test-lodeve.yaml", tmp_path / "seconde.yaml")
    load = load_catalogue(tmp_path, geo)
    assert load.ok
    messages = sorted((Path(p.file).name, p.message) for p in load.problems)
    assert [name for name, _ in messages] == ["premiere.yaml", "seconde.yaml"]
    assert "doublon probable" in messages[0][1]
    assert "seconde.yaml" in messages[0][1]


def test_yaml_and_yml_with_the_same_name_are_duplicate_ids(tmp_path: Path, geo: Geography) -> None:
    shutil.copy(VALID / "aide-test-region.yaml", tmp_path / "aide.yaml")
    shutil.copy(VALID / "transport-test-lodeve.yaml", tmp_path / "aide.yml")
    load = load_catalogue(tmp_path, geo)
    assert not load.ok
    assert {Path(p.file).name for p in load.errors} == {"aide.yaml", "aide.yml"}
    assert all("identifiant « aide » en double" in p.message for p in load.errors)


def test_files_that_are_not_yaml_are_reported_and_templates_ignored(
    tmp_path: Path, geo: Geography
) -> None:
    shutil.copy(VALID / "aide-test-region.yaml", tmp_path / "aide.yaml.txt")
    (tmp_path / "_modele.yaml").write_text("nom:\n", encoding="utf-8")
    shutil.copy(VALID / "transport-test-lodeve.yaml", tmp_path / "transport.yaml")
    load = load_catalogue(tmp_path, geo)
    assert load.files == 1 and [e.id for e in load.entries] == ["transport"]
    [warning] = load.problems
    assert warning.severity is Severity.WARNING and "fichier ignoré" in warning.message
