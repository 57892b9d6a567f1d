"""French wording helpers: dates, plurals and lists « a, b et c », for pages and domain text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def date_fr(value: date | None) -> str:
    """2025-09-11 -> « 11 septembre 2025 »."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"


def month_fr(value: date) -> str:
    """2023-08-15 -> « août 2023 »."""
    return f"{_MONTHS[value.month - 1]} {value.year}"


def of_fr(words: str) -> str:
    """« de » before `words`, elided before a vowel: « d'août 2023 », « de mars 2023 »."""
    return f"d'{words}" if words[:1].lower() in "aeéèêiîoôuh" else f"de {words}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """plural(3, 'solution') -> '3 solutions'; French: 0 and 1 are singular."""
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def join_fr(items: Sequence[str], conjunction: str = "et") -> str:
    """['a', 'b', 'c'] -> 'a, b et c'; join_fr(['a', 'b'], 'ou') -> 'a ou b'. Blanks dropped."""
    kept = [i for i in items if i]
    if len(kept) <= 1:
        return "".join(kept)
    return ", ".join(kept[:-1]) + f" {conjunction} " + kept[-1]


def in_sentence(label: str) -> str:
    """A label inside a sentence: « Bénéficiaire du RSA » -> « bénéficiaire du RSA »; an
    acronym that starts it stays as it is (« RSA… »)."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]
