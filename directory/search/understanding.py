"""Query understanding: between what people type and what both engines receive.

« jai pas de voiture pour aller a montpelier depuis lodeve » becomes: home Lodève, destination
Montpellier, the need « vous déplacer sans voiture » (entries that need a car set aside), and
no word left to look for. Step by step:

1. everyday and SMS spellings are read (« jai » -> « j'ai », « rdv » -> « rendez-vous ») ;
2. places are read (query_places) and taken out of the words ;
3. expressions of data/besoins.yaml become needs, compared stem by stem with the search's typo
   rules, stop words left out except the words that carry intent (« pas », « sans », « m' ») ;
4. each word left becomes a term: its stem when the catalogue knows it (« reparer » finds
   « réparation »), else the word as typed when the engines' typo and prefix rules find it, else
   split (« resatam ») or joined with the next (« blabla car »), else it is set aside and
   named back (« trucmuche » relates to no entry) ;
5. terms are ordered most telling first: needs, then the rarest words; both engines require the
   first and rank entries with more of them first, so the least telling words give way first.

Nothing here depends on the engine: the vocabulary is the embedded index's, built from the same
documents Meilisearch holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from directory.geo import Geography
from directory.search.analysis import Phrase, analysis_for, stem, words
from directory.search.model import QueryTerm
from directory.search.need_vocabulary import NeedRule
from directory.search.query_needs import NeedReader
from directory.search.query_places import PlaceMention, PlaceReader
from directory.search.settings import SearchSettings
from directory.search.synonyms import need_phrases, synonym_table
from directory.search.typos import Derivation
from directory.text import clean, fold

MAX_QUERY_CHARS = 500  # what is read of a query; the rest cannot change the answer much
MAX_TOKENS = 60
MAX_SENT_WORDS = 10  # Meilisearch ignores the words after the tenth
MIN_SPLIT_PART = 2
MIN_UNGLUED = 4  # « lhopital », « dhandicap »; not « lame » -> « l'ame »
MAX_WORD_CHARS = 40  # no index word is longer: a longer one is set aside at once
_WORD = re.compile(r"[^\W_]+")


class Lexicon(Protocol):
    """The words of the index (surface forms and stems) with their document frequency."""

    def __contains__(self, term: object) -> bool: ...
    def frequency(self, term: str) -> int: ...
    def derivations(self, word: str, budget: int, prefix: bool) -> list[Derivation]: ...


@dataclass(frozen=True)
class Token:
    word: str  # folded
    start: int  # span in the cleaned text (an expanded SMS spelling keeps its source's span)
    end: int
    typed: str


@dataclass(frozen=True)
class Understanding:
    """What a query says, for the engines and for the page (« Vous cherchez : … »)."""

    text: str  # the query as read (cleaned, cut to MAX_QUERY_CHARS)
    terms: tuple[QueryTerm, ...] = ()
    needs: tuple[NeedRule, ...] = ()
    excluded_prerequisites: tuple[str, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    ignored: tuple[str, ...] = ()  # typed words that relate to no entry
    truncated: bool = False
    spans: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # of each word read

    @property
    def nothing(self) -> bool:
        """Words were typed, and none relates to any entry."""
        return bool(self.ignored) and not self.terms and not self.needs

    @property
    def used_words(self) -> tuple[str, ...]:
        return tuple(t.typed for t in self.terms)

    def said(self, place: PlaceMention) -> str:
        """A place's words as typed: « depuis Lodève »."""
        return self.text[self.spans[place.start][0] : self.spans[place.end - 1][1]]

    def without(self, place: PlaceMention) -> str:
        """The query with a place's words taken out: the same search, without that place."""
        start, end = self.spans[place.start][0], self.spans[place.end - 1][1]
        return " ".join((self.text[:start] + self.text[end:]).split())


