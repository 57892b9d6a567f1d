"""The matching use case shared by the desk page and the API: situation in, worded results out."""

from __future__ import annotations

from datetime import date

from directory.geo import Geography
from directory.matching.engine import match
from directory.matching.index import index_for
from directory.matching.output import MatchOut, to_output
from directory.matching.profile import person_from
from directory.matching.relevance import TextRelevance, no_text_relevance
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
    return to_output(outcome, person, geo, snapshot.version, today)
