"""Helpers for the matching tests: the fixture and real catalogues as snapshots, one-line
matches, and the desk `Case` format with its checker (shared by the fixture and real cases)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from directory.app import create_app
from directory.catalogue.loader import load_catalogue
from directory.config import PROJECT_ROOT, Settings
from directory.geo import load_geography
from directory.matching.output import MatchOut, ResultOut
from directory.matching.relevance import TextRelevance, no_text_relevance
from directory.matching.service import match_situation
from directory.matching.situation import Situation
from directory.snapshot import Snapshot

MATCHING_FIXTURES = Path(__file__).parent / "fixtures" / "matching"
REAL_CATALOGUE = PROJECT_ROOT / "data" / "solutions"
TODAY = date(2026, 11, 30)


@lru_cache(maxsize=2)
def _snapshot(folder: Path) -> Snapshot:
    """A folder of entries, loaded and validated as `directory sync` would (once per run)."""
    geo = load_geography(PROJECT_ROOT / "data")
    load = load_catalogue(folder, geo, today=TODAY)
    assert load.ok, [p.message for p in load.errors]
    return Snapshot(1, None, {e.id: e.to_record() for e in load.entries})


def fixture_snapshot() -> Snapshot:
    """tests/fixtures/matching: fictitious entries mirroring the real kinds of solutions."""
    return _snapshot(MATCHING_FIXTURES)


def real_snapshot() -> Snapshot:
    """data/solutions: the real, sourced catalogue."""
    return _snapshot(REAL_CATALOGUE)


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
    return {r.id: r for group in out.groupes for r in group.resultats}


def excluded(out: MatchOut) -> dict[str, list[str]]:
    return {n.id: n.raisons for n in out.ecartees}


def order(out: MatchOut, group: str) -> list[str]:
    return [r.id for g in out.groupes if g.id == group for r in g.resultats]


def desk_client(settings: Settings) -> Iterator[TestClient]:
    """The real app on the matching fixture catalogue."""
    from .conftest import sync_folder

    sync_folder(settings, MATCHING_FIXTURES)
    with TestClient(create_app(settings)) as client:
        yield client


@dataclass
class Case:
    """A desk situation and what an advisor must read for it."""

    name: str
    situation: dict[str, Any]
    propose: dict[str, list[str]] = field(default_factory=dict)  # id -> reasons (« pourquoi »)
    check: dict[str, list[str]] = field(default_factory=dict)  # id -> things to check
    reject: dict[str, list[str]] = field(default_factory=dict)  # id -> near-miss reasons
    absent: list[str] = field(default_factory=list)  # neither proposed nor a near miss
    first: dict[str, str] = field(default_factory=dict)  # group -> id ranked first
    before: list[tuple[str, str]] = field(default_factory=list)  # (better, worse)
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
    for group, solution_id in case.first.items():
        assert order(out, group)[:1] == [solution_id], order(out, group)
    ranked = [r.id for g in out.groupes for r in g.resultats]
    for better, worse in case.before:
        assert ranked.index(better) < ranked.index(worse), (better, worse)
    return out
