"""Text analysis shared by indexing and querying, in both engines: words, stems, stop words.

Documents and queries go through the same steps: Unicode clean-up, case and accent folding,
splitting on anything but letters and digits (hyphens, ' and ’), stop words and elided forms
dropped, then the Snowball French stemmer (PyStemmer) on the folded word. Meilisearch does not
stem: each document carries the stems of its text (`nom_racines`, `racines`) and queries send
stems, so both engines find « réparer » in « réparation » the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import Stemmer
from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from directory.text import clean, fold

if TYPE_CHECKING:  # settings import the document, which analyses its text
    from directory.search.settings import SearchSettings

ANALYZER = "fr"
MAX_TOKEN_BYTES = 40  # longer "words" are noise (URLs, pasted hashes)
_WORD = re.compile(r"[^\W_]+")
_STEMMER = Stemmer.Stemmer("french")
_STEM_CACHE = 200_000
_TEXT_CACHE = 50_000
PLURAL_AFTER_O = 4  # « vélos », « motos », « autos »; not « dos », « nos »

Phrase = tuple[str, ...]


def words(text: str) -> list[str]:
    """The folded words of a text, stop words included: « L’Hôpital » -> ['l', 'hopital']."""
    return _WORD.findall(fold(clean(text)))


@lru_cache(maxsize=_STEM_CACHE)
def stem(word: str) -> str:
    """The Snowball French stem of a folded word: 'reparation' and 'reparer' -> 'repar'.

    Snowball keeps the plural s after o (it protects « gros », « dos »): « vélos » would never
    meet « vélo ». That s goes first, on documents and queries alike."""
    if len(word) > PLURAL_AFTER_O and word.endswith("os"):
        word = word[:-1]
    return str(_STEMMER.stemWord(word))


def build_analyzer(
    settings: SearchSettings, *, stop_words: bool = True, drop_long: bool = True
) -> TextAnalyzer:
    """tantivy's side of the same rules, for the surface words of the embedded index."""
    builder = TextAnalyzerBuilder(Tokenizer.simple())
    if drop_long:
        builder = builder.filter(Filter.remove_long(MAX_TOKEN_BYTES))
    builder = builder.filter(Filter.lowercase()).filter(Filter.ascii_fold())
    if stop_words:
        builder = builder.filter(Filter.custom_stopword(sorted(folded_stop_words(settings))))
    return builder.build()


def folded_stop_words(settings: SearchSettings) -> frozenset[str]:
    """Stop words and elided forms as the analysis sees them ('où' -> 'ou')."""
    return frozenset(w for word in settings.all_stop_words for w in words(word))


class Analysis:
    """The words and stems of a text, with the stop words of data/recherche.yaml."""

    def __init__(self, settings: SearchSettings) -> None:
        self.stop_words = folded_stop_words(settings)
        self._cache: dict[str, tuple[str, ...]] = {}

    def content_words(self, text: str) -> list[str]:
        """Folded words without stop words, as the index holds them."""
        return [w for w in words(text) if w not in self.stop_words and _short(w)]

    def stems(self, texts: Iterable[str]) -> str:
        """The stems of the texts' words that differ from the words themselves, once each.

        Indexed next to the words: an unchanged word needs no second copy, and its stem is
        already in the text ('bus' stays 'bus')."""
        found: dict[str, None] = {}
        for text in texts:
            found.update(dict.fromkeys(self._stems_of(text)))
        return " ".join(found)

    def _stems_of(self, text: str) -> tuple[str, ...]:
        """The differing stems of one text; labels and names repeat from entry to entry."""
        known = self._cache.get(text)
        if known is None:
            if len(self._cache) >= _TEXT_CACHE:
                self._cache.clear()
            stop_words = self.stop_words
            known = self._cache[text] = tuple(
                dict.fromkeys(
                    root
                    for word in words(text)
                    if word not in stop_words and len(word) <= MAX_TOKEN_BYTES
                    for root in (stem(word),)
                    if root != word
                )
            )
        return known

    def phrase(self, text: str) -> Phrase:
        """The stems of a phrase's content words: how synonyms and expressions are compared."""
        return tuple(stem(w) for w in self.content_words(text))


_ANALYSES: dict[int, tuple[SearchSettings, Analysis]] = {}


def analysis_for(settings: SearchSettings) -> Analysis:
    """The Analysis of these settings, built once (settings live as long as the process)."""
    known = _ANALYSES.get(id(settings))
    if known is None or known[0] is not settings:
        if len(_ANALYSES) > 16:
            _ANALYSES.clear()
        known = _ANALYSES[id(settings)] = (settings, Analysis(settings))
    return known[1]


def _short(word: str) -> bool:
    return len(word.encode()) <= MAX_TOKEN_BYTES
