"""What must always hold on the live catalogue (data/solutions), whatever editors add or retire.

The situations of the desk suite run on the real entries as they are today. No expectation
names an entry: every reason is proved by the data, what is known rules out what it must (an
age, a « non »), a disability service never reaches someone who said « non », the shortlist
keeps its size, and no page or answer fails.
"""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from directory.config import PROJECT_ROOT
from directory.geo import load_geography
from directory.matching.profile import person_from
from directory.matching.situation import Situation
from directory.models import Solution
from directory.snapshot import Snapshot
from directory.vocabulary import Category, Prerequisite, Public, Status

from .desk_situations import SITUATIONS
from .matching_support import Case, proposed, real_snapshot, run
from .reason_truth import untrue_reasons
from .test_matching_frozen_cases import CASES as FIRST_CASES

EVERY_CASE = [*SITUATIONS, *FIRST_CASES]
DISABILITY = Public.PERSONNES_EN_SITUATION_DE_HANDICAP


@pytest.fixture(scope="module")
def catalogue() -> Snapshot:
    return real_snapshot()


def disability_only(entry: Solution) -> bool:
    """Made only for disabled people: its public, its statuses, or adapted transport for them."""
    statuses = set(entry.eligibilite.statuts)
    return (
        entry.publics == [DISABILITY]
        or (
            bool(statuses)
            and statuses <= {Status.BENEFICIAIRE_AAH, Status.CARTE_MOBILITE_INCLUSION}
        )
        or (entry.categorie is Category.TRANSPORT_ADAPTE and DISABILITY in entry.publics)
    )


@pytest.mark.parametrize("case", EVERY_CASE, ids=[c.name for c in EVERY_CASE])
def test_what_is_known_rules_out_what_it_must(case: Case, catalogue: Snapshot) -> None:
    geo = load_geography(PROJECT_ROOT / "data")
    out = run(today=date.today(), snapshot=catalogue, **case.situation)
    assert untrue_reasons(out, case.situation, catalogue, geo) == []
    assert len(out.essentiel) <= 6
    assert all(r.pourquoi for r in out.essentiel)
    person = person_from(Situation.model_validate(case.situation), geo)
    for solution_id in proposed(out):
        entry = catalogue.get(solution_id)
        assert entry is not None
        rules = entry.eligibilite
        if person.age is not None:
            assert rules.age_min is None or person.age >= rules.age_min, solution_id
            assert rules.age_max is None or person.age <= rules.age_max, solution_id
        for prerequisite in entry.prerequis:
            broken_car_garage = (
                prerequisite is Prerequisite.VEHICULE
                and entry.categorie is Category.VEHICULE
                and person.car_broken
            )
            assert person.has[prerequisite] is not False or broken_car_garage, (
                solution_id,
                prerequisite,
            )
        if person.disability is False:
            assert not disability_only(entry), solution_id
        if person.job_seeker is False and rules.statuts == [Status.DEMANDEUR_EMPLOI]:
            pytest.fail(f"{solution_id} : réservé aux demandeurs d'emploi")
        if entry.categorie is Category.PERMIS:
            assert person.has[Prerequisite.PERMIS_B] is not True, solution_id


def test_no_situation_of_the_suite_fails_a_page_or_an_answer(
    catalogue_client: TestClient,
) -> None:
    for case in EVERY_CASE:
        page = catalogue_client.get("/conseiller", params=case.situation)
        assert page.status_code == 200, (case.name, page.status_code)
        assert page.headers["cache-control"] == "no-store"
        api = catalogue_client.post("/api/match", json=case.situation)
        assert api.status_code == 200, (case.name, api.text[:200])
        ids = [r["id"] for r in api.json()["essentiel"]] or ["inconnue"]
        sheet = catalogue_client.post("/api/fiche", json={"ids": ids, "situation": case.situation})
        assert sheet.status_code == 200, (case.name, sheet.text[:200])
