"""Request dependencies: the current catalogue snapshot, the geography, the templates.

FastAPI runs a plain `def` dependency in its thread pool: one thread hop per dependency and per
request. Those that only read the app's state are `async def`, run in place: the catalogue
snapshot too, since a background task renews it (`SnapshotHolder.current()` never waits). The
desks stay `def`: reading them checks their file's date, and may reload it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from directory.config import Settings
from directory.desks import DeskBook, DeskEntry
from directory.geo import Geography
from directory.matching.relevance import TextRelevance
from directory.search.relevance import search_relevance
from directory.search.service import SearchContext
from directory.snapshot import Snapshot


async def current_snapshot(request: Request) -> Snapshot:
    snapshot: Snapshot = request.app.state.catalogue.current()
    return snapshot


async def geography(request: Request) -> Geography:
    geo: Geography = request.app.state.geo
    return geo


def desk_entries(request: Request) -> Mapping[str, DeskEntry]:
    """The info-mobility desks (data/permanences.yaml), by territory id."""
    book: DeskBook = request.app.state.desks
    return book.current()


async def templates(request: Request) -> Jinja2Templates:
    engine: Jinja2Templates = request.app.state.templates
    return engine


async def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


# One snapshot per request: FastAPI caches a dependency within a request, so every part of
# the answer reads the same catalogue version even if a reload lands meanwhile.
SnapshotDep = Annotated[Snapshot, Depends(current_snapshot)]
GeoDep = Annotated[Geography, Depends(geography)]
DesksDep = Annotated[Mapping[str, DeskEntry], Depends(desk_entries)]


async def search_context(request: Request, snapshot: SnapshotDep, geo: GeoDep) -> SearchContext:
    return SearchContext(request.app.state.search, snapshot, geo)


SearchContextDep = Annotated[SearchContext, Depends(search_context)]


def text_relevance(request: Request, snapshot: SnapshotDep) -> TextRelevance:
    """How close each solution is to a need in words, by the search layer."""
    return search_relevance(request.app.state.search, snapshot)


TemplatesDep = Annotated[Jinja2Templates, Depends(templates)]
SettingsDep = Annotated[Settings, Depends(settings)]
TextRelevanceDep = Annotated[TextRelevance, Depends(text_relevance)]
