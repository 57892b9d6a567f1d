"""data/besoins.yaml: editors extend it, `directory check` validates it with line and field."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from directory.cli import main
from directory.config import get_settings
from directory.search.checks import search_problems
from directory.search.need_vocabulary import NeedRule, load_needs
from directory.search.settings import load_search_settings

from .conftest import DATA_DIR


def data_with(tmp_path: Path, needs: str) -> Path:
    """A data folder with the real search settings and the given needs file."""
    shutil.copy(DATA_DIR / "recherche.yaml", tmp_path / "recherche.yaml")
    (tmp_path / "besoins.yaml").write_text(needs, encoding="utf-8")
    return tmp_path


def test_the_real_vocabulary_is_valid_and_every_expression_says_something() -> None:
    assert search_problems(DATA_DIR) == []
    needs = load_search_settings(DATA_DIR).needs
    assert {"passer-le-permis", "sans-voiture", "rendez-vous-medical", "carburant"} <= {
        n.id for n in needs
    }


def test_an_unknown_category_is_an_error_with_its_line(tmp_path: Path) -> None:
    data = data_with(
        tmp_path,
        "- id: bateau\n"
        "  libelle: prendre le bateau\n"
        "  expressions: [bateau]\n"
        "  fiches:\n"
        "    - categories: [navire]\n",
    )
    [problem] = search_problems(data)
    assert problem.is_error
    assert problem.line == 5
    assert problem.field is not None and "categories" in problem.field
    assert "navire" in problem.message


def test_an_expression_of_stop_words_only_is_a_warning(tmp_path: Path) -> None:
    data = data_with(
        tmp_path,
        "- id: perdu\n"
        "  libelle: être orienté\n"
        "  expressions: [je sais pas, être orienté]\n"
        "  fiches:\n"
        "    - categories: [conseil-mobilite]\n",
    )
    [problem] = search_problems(data)
    assert not problem.is_error
    assert "« je sais pas » n'a que des mots vides" in problem.message


def test_a_need_that_does_nothing_and_a_duplicate_id_are_reported(tmp_path: Path) -> None:
    data = data_with(
        tmp_path,
        "- id: rien\n  libelle: rien\n  expressions: [rien du tout]\n"
        "- id: rien\n  libelle: encore\n  expressions: [encore rien]\n  mots: [rien]\n",
    )
    messages = [p.message for p in search_problems(data)]
    assert any("ne fait rien" in m for m in messages)
    assert any("en double" in m for m in messages)


def test_broken_yaml_keeps_the_search_working_without_needs(tmp_path: Path) -> None:
    data = data_with(tmp_path, "- id: [\n")
    assert load_needs(data).needs == ()
    assert search_problems(data)[0].is_error
    assert load_search_settings(data).needs == ()  # the site still searches


def test_entries_answer_a_need_by_any_of_its_lines() -> None:
    need = NeedRule.model_validate(
        {
            "id": "handicap",
            "libelle": "handicap",
            "expressions": ["fauteuil"],
            "fiches": [
                {"categories": ["transport-adapte"]},
                {"publics": ["personnes-en-situation-de-handicap"], "motifs": ["sante"]},
            ],
        }
    )
    assert not need.about_the_person
    assert NeedRule.model_validate(
        {
            "id": "jeunes",
            "libelle": "jeunes",
            "expressions": ["jeune"],
            "fiches": [{"publics": ["jeunes"]}],
        }
    ).about_the_person


def test_directory_check_reports_the_needs_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("solutions"))
    (data / "besoins.yaml").write_text("- id: x\n  libelle: x\n  expressions: []\n")
    monkeypatch.setenv("DATA_DIR", str(data))
    monkeypatch.setenv("SOLUTIONS_DIR", str(DATA_DIR / "solutions"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/annuaire.db")
    get_settings.cache_clear()
    out = io.StringIO()
    try:
        code = main(["check"], out=out)
    finally:
        get_settings.cache_clear()
    assert code == 1
    assert "besoins.yaml" in out.getvalue()
    assert "expressions" in out.getvalue()
