"""Browsing around a commune: results that cover it most locally come first.

A commune's filter keys (geo.commune_keys) go from the most local (the commune itself) to the
widest (France). Bucket k holds the entries whose zone has key k but none of the more local
keys; buckets are shown in order, each sorted in the usual browse order.
"""

from __future__ import annotations

from collections.abc import Sequence


def bucket_keys(commune_keys: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """(key the zone must have, more local keys it must not have), most local first."""
    return [(key, tuple(commune_keys[:rank])) for rank, key in enumerate(commune_keys)]


def page_plan(counts: Sequence[int], offset: int, limit: int) -> list[tuple[int, int, int]]:
    """Which slices of which buckets make up the page: (bucket, offset in it, how many)."""
    plan: list[tuple[int, int, int]] = []
    for bucket, count in enumerate(counts):
        if limit <= 0:
            break
        if offset >= count:
            offset -= count
            continue
        taken = min(limit, count - offset)
        plan.append((bucket, offset, taken))
        offset, limit = 0, limit - taken
    return plan
