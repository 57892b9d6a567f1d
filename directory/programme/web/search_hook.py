"""The search page's hook: a public search that found nothing is counted (see search_gaps.py).

A failure to count is logged and never reaches the person searching."""

from __future__ import annotations

import logging

from fastapi import Request

from directory.programme.clock import today
from directory.programme.search_gaps import note_unanswered_search

log = logging.getLogger(__name__)


def note_search_gap(request: Request, query: str, commune: str | None) -> None:
    client = request.client.host if request.client else ""
    try:
        note_unanswered_search(
            request.app.state.engine,
            request.app.state.settings.data_dir,
            query,
            commune,
            client,
            today(),
            request.app.state.search_gaps_seen,
        )
    except Exception:  # a counter must never break the search
        log.exception("could not count an unanswered search")
