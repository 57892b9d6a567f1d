"""Rebuilding the Meilisearch index from the database (`directory reindex` and `sync`)."""

from __future__ import annotations

from sqlmodel import Session

from directory.catalogue.store import read_solutions
from directory.config import Settings
from directory.db import create_db_engine
from directory.geo import load_geography
from directory.migrations import check_database
from directory.search.document import search_document
from directory.search.meili import MeiliEngine
from directory.search.settings import load_search_settings


def reindex_from_database(settings: Settings) -> int:
    """Index every solution of the database into Meilisearch; raises MeiliIndexingError."""
    search_settings = load_search_settings(settings.data_dir)
    meili = MeiliEngine.from_settings(settings, search_settings)
    if meili is None:
        raise ValueError("MEILI_URL is not set")
    geo = load_geography(settings.data_dir)
    engine = create_db_engine(settings.database_url)
    try:
        check_database(engine)
        with Session(engine) as session:
            solutions = [s for s in read_solutions(session) if s.in_service]
            documents = [search_document(s, geo, search_settings) for s in solutions]
    finally:
        engine.dispose()
    meili.rebuild(documents)
    return len(documents)
