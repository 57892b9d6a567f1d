"""A solution's conditions in French sentences, as its page and JSON twin show them."""

from __future__ import annotations

from typing import Any

import pytest

from directory.catalogue.export import access_conditions
from directory.eligibility_text import age_range, conditions_text
from directory.geo import Geography
from directory.models import Solution

from .search_support import make_solution


def solution(geo: Geography, **fields: Any) -> Solution:
    base = {
        "nom": "Aide d'essai",
        "categorie": "aide-financiere",
        "description": "Une aide d'essai pour les tests des conditions.",
        "zone": {"departements": ["34"]},
        "publics": ["tous-publics"],
    }
    return make_solution("essai", base | fields, geo)


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (18, 25, "de 18 à 25 ans"),
        (16, None, "à partir de 16 ans"),
        (None, 25, "jusqu'à 25 ans"),
        (None, None, ""),
    ],
)
def test_age_ranges_in_words(low: int | None, high: int | None, words: str) -> None:
    assert age_range(low, high) == words


def test_an_open_solution_is_for_everyone(geo: Geography) -> None:
    assert conditions_text(solution(geo)) == ["Ouvert à tout le monde."]


def test_every_condition_has_its_sentence_in_order(geo: Geography) -> None:
    sentences = conditions_text(
        solution(
            geo,
            publics=["jeunes", "demandeurs-emploi"],
            eligibilite={
                "age_min": 16,
                "statuts": ["demandeur-emploi", "beneficiaire-rsa"],
                "demandeur_emploi_depuis_mois": 6,
                "sous_conditions_de_ressources": True,
                "conditions": "Texte libre : pas une phrase de la liste.",
            },
            prerequis=["permis-b", "vehicule", "smartphone"],
        )
    )
    assert sentences == [
        "Pour : jeunes et demandeurs d’emploi.",
        "Âge : à partir de 16 ans.",
        "Il faut être : demandeur d'emploi et bénéficiaire du RSA.",
        "Inscrit à France Travail depuis au moins 6 mois.",
        "Sous conditions de ressources (vos revenus ne doivent pas dépasser un plafond).",
        "Il faut : avoir le permis B, avoir un véhicule et avoir un smartphone.",
    ]


@pytest.mark.parametrize(
    ("rules", "start"),
    [
        ({"age_min": 18, "age_max": 25}, "De 18 à 25 ans."),
        ({"age_min": 16}, "À partir de 16 ans."),
        ({"age_max": 25}, "Jusqu'à 25 ans."),
    ],
)
def test_the_export_writes_the_same_age_range(
    geo: Geography, rules: dict[str, int], start: str
) -> None:
    assert access_conditions(solution(geo, eligibilite=rules)) == start
