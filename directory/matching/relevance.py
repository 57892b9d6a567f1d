"""The hook through which the search layer tells how close each solution is to a need in words.

A `TextRelevance` takes the free-text need and the ids of the solutions still in play, and
returns a relevance between 0 and 1 for those it finds relevant (absent: 0). The matching
never searches by itself: by default there is no text relevance at all.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol


class TextRelevance(Protocol):
    def __call__(self, text: str, ids: Collection[str]) -> Mapping[str, float]: ...


def no_text_relevance(text: str, ids: Collection[str]) -> Mapping[str, float]:
    """The default: the free-text need does not change the order."""
    return {}
