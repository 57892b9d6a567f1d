"""Helpers for the matching tests: the fixture and real catalogues as snapshots, one-line
matches, and the desk `Case` format with its checker (shared by the fixture and real cases)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from directory.app import create_app
from directory.catalogue.loader import load_catalogue
from directory.config import PROJECT_ROOT, Settings
from directory.desks import DESKS_FILE
from directory.geo import load_geography
from directory.matching.output import MatchOut, ResultOut
from directory.matching.relevance import TextRelevance, no_text_relevance
from directory.matching.service import match_situation
from directory.matching.situation import Situation
from directory.needs import NEEDS
from directory.snapshot import Snapshot

MATCHING_FIXTURES = Path(__file__).parent / "fixtures" / "matching"
DESK_FIXTURES = Path(__file__).parent / "fixtures" / "desks"
# A frozen copy of the real catalogue: behaviour tests stay true when editors change data/.
DESK_CATALOGUE = Path(__file__).parent / "fixtures" / "desk-catalogue"
REAL_CATALOGUE = PROJECT_ROOT / "data" / "solutions"
TODAY = date(2026, 12, 1)


@lru_cache(maxsize=3)
def _snapshot(folder: Path, today: date = TODAY) -> Snapshot:
    """A folder of entries, loaded and validated as `directory sync` would (once per run)."""
    geo = load_geography(PROJECT_ROOT / "data")
    load = load_catalogue(folder, geo, today=today)
    assert load.ok, [p.message for p in load.errors]
    return Snapshot(1, None, {e.id: e.to_record() for e in load.entries})


def fixture_snapshot() -> Snapshot:
    """tests/fixtures/matching: fictitious entries mirroring the real kinds of solutions."""
    return _snapshot(MATCHING_FIXTURES)


def frozen_snapshot() -> Snapshot:
    """tests/fixtures/desk-catalogue: the real catalogue as it was copied, frozen."""
    return _snapshot(DESK_CATALOGUE)


def real_snapshot() -> Snapshot:
    """data/solutions: the real, sourced catalogue, as editors keep it today."""
    return _snapshot(REAL_CATALOGUE, date.today())


def run(
    today: date = TODAY,
    relevance: TextRelevance = no_text_relevance,
    snapshot: Snapshot | None = None,
    **situation: Any,
) -> MatchOut:
    """Match a situation on the fixture catalogue, or on `snapshot` when given."""
    geo = load_geography(PROJECT_ROOT / "data")
    return match_situation(
        Situation.model_validate(situation),
        snapshot or fixture_snapshot(),
        geo,
        today,
        relevance,
    )


def proposed(out: MatchOut) -> dict[str, ResultOut]:
    """Every solution proposed: « L'essentiel » and the other solutions shown."""
    return {r.id: r for r in [*out.essentiel, *(r for g in out.groupes for r in g.resultats)]}


def shortlisted(out: MatchOut) -> list[str]:
    return [r.id for r in out.essentiel]


def excluded(out: MatchOut) -> dict[str, list[str]]:
    return {n.id: n.raisons for n in out.ecartees}


def order(out: MatchOut, group: str) -> list[str]:
    """The solutions of a need, best first: those of « L'essentiel », then the others."""
    titles = {g.id: g.titre for g in out.groupes}
    title = titles.get(group) or next((n.title for n in NEEDS if n.id == group), group)
    first = [r.id for r in out.essentiel if r.besoin == title]
    return first + [r.id for g in out.groupes if g.id == group for r in g.resultats]


@lru_cache(maxsize=1)
def desk_data_dir() -> Path:
    """The real reference data, with the fictitious desks of tests/fixtures/desks instead of
    data/permanences.yaml (the real desks' phones are not all known yet)."""
    folder = Path(tempfile.mkdtemp(prefix="desk-data-"))
    atexit.register(shutil.rmtree, folder, True)
    for item in (PROJECT_ROOT / "data").iterdir():
        if item.name != DESKS_FILE:
            (folder / item.name).symlink_to(item)
    (folder / DESKS_FILE).symlink_to(DESK_FIXTURES / DESKS_FILE)
    return folder


def desk_client(settings: Settings) -> Iterator[TestClient]:
    """The real app on the matching fixture catalogue, with the fictitious desks."""
    from .conftest import sync_folder

    settings = settings.model_copy(update={"data_dir": desk_data_dir()})
    sync_folder(settings, MATCHING_FIXTURES)
    with TestClient(create_app(settings)) as client:
        yield client


def post_form(client: TestClient, path: str, pairs: list[tuple[str, str]], **kwargs: Any) -> Any:
    """A form body as a browser sends it (fields repeated, in order)."""
    return client.post(
        path,
        content=urlencode(pairs),
        headers={"content-type": "application/x-www-form-urlencoded"},
        **kwargs,
    )


@dataclass
class Case:
    """A desk situation and what an advisor must read for it."""

    name: str
    situation: dict[str, Any]
    propose: dict[str, list[str]] = field(default_factory=dict)  # id -> reasons (« pourquoi »)
    check: dict[str, list[str]] = field(default_factory=dict)  # id -> things to check
    reject: dict[str, list[str]] = field(default_factory=dict)  # id -> near-miss reasons
    absent: list[str] = field(default_factory=list)  # neither proposed nor a near miss
    not_proposed: list[str] = field(default_factory=list)  # not proposed (maybe a near miss)
    first: dict[str, str] = field(default_factory=dict)  # group -> id ranked first
    before: list[tuple[str, str]] = field(default_factory=list)  # (better, worse)
    shortlist: list[str] = field(default_factory=list)  # in « L'essentiel »
    not_shortlisted: list[str] = field(default_factory=list)  # never in « L'essentiel »
    today: date = TODAY


def check_case(case: Case, snapshot: Snapshot | None = None) -> MatchOut:
    """Run the case and assert every expectation; returns the outcome for further checks."""
    out = run(today=case.today, snapshot=snapshot, **case.situation)
    found, near = proposed(out), excluded(out)
    for solution_id, reasons in case.propose.items():
        assert solution_id in found, f"{solution_id} should be proposed"
        for reason in reasons:
            assert reason in found[solution_id].pourquoi, (solution_id, found[solution_id].pourquoi)
    for solution_id, checks in case.check.items():
        assert solution_id in found, f"{solution_id} should be proposed"
        for check in checks:
            assert check in found[solution_id].a_verifier, (
                solution_id,
                found[solution_id].a_verifier,
            )
    for solution_id, reasons in case.reject.items():
        assert solution_id not in found, f"{solution_id} should not be proposed"
        assert near.get(solution_id) == reasons, (solution_id, near.get(solution_id))
    for solution_id in case.absent:
        assert solution_id not in found and solution_id not in near, solution_id
    for solution_id in case.not_proposed:
        assert solution_id not in found, f"{solution_id} should not be proposed"
    for group, solution_id in case.first.items():
        assert order(out, group)[:1] == [solution_id], order(out, group)
    ranked = [r.id for g in out.groupes for r in g.resultats]
    needs = {n.title: n.id for n in NEEDS}
    found_needs = {r.id: needs[r.besoin] for r in found.values()}
    for better, worse in case.before:
        ranked = order(out, found_needs[worse])
        assert ranked.index(better) < ranked.index(worse), (better, worse, ranked)
    essential = shortlisted(out)
    for solution_id in case.shortlist:
        assert solution_id in essential, (solution_id, essential)
    for solution_id in case.not_shortlisted:
        assert solution_id not in essential, (solution_id, essential)
    return out
