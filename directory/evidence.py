"""How old an entry's information is: the date its evidence carries, beside the day it was read.

`date_source` may be a day, a month, a year or « inconnue »; `verifie_le` is only the day
someone read the page. Freshness is judged on the evidence, never on the reading: an undated
page read yesterday is not recent information.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from directory.field_types import UNKNOWN_DATE, evidence_period
from directory.french import date_fr, month_fr, of_fr

STALE_AFTER_DAYS = 365  # default of the STALE_AFTER_DAYS setting


class EvidenceAge(StrEnum):
    """Age bands of the evidence, for the coverage report (youngest first)."""

    RECENT = "moins d'un an"
    ONE_TO_THREE = "1 à 3 ans"
    OLDER = "plus de 3 ans"
    UNDATED = "source non datée"


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (day of month ignored)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def evidence_months(date_source: str, today: date) -> int | None:
    """How many months ago, at least, the evidence was written; None when undated.

    Measured from the last day the date may mean: « 2023 » is at least as recent as
    31 December 2023, so an entry is never called older than its source proves."""
    period = evidence_period(date_source)
    if period is None:
        return None
    return max(0, months_between(period[1], today))


def evidence_age(date_source: str, today: date) -> EvidenceAge:
    months = evidence_months(date_source, today)
    if months is None:
        return EvidenceAge.UNDATED
    if months < 12:
        return EvidenceAge.RECENT
    if months < 36:
        return EvidenceAge.ONE_TO_THREE
    return EvidenceAge.OLDER


def is_outdated(date_source: str, today: date, stale_after_days: int = STALE_AFTER_DAYS) -> bool:
    """The evidence is undated, or its most recent possible day is older than the limit."""
    period = evidence_period(date_source)
    return period is None or (today - period[1]).days > stale_after_days


def age_words(months: int) -> str:
    """14 -> « 14 mois »; 35 -> « 2 ans » (whole years: never more than proven)."""
    return f"{months} mois" if months < 24 else f"{months // 12} ans"


def evidence_date_words(date_source: str) -> str:
    """« du 15 août 2023 », « d'août 2023 », « de 2023 »; empty when undated."""
    period = evidence_period(date_source)
    if period is None:
        return ""
    first, last = period
    if first == last:
        return f"du {date_fr(first)}"
    if first.month == last.month:
        return of_fr(month_fr(first))
    return f"de {first.year}"


def evidence_sentence(date_source: str, verifie_le: date) -> str:
    """What the reader is told: « Information de 2023, vérifiée le 25 novembre 2026 », or
    « Source non datée, consultée le 25 novembre 2026 » (never « vérifiée » then)."""
    if date_source == UNKNOWN_DATE or evidence_period(date_source) is None:
        return f"Source non datée, consultée le {date_fr(verifie_le)}"
    return f"Information {evidence_date_words(date_source)}, vérifiée le {date_fr(verifie_le)}"
