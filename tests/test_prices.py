"""What a person pays or gets, worded once: an aid is not « gratuit », a price text never
sits beside « Prix non renseigné »."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from directory.prices import UNKNOWN, euros, price
from directory.vocabulary import Frais, Offer


@dataclass
class Entry:
    nature: Offer = Offer.SERVICE
    montant_max: int | None = None
    frais: Frais | None = None
    frais_precisions: str | None = None


@pytest.mark.parametrize(
    ("entry", "label", "line"),
    [
        (
            Entry(Offer.AIDE, 1200, Frais.GRATUIT, "Versée à l'auto-école."),
            "Aide jusqu'à 1\u00a0200\u00a0€",
            "Aide jusqu'à 1\u00a0200\u00a0€ : Versée à l'auto-école.",
        ),
        (Entry(Offer.AIDE), "Aide", "Aide"),
        (Entry(Offer.PRET, 600), "Prêt jusqu'à 600\u00a0€", "Prêt jusqu'à 600\u00a0€"),
        (Entry(Offer.LOCATION, None, Frais.PAYANT, "5 € par jour."), "Location", None),
        (Entry(frais=Frais.GRATUIT), "Gratuit", "Gratuit"),
        (Entry(frais=Frais.PAYANT, frais_precisions="2 € le trajet."), "Payant", None),
        (Entry(frais_precisions="Le site est gratuit."), None, "Le site est gratuit."),
        (Entry(), UNKNOWN, "Prix non renseigné"),
    ],
)
def test_each_kind_of_offer_reads_as_what_it_is(
    entry: Entry, label: str | None, line: str | None
) -> None:
    worded = price(entry)
    assert worded.libelle == label
    if line is not None:
        assert worded.text == line
    assert not (worded.libelle == UNKNOWN and worded.precisions)


def test_amounts_never_break_across_lines() -> None:
    assert euros(12500) == "12\u00a0500\u00a0€"


def test_the_solution_page_and_its_twin_say_the_price_the_same_way(client: TestClient) -> None:
    data = client.get("/api/solutions/aide-test-region").json()
    page = client.get("/solutions/aide-test-region").text
    assert data["prix"]["libelle"]
    assert f"<p>{data['prix']['libelle']}.</p>" in page.replace("&#39;", "'")
    assert "Prix non renseigné" not in page or not data["prix"]["precisions"]
