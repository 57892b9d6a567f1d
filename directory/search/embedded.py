"""The embedded engine: an in-memory tantivy index in each process, rebuilt with the catalogue.

How words match and rank is in tantivy_query; this module builds the index, filters, counts
facets and pages through results.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tantivy import (
    Document,
    Index,
    Occur,
    Order,
    Query,
    Schema,
    SchemaBuilder,
    Searcher,
    SearchResult,
)

from directory.geo import Geography
from directory.search.analysis import ANALYZER, build_analyzer
from directory.search.document import (
    ANY_DESTINATION,
    DESTINATIONS_FIELD,
    NAME_STEMS_FIELD,
    NEEDS_FIELD,
    PREREQUISITES_FIELD,
    STEMS_FIELD,
    TEXT_FIELDS,
    ZONE_KEYS_FIELD,
    SearchDocument,
)
from directory.search.facets import FACETS
from directory.search.locality import bucket_keys, page_plan
from directory.search.model import (
    EngineHealth,
    FacetCount,
    Hit,
    SearchQuery,
    SearchResults,
    sorted_counts,
)
from directory.search.settings import SearchSettings
from directory.search.tantivy_query import ALL_TEXT, QueryBuilder, leading_terms, scored_fields
from directory.search.typos import Vocabulary
from directory.search.understanding import QueryUnderstanding

log = logging.getLogger(__name__)

ORDINAL = "ordinal"  # position in browse order; also maps a tantivy document back to its id
# Each facet's values as one string ("jeunes|seniors"): counting single-valued columns is
# several times faster than multi-valued ones, and splitting the keys keeps counts exact.
VALUE_SET = "{}_ensemble"
VALUE_SEPARATOR = "|"
AGGREGATION_SIZE = 50_000  # distinct value sets per facet; far above what a catalogue has
WRITER_HEAP_BYTES = 200_000_000
RAW_FIELDS = (ZONE_KEYS_FIELD, NEEDS_FIELD, DESTINATIONS_FIELD, PREREQUISITES_FIELD)
STEM_FIELDS = (NAME_STEMS_FIELD, STEMS_FIELD)  # in the text; the name's also on their own


@dataclass(frozen=True)
class _Built:
    schema: Schema
    searcher: Searcher
    ids: list[str]
    queries: QueryBuilder
    understanding: QueryUnderstanding


def _schema(scored: Sequence[str]) -> Schema:
    builder = SchemaBuilder()
    builder.add_unsigned_field(ORDINAL, indexed=False, fast=True)
    for name in scored:
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field(ALL_TEXT, tokenizer_name=ANALYZER, index_option="freq")
    for name in FACETS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
        builder.add_text_field(VALUE_SET.format(name), tokenizer_name="raw", fast=True)
    for name in RAW_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _tantivy_document(ordinal: int, document: SearchDocument, scored: set[str]) -> Document:
    doc = Document()
    doc.add_unsigned(ORDINAL, ordinal)
    for name in TEXT_FIELDS:
        for text in _values(getattr(document, name)):
            doc.add_text(ALL_TEXT, text)
            if name in scored:
                doc.add_text(name, text)
    for name in STEM_FIELDS:
        stems = getattr(document, name)
        if stems:
            doc.add_text(ALL_TEXT, stems)
            if name in scored:
                doc.add_text(name, stems)
    for name in FACETS:
        values = _values(getattr(document, name))
        for value in values:
            doc.add_text(name, value)
        if values:
            doc.add_text(VALUE_SET.format(name), VALUE_SEPARATOR.join(sorted(values)))
    for name in RAW_FIELDS:
        for key in getattr(document, name):
            doc.add_text(name, key)
    return doc


def _values(value: str | list[str]) -> list[str]:
    return [v for v in (value if isinstance(value, list) else [value]) if v]


class EmbeddedEngine:
    """Always available; the default engine and the fallback when Meilisearch is down."""

    name = "integre"

    def __init__(self, settings: SearchSettings, geo: Geography | None = None) -> None:
        self._settings = settings
        self._geo = geo  # to read places in queries; without it, places stay words
        self._lock = threading.Lock()  # tantivy allows one writer per index
        self._built = self._build([])

    @property
    def understanding(self) -> QueryUnderstanding:
        """Query understanding over this index's words (shared with Meilisearch)."""
        return self._built.understanding

    def rebuild(self, documents: Sequence[SearchDocument]) -> None:
        with self._lock:
            built = self._build(documents)
        self._built = built  # searches in flight keep the index they started with

    def health(self) -> EngineHealth:
        return EngineHealth(self.name, ok=True, documents=len(self._built.ids))

    def _build(self, documents: Sequence[SearchDocument]) -> _Built:
        scored = scored_fields(self._settings)
        schema = _schema(scored)
        index = Index(schema)
        index.register_tokenizer(ANALYZER, build_analyzer(self._settings))
        ordered = sorted(documents, key=SearchDocument.sort_key)
        # One thread: documents stay in browse order, so equal scores keep that order too.
        writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
        separate = set(scored)
        with _cycle_collector_paused():
            for ordinal, document in enumerate(ordered):
                writer.add_document(_tantivy_document(ordinal, document, separate))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        searcher = index.searcher()
        vocabulary = Vocabulary(dict(searcher.terms_with_prefix(ALL_TEXT, "")))
        queries = QueryBuilder(schema, vocabulary, self._settings)
        understanding = QueryUnderstanding(self._settings, vocabulary, self._geo)
        return _Built(schema, searcher, [d.id for d in ordered], queries, understanding)

    # --- searching ------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        started = time.perf_counter()
        built = self._built
        filters = {
            facet: _any_of(built.schema, facet, values)
            for facet, values in query.active_filters.items()
        }
        commune = (
            [_any_of(built.schema, ZONE_KEYS_FIELD, query.commune_keys)]
            if query.commune_keys
            else []
        )
        trip = _trip_filters(built.schema, query)
        terms = (
            query.terms
            if query.terms is not None
            else built.understanding.understand(query.text, read_places=False).terms
        )
        matched: int | None = None
        hits: list[Hit] = []
        total = 0
        if query.nothing:
            universe = Query.empty_query()
        elif terms:
            universe, ranked = built.queries.text_queries(terms, query.commune_keys)
            hits, total = self._ranked(built, ranked, [*filters.values(), *commune, *trip], query)
            matched = _matched_terms(hits, len(terms))
        else:
            universe = Query.all_query()
            hits, total = self._browse(built, [*filters.values(), *trip], query)
        scope = [*commune, *trip]
        facets = self._facets(built, universe, filters, scope) if query.with_facets else {}
        took = (time.perf_counter() - started) * 1000
        return SearchResults(tuple(hits), total, facets, took, self.name, matched_terms=matched)

    def _ranked(
        self, built: _Built, ranked: Query, filters: list[Query], query: SearchQuery
    ) -> tuple[list[Hit], int]:
        clauses = [(Occur.Must, ranked), *_required(filters)]
        result = built.searcher.search(
            Query.boolean_query(clauses), query.per_page, count=True, offset=query.offset
        )
        ordinals = built.searcher.fast_field_values(ORDINAL, [a for _, a in result.hits])
        hits = [
            Hit(built.ids[int(o)], float(score))  # type: ignore[arg-type]
            for (score, _), o in zip(result.hits, ordinals, strict=True)
        ]
        return hits, _count(result)

    def _browse(
        self, built: _Built, filters: list[Query], query: SearchQuery
    ) -> tuple[list[Hit], int]:
        """No words: everything that passes the filters, most local first (see locality)."""
        base = [(Occur.Must, Query.all_query()), *_required(filters)]
        if not query.commune_keys:
            buckets = [Query.boolean_query(base)]
        else:
            buckets = [
                Query.boolean_query(
                    [
                        *base,
                        (Occur.Must, _any_of(built.schema, ZONE_KEYS_FIELD, [key])),
                        *(
                            (Occur.MustNot, _any_of(built.schema, ZONE_KEYS_FIELD, [k]))
                            for k in more_local
                        ),
                    ]
                )
                for key, more_local in bucket_keys(query.commune_keys)
            ]
        counts = [_count(built.searcher.search(q, 1, count=True)) for q in buckets]
        hits: list[Hit] = []
        for bucket, offset, limit in page_plan(counts, query.offset, query.per_page):
            result = built.searcher.search(
                buckets[bucket], limit, offset=offset, order_by_field=ORDINAL, order=Order.Asc
            )
            hits += [Hit(built.ids[int(ordinal)], None) for ordinal, _ in result.hits]
        return hits, sum(counts)

    def _facets(
        self,
        built: _Built,
        universe: Query,
        filters: dict[str, Query],
        commune: list[Query],
    ) -> dict[str, tuple[FacetCount, ...]]:
        """Exact counts; each facet is counted with every filter but its own."""
        counted: dict[str, tuple[FacetCount, ...]] = {}
        plain = [facet for facet in FACETS if facet not in filters]
        for facet in [None, *filters]:
            names = plain if facet is None else [facet]
            if not names:
                continue
            others = [f for name, f in filters.items() if name != facet]
            clauses = [(Occur.Must, universe), *_required([*others, *commune])]
            aggregations = {
                name: {"terms": {"field": VALUE_SET.format(name), "size": AGGREGATION_SIZE}}
                for name in names
            }
            result: dict[str, Any] = built.searcher.aggregate(
                Query.boolean_query(clauses), aggregations
            )
            for name in names:
                counted[name] = sorted_counts(_split_sets(result.get(name, {})))
        return {facet: counted[facet] for facet in FACETS if facet in counted}


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Creating 100,000 documents makes the cycle collector run again and again over every
    live object; nothing here creates cycles, so it waits until the index is built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _trip_filters(schema: Schema, query: SearchQuery) -> list[Query]:
    """Where the person goes, and what they cannot use (a MustNot clause, wrapped to be
    required like the other filters)."""
    found = []
    if query.destination_keys:
        reach = [*query.destination_keys, ANY_DESTINATION]
        found.append(_any_of(schema, DESTINATIONS_FIELD, reach))
    if query.excluded_prerequisites:
        excluded = _any_of(schema, PREREQUISITES_FIELD, query.excluded_prerequisites)
        found.append(
            Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, excluded)])
        )
    return found


