"""The needs people come with, in plain words: home entry points and the matching's groups."""

from __future__ import annotations

from dataclasses import dataclass

from directory.vocabulary import Category


@dataclass(frozen=True)
class Need:
    id: str
    title: str  # heading of a group of results
    question: str  # how a person says it, on the home page
    categories: tuple[Category, ...]


NEEDS: tuple[Need, ...] = (
    Need(
        "se-deplacer",
        "Se déplacer au quotidien",
        "Je n'ai pas de voiture",
        (
            Category.TRANSPORT_PUBLIC,
            Category.TRANSPORT_A_LA_DEMANDE,
            Category.TRANSPORT_SOLIDAIRE,
            Category.COVOITURAGE,
            Category.VELO,
            Category.TRANSPORT_ADAPTE,
        ),
    ),
    Need(
        "payer",
        "Payer ses déplacements",
        "Payer moins cher mes trajets",
        (Category.AIDE_FINANCIERE,),
    ),
    Need("permis", "Le permis de conduire", "Passer le permis", (Category.PERMIS,)),
    Need(
        "vehicule",
        "Avoir ou réparer un véhicule",
        "Réparer ma voiture ou trouver un véhicule",
        (Category.VEHICULE,),
    ),
    Need(
        "accompagnement",
        "Être accompagné",
        "Me faire accompagner",
        (Category.CONSEIL_MOBILITE,),
    ),
)

NEEDS_BY_ID = {need.id: need for need in NEEDS}
_BY_CATEGORY = {category: need for need in NEEDS for category in need.categories}


def need_of(category: Category) -> Need:
    """The group a solution of this category belongs to."""
    return _BY_CATEGORY[category]
