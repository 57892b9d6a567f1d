"""Opening hours in plain French, and whether they cover early, late or weekend trips."""

from __future__ import annotations

import pytest

from directory.hours import Slot, describe_hours, serves


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (
            "Mo-Fr 08:30-18:30; Sa 08:30-12:30",
            ["du lundi au vendredi de 8 h 30 à 18 h 30", "le samedi de 8 h 30 à 12 h 30"],
        ),
        ("Mo-Su 07:00-01:00", ["tous les jours de 7 h à 1 h"]),
        ("24/7", ["tous les jours, 24 heures sur 24"]),
        (
            "Mo,We,Fr 09:00-12:00,14:00-17:00",
            [
                "le lundi de 9 h à 12 h et de 14 h à 17 h",
                "le mercredi de 9 h à 12 h et de 14 h à 17 h",
                "le vendredi de 9 h à 12 h et de 14 h à 17 h",
            ],
        ),
        ("Mo-Sa 08:00-19:00; PH off", ["du lundi au samedi de 8 h à 19 h"]),
        ("Jul-Aug Mo-Sa 09:00-12:00", ["Jul-Aug Mo-Sa 09:00-12:00"]),
    ],
)
def test_hours_in_words(expression: str, expected: list[str]) -> None:
    assert describe_hours(expression) == expected


@pytest.mark.parametrize(
    ("expression", "slot", "expected"),
    [
        ("Mo-Fr 08:30-18:30; Sa 08:30-12:30", Slot.WEEKEND, True),
        ("Mo-Fr 08:30-18:30", Slot.WEEKEND, False),
        ("Mo-Fr 08:30-18:30", Slot.EARLY, False),
        ("Mo-Fr 05:30-09:00", Slot.EARLY, True),
        ("Mo-Su 07:00-01:00", Slot.LATE, True),
        ("Mo-Fr 08:00-21:00", Slot.LATE, False),
        ("24/7", Slot.EARLY, True),
        ("Jul-Aug Mo-Sa 09:00-12:00", Slot.WEEKEND, None),
    ],
)
def test_hours_against_a_timing_need(expression: str, slot: Slot, expected: bool | None) -> None:
    assert serves(expression, slot) is expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Mo-Su 00:00-24:00", ["tous les jours, 24 heures sur 24"]),
        ("Mo-Fr 00:00-24:00", ["du lundi au vendredi 24 heures sur 24"]),
        ("Fr 20:00-24:00", ["le vendredi de 20 h à minuit"]),
        ("Sa 22:00-02:00", ["le samedi de 22 h à 2 h"]),
        ("Su 22:00-02:00", ["le dimanche de 22 h à 2 h"]),
    ],
)
def test_hours_around_midnight_in_words(expression: str, expected: list[str]) -> None:
    assert describe_hours(expression) == expected


@pytest.mark.parametrize(
    ("expression", "slot", "expected"),
    [
        ("Mo-Su 00:00-24:00", Slot.EARLY, True),
        ("Mo-Su 00:00-24:00", Slot.LATE, True),
        ("Mo-Su 00:00-24:00", Slot.WEEKEND, True),
        ("Mo-Fr 00:00-24:00", Slot.WEEKEND, False),
        ("Fr 20:00-24:00", Slot.LATE, True),
        ("Su 22:00-02:00", Slot.EARLY, True),
    ],
)
def test_round_the_clock_hours_serve_every_slot(
    expression: str, slot: Slot, expected: bool
) -> None:
    assert serves(expression, slot) is expected
