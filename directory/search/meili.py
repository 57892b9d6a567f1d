"""The Meilisearch engine: searches with the search key, re-indexes with the admin key.

Either key stands in for the other when only one is set: a site given only MEILI_ADMIN_KEY
searches with it rather than send no key at all and be refused.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

import requests
from meilisearch.errors import MeilisearchApiError, MeilisearchError

from directory.config import Settings
from directory.search.document import (
    ANY_DESTINATION,
    DESTINATIONS_FIELD,
    PREREQUISITES_FIELD,
    SORT_FIELDS,
    ZONE_KEYS_FIELD,
    SearchDocument,
)
from directory.search.facets import FACETS
from directory.search.locality import bucket_keys, page_plan
from directory.search.meili_index import reindex
from directory.search.meili_server import (
    is_key_error,
    meili_client,
    refused_as_too_old,
    server_version,
    too_old_message,
)
from directory.search.model import (
    EngineHealth,
    FacetCount,
    Hit,
    SearchQuery,
    SearchResults,
    SearchUnavailableError,
    sorted_counts,
)
from directory.search.settings import SearchSettings

BROWSE_SORT = [f"{name}:asc" for name in SORT_FIELDS]
LOCAL_FIRST = ["portee:asc"]  # with a commune, at equal relevance: the most local zone first
ADMIN_TIMEOUT_S = 120  # one indexing request (a batch of documents), not the whole task
_FAILURES = (MeilisearchError, requests.RequestException, KeyError, TypeError, ValueError)


def quote(value: str) -> str:
    """A filter string literal (double quotes, backslash escapes)."""
    return json.dumps(value, ensure_ascii=False)


def filter_expression(
    filters: Mapping[str, Sequence[str]],
    commune_keys: Sequence[str] = (),
    *,
    without: str | None = None,
    extra: Sequence[str] = (),
) -> str | None:
    """Meilisearch filter: OR within a facet (IN), AND across facets and the commune."""
    clauses = [
        f"{facet} IN [{', '.join(quote(v) for v in values)}]"
        for facet, values in filters.items()
        if values and facet != without
    ]
    if commune_keys:
        clauses.append(f"{ZONE_KEYS_FIELD} IN [{', '.join(quote(k) for k in commune_keys)}]")
    clauses += extra
    return " AND ".join(clauses) or None


def trip_clauses(query: SearchQuery) -> list[str]:
    """Where the person goes (entries known to go elsewhere are left out), and the
    prerequisites they cannot meet."""
    clauses = []
    if query.destination_keys:
        reach = [*query.destination_keys, ANY_DESTINATION]
        clauses.append(f"{DESTINATIONS_FIELD} IN [{', '.join(quote(k) for k in reach)}]")
    if query.excluded_prerequisites:
        excluded = ", ".join(quote(p) for p in query.excluded_prerequisites)
        clauses.append(f"NOT {PREREQUISITES_FIELD} IN [{excluded}]")
    return clauses


def sent_text(query: SearchQuery) -> str:
    """The understood terms as Meilisearch reads them, most telling first. Meilisearch takes
    the last word as a prefix unless a space follows: only a word still being typed is one."""
    text = " ".join(word for term in query.words for word in term.sent)
    if text and not query.words[-1].prefix:
        text += " "
    return text


def bucket_clauses(key: str, more_local: Sequence[str]) -> list[str]:
    clauses = [f"{ZONE_KEYS_FIELD} = {quote(key)}"]
    if more_local:
        clauses.append(f"NOT {ZONE_KEYS_FIELD} IN [{', '.join(quote(k) for k in more_local)}]")
    return clauses


class MeiliEngine:
    """A Meilisearch index; every failure becomes SearchUnavailableError."""

    name = "meilisearch"

    def __init__(
        self,
        url: str,
        index_uid: str,
        settings: SearchSettings,
        *,
        api_key: str | None = None,
        admin_key: str | None = None,
        timeout_s: float = 2.0,
    ) -> None:
        self._url = url
        self._index = index_uid
        self._settings = settings
        self._admin_key = admin_key or api_key
        self._client = meili_client(url, api_key or admin_key, timeout_s)

    @classmethod
    def from_settings(cls, settings: Settings, search: SearchSettings) -> MeiliEngine | None:
        """The engine the settings describe, or None when MEILI_URL is not set."""
        if not settings.meili_url:
            return None
        return cls(
            settings.meili_url,
            settings.meili_index,
            search,
            api_key=settings.meili_api_key,
            admin_key=settings.meili_admin_key,
            timeout_s=settings.meili_timeout_s,
        )

    @property
    def index_uid(self) -> str:
        return self._index

    def rebuild(self, documents: Sequence[SearchDocument]) -> None:
        """Re-index through `<index>_next` and a swap (see meili_index); needs the admin key."""
        admin = meili_client(self._url, self._admin_key, ADMIN_TIMEOUT_S)
        reindex(admin, self._index, documents, self._settings)

    def health(self) -> EngineHealth:
        """Probe the server as a search would: its version when the key may read it, then the
        index's document count through the same multi-search route. `error` is French."""
        try:
            found = server_version(self._client)
            if found.too_old and found.version is not None:
                return EngineHealth(self.name, ok=False, error=too_old_message(found.version))
            [response] = self._multi_search([{**self._base(""), "page": 1, "hitsPerPage": 0}])
            return EngineHealth(self.name, ok=True, documents=int(response["totalHits"]))
        except _FAILURES as error:
            return EngineHealth(
                self.name, ok=False, error=explain(error, self._index), detail=_describe(error)
            )

    def search(self, query: SearchQuery) -> SearchResults:
        """Search with the understood terms (SearchRuntime.search understands the text first).
        A query that was not understood sends its text as typed: Meilisearch's own rules only."""
        started = time.perf_counter()
        if query.nothing:
            return SearchResults((), 0, {}, 0.0, self.name)
        text = sent_text(query) if query.terms is not None else query.text.lstrip()
        matched: int | None = None
        try:
            if text or not query.commune_keys:
                hits, total, facets, words = self._search(text, query)
                matched = _matched_terms(query, words)
            else:
                hits, total, facets = self._browse_around(query)
        except _FAILURES as error:
            raise SearchUnavailableError(_describe(error)) from error
        took = (time.perf_counter() - started) * 1000
        return SearchResults(tuple(hits), total, facets, took, self.name, matched_terms=matched)

    def _search(
        self, text: str, query: SearchQuery
    ) -> tuple[list[Hit], int, dict[str, tuple[FacetCount, ...]], int | None]:
        filters = query.active_filters
        main: dict[str, Any] = {
            **self._base(text),
            "filter": filter_expression(filters, query.commune_keys, extra=trip_clauses(query)),
            "page": query.page,
            "hitsPerPage": query.per_page,
            "attributesToRetrieve": ["id"],
            "showRankingScore": bool(text),
            "showRankingScoreDetails": bool(text),
        }
        if not text:
            main["sort"] = BROWSE_SORT
        elif query.commune_keys:
            main["sort"] = LOCAL_FIRST
        if query.with_facets:
            main["facets"] = [facet for facet in FACETS if facet not in filters]
        facet_queries = self._facet_queries(text, query) if query.with_facets else []
        results = self._multi_search([main, *facet_queries])
        found = results[0]["hits"]
        hits = [Hit(str(hit["id"]), hit.get("_rankingScore") if text else None) for hit in found]
        words = _matching_words(found[0]) if text and found else None
        return hits, int(results[0]["totalHits"]), _facets(results), words

    def _browse_around(
        self, query: SearchQuery
    ) -> tuple[list[Hit], int, dict[str, tuple[FacetCount, ...]]]:
        """Browse with a commune: most local coverage first (see locality)."""
        filters = query.active_filters
        trip = trip_clauses(query)
        buckets = [
            filter_expression(filters, extra=[*bucket_clauses(key, more_local), *trip])
            for key, more_local in bucket_keys(query.commune_keys)
        ]
        counting = [{**self._base(""), "filter": f, "page": 1, "hitsPerPage": 0} for f in buckets]
        facet_queries: list[dict[str, Any]] = []
        if query.with_facets:
            plain = [facet for facet in FACETS if facet not in filters]
            everything = filter_expression(filters, query.commune_keys, extra=trip)
            facet_queries = [
                {**self._base(""), "filter": everything, "hitsPerPage": 0, "facets": plain},
                *self._facet_queries("", query),
            ]
        results = self._multi_search([*counting, *facet_queries])
        counts = [int(result["totalHits"]) for result in results[: len(buckets)]]
        plan = page_plan(counts, query.offset, query.per_page)
        fetching = [
            {
                **self._base(""),
                "filter": buckets[bucket],
                "offset": offset,
                "limit": limit,
                "sort": BROWSE_SORT,
                "attributesToRetrieve": ["id"],
            }
            for bucket, offset, limit in plan
        ]
        pages = self._multi_search(fetching) if fetching else []
        hits = [Hit(str(hit["id"]), None) for page in pages for hit in page["hits"]]
        return hits, sum(counts), _facets(results[len(buckets) :])

    def _facet_queries(self, text: str, query: SearchQuery) -> list[dict[str, Any]]:
        """One query per filtered facet, without that facet's own filter (disjunctive counts)."""
        filters = query.active_filters
        return [
            {
                **self._base(text),
                "filter": filter_expression(
                    filters, query.commune_keys, without=facet, extra=trip_clauses(query)
                ),
                "page": 1,
                "hitsPerPage": 0,
                "facets": [facet],
            }
            for facet in filters
        ]

    def _base(self, text: str) -> dict[str, Any]:
        return {"indexUid": self._index, "q": text, "matchingStrategy": "last"}

    def _multi_search(self, queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        cleaned = [{k: v for k, v in q.items() if v is not None} for q in queries]
        return list(self._client.multi_search(cleaned)["results"])


def _facets(results: Sequence[Mapping[str, Any]]) -> dict[str, tuple[FacetCount, ...]]:
    """Merge facet distributions; each facet is asked once across the queries."""
    counted: dict[str, tuple[FacetCount, ...]] = {}
    for result in results:
        for facet, counts in (result.get("facetDistribution") or {}).items():
            counted[facet] = sorted_counts({str(v): int(c) for v, c in counts.items()})
    return {facet: counted.get(facet, ()) for facet in FACETS if facet in counted}


def _matching_words(hit: Mapping[str, Any]) -> int | None:
    details = (hit.get("_rankingScoreDetails") or {}).get("words") or {}
    matching = details.get("matchingWords")
    return int(matching) if matching is not None else None


def _matched_terms(query: SearchQuery, words: int | None) -> int | None:
    """Meilisearch counts words; a term may send several (« velo electr »)."""
    if words is None:
        return None
    sent = 0
    for count, term in enumerate(query.words, start=1):
        sent += len(term.sent)
        if sent > words:
            return count - 1 or 1
    return len(query.words)


def explain(error: Exception, index_uid: str) -> str:
    """Why Meilisearch cannot answer, in French, without hosts or keys (it goes to /health)."""
    if is_key_error(error):
        return "Meilisearch refuse la clé de recherche : vérifiez MEILI_API_KEY"
    if refused_as_too_old(error):
        return "Meilisearch est trop ancien : il faut la version 1.10 ou plus récente"
    if isinstance(error, MeilisearchApiError) and error.code == "index_not_found":
        return f"l'index Meilisearch « {index_uid} » n'existe pas : lancez « directory reindex »"
    return "Meilisearch ne répond pas"


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"
