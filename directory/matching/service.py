"""The desk's use cases, shared by the pages and the API: match a situation, make the sheet."""

from __future__ import annotations

from datetime import date

from directory.errors import InvalidInputError
from directory.geo import Geography
from directory.matching.engine import match
from directory.matching.index import index_for
from directory.matching.output import MatchOut, to_output
from directory.matching.profile import person_from
from directory.matching.relevance import TextRelevance, no_text_relevance
from directory.matching.sheet import Sheet, build_sheet
from directory.matching.situation import Situation
from directory.snapshot import Snapshot


def match_situation(
    situation: Situation,
    snapshot: Snapshot,
    geo: Geography,
    today: date | None = None,
    relevance: TextRelevance = no_text_relevance,
) -> MatchOut:
    """Eligible solutions grouped by need and explained; raises InvalidInputError (communes)."""
    today = today or date.today()
    person = person_from(situation, geo)
    outcome = match(person, index_for(snapshot), today, relevance)
    return to_output(outcome, person, situation, geo, snapshot.version, today)


def take_away(
    ids: list[str],
    situation: Situation | None,
    snapshot: Snapshot,
    geo: Geography,
    site_url: str,
    sheet_path: str,
    today: date | None = None,
    relevance: TextRelevance = no_text_relevance,
) -> Sheet:
    """The sheet of the chosen solutions; with a valid situation, each says why it fits."""
    today = today or date.today()
    matched = None
    if situation is not None:
        try:
            matched = match_situation(situation, snapshot, geo, today, relevance)
        except InvalidInputError:
            matched = None  # the sheet still lists the solutions, without the reasons
    return build_sheet(ids, snapshot, geo, today, site_url, sheet_path, matched)
