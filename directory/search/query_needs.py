"""Needs in a query: the expressions of data/besoins.yaml, compared stem by stem.

Stop words are left out but for the words that carry intent (« pas », « sans », « m' »), and a
typed stem stands for an expression's stem within the search's typo rules (« permi »). The
longest expression wins; one may serve two needs (« pas de permis »: passer le permis, and set
aside what needs one). The words of an expression are also looked for as typed, unless it is
negated: « pas de voiture » does not look for « voiture ».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.search.analysis import Phrase, analysis_for, stem, words
from directory.search.need_vocabulary import NeedRule
from directory.search.settings import SearchSettings
from directory.text import fold

MAX_EXPRESSION_WORDS = 8
MAX_CORRECTIONS = 4096


@dataclass(frozen=True)
class NeedsRead:
    needs: list[NeedRule]
    taken: set[int]  # positions of the words the expressions took
    said: set[int]  # among them, the words also looked for as typed
    about_the_person: set[int]  # among those, the words of « who I am » (« je suis jeune »)


class NeedReader:
    """Reads needs in the words of a query (positions and folded words)."""

    def __init__(self, settings: SearchSettings) -> None:
        self._settings = settings
        self._negations = frozenset(w for word in settings.negations for w in words(word))
        self._corrections: dict[str, str] = {}  # typed stem -> expression stem

    def read(self, content: Sequence[tuple[int, str]]) -> NeedsRead:
        """Needs whose expressions appear, longest expression first."""
        stems = [self._expression_word(stem(word)) for _, word in content]
        found: dict[str, NeedRule] = {}
        taken: set[int] = set()
        said: set[int] = set()
        person: set[int] = set()
        position = 0
        while position < len(stems):
            for size in range(min(self._longest, len(stems) - position), 0, -1):
                needs = self._expressions.get(tuple(stems[position : position + size]))
                if needs:
                    for need in needs:
                        found.setdefault(need.id, need)
                    span = content[position : position + size]
                    taken.update(i for i, _ in span)
                    if not any(word in self._negations for _, word in span):
                        said.update(i for i, _ in span)
                        if all(need.about_the_person for need in needs):
                            person.update(i for i, _ in span)
                    position += size
                    break
            else:
                position += 1
        return NeedsRead(list(found.values()), taken, said, person)

    def knows(self, root: str) -> bool:
        """Whether a stem is a word of some expression."""
        return root in self._stems

    def _expression_word(self, root: str) -> str:
        """A stem of an expression the typed stem stands for (typo rules), or itself."""
        budget = self._settings.typos.budget(root)
        if root in self._stems or not budget:
            return root
        if root not in self._corrections:
            if len(self._corrections) > MAX_CORRECTIONS:
                self._corrections.clear()
            candidates = self._stems_by_first.get(root[0], [])
            best = process.extractOne(root, candidates, scorer=OSA.distance, score_cutoff=budget)
            self._corrections[root] = best[0] if best else root
        return self._corrections[root]

    @cached_property
    def _expressions(self) -> dict[Phrase, list[NeedRule]]:
        return expression_table(self._settings)

    @cached_property
    def _longest(self) -> int:
        return min(max((len(k) for k in self._expressions), default=1), MAX_EXPRESSION_WORDS)

    @cached_property
    def _stems(self) -> frozenset[str]:
        return frozenset(w for key in self._expressions for w in key)

    @cached_property
    def _stems_by_first(self) -> dict[str, list[str]]:
        by_first: dict[str, list[str]] = {}
        for word in sorted(self._stems):
            by_first.setdefault(word[0], []).append(word)
        return by_first


def expression_table(settings: SearchSettings) -> dict[Phrase, list[NeedRule]]:
    """Expression stems -> the needs they express (an expression may serve two needs)."""
    analysis = analysis_for(settings)
    intent = frozenset(w for word in settings.intent_words for w in words(word))
    spellings = {fold(k): tuple(words(v)) for k, v in settings.spellings.items()}
    intent_stems = frozenset(stem(w) for w in intent)
    table: dict[Phrase, list[NeedRule]] = {}
    for need in settings.needs:
        for expression in need.expressions:
            key = expression_key(expression, analysis.stop_words, intent, spellings)
            if set(key) - intent_stems and need not in table.setdefault(key, []):
                table[key].append(need)  # « je sais pas » alone would catch every « pas »
    return table


def expression_key(
    expression: str,
    stop_words: frozenset[str],
    intent: frozenset[str],
    spellings: dict[str, tuple[str, ...]],
) -> Phrase:
    """How an expression is compared: stems of its words, intent words kept."""
    expanded = [w for word in words(expression) for w in spellings.get(word, (word,))]
    return tuple(stem(w) for w in expanded if w not in stop_words or w in intent)
