"""The browse order as ranks: entries added or renamed slip in between their neighbours and
every other entry keeps its rank; when there is no room, the index is built anew."""

from __future__ import annotations

import random

import pytest

from directory.geo import Geography
from directory.search import browse_order
from directory.search.browse_order import BrowseOrder
from directory.search.document import search_document
from directory.search.runtime import SearchRuntime
from directory.search.settings import load_search_settings
from directory.snapshot import Snapshot

from .conftest import DATA_DIR
from .test_reload import answers, versions


def key(name: str, solution_id: str) -> str:
    return f"1{name}\x01{solution_id}"


def assert_consistent(order: BrowseOrder) -> None:
    ranks = [order.ranks[k] for k in order.keys]
    assert order.keys == sorted(order.keys)
    assert ranks == sorted(set(ranks))  # strictly increasing with the key
    assert order.ids == {order.ranks[k]: k.rpartition("\x01")[2] for k in order.keys}


def test_ranks_follow_the_keys_through_many_changes() -> None:
    rng = random.Random(34)
    names = [f"{rng.choice('abcdefgh')}{rng.randrange(1000):03d}" for _ in range(300)]
    current = {f"id{i}": key(name, f"id{i}") for i, name in enumerate(names)}
    order = BrowseOrder.of(current.values())
    kept = dict(order.ranks)
    for step in range(50):
        renamed = rng.sample(sorted(current), 5)
        gone = [current.pop(i) for i in renamed[:2]]  # two removed
        moved = [current.pop(i) for i in renamed[2:]]  # three renamed
        fresh = {
            i: key(f"{rng.choice('abcdefgh')}{rng.randrange(1000):03d}", i) for i in renamed[2:]
        }
        fresh[f"new{step}"] = key(f"z{step:03d}", f"new{step}")  # one added at the end
        changed = order.changed([*gone, *moved], fresh.values())
        assert changed is not None
        order = changed
        current.update(fresh)
        assert_consistent(order)
        assert set(order.keys) == set(current.values())
    # The entries never touched kept their very first rank.
    untouched = set(current.values()) & set(kept)
    assert untouched and all(order.ranks[k] == kept[k] for k in untouched)


def test_no_rank_left_between_two_neighbours_says_so() -> None:
    order: BrowseOrder | None = BrowseOrder.of([key("a", "1"), key("b", "2")])
    inserted = 0
    while order is not None:  # each new key falls just after « a », halving the room
        order = order.changed([], [key("a" + "0" * (60 - inserted), f"x{inserted}")])
        inserted += 1
    assert 30 < inserted < 50


def test_many_keys_landing_in_one_place_share_its_room() -> None:
    """A new category's thousand entries all fall between the same two neighbours (or
    before the first): one update places them all."""
    order = BrowseOrder.of([key("m", "1"), key("n", "2")])
    between = [key(f"m{i:04d}", f"b{i}") for i in range(1000)]
    before = [key(f"a{i:04d}", f"a{i}") for i in range(1000)]
    changed = order.changed([], [*between, *before])
    assert changed is not None
    assert_consistent(changed)
    assert changed.ranks[key("m", "1")] == order.ranks[key("m", "1")]
    assert changed.ranks[key("n", "2")] == order.ranks[key("n", "2")]
    assert len(changed.keys) == 2002


def test_an_update_with_no_room_in_the_order_builds_a_new_index(
    geo: Geography, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranks one apart: the renamed and added entries of version 2 cannot slip in, and the
    search engine of version 2 is built anew, answering like one built from scratch."""
    monkeypatch.setattr(browse_order, "GAP", 1)
    runtime = SearchRuntime(load_search_settings(DATA_DIR))
    v1, v2, delta = versions(geo)
    runtime.index_snapshot(v1, geo)
    engine = v1.extras["search"]
    added = v2.solutions["funiculaire-lodevois"]  # between two entries one rank apart
    assert engine.updated([search_document(added, geo, runtime.settings)]) is None
    runtime.index_snapshot(v2, geo, delta)
    scratch = Snapshot(2, None, dict(v2.solutions))
    runtime.index_snapshot(scratch, geo)
    assert answers(runtime, v2, geo) == answers(runtime, scratch, geo)
