"""Unicode clean-up shared by search documents and queries, before any engine sees the text."""

from __future__ import annotations

import re
import unicodedata

# Control and format characters (NUL, zero-width joiners, bidi marks…) carry no word.
_INVISIBLE = re.compile(
    r"[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
# Lone surrogates cannot be encoded; they only come from broken input.
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean(text: str) -> str:
    """Compose accents (NFKC: 'e' + U+0301 -> 'é', 'ﬁ' -> 'fi') and drop invisible characters."""
    text = _SURROGATES.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    return _INVISIBLE.sub(" ", text)


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for sort keys ('Œuvre' -> 'oeuvre')."""
    text = clean(text).replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
