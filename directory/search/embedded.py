"""The embedded engine: an in-memory tantivy index in each process, rebuilt with the catalogue.

Ranking follows Meilisearch's default "last" matching strategy: every result contains the first
query word; entries that contain the first two words come before those that contain only the
first, and so on. Within that, BM25 ranks, weighted by field rank (data/recherche.yaml) and by
how far the indexed word is from the typed one (exact, synonym, completion, one or two typos).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
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

from directory.search.analysis import ANALYZER, QueryParser, QueryTerm, build_analyzer
from directory.search.document import TEXT_FIELDS, ZONE_KEYS_FIELD, SearchDocument
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
from directory.search.typos import Derivation, Vocabulary

ORDINAL = "ordinal"  # position in browse order; also maps a tantivy document back to its id
WORD_BONUS = 10_000.0  # larger than any BM25 score: one more matched word always ranks first
SYNONYM_WEIGHT = 0.9
COMPLETION_WEIGHT = 0.6
TYPO_WEIGHTS = {0: 1.0, 1: 0.4, 2: 0.25}
PHRASE_SLOP = 2  # stop words leave gaps: "vélo à assistance" is velo _ assistance
PROXIMITY_WEIGHT = 0.5
AGGREGATION_SIZE = 10_000  # far above any facet's number of values: counts are exact
WRITER_HEAP_BYTES = 200_000_000


@dataclass(frozen=True)
class _Built:
    schema: Schema
    searcher: Searcher
    ids: list[str]
    vocabulary: Vocabulary


def _schema() -> Schema:
    builder = SchemaBuilder()
    builder.add_unsigned_field(ORDINAL, indexed=False, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name=ANALYZER)
    for name in FACETS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    builder.add_text_field(ZONE_KEYS_FIELD, tokenizer_name="raw")
    return builder.build()


def _tantivy_document(ordinal: int, document: SearchDocument) -> Document:
    values = document.model_dump(include={*TEXT_FIELDS, *FACETS, ZONE_KEYS_FIELD})
    doc = Document()
    doc.add_unsigned(ORDINAL, ordinal)
    for name, value in values.items():
        for text in value if isinstance(value, list) else [value]:
            if text:
                doc.add_text(name, text)
    return doc


class EmbeddedEngine:
    """Always available; the default engine and the fallback when Meilisearch is down."""

    name = "integre"

    def __init__(self, settings: SearchSettings) -> None:
        self._settings = settings
        self._parser = QueryParser(settings)
        self._fields = [(name, 3.0 * 0.8**rank) for rank, name in enumerate(settings.fields)]
        self._lock = threading.Lock()  # tantivy allows one writer per index
        self._built = self._build([])

    def rebuild(self, documents: Sequence[SearchDocument]) -> None:
        with self._lock:
            built = self._build(documents)
        self._built = built  # searches in flight keep the index they started with

    def health(self) -> EngineHealth:
        return EngineHealth(self.name, ok=True, documents=len(self._built.ids))

    def _build(self, documents: Sequence[SearchDocument]) -> _Built:
        schema = _schema()
        index = Index(schema)
        index.register_tokenizer(ANALYZER, build_analyzer(self._settings))
        ordered = sorted(documents, key=SearchDocument.sort_key)
        # One thread: documents stay in browse order, so equal scores keep that order too.
        writer = index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
        for ordinal, document in enumerate(ordered):
            writer.add_document(_tantivy_document(ordinal, document))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        searcher = index.searcher()
        frequencies: dict[str, int] = {}
        for name in TEXT_FIELDS:
            for term, count in searcher.terms_with_prefix(name, ""):
                frequencies[term] = frequencies.get(term, 0) + count
        return _Built(schema, searcher, [d.id for d in ordered], Vocabulary(frequencies))

    # --- searching ------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        started = time.perf_counter()
        built = self._built
        filters = {
            facet: Query.term_set_query(built.schema, facet, list(values))
            for facet, values in query.active_filters.items()
        }
        commune = (
            [Query.term_set_query(built.schema, ZONE_KEYS_FIELD, list(query.commune_keys))]
            if query.commune_keys
            else []
        )
        terms = self._parser.parse(query.text)
        if terms:
            groups = [self._term_query(built, term) for term in terms]
            universe = groups[0]
            ranking = [*groups[1:], *self._proximity(built, terms)]
            hits, total = self._ranked(built, groups, ranking, [*filters.values(), *commune], query)
        else:
            universe = Query.all_query()
            hits, total = self._browse(built, list(filters.values()), query)
        facets = self._facets(built, universe, filters, commune) if query.with_facets else {}
        took = (time.perf_counter() - started) * 1000
        return SearchResults(tuple(hits), total, facets, took, self.name)

    def _ranked(
        self,
        built: _Built,
        groups: list[Query],
        ranking: list[Query],
        filters: list[Query],
        query: SearchQuery,
    ) -> tuple[list[Hit], int]:
        clauses = [(Occur.Must, groups[0])]
        clauses += [(Occur.Should, q) for q in ranking]
        clauses += [
            (Occur.Should, Query.const_score_query(_all_of(groups[:count]), WORD_BONUS))
            for count in range(2, len(groups) + 1)
        ]
        clauses += [(Occur.Must, _unscored(f)) for f in filters]
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
        base = [(Occur.Must, Query.all_query()), *((Occur.Must, f) for f in filters)]
        if not query.commune_keys:
            buckets = [Query.boolean_query(base)]
        else:
            buckets = [
                Query.boolean_query(
                    [
                        *base,
                        (Occur.Must, Query.term_query(built.schema, ZONE_KEYS_FIELD, key)),
                        *(
                            (Occur.MustNot, Query.term_query(built.schema, ZONE_KEYS_FIELD, k))
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
            clauses = [(Occur.Must, universe), *((Occur.Must, f) for f in [*others, *commune])]
            aggregations = {
                name: {"terms": {"field": name, "size": AGGREGATION_SIZE}} for name in names
            }
            result: dict[str, Any] = built.searcher.aggregate(
                Query.boolean_query(clauses), aggregations
            )
            for name in names:
                buckets = result.get(name, {}).get("buckets", [])
                counted[name] = sorted_counts({b["key"]: int(b["doc_count"]) for b in buckets})
        return {facet: counted[facet] for facet in FACETS if facet in counted}

    # --- query building -------------------------------------------------------------------

    def _term_query(self, built: _Built, term: QueryTerm) -> Query:
        last = len(term.words) - 1
        words = [
            self._word_query(built, word, term.prefix and i == last)
            for i, word in enumerate(term.words)
        ]
        alternatives = [_all_of(words)]
        for synonym in term.synonyms:
            alternatives.append(self._phrase_query(built, synonym, SYNONYM_WEIGHT))
        return _best_of(alternatives)

    def _proximity(self, built: _Built, terms: list[QueryTerm]) -> list[Query]:
        """Neighbouring words found close together in one field rank higher."""
        best = [self._best_word(built, term) for term in terms]
        return [
            self._phrase_query(built, (first, second), PROXIMITY_WEIGHT)
            for first, second in pairwise(best)
            if first and second
        ]

    def _best_word(self, built: _Built, term: QueryTerm) -> str | None:
        if len(term.words) != 1:
            return None
        word = term.words[0]
        derivations = built.vocabulary.derivations(
            word, self._settings.typos.budget(word), term.prefix
        )
        return derivations[0].term if derivations else None

    def _word_query(self, built: _Built, word: str, prefix: bool) -> Query:
        budget = self._settings.typos.budget(word)
        derivations = built.vocabulary.derivations(word, budget, prefix)
        if not derivations:
            return Query.empty_query()
        return _best_of([self._fields_query(built, d.term, _weight(d)) for d in derivations])

    def _fields_query(self, built: _Built, term: str, weight: float) -> Query:
        return Query.disjunction_max_query(
            [
                Query.boost_query(Query.term_query(built.schema, name, term), boost * weight)
                for name, boost in self._fields
            ],
            tie_breaker=0.1,
        )

    def _phrase_query(self, built: _Built, words: tuple[str, ...], weight: float) -> Query:
        if len(words) == 1:
            return self._fields_query(built, words[0], weight)
        return Query.disjunction_max_query(
            [
                Query.boost_query(
                    Query.phrase_query(built.schema, name, list(words), slop=PHRASE_SLOP),
                    boost * weight,
                )
                for name, boost in self._fields
            ],
            tie_breaker=0.1,
        )


def _count(result: SearchResult) -> int:
    return int(result.count or 0)  # type: ignore[attr-defined]  # the stub omits `count`


def _weight(derivation: Derivation) -> float:
    if derivation.typos:
        return TYPO_WEIGHTS[derivation.typos]
    return COMPLETION_WEIGHT if derivation.completion else 1.0


def _all_of(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _best_of(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.disjunction_max_query(queries, tie_breaker=0.0)


def _unscored(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)
