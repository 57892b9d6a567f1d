"""The embedded engine: a tantivy index in each process, updated with the catalogue.

How words match and rank is in tantivy_query; this module builds the index, filters, counts
facets and pages through results.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tantivy import (
    Document,
    Index,
    IndexWriter,
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
from directory.search.browse_order import KEY_SEPARATOR, BrowseOrder
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

ORDINAL = "ordinal"  # a document's number, mapped back to its solution by the engine
ID = "id"  # the solution id, raw: what an update deletes by
BROWSE_RANK = "rang"  # an entry's rank in the browse order (see browse_order)
# Each facet's values as one string ("jeunes|seniors"): counting single-valued columns is
# several times faster than multi-valued ones, and splitting the keys keeps counts exact.
# An entry without values gets the empty set (""): a column where every document has a
# value is counted three times faster than one where some have none, and "" counts nothing.
VALUE_SET = "{}_ensemble"
VALUE_SEPARATOR = "|"
NO_VALUE = ""
AGGREGATION_SIZE = 50_000  # distinct value sets per facet; far above what a catalogue has
WRITER_HEAP_BYTES = 200_000_000
UPDATE_HEAP_BYTES = 20_000_000  # a few hundred changed entries at a time
RAW_FIELDS = (ZONE_KEYS_FIELD, NEEDS_FIELD, DESTINATIONS_FIELD, PREREQUISITES_FIELD)
STEM_FIELDS = (NAME_STEMS_FIELD, STEMS_FIELD)  # in the text; the name's also on their own


@dataclass(frozen=True)
class _Written:
    """What the engine knows of the documents of one committed state."""

    entries: dict[int, tuple[str, str]]  # document number -> (solution id, browse key)
    numbers: dict[str, int]  # solution id -> document number
    order: BrowseOrder


@dataclass(frozen=True)
class _Built:
    """One committed state of the index, as searches read it."""

    schema: Schema
    searcher: Searcher
    written: _Written
    queries: QueryBuilder
    understanding: QueryUnderstanding

    @property
    def entries(self) -> dict[int, tuple[str, str]]:
        return self.written.entries


def browse_key(document: SearchDocument) -> str:
    """`SearchDocument.sort_key` as one string that sorts the same way, byte by byte, ending
    with the solution id (KEY_SEPARATOR is below every character a folded name can hold)."""
    portee, category, name, solution_id = document.sort_key()
    return f"{portee}{category:02d}{name}{KEY_SEPARATOR}{solution_id}"


def _schema(scored: Sequence[str]) -> Schema:
    builder = SchemaBuilder()
    builder.add_unsigned_field(ORDINAL, indexed=False, fast=True)
    builder.add_text_field(ID, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field(BROWSE_RANK, indexed=False, fast=True)
    for name in scored:
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="freq")
    builder.add_text_field(ALL_TEXT, tokenizer_name=ANALYZER, index_option="freq")
    for name in FACETS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
        builder.add_text_field(VALUE_SET.format(name), tokenizer_name="raw", fast=True)
    for name in RAW_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _tantivy_document(
    number: int, document: SearchDocument, rank: int, scored: set[str]
) -> Document:
    doc = Document()
    doc.add_unsigned(ORDINAL, number)
    doc.add_text(ID, document.id)
    doc.add_unsigned(BROWSE_RANK, rank)
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
        doc.add_text(VALUE_SET.format(name), VALUE_SEPARATOR.join(sorted(values)))
    for name in RAW_FIELDS:
        for value in getattr(document, name):
            doc.add_text(name, value)
    return doc


def _values(value: str | list[str]) -> list[str]:
    return [v for v in (value if isinstance(value, list) else [value]) if v]


class _Index:
    """One tantivy index and its writer, shared by the successive engines of a process: each
    update commits on top of the last state built, and the engines built before it keep
    searching the state they were given. In memory, or in a folder (`path`) when it is to be
    kept for the next start (see directory.catalogue_cache)."""

    def __init__(
        self, settings: SearchSettings, geo: Geography | None = None, path: Path | None = None
    ) -> None:
        self._settings = settings
        self._geo = geo
        self.path = path
        self._scored = scored_fields(settings)
        self.schema = _schema(self._scored)
        # An existing index in `path` is opened as it was committed.
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
        self._index = Index(self.schema, path=str(path) if path else None)
        self._index.register_tokenizer(ANALYZER, build_analyzer(settings))
        self._writer: IndexWriter | None = None
        self._next_number = 0
        self._lock = threading.Lock()  # tantivy allows one writer per index
        self.head: _Built | None = None  # the last state committed

    def reopen(self, state: IndexState) -> _Built:
        """The committed state of an index opened from its folder, as `state` describes it."""
        with self._lock:
            self._next_number = state.next_number
            return self._searchable(state.written)

    def state(self, built: _Built) -> IndexState:
        return IndexState(built.written, self._next_number)

    def settle(self) -> None:
        """Wait for the writer's background merges and let it go: the folder then changes
        no more (before it is kept)."""
        with self._lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None

    def build(self, documents: Sequence[SearchDocument]) -> _Built:
        """The first state: every document, in one go."""
        with self._lock:
            keys = [browse_key(document) for document in documents]
            writer = self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            written = self._write(writer, None, documents, keys, (), BrowseOrder.of(keys))
            writer.wait_merging_threads()
            return self._searchable(written)

    def update(
        self, base: _Built, documents: Sequence[SearchDocument], removed: Iterable[str]
    ) -> _Built | None:
        """`base` with these documents added or replaced and those ids removed; None when
        the browse order has no rank left for a new key (see browse_order): only a new index
        is right then."""
        with self._lock:
            if base is not self.head:
                raise RuntimeError("this engine's index has moved on: build a new engine")
            removed = list(removed)
            keys = [browse_key(document) for document in documents]
            previous = base.written
            replaced = [previous.numbers.get(i) for i in [*removed, *(d.id for d in documents)]]
            gone = [previous.entries[n][1] for n in replaced if n is not None]
            order = previous.order.changed(gone, keys)
            if order is None:
                return None
            if self._writer is None:
                self._writer = self._index.writer(heap_size=UPDATE_HEAP_BYTES, num_threads=1)
            written = self._write(self._writer, previous, documents, keys, removed, order)
            return self._searchable(written)

    def _write(
        self,
        writer: IndexWriter,
        base: _Written | None,
        documents: Sequence[SearchDocument],
        keys: Sequence[str],
        removed: Iterable[str],
        order: BrowseOrder,
    ) -> _Written:
        entries = dict(base.entries) if base else {}
        numbers = dict(base.numbers) if base else {}
        for solution_id in [*removed, *(d.id for d in documents)]:
            number = numbers.pop(solution_id, None)
            if number is not None:
                del entries[number]
                writer.delete_documents_by_term(ID, solution_id)
        separate = set(self._scored)
        with cycle_collector_paused():
            for document, key in zip(documents, keys, strict=True):
                number, self._next_number = self._next_number, self._next_number + 1
                rank = order.ranks[key]
                writer.add_document(_tantivy_document(number, document, rank, separate))
                entries[number] = (document.id, key)
                numbers[document.id] = number
        writer.commit()
        return _Written(entries, numbers, order)

    def _searchable(self, written: _Written) -> _Built:
        self._index.reload()
        searcher = self._index.searcher()
        # Words of entries just removed stay listed until tantivy merges their segment:
        # a typo may then be read as one of them, which finds nothing more.
        vocabulary = Vocabulary(dict(searcher.terms_with_prefix(ALL_TEXT, "")))
        queries = QueryBuilder(self.schema, vocabulary, self._settings)
        understanding = QueryUnderstanding(self._settings, vocabulary, self._geo)
        self.head = _Built(self.schema, searcher, written, queries, understanding)
        return self.head


@dataclass(frozen=True)
class IndexState:
    """What an index kept in a folder needs besides its files to serve again."""

    written: _Written
    next_number: int


class EmbeddedEngine:
    """Always available; the default engine and the fallback when Meilisearch is down.

    An engine answers from one state of its index for its whole life: `updated()` gives a
    new engine for the next catalogue version, built in small steps from this one."""

    name = "integre"

    def __init__(
        self,
        settings: SearchSettings,
        geo: Geography | None = None,
        documents: Sequence[SearchDocument] = (),
        path: Path | None = None,
    ) -> None:
        """A new index of `documents`, in memory or in the empty folder `path`; `geo` reads
        places in queries (without it, places stay words)."""
        self._settings = settings
        self._geo = geo
        self._index = _Index(settings, geo, path)
        self._built = self._index.build(documents)

    @classmethod
    def reopen(
        cls, settings: SearchSettings, geo: Geography | None, path: Path, state: IndexState
    ) -> EmbeddedEngine:
        """The engine of an index kept in `path` (see `state`): nothing is indexed again."""
        engine = cls.__new__(cls)
        engine._settings = settings
        engine._geo = geo
        engine._index = _Index(settings, geo, path)
        engine._built = engine._index.reopen(state)
        return engine

    def state(self) -> IndexState:
        """What to keep with the index's folder to `reopen` it; its writer settled first."""
        self._index.settle()
        return self._index.state(self._built)

    @property
    def folder(self) -> Path | None:
        """Where the index is kept; None in memory."""
        return self._index.path

    @property
    def understanding(self) -> QueryUnderstanding:
        """Query understanding over this index's words (shared with Meilisearch)."""
        return self._built.understanding

    def rebuild(self, documents: Sequence[SearchDocument]) -> None:
        """Replace every document, in a new index (searches in flight keep the old one)."""
        index = _Index(self._settings, self._geo)
        self._built = index.build(documents)
        self._index = index

    def updated(
        self, documents: Sequence[SearchDocument], removed: Iterable[str] = ()
    ) -> EmbeddedEngine | None:
        """A new engine where these documents are added or replace those of the same id and
        the `removed` ids are gone: tantivy deletes and adds only those, so a change of 1 %
        of the catalogue costs about 1 % of a full build. This engine keeps its answers.
        None, rarely, when the change needs a new index (see browse_order)."""
        removed = list(removed)
        if not documents and not removed:
            return self
        built = self._index.update(self._built, documents, removed)
        if built is None:
            return None
        engine = copy(self)
        engine._built = built
        return engine

    @property
    def updatable(self) -> bool:
        """False once a later update of its index was not kept (a failed catalogue build):
        the next engine is then built from scratch."""
        return self._built is self._index.head

    def health(self) -> EngineHealth:
        return EngineHealth(self.name, ok=True, documents=len(self._built.entries))

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
        numbers = built.searcher.fast_field_values(ORDINAL, [a for _, a in result.hits])
        scored = [
            (float(score), *built.entries[int(n)])  # type: ignore[arg-type]
            for (score, _), n in zip(result.hits, numbers, strict=True)
        ]
        # Equal scores in browse order, as a single-segment index would give them.
        scored.sort(key=lambda hit: (-hit[0], hit[2]))
        return [Hit(solution_id, score) for score, solution_id, _ in scored], _count(result)

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
                buckets[bucket], limit, offset=offset, order_by_field=BROWSE_RANK, order=Order.Asc
            )
            ids = built.written.order.ids
            hits += [Hit(ids[rank], None) for rank, _ in result.hits]
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
def cycle_collector_paused() -> Iterator[None]:
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
        values = _SPLIT.get(bucket["key"])
        for value in _split(bucket["key"]) if values is None else values:
            counts[value] = get(value, 0) + count
    return counts


# A catalogue has a few hundred value sets, and a search reads them all back: each is split
# once, then found in a plain dict (a cached function's call showed in the profiles).
_SPLIT: dict[str, tuple[str, ...]] = {NO_VALUE: ()}


def _split(value_set: str) -> tuple[str, ...]:
    if len(_SPLIT) > 65_536:  # bounded all the same
        _SPLIT.clear()
        _SPLIT[NO_VALUE] = ()
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
