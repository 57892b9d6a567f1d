"""Unicode clean-up and folding: search text, place names and sort keys, before any comparison."""

from __future__ import annotations

import re
import unicodedata

# Control and format characters (NUL, zero-width joiners, bidi marks…) carry no word.
_INVISIBLE = re.compile(
    r"[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
# Characters that change how text is shown without showing themselves: bidirectional controls
# (a right-to-left override displays "Garage" as "egaraG", or hides a part of a name) and
# zero-width ones (two names that look the same are not).
_HIDDEN = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Lone surrogates cannot be encoded; they only come from broken input.
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_COMBINING_MARKS = re.compile(
    r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def clean(text: str) -> str:
    """Compose accents (NFKC: 'e' + U+0301 -> 'é', 'ﬁ' -> 'fi') and drop invisible characters."""
    if text.isprintable() and unicodedata.is_normalized("NFKC", text):
        return text  # the usual case, checked in C
    text = _SURROGATES.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return _INVISIBLE.sub(" ", text)


def hidden_characters(text: str) -> list[str]:
    """The bidirectional controls and zero-width characters of `text`, as « U+202E »."""
    return sorted({f"U+{ord(char):04X}" for char in _HIDDEN.findall(text)})


def without_hidden_characters(text: str) -> str:
    return _HIDDEN.sub("", text)


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for sort keys and look-ups ('Œuvre' -> 'oeuvre')."""
    if text.isascii() and text.isprintable():
        return text.casefold().strip()  # the usual case: nothing to clean or decompose
    decomposed = unicodedata.normalize("NFKD", clean(text).translate(_LIGATURES))
    return _COMBINING_MARKS.sub("", decomposed).casefold().strip()


def site_name(url: str | None) -> str:
    """« https://www.gefosat.org/ » -> « gefosat.org »: a site as people read it on paper."""
    if not url:
        return ""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")
