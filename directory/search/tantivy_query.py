"""Query terms -> tantivy queries for the embedded engine: what matches, and how it ranks.

ALL_TEXT holds every searchable field. A query word matches a document when one of its
derivations (exact, completion, typo) or synonyms appears in it; a multi-word synonym when all
its words do. Following Meilisearch's "last" strategy, every result contains the first query
word, and documents that contain the first k words always rank above those with fewer: term k
(of n) adds WORD_BONUS × 2^(n-k), so the set of terms found orders results lexicographically,
most telling term first (one clause per term, where "the first k" clauses would cost n²).

Within that, BM25 ranks: the first SCORED_FIELDS fields of data/recherche.yaml are scored on
their own, each weighing 20 % less than the one before; the others through ALL_TEXT, below them.
Word positions are not indexed: phrase queries over frequent words cost more than all the rest
of a search, and each field indexed twice would slow down building a 100,000-entry index.
"""

from __future__ import annotations

from collections.abc import Sequence

from tantivy import Occur, Query, Schema

from directory.search.document import NAME_STEMS_FIELD, NEEDS_FIELD, ZONE_KEYS_FIELD
from directory.search.model import QueryTerm
from directory.search.settings import SearchSettings
from directory.search.typos import Derivation, Vocabulary

ALL_TEXT = "texte"
WORD_BONUS = 10_000.0  # larger than any BM25 score: one more matched word always ranks first
SYNONYM_WEIGHT = 0.9
COMPLETION_WEIGHT = 0.6
TYPO_WEIGHTS = {0: 1.0, 1: 0.4, 2: 0.25}
SCORED_FIELDS = 4
ALL_TEXT_WEIGHT = 1.0
NEED_WEIGHT = 2.0  # an entry that answers the need, whatever its words
# With a commune, at equal relevance, the most local first: a bonus by how locally the zone
# covers the commune (commune, EPCI, territory, département, région, France).
LOCALITY_BONUS = {"com": 12.0, "epci": 9.0, "ter": 6.0, "dep": 3.0, "reg": 1.5, "fr": 0.0}


def term_bonus(rank: int, count: int) -> float:
    """The bonus of the term at `rank` (0 for the first, which every result holds)."""
    return WORD_BONUS * 2 ** (count - 1 - rank)


def leading_terms(score: float, count: int) -> int:
    """How many first terms a result holds, read back from its score (see term_bonus)."""
    found = 1
    for rank in range(1, count):
        bonus = term_bonus(rank, count)
        if score < bonus:
            break
        score -= bonus
        found += 1
    return found


def scored_fields(settings: SearchSettings) -> list[str]:
    """The fields scored on their own; the name's stems, in their own field, with the name
    (appended to the name, they would make it look twice as long to BM25)."""
    fields = list(settings.fields[:SCORED_FIELDS])
    return [*fields, NAME_STEMS_FIELD] if "nom" in fields else fields


def field_weights(settings: SearchSettings) -> list[tuple[str, float]]:
    """The first field weighs 3, each next one 20 % less; the rest of the text weighs 1."""
    ranked = settings.fields[:SCORED_FIELDS]
    weights = {name: 3.0 * 0.8**rank for rank, name in enumerate(ranked)}
    if "nom" in weights:
        weights[NAME_STEMS_FIELD] = weights["nom"]
    return [*weights.items(), (ALL_TEXT, ALL_TEXT_WEIGHT)]


