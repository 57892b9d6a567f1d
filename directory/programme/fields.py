"""Input rules shared by the records' forms and the CSV import: dates, needs, communes."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from directory.geo import Geography
from directory.needs import NEEDS
from directory.places import PlaceError, commune_label, resolve_commune

NEED_LABELS = {need.id: need.title for need in NEEDS}
OLDEST_DAY = date(2015, 1, 1)
MAX_PARTICIPANTS = 500  # a room, a fair: more is a typing error
MAX_DISTANCE_KM = 300
MAX_TRIPS_PER_WEEK = 28


def _known_need(value: str) -> str:
    if value not in NEED_LABELS:
        raise PydanticCustomError(
            "besoin_inconnu",
            "besoin inconnu « {value} » ; besoins possibles : {known}",
            {"value": value[:40], "known": ", ".join(NEED_LABELS)},
        )
    return value


def _listed(value: Any) -> Any:
    """A form sends one value or several; blanks mean nothing."""
    items = value if isinstance(value, list | tuple) else [value]
    return [item for item in items if not (isinstance(item, str) and not item.strip())]


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


NeedId = Annotated[str, AfterValidator(_known_need)]
Listed = BeforeValidator(_listed)
Optional = BeforeValidator(_blank_is_none)


def check_day(day: date, today: date) -> date:
    if day > today:
        raise PydanticCustomError(
            "date_a_venir", "la date est dans le futur : on ne compte que ce qui a eu lieu"
        )
    if day < OLDEST_DAY:
        raise PydanticCustomError(
            "date_trop_ancienne", "la date est antérieure à 2015 : vérifiez-la"
        )
    return day


def resolve_commune_code(text: str, geo: Geography) -> str:
    """A commune typed as a name, a postal code or an INSEE code -> its INSEE code."""
    try:
        return resolve_commune(text, geo).code
    except PlaceError as error:
        choices = ", ".join(commune_label(c, geo) for c in error.candidates[:5])
        raise PydanticCustomError(
            "commune",
            "{problem}{choices}",
            {"problem": error.sentence(), "choices": f" ({choices})" if choices else ""},
        ) from error
