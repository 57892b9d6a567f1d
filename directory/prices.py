"""What a person pays or gets, in words: the one wording of `nature`, `montant_max`, `frais`.

Used by the solution page, the desk's results and the take-away sheet alike, so that an aid
reads « Aide jusqu'à 1 200 € » everywhere, a loan « Prêt », a rental « Location », a free
service « Gratuit », and « Prix non renseigné » never sits beside a price the entry does give.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from directory.vocabulary import Frais, Offer

NBSP = "\u00a0"
UNKNOWN = "Prix non renseigné"


class Priced(Protocol):
    """The fields of an entry that say what it costs (see models.SolutionBase)."""

    @property
    def nature(self) -> Offer: ...
    @property
    def montant_max(self) -> int | None: ...
    @property
    def frais(self) -> Frais | None: ...
    @property
    def frais_precisions(self) -> str | None: ...


class Price(BaseModel):
    """The price line of a solution: a short label, then the entry's own details."""

    libelle: str | None = Field(
        description="« Aide jusqu'à 1 200 € », « Prêt », « Location », « Gratuit », « Payant », "
        "ou « Prix non renseigné » ; vide quand seules les précisions sont connues."
    )
    precisions: str | None = Field(description="Le détail des prix, tel que la fiche le donne.")

    @property
    def text(self) -> str:
        """One line: « Aide jusqu'à 1 200 € : versés à l'auto-école. »"""
        return " : ".join(part for part in (self.libelle, self.precisions) if part)


def euros(amount: int) -> str:
    """1200 -> « 1 200 € » (non-breaking spaces: the figure never breaks across lines)."""
    return f"{amount:,}".replace(",", NBSP) + f"{NBSP}€"


def price_label(solution: Priced) -> str | None:
    """The short label alone (see `price`)."""
    up_to = f" jusqu'à {euros(solution.montant_max)}" if solution.montant_max else ""
    if solution.nature is Offer.AIDE:
        return "Aide" + up_to
    if solution.nature is Offer.PRET:
        return "Prêt" + up_to
    if solution.nature is Offer.LOCATION:
        return "Location"
    if solution.frais is Frais.GRATUIT:
        return "Gratuit"
    if solution.frais is Frais.PAYANT:
        return "Payant"
    return None if solution.frais_precisions else UNKNOWN


def price(solution: Priced) -> Price:
    """What the person pays or gets, from the entry's `nature`, `montant_max`, `frais` and
    `frais_precisions`: an aid or a loan is not « gratuit », and a price text is never
    preceded by « Prix non renseigné »."""
    return Price(libelle=price_label(solution), precisions=solution.frais_precisions)


def is_free_service(solution: Priced) -> bool:
    """A service the person uses for nothing (an aid is money, not a free service)."""
    return solution.nature is Offer.SERVICE and solution.frais is Frais.GRATUIT
