"""What the solution model derives from its fields, once for the pages, the API and the matching."""

from __future__ import annotations

from typing import Any

import pytest

from directory.geo import Geography
from directory.matching.index import candidate
from directory.models import Solution

from .search_support import make_solution


def solution(geo: Geography, **fields: Any) -> Solution:
    base = {
        "nom": "Transport d'essai",
        "categorie": "transport-solidaire",
        "description": "Un transport d'essai pour les tests du modèle.",
        "zone": {"communes": ["34142"]},
        "publics": ["tous-publics"],
    }
    return make_solution("essai", base | fields, geo)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (["professionnels"], True),
        (["professionnels", "professionnels"], True),
        (["usagers"], False),
        (["usagers", "professionnels"], False),
        (["professionnels", "usagers"], False),
    ],
)
def test_professionals_only_when_no_one_else_can_mobilise_it(
    geo: Geography, who: list[str], expected: bool
) -> None:
    assert solution(geo, mobilisable_par=who).professionals_only is expected


def test_to_confirm_follows_the_reliability(geo: Geography) -> None:
    assert solution(geo, fiabilite="a-confirmer").to_confirm
    assert not solution(geo, fiabilite="confirme").to_confirm
    assert not solution(geo, fiabilite="confirme-ancien").to_confirm


def test_the_matching_sorts_names_with_accented_capitals_among_their_letters(
    geo: Geography,
) -> None:
    names = ["Zèbre solidaire", "Élan mobilité", "Avion en papier"]
    keys = {name: candidate(solution(geo, nom=name)).sort_name for name in names}
    assert sorted(names, key=keys.__getitem__) == [
        "Avion en papier",
        "Élan mobilité",
        "Zèbre solidaire",
    ]
