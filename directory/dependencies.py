"""Request dependencies: the current catalogue snapshot, the geography, the templates."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from directory.config import Settings
from directory.geo import Geography
from directory.matching.relevance import TextRelevance, no_text_relevance
from directory.snapshot import Snapshot


def current_snapshot(request: Request) -> Snapshot:
    snapshot: Snapshot = request.app.state.catalogue.current()
    return snapshot


def geography(request: Request) -> Geography:
    geo: Geography = request.app.state.geo
    return geo


def templates(request: Request) -> Jinja2Templates:
    engine: Jinja2Templates = request.app.state.templates
    return engine


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def text_relevance(request: Request) -> TextRelevance:
    """The search layer's relevance of solutions to a need in words (none until it is wired)."""
    relevance: TextRelevance = getattr(request.app.state, "text_relevance", no_text_relevance)
    return relevance


SnapshotDep = Annotated[Snapshot, Depends(current_snapshot)]
GeoDep = Annotated[Geography, Depends(geography)]
TemplatesDep = Annotated[Jinja2Templates, Depends(templates)]
SettingsDep = Annotated[Settings, Depends(settings)]
TextRelevanceDep = Annotated[TextRelevance, Depends(text_relevance)]
