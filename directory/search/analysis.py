"""Text analysis shared by indexing and querying: the French analyzer and query parsing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from directory.search.settings import SearchSettings
from directory.text import clean

ANALYZER = "fr"
MAX_QUERY_WORDS = 10  # Meilisearch ignores the words after the tenth
MAX_TOKEN_BYTES = 40  # longer "words" are noise (URLs, pasted hashes)

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class QueryTerm:
    """One unit of a query: a word, or a phrase that has synonyms ('vélo électrique')."""

    words: Phrase
    synonyms: tuple[Phrase, ...] = ()
    prefix: bool = False  # the last word is still being typed


def build_analyzer(
    settings: SearchSettings, *, stop_words: bool = True, drop_long: bool = True
) -> TextAnalyzer:
    """Split on anything but letters and digits (hyphens, ' and ’), lowercase, fold accents."""
    builder = TextAnalyzerBuilder(Tokenizer.simple())
    if drop_long:
        builder = builder.filter(Filter.remove_long(MAX_TOKEN_BYTES))
    builder = builder.filter(Filter.lowercase()).filter(Filter.ascii_fold())
    if stop_words:
        plain = build_analyzer(settings, stop_words=False)
        folded = sorted({t for word in settings.all_stop_words for t in plain.analyze(word)})
        builder = builder.filter(Filter.custom_stopword(folded))
    return builder.build()


class QueryParser:
    """Turns what a person typed into query terms, with the analyzer the index uses."""

    def __init__(self, settings: SearchSettings) -> None:
        # A very long typed word is kept: it matches nothing, rather than vanish into "browse all".
        self._analyzer = build_analyzer(settings, drop_long=False)
        self._plain = build_analyzer(settings, stop_words=False, drop_long=False)
        self._synonyms = self._analyse_synonyms(settings.synonym_map())
        self._longest = max((len(key) for key in self._synonyms), default=1)

    def analyse(self, text: str) -> Phrase:
        """The indexed words of a text (what a document field or a synonym becomes)."""
        return tuple(self._analyzer.analyze(clean(text)))

    def parse(self, text: str) -> list[QueryTerm]:
        """Query terms, at most ten words; the last word is a prefix unless a space follows it."""
        text = clean(text)
        words = list(self._analyzer.pre_tokenize(text).tokens)
        typed = self._plain.pre_tokenize(text).tokens
        prefix = bool(typed) and text[-1:].isalnum()
        if prefix and (not words or words[-1].position != typed[-1].position):
            words.append(typed[-1])  # a stop word being typed may be the start of a word ("de")
        tokens = [token.text for token in words][:MAX_QUERY_WORDS]
        prefix = prefix and len(words) <= MAX_QUERY_WORDS
        return self._group(tokens, prefix)

    def _group(self, tokens: list[str], prefix: bool) -> list[QueryTerm]:
        terms: list[QueryTerm] = []
        start = 0
        while start < len(tokens):
            size = self._synonym_span(tokens, start)
            phrase = tuple(tokens[start : start + size])
            last = start + size == len(tokens)
            terms.append(QueryTerm(phrase, tuple(self._synonyms.get(phrase, ())), prefix and last))
            start += size
        return terms

    def _synonym_span(self, tokens: list[str], start: int) -> int:
        """Length of the longest phrase starting here that has synonyms (1 if none)."""
        for size in range(min(self._longest, len(tokens) - start), 1, -1):
            if tuple(tokens[start : start + size]) in self._synonyms:
                return size
        return 1

    def _analyse_synonyms(self, synonyms: Mapping[str, list[str]]) -> dict[Phrase, list[Phrase]]:
        analysed: dict[Phrase, list[Phrase]] = {}
        for source, targets in synonyms.items():
            key = self.analyse(source)
            if not key:
                continue
            found = analysed.setdefault(key, [])
            for target in targets:
                phrase = self.analyse(target)
                if phrase and phrase != key and phrase not in found:
                    found.append(phrase)
        return analysed
