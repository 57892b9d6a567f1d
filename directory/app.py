"""create_app(settings): the FastAPI application, its state, routers and error handlers."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.types import ASGIApp

from directory import catalogue_cache
from directory.api import catalogue as catalogue_api
from directory.api import matching as matching_api
from directory.api import operations
from directory.api import solutions as solutions_api
from directory.background import Periodic
from directory.config import Settings, get_settings
from directory.db import create_db_engine
from directory.desks import DeskBook
from directory.errors import install_error_handlers
from directory.geo import Geography, load_geography
from directory.logs import REQUEST_ID_HEADER, valid_request_id
from directory.metrics import Metrics, RequestMetrics
from directory.migrations import check_database
from directory.programme import web as programme_web
from directory.search.runtime import SearchRuntime
from directory.security import CachedStaticFiles, RelativeRedirects, SecurityHeadersMiddleware
from directory.snapshot import Delta, Snapshot, SnapshotHolder
from directory.web import desk, pages, search_pages
from directory.web.access_log import install_access_log_filter
from directory.web.api_docs import install_api_docs
from directory.web.compression import LEVEL as GZIP_LEVEL
from directory.web.compression import IsalGZipMiddleware
from directory.web.head_requests import HeadAsGet
from directory.web.templating import STATIC_DIR, create_templates
from directory.web.timing import ServerTimingMiddleware

log = logging.getLogger(__name__)
RELOAD_FAILED = "le dernier rechargement du catalogue a échoué ; l'ancien reste en service"


class CatalogueUnreadableError(Exception):
    """The catalogue could not be read at start: the site does not serve an empty one instead."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_db_engine(settings.database_url)
        try:
            _load(app, engine, settings)
        except Exception as error:
            engine.dispose()
            log.error("Le site ne démarre pas : %s.", error)
            raise
        checks = _watch_meilisearch(app.state.search, app.state.catalogue, settings)
        app.state.catalogue.start()  # new versions are built in the background from now on
        yield
        app.state.catalogue.stop()
        app.state.cache_keeper.stop()
        checks.stop()
        engine.dispose()

    app = DirectoryApp(
        docs_url=None,  # served from local assets by web.api_docs
        redoc_url=None,
        title="Annuaire mobilité — API",
        description=(
            "Les solutions de mobilité de l'Hérault, pour les conseillers et le public. "
            "Chaque page du site a son équivalent JSON sous /api."
        ),
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics(partial(operations.state_metrics, app))
    install_access_log_filter()  # situations travel in URLs: keep them out of the access log
    app.state.templates = create_templates(settings)
    app.add_middleware(IsalGZipMiddleware, minimum_size=800, compresslevel=GZIP_LEVEL)
    app.add_middleware(ServerTimingMiddleware)  # times everything below it
    app.mount("/static", CachedStaticFiles(directory=STATIC_DIR), name="static")
    install_api_docs(app)
    install_error_handlers(app)
    # Routes are matched in order: the busiest pages (home, results) first.
    app.include_router(search_pages.router)
    app.include_router(solutions_api.router)
    app.include_router(catalogue_api.router)
    app.include_router(matching_api.router)
    app.include_router(pages.router)
    app.include_router(desk.router)
    programme_web.install(app)  # the partners' space (/programme)
    app.include_router(operations.router)

    return app


class DirectoryApp(FastAPI):
    """FastAPI with outer layers around Starlette's error layer, so that they also see the
    page of an unexpected error (a 500): local redirects, security headers, metrics, request
    ids (in logs and `X-Request-ID`), HEAD support."""

    def build_middleware_stack(self) -> ASGIApp:
        app = super().build_middleware_stack()
        app = SecurityHeadersMiddleware(RelativeRedirects(app))
        app = RequestMetrics(app, self.state.metrics)
        app = CorrelationIdMiddleware(
            app, header_name=REQUEST_ID_HEADER, validator=valid_request_id
        )
        return HeadAsGet(app)


def _watch_meilisearch(
    search: SearchRuntime, holder: SnapshotHolder, settings: Settings
) -> Periodic:
    """Check Meilisearch once now (its version, key and index, logged in French when wrong),
    then every `meili_retry_s` in the background."""
    checks = Periodic(
        "meilisearch-check", settings.meili_retry_s, lambda: search.check(holder.current())
    )
    if search.meili is not None:
        search.check(holder.current())
        checks.start()
    return checks


def _load(app: FastAPI, engine: Engine, settings: Settings) -> None:
    """The catalogue in memory, or a French error: never an empty site in its place. A kept
    catalogue (directory.catalogue_cache) is read and brought up to date rather than built."""
    check_database(engine)  # answers, and is at this code's revision
    app.state.engine = engine
    app.state.geo = load_geography(settings.data_dir)
    app.state.desks = DeskBook(settings.data_dir, app.state.geo)
    app.state.search = SearchRuntime.from_settings(settings)
    app.state.cache_keeper = keeper = catalogue_cache.Keeper(settings)
    build = partial(_build, app.state.geo, app.state.search, app.state.metrics, keeper)
    app.state.catalogue = SnapshotHolder(engine, build, settings.catalogue_refresh_s)
    kept = keeper.load(app.state.search)
    if app.state.catalogue.refresh(force=True, base=kept).version < 0:
        raise CatalogueUnreadableError(
            "le catalogue n'a pas pu être lu dans la base ; le détail est dans le journal"
        )


def _build(
    geo: Geography,
    search: SearchRuntime,
    metrics: Metrics,
    keeper: catalogue_cache.Keeper,
    snapshot: Snapshot,
    delta: Delta,
) -> Snapshot:
    """Indexes ready before the snapshot serves (timed for /metrics); then the kept catalogue
    is renewed if it is behind (by another process)."""
    started = time.perf_counter()
    try:
        built = catalogue_cache.build_indexes(geo, search, snapshot, delta)
    except Exception:
        metrics.observe_reload(time.perf_counter() - started, ok=False)
        raise
    metrics.observe_reload(time.perf_counter() - started, ok=True)
    keeper.served(built)
    return built
