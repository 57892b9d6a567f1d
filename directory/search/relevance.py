"""The search layer's answer to the matching: how close each solution is to a need in words.

A need is a sentence ("dialyse à Béziers trois fois par semaine"), not a query: the search's
"every word, the last ones first to go" strategy would find nothing when its first word is in
no entry. So each significant word is searched on its own (typos and synonyms included); a
solution's relevance is the weighted share of words that find it, rare words weighing more.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Mapping

from directory.matching.relevance import TextRelevance
from directory.search.model import SearchQuery
from directory.search.runtime import SearchRuntime
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


def need_words(text: str, stop_words: Collection[str]) -> list[str]:
    """The words of a need worth searching: no stop word, no elided article, no digit."""
    words = re.findall(r"[^\W\d_]+", fold(text))
    stops = {fold(word) for word in stop_words}
    kept = [w for w in words if len(w) >= MIN_LETTERS and w not in stops | NOT_A_NEED]
    return list(dict.fromkeys(kept))[:MAX_WORDS]


def search_relevance(runtime: SearchRuntime, snapshot: Snapshot) -> TextRelevance:
    """A TextRelevance over the snapshot's catalogue, with the engine that answers searches."""

    def relevance(text: str, ids: Collection[str]) -> Mapping[str, float]:
        words = need_words(text, runtime.settings.all_stop_words)
        if not words or not ids:
            return {}
        # Always the in-process engine: a need may be medical, it never leaves the server
        # (no Meilisearch query log), and it costs no network round trip while the advisor types.
        engine = runtime.embedded(snapshot)
        wanted = set(ids)
        catalogue = max(len(snapshot.solutions), 1)
        totals: dict[str, float] = defaultdict(float)
        weights = 0.0
        for word in words:
            # The trailing space says the word is complete: no prefix search, as in Meilisearch.
            query = SearchQuery(text=word + " ", per_page=HITS_PER_WORD, with_facets=False)
            results = engine.search(query)
            if not results.total:
                continue  # a word no entry knows says nothing either way
            # A word found in few entries tells more than one found everywhere ("transport").
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
