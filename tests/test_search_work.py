"""Where a search route's work runs: in place with the embedded engine only (processor work,
a thread hop only adds cost), in the thread pool when Meilisearch may be called (the event
loop must never wait on the network)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

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


def thread_of_work(runtime: SearchRuntime, geo: Geography) -> tuple[int, int]:
    """(the event loop's thread, the thread where the work ran)."""
    context = SearchContext(runtime, Snapshot(1, None, {}), geo)

    async def route() -> tuple[int, int]:
        return threading.get_ident(), await run_search_work(context, threading.get_ident)

    return on_own_loop(route)


def test_embedded_engine_searches_run_on_the_event_loop(geo: Geography) -> None:
    loop_thread, work_thread = thread_of_work(SearchRuntime(load_search_settings(DATA_DIR)), geo)
    assert work_thread == loop_thread


def test_with_meilisearch_configured_searches_leave_the_event_loop(geo: Geography) -> None:
    settings = load_search_settings(DATA_DIR)
    runtime = SearchRuntime(settings, MeiliEngine(URL, "solutions", settings))
    loop_thread, work_thread = thread_of_work(runtime, geo)
    assert work_thread != loop_thread


def test_work_errors_reach_the_route_unchanged(geo: Geography) -> None:
    runtime = SearchRuntime(load_search_settings(DATA_DIR))
    context = SearchContext(runtime, Snapshot(1, None, {}), geo)

    def failing() -> None:
        raise ValueError("paramètre refusé")

    async def route() -> None:
        await run_search_work(context, failing)

    with pytest.raises(ValueError, match="paramètre refusé"):
        on_own_loop(route)
