"""French wording helpers: the exact words pages, the desk and the sheet print."""

from __future__ import annotations

from datetime import date

from directory.french import date_fr, join_fr, plural


def test_dates_are_written_out_with_the_first_of_the_month_as_1er() -> None:
    assert date_fr(date(2025, 9, 11)) == "11 septembre 2025"
    assert date_fr(date(2026, 2, 1)) == "1er février 2026"
    assert date_fr(None) == ""


def test_zero_and_one_are_singular() -> None:
    assert plural(0, "solution") == "0 solution"
    assert plural(1, "solution") == "1 solution"
    assert plural(3, "solution adaptée", "solutions adaptées") == "3 solutions adaptées"


def test_lists_end_with_et_or_the_given_conjunction_and_skip_blanks() -> None:
    assert join_fr(["a", "b", "c"]) == "a, b et c"
    assert join_fr(["a", "", "b"]) == "a et b"
    assert join_fr(["a"]) == "a"
    assert join_fr([]) == ""
    assert join_fr(["aux jeunes", "aux séniors"], "ou") == "aux jeunes ou aux séniors"