class QueryUnderstanding:
    """Understands queries against one catalogue's vocabulary (built with its index)."""

    def __init__(
        self, settings: SearchSettings, lexicon: Lexicon, geo: Geography | None = None
    ) -> None:
        self._settings = settings
        self._lexicon = lexicon
        self._analysis = analysis_for(settings)
        self._places = PlaceReader(geo, settings) if geo is not None else None
        self._intent = frozenset(w for word in settings.intent_words for w in words(word))
        self._spellings = {fold(k): tuple(words(v)) for k, v in settings.spellings.items()}
        self._needs = NeedReader(settings)
        # Longest first: « qu » before « q »; « lhopital » is « l'hôpital » typed without '.
        self._elisions = sorted({fold(e) for e in settings.elisions}, key=len, reverse=True)

    def understand(self, text: str, *, read_places: bool = True) -> Understanding:
        text = clean(text)
        truncated = len(text) > MAX_QUERY_CHARS
        text = text[:MAX_QUERY_CHARS]
        tokens = self._tokens(text)[:MAX_TOKENS]
        prefix = bool(tokens) and text[-1:].isalnum() and not truncated
        spans = tuple((t.start, t.end) for t in tokens)
        places = (
            tuple(self._places.read([t.word for t in tokens]))
            if read_places and self._places is not None
            else ()
        )
        taken = {i for place in places for i in range(place.start, place.end)}
        content = [
            (i, t)
            for i, t in enumerate(tokens)
            if i not in taken
            and (t.word not in self._analysis.stop_words or t.word in self._intent)
        ]
        read = self._needs.read([(i, t.word) for i, t in content])
        needs, taken_by_needs, said = read.needs, read.taken, read.said
        left = [
            (i, t)
            for i, t in content
            if (i not in taken_by_needs or i in said) and t.word not in self._analysis.stop_words
        ]
        last = len(tokens) - 1
        typed = [(i, t) for i, t in left if i not in said]
        word_terms, ignored = self._word_terms(typed, prefix_at=last if prefix else None)
        # The words of an expression only refine its need, and come right after the needs.
        refining, _ = self._word_terms(
            [(i, t) for i, t in left if i in said and i not in read.about_the_person], None
        )
        describing, _ = self._word_terms(
            [(i, t) for i, t in left if i in read.about_the_person], None
        )
        wanted = [n for n in needs if (n.fiches or n.mots) and not n.about_the_person]
        person = [n for n in needs if n.about_the_person]
        terms = _capped(
            [
                *(self._need_term(n) for n in wanted),
                *refining,
                *word_terms,
                *(self._need_term(n) for n in person),  # who the person is gives way first
                *describing,
            ]
        )
        excluded = tuple(dict.fromkeys(p.value for need in needs for p in need.ecarte))
        return Understanding(
            text=text,
            terms=tuple(terms),
            needs=tuple(needs),
            excluded_prerequisites=excluded,
            places=places,
            ignored=tuple(ignored),
            truncated=truncated,
            spans=spans,
        )

    # --- words -----------------------------------------------------------------------------

    def _meaningful(self, word: str) -> bool:
        return word not in self._analysis.stop_words or word in self._intent

    def _tokens(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        for match in _WORD.finditer(text):
            typed = match.group()
            folded = fold(typed)
            for word in self._spellings.get(folded) or self._unglued(folded):
                tokens.append(Token(word, match.start(), match.end(), typed))
        return tokens

    def _unglued(self, word: str) -> tuple[str, ...]:
        """« lhopital » -> ('l', 'hopital'), « memmener » -> ('m', 'emmener'): an elision typed
        without its apostrophe, when the rest is a word the index or the needs know."""
        if word in self._lexicon or word in self._analysis.stop_words:
            return (word,)
        for elision in self._elisions:
            rest = word[len(elision) :]
            if word.startswith(elision) and len(rest) >= MIN_UNGLUED and self._known(rest):
                return (elision, rest)
        return (word,)

    def _known(self, word: str) -> bool:
        root = stem(word)
        return word in self._lexicon or root in self._lexicon or self._needs.knows(root)

    def _word_terms(
        self, left: Sequence[tuple[int, Token]], prefix_at: int | None
    ) -> tuple[list[QueryTerm], list[str]]:
        """One term per word or synonym phrase, rarest first; the words no entry knows."""
        terms: list[tuple[int, QueryTerm]] = []
        ignored: list[str] = []
        position = 0
        while position < len(left):
            index, token = left[position]
            prefix = index == prefix_at
            size, synonyms = self._synonym_span(left, position)
            if size > 1:
                phrase = left[position : position + size]
                term = QueryTerm(
                    words=tuple(self._form(t.word, False) for _, t in phrase),
                    synonyms=synonyms,
                    prefix=phrase[-1][0] == prefix_at,
                    typed=" ".join(t.typed for _, t in phrase),
                )
                terms.append((self._rarity(term), term))
                position += size
                continue
            following = left[position + 1][1] if position + 1 < len(left) else None
            joined = self._joined(token, following)
            if joined is not None:
                terms.append((self._rarity(joined), joined))
                position += 2
                continue
            single = self._word_term(token, prefix)
            if single is None:
                ignored.append(token.typed)
            else:
                terms.append((self._rarity(single), single))
            position += 1
        complete = sorted((t for t in terms if not t[1].prefix), key=lambda rt: rt[0])
        typing = [t for t in terms if t[1].prefix]
        return [t for _, t in [*complete, *typing]], list(dict.fromkeys(ignored))

    def _word_term(self, token: Token, prefix: bool) -> QueryTerm | None:
        word = token.word
        if len(word) > MAX_WORD_CHARS:
            return None
        form = self._form(word, prefix)
        synonyms = self._synonyms.get((form,)) or self._synonyms.get((word,)) or ()
        term = QueryTerm((form,), tuple(synonyms), prefix, typed=token.typed)
        if form in self._lexicon or self._derivations(form, prefix) or synonyms:
            return term
        split = self._split(word)
        if split is not None:
            return QueryTerm((word,), (split,), prefix, typed=token.typed)
        return None

    def _form(self, word: str, prefix: bool) -> str:
        """The stem when the index has it (it finds every form of the word), else the word."""
        root = stem(word)
        if root in self._lexicon:
            return root
        return word

    def _derivations(self, word: str, prefix: bool) -> list[Derivation]:
        return self._lexicon.derivations(word, self._settings.typos.budget(word), prefix)

    def _split(self, word: str) -> Phrase | None:
        """« resatam » -> ('resa', 'tam'): two words of the index, the most frequent pair."""
        best: tuple[int, Phrase] | None = None
        for cut in range(MIN_SPLIT_PART, len(word) - MIN_SPLIT_PART + 1):
            head, tail = word[:cut], word[cut:]
            if head in self._lexicon and tail in self._lexicon:
                score = min(self._lexicon.frequency(head), self._lexicon.frequency(tail))
                if best is None or score > best[0]:
                    best = (score, (head, tail))
        return best[1] if best else None

    def _joined(self, token: Token, following: Token | None) -> QueryTerm | None:
        """« blabla car » -> 'blablacar' when the index has the joined word."""
        if following is None:
            return None
        joined = token.word + following.word
        if joined not in self._lexicon:
            return None
        return QueryTerm(
            words=(self._form(token.word, False), self._form(following.word, False)),
            synonyms=((joined,),),
            typed=f"{token.typed} {following.typed}",
        )

    def _rarity(self, term: QueryTerm) -> int:
        """How many entries the term's main word is in: fewer tells more."""
        frequencies = [self._lexicon.frequency(w) for w in term.words] or [0]
        known = [f for f in frequencies if f] or [1_000_000]
        return min(known)

    # --- synonyms --------------------------------------------------------------------------

    @cached_property
    def _synonyms(self) -> dict[Phrase, tuple[Phrase, ...]]:
        return synonym_table(self._settings)

    @cached_property
    def _longest_synonym(self) -> int:
        return max((len(key) for key in self._synonyms), default=1)

    def _synonym_span(
        self, left: Sequence[tuple[int, Token]], start: int
    ) -> tuple[int, tuple[Phrase, ...]]:
        """The longest phrase starting here that has synonyms (its stems or its words)."""
        for size in range(min(self._longest_synonym, len(left) - start), 1, -1):
            plain = tuple(t.word for _, t in left[start : start + size])
            found = self._synonyms.get(tuple(stem(w) for w in plain)) or self._synonyms.get(plain)
            if found:
                return size, found
        return 1, ()

    # --- needs -----------------------------------------------------------------------------

    def _need_term(self, need: NeedRule) -> QueryTerm:
        return QueryTerm(
            words=(),
            synonyms=need_phrases(need, self._settings),
            need=need.token,
            typed=need.libelle,
        )


def _capped(terms: Iterable[QueryTerm]) -> list[QueryTerm]:
    """At most MAX_SENT_WORDS words sent: the least telling terms go first."""
    kept: list[QueryTerm] = []
    count = 0
    for term in terms:
        size = len(term.sent)
        if count + size > MAX_SENT_WORDS:
            break
        kept.append(term)
        count += size
    return kept
