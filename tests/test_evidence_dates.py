"""Two dates used honestly: the date the evidence carries decides how old the information is;
the day someone read it never makes an old or undated page look fresh."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from directory.catalogue.loader import load_catalogue
from directory.catalogue.problems import Problem, Severity
from directory.evidence import EvidenceAge, evidence_age, evidence_sentence, is_outdated
from directory.geo import Geography

from .conftest import FIXTURES

TODAY = date(2026, 11, 25)


def checked(tmp_path: Path, geo: Geography, **fields: Any) -> list[Problem]:
    """The problems `directory check` reports for the fixture entry with these fields."""
    data = yaml.safe_load((FIXTURES / "valid" / "transport-test-lodeve.yaml").read_text("utf-8"))
    (tmp_path / "essai.yaml").write_text(
        yaml.safe_dump(data | fields, allow_unicode=True), encoding="utf-8"
    )
    return load_catalogue(tmp_path, geo, today=TODAY).problems


def on(problems: list[Problem], field: str) -> list[Problem]:
    return [p for p in problems if p.field == field]


def test_recent_evidence_read_recently_raises_nothing(tmp_path: Path, geo: Geography) -> None:
    assert checked(tmp_path, geo, date_source="2026-09", verifie_le="2026-11-20") == []


def test_old_evidence_read_yesterday_is_still_old(tmp_path: Path, geo: Geography) -> None:
    problems = checked(tmp_path, geo, date_source="2019", verifie_le="2026-11-24")
    [warning] = on(problems, "date_source")
    assert warning.severity is Severity.WARNING and warning.topic == "source ancienne"
    assert warning.message.startswith(
        "information de 2019 (au moins 6 ans), vérifiée le 24/11/2026"
    )
    assert "faites-la confirmer par l'opérateur" in warning.message
    assert on(problems, "verifie_le") == []  # the reading itself is recent


def test_an_undated_page_is_never_called_recent(tmp_path: Path, geo: Geography) -> None:
    [warning] = checked(tmp_path, geo, date_source="inconnue", verifie_le="2026-11-24")
    assert warning.field == "date_source" and warning.topic == "source non datée"
    assert warning.message.startswith("source non datée (consultée le 24/11/2026)")


def test_a_reading_older_than_the_limit_asks_to_read_again(tmp_path: Path, geo: Geography) -> None:
    problems = checked(tmp_path, geo, date_source="2024-01-15", verifie_le="2024-01-15")
    [reading] = on(problems, "verifie_le")
    assert reading.topic == "lecture ancienne"
    assert "il y a 34 mois (15/01/2024)" in reading.message
    [evidence] = on(problems, "date_source")
    assert evidence.message.startswith("information du 15 janvier 2024 (au moins 2 ans)")
    assert all(p.severity is Severity.WARNING for p in problems)


@pytest.mark.parametrize(
    ("date_source", "verifie_le", "words"),
    [
        ("2026-12", "2026-11-20", "date de la source dans le futur"),
        ("2026-11-22", "2026-11-20", "postérieure au jour où vous l'avez lue (20/11/2026)"),
    ],
)
def test_impossible_dates_are_errors(
    tmp_path: Path, geo: Geography, date_source: str, verifie_le: str, words: str
) -> None:
    [error] = on(
        checked(tmp_path, geo, date_source=date_source, verifie_le=verifie_le), "date_source"
    )
    assert error.severity is Severity.ERROR and words in error.message


def test_evidence_of_this_month_read_earlier_this_month_is_fine(
    tmp_path: Path, geo: Geography
) -> None:
    assert checked(tmp_path, geo, date_source="2026-11", verifie_le="2026-11-03") == []


@pytest.mark.parametrize(
    ("date_source", "sentence"),
    [
        ("2023", "Information de 2023, vérifiée le 25 novembre 2026"),
        ("2023-08", "Information d'août 2023, vérifiée le 25 novembre 2026"),
        ("2024-03", "Information de mars 2024, vérifiée le 25 novembre 2026"),
        ("2023-12-01", "Information du 1er décembre 2023, vérifiée le 25 novembre 2026"),
        ("inconnue", "Source non datée, consultée le 25 novembre 2026"),
    ],
)
def test_what_readers_are_told(date_source: str, sentence: str) -> None:
    assert evidence_sentence(date_source, date(2026, 11, 25)) == sentence


@pytest.mark.parametrize(
    ("date_source", "age", "outdated"),
    [
        ("2026-01", EvidenceAge.RECENT, False),
        ("2025", EvidenceAge.RECENT, False),  # may be 31 December 2025: not older than proven
        ("2025-10", EvidenceAge.ONE_TO_THREE, True),
        ("2023-12", EvidenceAge.ONE_TO_THREE, True),
        ("2023-11", EvidenceAge.OLDER, True),
        ("2012", EvidenceAge.OLDER, True),
        ("inconnue", EvidenceAge.UNDATED, True),
    ],
)
def test_age_bands_count_from_the_last_day_the_date_may_mean(
    date_source: str, age: EvidenceAge, outdated: bool
) -> None:
    assert evidence_age(date_source, TODAY) is age
    assert is_outdated(date_source, TODAY) is outdated
