"""Where a search route's work runs (directory.search_work): in place when one process per
core serves the site and only the embedded engine answers; in the thread pool with a single
process (tantivy then uses another core, and connections are served in turn), and whenever
Meilisearch may be called (the event loop must never wait on the network)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from directory.config import Settings
from directory.geo import Geography
from directory.search.meili import MeiliEngine
from directory.search.runtime import SearchRuntime
from directory.search.service import SearchContext
from directory.search.settings import load_search_settings
from directory.search_work import run_search_work
from directory.snapshot import Snapshot

from .conftest import DATA_DIR
from .meili_double import URL

T = TypeVar("T")


def on_own_loop(route: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine on a new event loop in its own thread, as a server would (browser
    tests may have left a loop running in this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(route())).result()


def context_with(geo: Geography, meilisearch: bool = False) -> SearchContext:
    settings = load_search_settings(DATA_DIR)
    meili = MeiliEngine(URL, "solutions", settings) if meilisearch else None
    return SearchContext(SearchRuntime(settings, meili), Snapshot(1, None, {}), geo)


def runs_on_the_loop(workers: int, context: SearchContext) -> bool:
    """Whether the work ran in the event loop's own thread."""
    settings = Settings(serve_workers=workers)

    async def route() -> bool:
        loop_thread = threading.get_ident()
        return await run_search_work(settings, context, threading.get_ident) == loop_thread

    return on_own_loop(route)


def test_one_process_per_core_searches_in_place(geo: Geography) -> None:
    assert runs_on_the_loop(workers=2, context=context_with(geo))


def test_a_single_process_searches_in_the_thread_pool(geo: Geography) -> None:
    assert not runs_on_the_loop(workers=1, context=context_with(geo))


def test_with_meilisearch_configured_searches_leave_the_event_loop(geo: Geography) -> None:
    assert not runs_on_the_loop(workers=4, context=context_with(geo, meilisearch=True))


def test_work_errors_reach_the_route_unchanged(geo: Geography) -> None:
    def failing() -> None:
        raise ValueError("paramètre refusé")

    async def route() -> None:
        await run_search_work(Settings(serve_workers=2), context_with(geo), failing)

    with pytest.raises(ValueError, match="paramètre refusé"):
        on_own_loop(route)