def _required(filters: Sequence[Query]) -> list[tuple[Occur, Query]]:
    return [(Occur.Must, f) for f in filters]


def _matched_terms(hits: Sequence[Hit], terms: int) -> int | None:
    """How many first terms the best hit holds (the bonuses of its score say which)."""
    if not hits or hits[0].score is None:
        return None
    return leading_terms(hits[0].score, terms)


def _count(result: SearchResult) -> int:
    return int(result.count or 0)  # type: ignore[attr-defined]  # the stub omits `count`


def _split_sets(aggregation: dict[str, Any]) -> dict[str, int]:
    """Counts per value from counts per value set ("jeunes|seniors": 3 -> jeunes 3, seniors 3)."""
    if aggregation.get("sum_other_doc_count"):
        log.error("facet counts truncated: raise AGGREGATION_SIZE")
    counts: dict[str, int] = {}
    get = counts.get
    for bucket in aggregation.get("buckets", ()):
        count = bucket["doc_count"]
        for value in _SPLIT.get(bucket["key"]) or _split(bucket["key"]):
            counts[value] = get(value, 0) + count
    return counts


# A catalogue has a few hundred value sets, and a search reads them all back: each is split
# once, then found in a plain dict (a cached function's call showed in the profiles).
_SPLIT: dict[str, tuple[str, ...]] = {}


def _split(value_set: str) -> tuple[str, ...]:
    if len(_SPLIT) > 65_536:  # bounded all the same
        _SPLIT.clear()
    values = _SPLIT[value_set] = tuple(str(value_set).split(VALUE_SEPARATOR))
    return values


def _any_of(schema: Schema, field: str, values: Sequence[str]) -> Query:
    """A filter on raw values. Term queries: a term set query costs more on small sets."""
    terms = [Query.term_query(schema, field, value, "basic") for value in values]
    if len(terms) == 1:
        return _unscored(terms[0])
    return _unscored(Query.boolean_query([(Occur.Should, term) for term in terms]))


def _unscored(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)