class QueryBuilder:
    """Builds the queries of every search over one built index and its vocabulary."""

    def __init__(self, schema: Schema, vocabulary: Vocabulary, settings: SearchSettings) -> None:
        self._schema = schema
        self._vocabulary = vocabulary
        self._typos = settings.typos
        self._fields = field_weights(settings)
        # Synonyms and a need's words rank by the name and the whole text only: a search has
        # many of them, and each field scored costs a term query.
        self._name_fields = [
            (name, boost)
            for name, boost in self._fields
            if name in {"nom", NAME_STEMS_FIELD, ALL_TEXT}
        ]

    def text_queries(
        self, terms: Sequence[QueryTerm], commune_keys: Sequence[str] = ()
    ) -> tuple[Query, Query]:
        """(documents that match, the same documents ranked), for non-empty terms."""
        matches = [self._matching(term) for term in terms]
        clauses = [(Occur.Must, Query.const_score_query(matches[0], 0.0))]
        clauses += [(Occur.Should, self._scoring(term)) for term in terms]
        clauses += [
            (Occur.Should, Query.const_score_query(match, term_bonus(rank, len(terms))))
            for rank, match in enumerate(matches[1:], start=1)
        ]
        if commune_keys:
            clauses.append((Occur.Should, self._locality(commune_keys)))
        return matches[0], Query.boolean_query(clauses)

    def _locality(self, commune_keys: Sequence[str]) -> Query:
        bonuses = [
            Query.const_score_query(
                Query.term_query(self._schema, ZONE_KEYS_FIELD, key, "basic"),
                LOCALITY_BONUS.get(key.split(":")[0], 0.0),
            )
            for key in commune_keys
        ]
        return _best_of(bonuses)

    # --- matching: one field, no scoring -------------------------------------------------

    def _matching(self, term: QueryTerm) -> Query:
        alternatives = []
        if term.words:
            alternatives.append(
                _all_of([self._word_matching(word, prefix) for word, prefix in _words(term)])
            )
        if term.need:
            alternatives.append(Query.term_query(self._schema, NEEDS_FIELD, term.need, "basic"))
        alternatives += [self._all_words(words) for words in term.synonyms]
        return _any_of(alternatives) if alternatives else Query.empty_query()

    def _word_matching(self, word: str, prefix: bool) -> Query:
        derivations = self._derivations(word, prefix)
        if not derivations:
            return Query.empty_query()
        return _any_of(
            [Query.term_query(self._schema, ALL_TEXT, d.term, "freq") for d in derivations]
        )

    def _all_words(self, words: Sequence[str]) -> Query:
        return _all_of([Query.term_query(self._schema, ALL_TEXT, w, "freq") for w in words])

    # --- ranking: BM25 per field ----------------------------------------------------------

    def _scoring(self, term: QueryTerm) -> Query:
        alternatives = []
        if term.words:
            words = [self._word_scoring(word, prefix) for word, prefix in _words(term)]
            alternatives.append(words[0] if len(words) == 1 else _sum_of(words))
        for synonym in term.synonyms:
            # A phrase weighs as one word: « auto école » for « permis » does not outrank
            # the entries that say « permis ».
            weight = SYNONYM_WEIGHT / len(synonym)
            scores = [self._fields_query(word, weight, self._name_fields) for word in synonym]
            alternatives.append(scores[0] if len(scores) == 1 else _sum_of(scores))
        text = _best_of(alternatives) if alternatives else Query.empty_query()
        if not term.need:
            return text
        need = Query.const_score_query(
            Query.term_query(self._schema, NEEDS_FIELD, term.need, "basic"), NEED_WEIGHT
        )
        return _sum_of([need, text])

    def _word_scoring(self, word: str, prefix: bool) -> Query:
        derivations = self._derivations(word, prefix)
        if not derivations:
            return Query.empty_query()
        return _best_of([self._fields_query(d.term, _weight(d)) for d in derivations])

    def _fields_query(
        self, term: str, weight: float, fields: list[tuple[str, float]] | None = None
    ) -> Query:
        return Query.disjunction_max_query(
            [
                Query.boost_query(
                    Query.term_query(self._schema, name, term, "freq"), boost * weight
                )
                for name, boost in (fields or self._fields)
            ],
            tie_breaker=0.1,
        )

    def _derivations(self, word: str, prefix: bool) -> list[Derivation]:
        return self._vocabulary.derivations(word, self._typos.budget(word), prefix)


def _words(term: QueryTerm) -> list[tuple[str, bool]]:
    """The words of a term; only the very last word of the query is a prefix."""
    last = len(term.words) - 1
    return [(word, term.prefix and i == last) for i, word in enumerate(term.words)]


def _weight(derivation: Derivation) -> float:
    if derivation.typos:
        return TYPO_WEIGHTS[derivation.typos]
    return COMPLETION_WEIGHT if derivation.completion else 1.0


def _all_of(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _any_of(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def _sum_of(queries: list[Query]) -> Query:
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def _best_of(queries: list[Query]) -> Query:
    if len(queries) == 1:
        return queries[0]
    return Query.disjunction_max_query(queries, tie_breaker=0.0)
