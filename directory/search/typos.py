"""Meilisearch's typo and prefix rules, applied to the words of the embedded index.

A query word of fewer than 5 letters must match exactly, from 5 letters it may carry one typo,
from 9 letters two (see TypoRules). A typo on the first letter counts double, so "farage" never
finds "garage". The last word of a query is also a prefix ("vél" finds "vélo"), with the same
typo budget. A typo is an insertion, a deletion, a substitution or a swap of two neighbours.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_DERIVATIONS = 50  # Meilisearch also caps how many words one query word can become
_CACHE_SIZE = 4096


class Derivation(NamedTuple):
    term: str  # a word of the index
    typos: int  # 0, 1 or 2; a wrong first letter counts 2
    completion: bool  # the term only starts with the typed word


class Vocabulary:
    """The words of the index with their document frequency, organised for typo look-ups."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        self._freq = dict(frequencies)
        self._sorted = sorted(self._freq)
        by_first: dict[str, list[str]] = defaultdict(list)
        for term in self._sorted:
            by_first[term[0]].append(term)
        self._by_first = dict(by_first)
        tails = sorted((term[1:], term) for term in self._sorted if len(term) > 1)
        self._tail_keys = [tail for tail, _ in tails]
        self._tail_terms = [term for _, term in tails]
        self._heads: dict[tuple[str, int], list[str]] = {}
        self._cache: dict[tuple[str, int, bool], list[Derivation]] = {}

    def __len__(self) -> int:
        return len(self._freq)

    def __contains__(self, term: object) -> bool:
        return term in self._freq

    def frequency(self, term: str) -> int:
        """How many documents hold the term (0 if none)."""
        return self._freq.get(term, 0)

    def completions(self, prefix: str) -> list[str]:
        """Words starting with `prefix`, most frequent first."""
        found = list(self._starting_with(self._sorted, self._sorted, prefix))
        return sorted(found, key=lambda t: (-self._freq[t], t))[:MAX_DERIVATIONS]

    def derivations(self, word: str, budget: int, prefix: bool) -> list[Derivation]:
        """Index words the query word may stand for, fewest typos first, then most frequent."""
        key = (word, budget, prefix)
        if key not in self._cache:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = self._derive(word, budget, prefix)
        return self._cache[key]

    def _derive(self, word: str, budget: int, prefix: bool) -> list[Derivation]:
        found: dict[str, Derivation] = {}

        def add(term: str, typos: int, completion: bool) -> None:
            known = found.get(term)
            if known is None or (typos, completion) < (known.typos, known.completion):
                found[term] = Derivation(term, typos, completion)

        if word in self._freq:
            add(word, 0, False)
        if prefix:
            for term in self.completions(word):
                add(term, 0, term != word)
        if budget and word:
            for term, typos in self._same_first_letter(word, budget, prefix):
                add(term, typos, prefix and len(term) > len(word))
            if budget >= 2:
                for term in self._other_first_letter(word, prefix):
                    add(term, 2, prefix and len(term) > len(word))
        ranked = sorted(
            found.values(), key=lambda d: (d.typos, d.completion, -self._freq[d.term], d.term)
        )
        return ranked[:MAX_DERIVATIONS]

    def _same_first_letter(self, word: str, budget: int, prefix: bool) -> Iterator[tuple[str, int]]:
        bucket = self._by_first.get(word[0], [])
        if not prefix:
            for term, distance, _ in process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if distance:
                    yield term, int(distance)
            return
        # A prefix matches a word when one of the word's beginnings is within the budget.
        for length in range(max(1, len(word) - budget), len(word) + budget + 1):
            heads = self._heads_of(word[0], length)
            for head, distance, _ in process.extract(
                word, heads, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if distance:
                    for term in self._starting_with(self._sorted, self._sorted, head):
                        yield term, int(distance)

    def _other_first_letter(self, word: str, prefix: bool) -> Iterator[str]:
        """Words one edit away whose first letter differs (that edit counts as two typos)."""
        swapped = word[1] + word[0] + word[2:] if len(word) > 1 else word
        if prefix:
            candidates = [
                *self._starting_with(self._tail_keys, self._tail_terms, word[1:]),
                *self._starting_with(self._tail_keys, self._tail_terms, word),
                *self._starting_with(self._sorted, self._sorted, word[1:]),
                *self._starting_with(self._sorted, self._sorted, swapped),
            ]
        else:
            candidates = [
                *self._equal_to(self._tail_keys, self._tail_terms, word[1:]),
                *self._equal_to(self._tail_keys, self._tail_terms, word),
                *(t for t in (word[1:], swapped) if t in self._freq),
            ]
        return (term for term in candidates if term[0] != word[0])

    def _heads_of(self, first: str, length: int) -> list[str]:
        key = (first, length)
        if key not in self._heads:
            bucket = self._by_first.get(first, [])
            self._heads[key] = sorted({t[:length] for t in bucket if len(t) >= length})
        return self._heads[key]

    @staticmethod
    def _starting_with(keys: list[str], values: list[str], prefix: str) -> Iterator[str]:
        for i in range(bisect_left(keys, prefix), len(keys)):
            if not keys[i].startswith(prefix):
                break
            yield values[i]

    @staticmethod
    def _equal_to(keys: list[str], values: list[str], key: str) -> Iterator[str]:
        for i in range(bisect_left(keys, key), len(keys)):
            if keys[i] != key:
                break
            yield values[i]
