"""Who a solution is for, in French sentences: publics, ages, statuses and prerequisites.

Written once for the solution page and its JSON twin (`SolutionPublic.conditions_texte`);
the data·inclusion export words the same age range (`age_range`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from directory.french import in_sentence, join_fr
from directory.models import SolutionBase
from directory.vocabulary import Public


def age_range(low: int | None, high: int | None) -> str:
    """« de 18 à 25 ans », « à partir de 16 ans », « jusqu'à 25 ans »; empty without ages."""
    if low is not None and high is not None:
        return f"de {low} à {high} ans"
    if low is not None:
        return f"à partir de {low} ans"
    if high is not None:
        return f"jusqu'à {high} ans"
    return ""


def conditions_text(solution: SolutionBase) -> list[str]:
    """One sentence per condition: « Pour : séniors. », « Âge : de 18 à 25 ans. »…"""
    rules = solution.eligibilite
    if solution.publics == [Public.TOUS_PUBLICS]:
        sentences = ["Ouvert à tout le monde."]
    else:
        sentences = [f"Pour : {_lowered_labels(solution.publics)}."]
    ages = age_range(rules.age_min, rules.age_max)
    if ages:
        sentences.append(f"Âge : {ages}.")
    if rules.statuts:
        sentences.append(f"Il faut être : {_lowered_labels(rules.statuts)}.")
    if rules.demandeur_emploi_depuis_mois:
        months = rules.demandeur_emploi_depuis_mois
        sentences.append(f"Inscrit à France Travail depuis au moins {months} mois.")
    if rules.sous_conditions_de_ressources:
        sentences.append(
            "Sous conditions de ressources (vos revenus ne doivent pas dépasser un plafond)."
        )
    if solution.prerequis:
        sentences.append(f"Il faut : {_lowered_labels(solution.prerequis)}.")
    return sentences


class _Labelled(Protocol):
    @property
    def label(self) -> str: ...


def _lowered_labels(members: Sequence[_Labelled]) -> str:
    return join_fr([in_sentence(member.label) for member in members])
