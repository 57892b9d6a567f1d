"""create_app(settings): the FastAPI application, its state, routers and error handlers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import Engine

from directory import catalogue_cache
from directory.api import catalogue as catalogue_api
from directory.api import matching as matching_api
from directory.api import solutions as solutions_api
from directory.config import Settings, get_settings
from directory.db import create_db_engine
from directory.errors import install_error_handlers
from directory.geo import Geography, load_geography
from directory.migrations import check_database
from directory.search.runtime import SearchRuntime
from directory.security import CachedStaticFiles, SecurityHeadersMiddleware
from directory.snapshot import Delta, Snapshot, SnapshotHolder
from directory.web import desk, pages, search_pages
from directory.web.access_log import install_access_log_filter
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
        app.state.catalogue.start()  # new versions are built in the background from now on
        yield
        app.state.catalogue.stop()
        app.state.cache_keeper.stop()
        engine.dispose()

    app = FastAPI(
        title="Annuaire mobilité — API",
        description=(
            "Les solutions de mobilité de l'Hérault, pour les conseillers et le public. "
            "Chaque page du site a son équivalent JSON sous /api."
        ),
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_access_log_filter()  # situations travel in URLs: keep them out of the access log
    app.state.templates = create_templates(settings)
    app.add_middleware(GZipMiddleware, minimum_size=800)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(ServerTimingMiddleware)  # outermost: times everything below it
    app.mount("/static", CachedStaticFiles(directory=STATIC_DIR), name="static")
    install_error_handlers(app)
    app.include_router(solutions_api.router)
    app.include_router(catalogue_api.router)
    app.include_router(matching_api.router)
    app.include_router(search_pages.router)
    app.include_router(pages.router)
    app.include_router(desk.router)

    @app.get("/health", tags=["état"], summary="État du service, du catalogue et de la recherche")
    def health() -> dict[str, object]:
        holder: SnapshotHolder = app.state.catalogue
        snapshot = holder.current()
        search = app.state.search.health(snapshot)
        return {
            "status": "degraded" if holder.last_error or search.degraded else "ok",
            "catalogue": {"version": snapshot.version, "fiches": len(snapshot.solutions)},
            # Only a short French status here: error details (hosts, users) stay in the logs.
            "erreur": "le dernier rechargement du catalogue a échoué"
            if holder.last_error
            else None,
            "recherche": {
                "status": search.status,
                "moteur_configure": search.configured,
                "moteur": search.answering,
                "fiches_indexees": search.documents,
                "erreur": "Meilisearch ne répond pas" if search.degraded else None,
            },
        }

    return app


def _load(app: FastAPI, engine: Engine, settings: Settings) -> None:
    """The catalogue in memory, or a French error: never an empty site in its place. A kept
    catalogue (directory.catalogue_cache) is read and brought up to date rather than built."""
    check_database(engine)  # answers, and is at this code's revision
    app.state.engine = engine
    app.state.geo = load_geography(settings.data_dir)
    app.state.search = SearchRuntime.from_settings(settings)
    app.state.cache_keeper = keeper = catalogue_cache.Keeper(settings)
    build = partial(_build, app.state.geo, app.state.search, keeper)
    app.state.catalogue = SnapshotHolder(engine, build, settings.catalogue_refresh_s)
    kept = keeper.load(app.state.search)
    if app.state.catalogue.refresh(force=True, base=kept).version < 0:
        raise CatalogueUnreadableError(
            "le catalogue n'a pas pu être lu dans la base ; le détail est dans le journal"
        )


def _build(
    geo: Geography,
    search: SearchRuntime,
    keeper: catalogue_cache.Keeper,
    snapshot: Snapshot,
    delta: Delta,
) -> Snapshot:
    """Indexes ready before the snapshot serves; then the kept catalogue is renewed if it is
    behind (by another process)."""
    built = catalogue_cache.build_indexes(geo, search, snapshot, delta)
    keeper.served(built)
    return built
