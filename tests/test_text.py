"""Unicode clean-up and folding: one fold for search, place names and sort keys."""

from __future__ import annotations

import pytest

from directory.geo import normalize_name
from directory.text import clean, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Lodève", "lodeve"),
        ("ÉCOLE", "ecole"),
        ("Œuvre Bédarieux", "oeuvre bedarieux"),
        ("Straße", "strasse"),
        ("e\u0301te\u0301", "ete"),  # decomposed accents
        ("ﬁn", "fin"),  # compatibility ligature (NFKC)
        ("  Gignac ", "gignac"),
        ("Saint\u00adPons", "saint pons"),  # soft hyphen: invisible, so a break
        ("Aniane", "aniane"),
    ],
)
def test_fold_ignores_case_accents_ligatures_and_invisible_characters(
    text: str, folded: str
) -> None:
    assert fold(text) == folded


def test_an_accented_capital_sorts_with_its_letter() -> None:
    names = ["Zèbre", "Élan", "avion", "État", "école", "Ecluse"]
    assert sorted(names, key=fold) == ["avion", "Ecluse", "école", "Élan", "État", "Zèbre"]


def test_clean_composes_accents_and_drops_invisible_characters() -> None:
    assert clean("e\u0301") == "é"
    assert clean("bus\u200bgratuit") == "bus gratuit"
    assert clean("Lodève") == "Lodève"


def test_place_names_compare_through_the_same_fold() -> None:
    assert normalize_name("ST-JEAN-DE-VÉDAS") == normalize_name("Saint Jean de Vedas")
    assert normalize_name("Clermont-l’Hérault") == "clermont l herault"
