"""Meilisearch's typo rules on a vocabulary: budgets by length, first letter counts double."""

from __future__ import annotations

import pytest

from directory.search.typos import Derivation, Vocabulary

WORDS = Vocabulary(
    {
        "garage": 5,
        "gare": 3,
        "barrage": 1,
        "covoiturage": 4,
        "conduire": 2,
        "solidaire": 3,
        "velo": 7,
        "velos": 2,
        "transport": 9,
    }
)


def terms(word: str, budget: int, prefix: bool = False) -> list[str]:
    return [d.term for d in WORDS.derivations(word, budget, prefix)]


def test_exact_word_comes_first_with_no_typo() -> None:
    assert WORDS.derivations("garage", 1, False)[0] == Derivation("garage", 0, False)


@pytest.mark.parametrize(
    ("word", "budget", "expected"),
    [
        ("garrage", 1, ["garage"]),  # insertion
        ("garaeg", 1, ["garage"]),  # swapped neighbours count as one typo
        ("gzrahe", 1, []),  # two typos, one allowed
        ("covoitrage", 2, ["covoiturage"]),
        ("solodqire", 2, ["solidaire"]),
    ],
)
def test_typos_within_the_budget(word: str, budget: int, expected: list[str]) -> None:
    assert terms(word, budget) == expected


def test_a_typo_on_the_first_letter_counts_double() -> None:
    assert terms("farage", 1) == []  # not "garage"
    assert terms("dolidaire", 2) == ["solidaire"]
    assert terms("dolidairr", 2) == []  # first letter (2) + one more = 3
    assert terms("ovoiturage", 2) == ["covoiturage"]  # first letter dropped


def test_prefix_expands_to_completions_then_typos() -> None:
    assert terms("vel", 0, prefix=True) == ["velo", "velos"]
    assert terms("transp", 1, prefix=True) == ["transport"]
    assert terms("tramsp", 1, prefix=True) == ["transport"]
    assert terms("conduir", 1, prefix=True) == ["conduire"]
    assert terms("vel", 0, prefix=False) == []
