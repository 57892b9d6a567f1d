"""Where a search route's work runs: in place on the event loop, or in the thread pool.

FastAPI runs a plain `def` route in its thread pool, to keep blocking work off the event
loop. A search answered by the embedded engine blocks on nothing: it is processor work over
memory (tantivy, templates), and a hop to the pool and back costs more than a quarter of a
millisecond of processor per page (thread switches, the interpreter lock changing hands). With
one worker process per core, that hop only adds cost. So those searches run in place.

When Meilisearch is configured, a search waits on the network (up to its timeout when the
server hangs): the work then goes to the thread pool, as before, and the event loop never
waits. Writing to the database (the count of unanswered searches) never runs in place: it is
a background task of the response, run in the pool once the page is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from directory.search.service import SearchContext

T = TypeVar("T")


def waits_on_network(context: SearchContext) -> bool:
    """True when a search may call Meilisearch (configured, whether it answers now or not:
    a failing call is what tells the site it is down)."""
    return context.runtime.meili is not None


async def run_search_work(context: SearchContext, work: Callable[[], T]) -> T:
    """`work()` in place when only the embedded engine answers, else in the thread pool."""
    if waits_on_network(context):
        return await run_in_threadpool(work)
    return work()
