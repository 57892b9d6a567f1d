"""The entry format's newer fields: the date of the evidence, the stops of a line, what a person
gets (service, aid, loan, rental) and whether a service still runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from directory.catalogue.loader import load_catalogue, load_file
from directory.catalogue.problems import Severity
from directory.field_types import evidence_period
from directory.geo import Geography
from directory.models import SolutionEntry
from directory.snapshot import Snapshot, offered
from directory.vocabulary import ServiceState

from .search_support import make_solution

BASE: dict[str, Any] = {
    "nom": "Car d'essai Lodève – Clermont",
    "categorie": "transport-public",
    "thematiques": ["mobilite--mobilite-douce-partagee-collective"],
    "description": "Un car d'essai entre Lodève et Clermont-l'Hérault.",
    "zone": {"epci": ["200017341"]},
    "publics": ["tous-publics"],
    "mobilisable_par": ["usagers"],
    "source": "https://exemple.fr/source",
    "date_source": "2025-09",
    "verifie_le": "2026-11-20",
    "fiabilite": "confirme",
}


def entry(geo: Geography, **fields: Any) -> SolutionEntry:
    return SolutionEntry.model_validate(BASE | fields, context={"geo": geo})


@pytest.mark.parametrize(
    ("written", "stored", "period"),
    [
        (date(2025, 9, 11), "2025-09-11", (date(2025, 9, 11), date(2025, 9, 11))),
        ("2024-02", "2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        (2023, "2023", (date(2023, 1, 1), date(2023, 12, 31))),
        ("Inconnue", "inconnue", None),
    ],
)
def test_the_evidence_is_dated_as_precisely_as_its_page(
    geo: Geography, written: object, stored: str, period: object
) -> None:
    found = entry(geo, date_source=written)
    assert found.date_source == stored
    assert evidence_period(found.date_source) == period


@pytest.mark.parametrize("written", ["11/09/2025", "2023-02-30", "récente", "1850"])
def test_a_date_that_is_not_a_page_date_is_refused_in_french(
    tmp_path: Path, geo: Geography, written: str
) -> None:
    path = tmp_path / "car-essai.yaml"
    path.write_text(_yaml(BASE | {"date_source": written}), encoding="utf-8")
    [problem] = load_file(path, geo)  # type: ignore[misc]
    assert problem.field == "date_source"
    assert "« inconnue » si la page n'est pas datée" in problem.message


def test_stops_are_communes_or_whole_networks_checked_against_the_geography(
    geo: Geography,
) -> None:
    line = entry(geo, dessert={"communes": ["34142", "34079"]})
    assert line.is_line and line.dessert is not None
    assert line.dessert.communes == ["34142", "34079"]
    network = entry(geo, dessert={"epci": ["243400017"]})
    assert network.dessert is not None and network.dessert.epci == ["243400017"]
    with pytest.raises(ValueError, match="code commune inconnu"):
        entry(geo, dessert={"communes": ["34999"]})
    with pytest.raises(ValueError, match="« dessert » vide"):
        entry(geo, dessert={"communes": []})
    with pytest.raises(ValueError, match="Extra inputs"):
        entry(geo, dessert={"departements": ["34"]})


def test_a_line_without_stops_is_refused_with_what_to_add(tmp_path: Path, geo: Geography) -> None:
    (tmp_path / "car-essai.yaml").write_text(_yaml(BASE), encoding="utf-8")
    load = load_catalogue(tmp_path, geo, today=date(2026, 11, 29))
    [problem] = [p for p in load.problems if "dessert" in p.message]
    assert problem.severity is Severity.ERROR
    assert "codes INSEE des communes qui ont un arrêt" in problem.message
    assert not load.ok and load.entries == []


def test_an_amount_belongs_to_an_aid_or_a_loan(geo: Geography) -> None:
    aid = entry(geo, categorie="aide-financiere", nature="aide", montant_max=1200)
    assert aid.montant_max == 1200
    with pytest.raises(ValueError, match="ne vaut que pour une aide ou un prêt"):
        entry(geo, categorie="aide-financiere", montant_max=1200)


def test_a_service_probably_closed_is_kept_for_editors_but_not_offered(
    tmp_path: Path, geo: Geography
) -> None:
    closed = make_solution("ferme", {**BASE, "etat": "probablement-arrete"}, geo)
    running = make_solution("ouvert", dict(BASE), geo)
    assert closed.etat is ServiceState.PROBABLEMENT_ARRETE and not closed.in_service
    snapshot = Snapshot(1, None, {"ferme": closed, "ouvert": running})
    assert [s.id for s in offered(snapshot)] == ["ouvert"]
    (tmp_path / "ferme.yaml").write_text(
        _yaml(BASE | {"etat": "probablement-arrete", "dessert": {"communes": ["34142"]}}),
        encoding="utf-8",
    )
    load = load_catalogue(tmp_path, geo, today=date(2026, 11, 29))
    assert load.ok
    assert any(p.field == "etat" and p.severity is Severity.WARNING for p in load.problems)


def _yaml(data: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
