"""The desk situation suite on the frozen copy of the real catalogue: each case as an advisor
must read it, every reason of every result proved by the data, the shortlist held to its size."""

from __future__ import annotations

import pytest

from directory.config import PROJECT_ROOT
from directory.geo import load_geography
from directory.places import resolve_commune
from directory.snapshot import Snapshot

from .desk_situations import SITUATIONS
from .matching_support import Case, check_case, frozen_snapshot, run
from .reason_truth import untrue_reasons
from .test_matching_frozen_cases import CASES as FIRST_CASES

EVERY_CASE = [*SITUATIONS, *FIRST_CASES]


@pytest.fixture(scope="module")
def catalogue() -> Snapshot:
    return frozen_snapshot()


@pytest.mark.parametrize("case", SITUATIONS, ids=[c.name for c in SITUATIONS])
def test_situation(case: Case, catalogue: Snapshot) -> None:
    check_case(case, catalogue)


@pytest.mark.parametrize("case", EVERY_CASE, ids=[c.name for c in EVERY_CASE])
def test_every_reason_is_true_for_the_person(case: Case, catalogue: Snapshot) -> None:
    geo = load_geography(PROJECT_ROOT / "data")
    out = run(today=case.today, snapshot=catalogue, **case.situation)
    assert untrue_reasons(out, case.situation, catalogue, geo) == []
    assert len(out.essentiel) <= 6
    assert all(r.pourquoi for r in out.essentiel), "each shortlisted solution says why"


def test_the_suite_covers_the_people_and_the_territories_of_the_desks() -> None:
    geo = load_geography(PROJECT_ROOT / "data")
    territories: set[str] = set()
    for case in SITUATIONS:
        chain = geo.chain(resolve_commune(case.situation["commune"], geo).code)
        assert chain is not None
        territories.update(t.id for t in chain.territories)
    assert territories == set(geo.territories)
    assert len(SITUATIONS) >= 40
    said = [case.situation for case in SITUATIONS]
    statuses = {s for situation in said for s in situation.get("statuts", [])}
    assert {
        "retraite",
        "beneficiaire-rsa",
        "beneficiaire-aah",
        "beneficiaire-aspa",
        "demandeur-asile-refugie",
        "scolaire",
        "apprenti",
        "jeune-mission-locale",
        "salarie",
    } <= statuses
    assert any(s.get("demandeur_emploi") == "oui" for s in said)
    assert any(s.get("handicap") == "non" for s in said)
    assert any("fauteuil-roulant" in s.get("contraintes", []) for s in said)
    assert any(s.get("voiture") == "en-panne" for s in said)
    assert any(s.get("smartphone") == "non" for s in said)
    assert any(s.get("permis") == "non" for s in said)
    assert any({"tard", "tot"} <= set(s.get("creneaux", [])) for s in said)  # night shifts
