"""The take-away sheet's reference: short, random, meaningless, quoted by phone at follow-up."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L, U: nothing to confuse when read out or typed (30 symbols, about 39 bits).
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
PATTERN = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str | None:
    """« abcd-2345 », « ABCD 2345 » -> « ABCD2345 »; None when it cannot be a reference."""
    compact = re.sub(r"[\s\-.]", "", text or "").upper()[: LENGTH + 1]
    return compact if PATTERN.match(compact) else None


def display(reference: str) -> str:
    """Two groups of four, easier to read out."""
    return f"{reference[:4]}-{reference[4:]}"
