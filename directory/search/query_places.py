"""Places in what people type: « bus depuis Lodève », « car pour beziers », « tad lodeve ».

A commune name read in a query becomes where the person lives (« depuis X », « de X », a
name on its own) or where they go (« à X », « vers X », « pour X »; and « de X » beside a
clear « depuis Y »: « l'hôpital de Clermont depuis Lodève », see plan._places_said).
Names are compared folded, with « st » read « saint », a well-known short form (« Clermont »
for Clermont-l'Hérault, the most populated one when several start alike), and after a
preposition with the search's typo rules (« a montpelier »). On its own, a name must be an
exact Hérault commune and not one of the names that are also everyday words
(`lieux.jamais_seuls` in data/recherche.yaml: « celles », « quarante »…). After a
preposition, a large commune elsewhere counts too (« vers Millau »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.geo import Commune, Geography, normalize_name
from directory.search.settings import SearchSettings

HOME_DEPARTEMENT = "34"
MAX_NAME_WORDS = 6  # « saint guilhem le desert », « la salvetat sur agout »
# A commune elsewhere is read only if it is a town this large (« vers Millau », « à Nîmes »):
# smaller ones are too often words (« à l'hôpital » is not L'Hôpital, in Moselle).
OUTSIDE_MIN_POPULATION = 20_000
SHORT_FORM_MIN_LETTERS = 5  # « clermont », « lamalou »: not « la », « saint »
# « de X » may say where one comes from (« bus de Lodève ») or what a place belongs to
# (« l'hôpital de Clermont »): beside a clear « depuis Y », it is where the person goes.
OF_OR_FROM = frozenset({("de",), ("du",), ("d",)})


class Role(StrEnum):
    HOME = "commune"  # where the person lives, or leaves from
    DESTINATION = "destination"
    UNSAID = "lieu"  # a name on its own: home, unless home is already known


@dataclass(frozen=True)
class PlaceMention:
    commune: Commune
    role: Role
    start: int  # first token (preposition included) and end (excluded) in the query's words
    end: int
    typed: str  # the words as typed, folded: « depuis lodeve »
    of_or_from: bool = False  # read as home after a mere « de »: see OF_OR_FROM


@dataclass(frozen=True)
class _Prepositions:
    home: frozenset[tuple[str, ...]]
    destination: frozenset[tuple[str, ...]]
    longest: int


class PlaceReader:
    """Finds commune names in the folded words of a query."""

    def __init__(self, geo: Geography, settings: SearchSettings) -> None:
        self._geo = geo
        places = settings.places
        self._never_alone = frozenset(normalize_name(n) for n in places.never_alone)
        home = frozenset(tuple(normalize_name(p).split()) for p in places.home)
        destination = frozenset(tuple(normalize_name(p).split()) for p in places.destination)
        longest = max((len(p) for p in home | destination), default=1)
        self._prepositions = _Prepositions(home, destination, longest)
        self._typos = settings.typos

    def read(self, words: Sequence[str]) -> list[PlaceMention]:
        """Places named in the words, left to right, none overlapping."""
        names = [normalize_name(w) or w for w in words]
        found: list[PlaceMention] = []
        position = 0
        while position < len(names):
            mention = self._at(names, position)
            if mention is None:
                position += 1
                continue
            found.append(mention)
            position = mention.end
        return found

    def _at(self, names: list[str], start: int) -> PlaceMention | None:
        for size in range(min(self._prepositions.longest, len(names) - start), 0, -1):
            preposition = tuple(names[start : start + size])
            role = self._role_of(preposition)
            if role is None:
                continue
            named = self._name_after(names, start + size, typos=True)
            if named is not None:
                commune, end = named
                typed = " ".join(names[start:end])
                return PlaceMention(
                    commune, role, start, end, typed, of_or_from=preposition in OF_OR_FROM
                )
        named = self._name_after(names, start, typos=False)
        if named is None:
            return None
        commune, end = named
        return PlaceMention(commune, Role.UNSAID, start, end, " ".join(names[start:end]))

    def _role_of(self, preposition: tuple[str, ...]) -> Role | None:
        if preposition in self._prepositions.home:
            return Role.HOME
        if preposition in self._prepositions.destination:
            return Role.DESTINATION
        return None

    def _name_after(self, names: list[str], start: int, typos: bool) -> tuple[Commune, int] | None:
        """The longest commune name starting at `start`, and where it ends."""
        for size in range(min(MAX_NAME_WORDS, len(names) - start), 0, -1):
            key = " ".join(names[start : start + size])
            commune = self._commune(key, after_preposition=typos)
            if commune is not None:
                return commune, start + size
        if typos and start < len(names):
            commune = self._close_spelling(names[start])
            if commune is not None:
                return commune, start + 1
        return None

    def _commune(self, key: str, after_preposition: bool) -> Commune | None:
        home = self._home_names.get(key)
        short = self._short_forms.get(key)
        if not after_preposition and (key in self._never_alone or _article_led(key, short)):
            return None  # « celles », « la grande »: read as a place only after a preposition
        if home or short:
            return home or short
        if after_preposition:
            elsewhere = [
                c for c in self._geo.find_communes(key) if c.population >= OUTSIDE_MIN_POPULATION
            ]
            return elsewhere[0] if elsewhere else None
        return None

    def _close_spelling(self, word: str) -> Commune | None:
        """A one-word Hérault name within the search's typo budget (first letter kept)."""
        budget = self._typos.budget(word)
        if not budget:
            return None
        candidates = self._one_word_names.get(word[0], [])
        best = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=budget)
        if best is None:
            return None
        return self._home_names.get(best[0]) or self._short_forms.get(best[0])

    # --- name tables, built once per reader ---------------------------------------------

    @cached_property
    def _home_names(self) -> dict[str, Commune]:
        """Folded name -> the most populated Hérault commune of that name."""
        names: dict[str, Commune] = {}
        for commune in self._home_communes:
            names.setdefault(normalize_name(commune.nom), commune)
        return names

    @cached_property
    def _short_forms(self) -> dict[str, Commune]:
        """« clermont » -> Clermont-l'Hérault: the first word(s) of a longer Hérault name."""
        forms: dict[str, Commune] = {}
        for commune in self._home_communes:
            parts = normalize_name(commune.nom).split()
            for size in range(1, len(parts)):
                form = " ".join(parts[:size])
                saint = parts[0] in {"saint", "sainte"}
                long_enough = len(form.replace(" ", "")) >= SHORT_FORM_MIN_LETTERS
                if (saint and size >= 2) or (not saint and long_enough):
                    forms.setdefault(form, commune)
        return {form: c for form, c in forms.items() if form not in self._home_names}

    @cached_property
    def _one_word_names(self) -> dict[str, list[str]]:
        by_first: dict[str, list[str]] = {}
        for name in [*self._home_names, *self._short_forms]:
            if " " not in name and name not in self._never_alone:
                by_first.setdefault(name[0], []).append(name)
        return by_first

    @cached_property
    def _home_communes(self) -> list[Commune]:
        return sorted(
            (c for c in self._geo.communes.values() if c.departement == HOME_DEPARTEMENT),
            key=lambda c: (-c.population, c.code),
        )


def _article_led(key: str, short: Commune | None) -> bool:
    """« la grande », « les matelles »: a short form of several words not led by « saint »."""
    return short is not None and " " in key and not key.startswith("saint")
