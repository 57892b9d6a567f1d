"""The search interface shared by both engines: query, results, health and the engine protocol."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from directory.search.document import SearchDocument
from directory.search.facets import FACETS


class SearchUnavailableError(Exception):
    """The engine cannot answer now (server down, timeout, missing index)."""


Phrase = tuple[str, ...]


@dataclass(frozen=True)
class QueryTerm:
    """One unit of an understood query (see understanding), looked for the same way by both
    engines: a word (typed, or its stem), a phrase that has synonyms, or a need."""

    words: Phrase  # index words, all required; typo rules apply, the last may be a prefix
    synonyms: tuple[Phrase, ...] = ()  # other phrases of index words, matched exactly
    prefix: bool = False  # the last word is still being typed
    need: str | None = None  # a need's token: matches the entries that answer the need
    typed: str = ""  # as the person wrote it, for « mots utilisés »

    @property
    def sent(self) -> Phrase:
        """What Meilisearch receives for this term (its synonyms are in the index settings)."""
        return (self.need,) if self.need else self.words


@dataclass(frozen=True)
class SearchQuery:
    """What to look for. Filters: OR within a facet, AND across facets.

    `terms` come from the query understanding, most important first: results must contain the
    first one, and those with more of them rank first (Meilisearch's "last" strategy). None
    means the text has not been understood yet: the runtime does it."""

    text: str = ""
    terms: tuple[QueryTerm, ...] | None = None
    nothing: bool = False  # words were typed, none relates to any entry: no result
    # zones.place_keys(geo, code), most local first: results must cover the commune, and at
    # equal relevance the most local come first.
    commune_keys: tuple[str, ...] = ()
    # place_keys of where the person goes: entries known not to go there are left out.
    destination_keys: tuple[str, ...] = ()
    excluded_prerequisites: tuple[str, ...] = ()  # « pas de permis »: not what needs permis-b
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    with_facets: bool = True

    def __post_init__(self) -> None:
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise ValueError(f"unknown facets: {sorted(unknown)}")
        if self.page < 1 or self.per_page < 1:
            raise ValueError("page and per_page start at 1")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def active_filters(self) -> dict[str, tuple[str, ...]]:
        return {facet: values for facet, values in self.filters.items() if values}

    @property
    def words(self) -> tuple[QueryTerm, ...]:
        return self.terms or ()


@dataclass(frozen=True)
class Hit:
    id: str
    score: float | None  # engine-specific relevance; None when browsing in order


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    hits: tuple[Hit, ...]
    total: int
    # Exact counts; a facet's counts ignore that facet's own filter (disjunctive facets).
    facets: Mapping[str, tuple[FacetCount, ...]]
    took_ms: float
    engine: str
    degraded: bool = False
    # How many of the query's first terms the best result contains (None: browsing).
    matched_terms: int | None = None

    @property
    def ids(self) -> list[str]:
        return [hit.id for hit in self.hits]


@dataclass(frozen=True)
class EngineHealth:
    engine: str
    ok: bool
    documents: int | None = None
    error: str | None = None  # why it cannot answer, in French (shown on /health)
    detail: str | None = None  # the technical cause, for the logs only


class SearchEngine(Protocol):
    """A search engine over the search documents of the catalogue."""

    name: str

    def rebuild(self, documents: Sequence[SearchDocument]) -> None:
        """Replace the whole index; searches see the old one until the new one is complete."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Raises SearchUnavailableError when the engine cannot answer."""

    def health(self) -> EngineHealth: ...


def sorted_counts(counts: Mapping[str, int]) -> tuple[FacetCount, ...]:
    """Facet values with at least one result, most frequent first."""
    ordered = sorted(((v, c) for v, c in counts.items() if c > 0), key=lambda vc: (-vc[1], vc[0]))
    return tuple(FacetCount(value, count) for value, count in ordered)
