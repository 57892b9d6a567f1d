"""The Meilisearch path against a real server, before going live (docs/deploiement.md).

Runs when MEILI_URL and MEILI_ADMIN_KEY (a key with every right: it creates the keys of these
tests) are set, as in the forge job .github/workflows/meilisearch.yml (1.10 and latest).
Each test works on its own `test_…` indexes and keys and deletes them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from meilisearch import Client

from directory.geo import Geography
from directory.search.document import SearchDocument, search_document
from directory.search.meili import MeiliEngine
from directory.search.meili_index import reindex
from directory.search.meili_server import MIN_VERSION, meili_client, server_version
from directory.search.model import SearchQuery
from directory.search.settings import SearchSettings, load_search_settings

from .conftest import DATA_DIR
from .search_support import catalogue

pytestmark = pytest.mark.meilisearch
URL = os.environ.get("MEILI_URL", "")
ADMIN_KEY = os.environ.get("MEILI_ADMIN_KEY")


@pytest.fixture(scope="module")
def admin() -> Client:
    if not URL:
        pytest.skip("Meilisearch absent : définissez MEILI_URL et MEILI_ADMIN_KEY pour cette suite")
    return meili_client(URL, ADMIN_KEY, 30)


@pytest.fixture
def index(admin: Client) -> Iterator[str]:
    uid = f"test_{uuid.uuid4().hex[:10]}"
    yield uid
    for name in (uid, f"{uid}_next"):
        admin.wait_for_task(admin.delete_index(name).task_uid)


@pytest.fixture
def settings() -> SearchSettings:
    return load_search_settings(DATA_DIR)


@pytest.fixture
def documents(geo: Geography) -> list[SearchDocument]:
    return [search_document(s, geo) for s in catalogue(geo)]


def new_key(admin: Client, actions: list[str], indexes: list[str]) -> Iterator[str]:
    created = admin.create_key(
        {"actions": actions, "indexes": indexes, "expiresAt": None, "description": "test"}
    )
    yield created.key
    admin.delete_key(created.key)


def test_the_server_is_recent_enough(admin: Client) -> None:
    found = server_version(admin)
    assert found.version is not None and found.version >= MIN_VERSION


def test_an_index_scoped_key_publishes_a_first_index_then_swaps_the_next(
    admin: Client, index: str, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    keys = new_key(admin, ["*"], [index, f"{index}_next"])
    key = next(keys)
    try:
        scoped = meili_client(URL, key, 30)
        assert reindex(scoped, index, documents[:3], settings) == 3  # first deployment
        assert reindex(scoped, index, documents, settings) == len(documents)  # a swap
    finally:
        next(keys, None)
    engine = MeiliEngine(URL, index, settings, admin_key=ADMIN_KEY)
    health = engine.health()
    assert health.ok and health.documents == len(documents)
    assert f"{index}_next" not in {i.uid for i in admin.get_indexes({"limit": 1000})["results"]}


def test_a_search_key_answers_searches_and_a_wrong_one_is_named(
    admin: Client, index: str, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    reindex(admin, index, documents, settings)
    keys = new_key(admin, ["search"], [index])
    key = next(keys)
    try:
        engine = MeiliEngine(URL, index, settings, api_key=key)
        assert engine.health().documents == len(documents)
        assert engine.search(SearchQuery(text="vél")).total > 0
    finally:
        next(keys, None)
    refused = MeiliEngine(URL, index, settings, api_key="cle-inconnue").health()
    assert refused.error == "Meilisearch refuse la clé de recherche : vérifiez MEILI_API_KEY"


def test_with_only_the_admin_key_the_site_searches(
    admin: Client, index: str, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    reindex(admin, index, documents, settings)
    engine = MeiliEngine(URL, index, settings, admin_key=ADMIN_KEY)
    assert engine.search(SearchQuery()).total == len(documents)


# --- the double of tests/meili_double.py refuses what this server refuses ------------------


def refusal_codes(client: Client, index: str) -> dict[str, str | None]:
    """Error codes of what our double refuses, as the server answers them."""
    from meilisearch.errors import MeilisearchApiError

    codes: dict[str, str | None] = {}
    attempts = {
        "unknown setting": lambda: client.index(index).update_settings({"rankingRule": ["words"]}),
        "unfilterable attribute": lambda: client.multi_search(
            [{"indexUid": index, "q": "", "filter": 'commune IN ["34142"]'}]
        ),
        "unclosed list": lambda: client.multi_search(
            [{"indexUid": index, "q": "", "filter": 'categorie IN ["velo"'}]
        ),
        "unknown query field": lambda: client.multi_search(
            [{"indexUid": index, "q": "", "hitsPerPag": 1}]
        ),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
            codes[name] = None
        except MeilisearchApiError as error:
            codes[name] = error.code
    swap = client.swap_indexes([{"indexes": [index, f"{index}_absent"]}])
    codes["swap with a missing index"] = (client.wait_for_task(swap.task_uid).error or {}).get(
        "code"
    )
    return codes


def test_the_server_refuses_what_the_double_refuses(
    admin: Client, index: str, settings: SearchSettings, documents: list[SearchDocument]
) -> None:
    reindex(admin, index, documents, settings)
    assert refusal_codes(admin, index) == {
        "unknown setting": "bad_request",
        "unfilterable attribute": "invalid_search_filter",
        "unclosed list": "invalid_search_filter",
        "unknown query field": "bad_request",
        "swap with a missing index": "index_not_found",
    }
