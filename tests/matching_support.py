"""Helpers for the matching tests: the fixture catalogue as a snapshot, and one-line matches."""

from __future__ import annotations

from collections.abc import Iterator
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
TODAY = date(2026, 11, 25)


@lru_cache(maxsize=1)
def fixture_snapshot() -> Snapshot:
    """tests/fixtures/matching, loaded and validated as `directory sync` would."""
    geo = load_geography(PROJECT_ROOT / "data")
    load = load_catalogue(MATCHING_FIXTURES, geo, today=TODAY)
    assert load.ok, [p.message for p in load.errors]
    return Snapshot(1, None, {e.id: e.to_record() for e in load.entries})


def run(
    today: date = TODAY, relevance: TextRelevance = no_text_relevance, **situation: Any
) -> MatchOut:
    geo = load_geography(PROJECT_ROOT / "data")
    return match_situation(
        Situation.model_validate(situation), fixture_snapshot(), geo, today, relevance
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
