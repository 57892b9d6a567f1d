"""data/recherche.yaml is the one source of the search settings, for both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.search.analysis import analysis_for, stem, words
from directory.search.document import TEXT_FIELDS
from directory.search.settings import SearchSettingsError, TypoRules, load_search_settings

from .conftest import DATA_DIR


def test_real_settings_rank_every_searchable_field_once() -> None:
    settings = load_search_settings(DATA_DIR)
    assert sorted(settings.fields) == sorted(TEXT_FIELDS)
    assert settings.fields[0] == "nom"


def test_elided_forms_are_stop_words() -> None:
    stop_words = load_search_settings(DATA_DIR).all_stop_words
    for elided in ("l", "d", "qu", "j", "n", "s", "c", "m", "t"):
        assert elided in stop_words
    assert "car" not in stop_words  # a coach, not only a conjunction
    assert "on" in stop_words  # YAML reads a bare `on` as true: the file quotes it


@pytest.mark.parametrize(
    ("expression", "finds"),
    [
        ("vélo", "bicyclette"),
        ("vae", "vélo à assistance électrique"),
        ("vélo électrique", "vae"),
        ("covoit", "covoiturage"),
        ("auto-école", "permis"),
        ("tad", "transport à la demande"),
        ("bus", "autocar"),
        ("pmr", "fauteuil"),
        ("handicap", "mobilité réduite"),
        ("réparation", "garage solidaire"),
        ("train", "ter"),
        ("gratuit", "gratuité"),
        ("subvention", "aide financière"),
        ("car", "bus"),
        ("blablacar", "blabla car"),
    ],
)
def test_synonyms_cover_the_words_people_use(expression: str, finds: str) -> None:
    assert finds in load_search_settings(DATA_DIR).synonym_map()[expression]


def test_bus_does_not_find_the_conjunction_car() -> None:
    synonyms = load_search_settings(DATA_DIR).synonym_map()
    assert "car" not in synonyms["bus"]
    assert "bus" in synonyms["car"]


def test_an_aid_is_not_a_second_hand_sale() -> None:
    """« aide carburant » ranked a bike sale (« bourse aux vélos ») second: aide is no bourse."""
    synonyms = load_search_settings(DATA_DIR).synonym_map()
    assert "bourse" not in synonyms.get("aide", [])
    assert "aide" not in synonyms.get("bourse", [])


def test_typo_budget_follows_word_length() -> None:
    rules = TypoRules(une_faute_a_partir_de=5, deux_fautes_a_partir_de=9)
    assert [rules.budget("x" * n) for n in (1, 4, 5, 8, 9, 20)] == [0, 0, 1, 1, 2, 2]


def test_analysis_folds_splits_and_drops_elisions() -> None:
    analysis = analysis_for(load_search_settings(DATA_DIR))
    assert analysis.content_words("L’Hôpital d'emploi AUTO-ÉCOLE Cœur e\u0301te\u0301") == [
        "hopital",
        "emploi",
        "auto",
        "ecole",
        "coeur",
        "ete",
    ]


@pytest.mark.parametrize(
    ("forms", "same"),
    [
        (["réparer", "réparation", "reparations"], True),
        (["voiture", "voitures"], True),
        (["médical", "médicaux"], True),
        (["handicapé", "handicape", "handicapés"], True),  # with or without accents
        (["permis", "vélo"], False),
    ],
)
def test_word_forms_share_one_stem(forms: list[str], same: bool) -> None:
    stems = {stem(words(form)[0]) for form in forms}
    assert (len(stems) == 1) is same


def test_document_stems_hold_only_what_differs_from_the_words() -> None:
    analysis = analysis_for(load_search_settings(DATA_DIR))
    assert analysis.stems(["Réparation des voitures", "bus"]) == "repar voitur"


def test_broken_settings_file_is_reported_in_french(tmp_path: Path) -> None:
    (tmp_path / "recherche.yaml").write_text(
        "champs: [nom]\nfautes_de_frappe: {une_faute_a_partir_de: 5, deux_fautes_a_partir_de: 9}\n",
        encoding="utf-8",
    )
    with pytest.raises(SearchSettingsError, match="doit citer chaque champ"):
        load_search_settings(tmp_path)
