"""The desk's answers as the programme counts them: one mapping, no answer counts nothing."""

from __future__ import annotations

import pytest

from directory.matching.situation import CarAnswer, Constraint, Situation
from directory.programme.desk_categories import FROM_CONSTRAINT, barriers_of
from directory.programme.vocabulary import Barrier


def barriers(**answers: object) -> list[str]:
    return [
        b.value for b in barriers_of(Situation.model_validate({"commune": "Lodève", **answers}))
    ]


def test_unanswered_questions_count_nothing() -> None:
    assert barriers() == []
    assert barriers(permis="", voiture="", smartphone="", handicap="") == []


def test_oui_counts_nothing_but_a_disability() -> None:
    assert barriers(permis="oui", voiture="oui", smartphone="oui") == []
    assert barriers(handicap="oui") == ["handicap"]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"permis": "non"}, ["sans-permis"]),
        ({"voiture": "non"}, ["sans-voiture"]),
        ({"voiture": "en-panne"}, ["voiture-en-panne"]),
        ({"smartphone": "non"}, ["sans-smartphone"]),
        ({"handicap": "non"}, []),
        ({"statuts": ["beneficiaire-aah"]}, ["handicap"]),
        ({"contraintes": ["fauteuil-roulant"]}, ["handicap", "fauteuil-roulant"]),
        (
            {"permis": "non", "voiture": "non", "contraintes": ["sans-carte-bancaire"]},
            ["sans-permis", "sans-voiture", "sans-carte-bancaire"],
        ),
    ],
)
def test_each_answer_counts_as_its_barrier(answers: dict[str, object], expected: list[str]) -> None:
    assert barriers(**answers) == expected


def test_every_desk_constraint_and_car_answer_has_its_barrier() -> None:
    """When the desk learns a constraint, the programme must say how it counts it."""
    assert set(FROM_CONSTRAINT) == set(Constraint)
    reachable = {b for c in Constraint for b in barriers_of(_with(contraintes=[c.value]))}
    reachable |= {b for a in CarAnswer for b in barriers_of(_with(voiture=a.value))}
    reachable |= set(barriers_of(_with(permis="non", smartphone="non")))
    assert reachable == set(Barrier)


def _with(**answers: object) -> Situation:
    return Situation.model_validate({"commune": "Lodève", **answers})
