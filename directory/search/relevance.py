"""The search layer's answer to the matching: how close each solution is to a need in words.

A need is a sentence (« dialyse à Béziers trois fois par semaine »), read by the same query
understanding as the public search: its needs (« dialyse » -> a medical appointment), stems and
spellings. Each term is then searched on its own (typos and synonyms included): the search's
"first term required" strategy would find nothing when the first is in no entry. A solution's
relevance is the weighted share of terms that find it, rare terms weighing more.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping

from directory.matching.relevance import TextRelevance
from directory.search.model import QueryTerm, SearchQuery
from directory.search.runtime import SearchRuntime
from directory.search.understanding import QueryUnderstanding
from directory.snapshot import Snapshot
from directory.text import fold

MAX_WORDS = 8
HITS_PER_WORD = 100
MIN_LETTERS = 3
# Words that say how often or how much, not what for: "trois fois par semaine".
NOT_A_NEED = frozenset(
    {
        "fois",
        "semaine",
        "semaines",
        "jour",
        "jours",
        "mois",
        "matin",
        "matins",
        "soir",
        "soirs",
        "trois",
        "deux",
        "quatre",
        "cinq",
        "chaque",
        "tous",
        "toutes",
        "besoin",
        "aller",
        "venir",
        "faire",
        "faut",
        "dois",
        "doit",
        "veux",
        "voudrais",
        "peux",
        "pouvoir",
    }
)


def need_terms(text: str, understanding: QueryUnderstanding) -> list[QueryTerm]:
    """The terms of a need worth searching: needs and words, not how often (« trois fois »)."""
    # The trailing space says the last word is complete: no prefix search, as in Meilisearch.
    terms = understanding.understand(text + " ", read_places=False).terms
    kept = [t for t in terms if t.need or not set(map(fold, t.typed.split())) <= NOT_A_NEED]
    return [t for t in kept if t.need or len(t.typed) >= MIN_LETTERS][:MAX_WORDS]


def search_relevance(runtime: SearchRuntime, snapshot: Snapshot) -> TextRelevance:
    """A TextRelevance over the snapshot's catalogue, with the engine that answers searches."""

    def relevance(text: str, ids: Collection[str]) -> Mapping[str, float]:
        if not ids:
            return {}
        # Always the in-process engine: a need may be medical, it never leaves the server
        # (no Meilisearch query log), and it costs no network round trip while the advisor types.
        engine = runtime.embedded(snapshot)
        terms = need_terms(text, engine.understanding)
        if not terms:
            return {}
        wanted = set(ids)
        catalogue = max(len(snapshot.solutions), 1)
        totals: dict[str, float] = defaultdict(float)
        weights = 0.0
        for term in terms:
            query = SearchQuery(terms=(term,), per_page=HITS_PER_WORD, with_facets=False)
            results = engine.search(query)
            if not results.total:
                continue  # a word no entry knows says nothing either way
            # A term found in few entries tells more than one found everywhere ("transport").
            weight = math.log(1 + catalogue / results.total)
            weights += weight
            best = max((hit.score or 0.0 for hit in results.hits), default=0.0) or 1.0
            for hit in results.hits:
                if hit.id in wanted:
                    totals[hit.id] += weight * (hit.score or best) / best
        if not weights:
            return {}
        return {solution_id: score / weights for solution_id, score in totals.items()}

    return relevance
