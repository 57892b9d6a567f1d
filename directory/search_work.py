"""Where a search route's work runs: in place on the event loop, or in the thread pool.

FastAPI runs a plain `def` route in its thread pool, to keep blocking work off the event
loop. A search answered by the embedded engine blocks on nothing: it is processor work over
memory (tantivy, templates). Where it runs best depends on how the site is served (measured
with scripts/bench_http.py, 10,000 entries, 20 connections; docs/performance.md):

- **One worker process per core** (`directory serve --workers N`, the production setting):
  every core already runs a process, so the hop to the pool and back only costs processor
  time. In place, a worker serves 9 % more pages, and the slowest 1 % wait 46 ms instead of
  72 ms.
- **One process**: the pool lets tantivy, which releases the interpreter lock, use another
  core meanwhile (325 pages/s against 283 in place), and uvloop serves the connections in
  turn; in place, under saturation, some connections wait several turns (1 % of pages over
  280 ms, against 91 ms in the pool). So a single process keeps the pool.

When Meilisearch is configured, a search waits on the network (up to its timeout when the
server hangs): the work always goes to the pool, and the event loop never waits. Writing to
the database (the count of unanswered searches) never runs in place either: it is a
background task of the response, run in the pool once the page is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from directory.config import Settings
from directory.search.service import SearchContext

T = TypeVar("T")


def runs_in_place(settings: Settings, context: SearchContext) -> bool:
    """True when the site runs one process per core and no search may call Meilisearch
    (configured, whether it answers now or not: a failing call is how the site learns it
    is down)."""
    return settings.serve_workers > 1 and context.runtime.meili is None


async def run_search_work(settings: Settings, context: SearchContext, work: Callable[[], T]) -> T:
    """`work()` in place or in the thread pool (see `runs_in_place`)."""
    if runs_in_place(settings, context):
        return work()
    return await run_in_threadpool(work)
