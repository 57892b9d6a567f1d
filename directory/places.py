"""Communes as people type them: a name, a postal code or an INSEE code, Hérault first.

`resolve_commune` gives one commune or raises `PlaceError` with the candidates to offer
(homonyms, communes sharing a postal code, close spellings). `commune_value` is the form an
advisor can read and the resolver reads back without ambiguity: « Lodève (34700) ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from directory.geo import Commune, Geography, normalize_name

HOME_DEPARTEMENT = "34"
MAX_CANDIDATES = 8
_CODE = r"\d[\dAB]\d{3}"
_WITH_CODE = (
    re.compile(rf"^(?P<name>.+?)\s*\((?P<code>{_CODE})\)$", re.IGNORECASE),
    re.compile(rf"^(?P<code>{_CODE})\s+(?P<name>\D.*)$", re.IGNORECASE),
    re.compile(rf"^(?P<name>\D.*?)\s+(?P<code>{_CODE})$", re.IGNORECASE),
)


@dataclass(frozen=True)
class PlaceError(Exception):
    """The text names no commune, or several: `candidates` are the likely ones."""

    text: str
    candidates: tuple[Commune, ...]
    ambiguous: bool

    def sentence(self) -> str:
        """What went wrong, to follow the field's name: « « commune » correspond à … »."""
        if self.ambiguous:
            return f"correspond à plusieurs communes (« {self.text} ») : précisez laquelle"
        if self.candidates:
            return (
                f"ne correspond à aucune commune (« {self.text} ») : "
                "vouliez-vous dire l'une de celles-ci ?"
            )
        return (
            f"ne correspond à aucune commune (« {self.text} ») : tapez le nom de la commune, "
            "son code postal ou son code INSEE"
        )


def commune_value(commune: Commune) -> str:
    """« Lodève (34700) »: readable, and read back as exactly this commune."""
    postcode = commune.codes_postaux[0] if commune.codes_postaux else commune.code
    return f"{commune.nom} ({postcode})"


def commune_label(commune: Commune, geo: Geography) -> str:
    """« Lodève (34700, Hérault) », to tell homonyms apart in a list."""
    departement = geo.departements.get(commune.departement, (commune.departement, ""))[0]
    postcode = commune.codes_postaux[0] if commune.codes_postaux else commune.code
    return f"{commune.nom} ({postcode}, {departement})"


def _home_first(communes: list[Commune]) -> list[Commune]:
    """Hérault communes first, each part keeping its order (most populated first)."""
    return sorted(communes, key=lambda c: c.departement != HOME_DEPARTEMENT)


def resolve_commune(text: str, geo: Geography) -> Commune:
    """The one commune the text names; Hérault wins over homonyms elsewhere."""
    text = " ".join(text.split())
    for pattern in _WITH_CODE:
        match = pattern.match(text)
        if match:
            code = match["code"].upper()
            named = [
                c
                for c in geo.find_communes(match["name"])
                if code == c.code or code in c.codes_postaux
            ]
            if len(named) == 1:
                return named[0]
            break
    found = geo.find_communes(text)
    if re.fullmatch(_CODE, text, flags=re.IGNORECASE):
        if len(found) == 1:
            return found[0]
        if found:
            raise PlaceError(text, tuple(_home_first(found)[:MAX_CANDIDATES]), ambiguous=True)
        raise PlaceError(text, (), ambiguous=False)
    home = [c for c in found if c.departement == HOME_DEPARTEMENT]
    if len(home) == 1:
        return home[0]
    if not home:
        # « St Pons » names communes elsewhere, but the advisor likely means one of ours.
        home = [
            c for c in geo.suggest_communes(text, limit=50) if c.departement == HOME_DEPARTEMENT
        ]
        if not home and len(found) == 1:
            return found[0]
    candidates = _home_first(list(dict.fromkeys([*home, *found])))
    if candidates and found:
        raise PlaceError(text, tuple(candidates[:MAX_CANDIDATES]), ambiguous=True)
    raise PlaceError(text, tuple(suggest(text, geo)), ambiguous=False)


def suggest(text: str, geo: Geography, limit: int = MAX_CANDIDATES) -> list[Commune]:
    """Communes an advisor may mean: names starting with the text, then close spellings."""
    started = _home_first(geo.suggest_communes(text, limit=200))[:limit]
    if started or normalize_name(text).isdigit():
        return started
    return _close_spellings(text, geo, limit)


def _close_spellings(text: str, geo: Geography, limit: int) -> list[Commune]:
    key = normalize_name(text)
    if len(key) < 3:
        return []
    for names in (_names(geo, HOME_DEPARTEMENT), _names(geo, None)):
        found = process.extract(
            key, list(names), scorer=fuzz.ratio, limit=limit, score_cutoff=80, processor=None
        )
        if found:
            codes = [code for name, _score, _i in found for code in names[name]]
            return [geo.communes[code] for code in codes][:limit]
    return []


def _names(geo: Geography, departement: str | None) -> dict[str, list[str]]:
    """Normalized name -> commune codes, optionally for one département.

    Kept on the geography object itself: it lives as long as the process (load_geography is
    cached) and is read-only once built.
    """
    cache: dict[str | None, dict[str, list[str]]] = geo.__dict__.setdefault("_matching_names", {})
    if departement not in cache:
        names: dict[str, list[str]] = {}
        for commune in sorted(geo.communes.values(), key=lambda c: -c.population):
            if departement is None or commune.departement == departement:
                names.setdefault(normalize_name(commune.nom), []).append(commune.code)
        cache[departement] = names
    return cache[departement]
