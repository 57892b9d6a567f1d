"""The situation, the picks and the note as a query string or a form body carries them."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import ValidationError

from directory.errors import InvalidInputError, french_validation_errors
from directory.matching.sheet import SheetRequest
from directory.matching.situation import Situation

LIST_FIELDS = frozenset(
    name for name, info in Situation.model_fields.items() if "list" in str(info.annotation)
)


class Query(Protocol):
    """What is read of a query string (Starlette's QueryParams has it)."""

    def __contains__(self, key: Any, /) -> bool: ...
    def __getitem__(self, key: Any, /) -> Any: ...
    def getlist(self, key: Any, /) -> list[Any]: ...
    def get(self, key: Any, /) -> Any: ...


def situation_data(query: Query) -> dict[str, Any]:
    """The situation's fields as the form sent them (lists repeated, blanks kept)."""
    data: dict[str, Any] = {}
    for name in Situation.model_fields:
        if name in LIST_FIELDS:
            values = query.getlist(name)
            if values:
                data[name] = values
        elif name in query:
            data[name] = query[name]
    return data


def optional_situation(query: Query) -> Situation | None:
    """The situation if the query carries a valid one (the sheet works without it)."""
    data = situation_data(query)
    if not data.get("commune"):
        return None
    try:
        return Situation.model_validate(data)
    except ValidationError:
        return None


def chosen_ids(values: Query) -> list[str]:
    """The ticked solutions: `ids` repeated, or separated by commas (the SMS link)."""
    return [part for value in values.getlist("ids") for part in value.split(",") if part.strip()]


def read_sheet_request(values: Query) -> SheetRequest:
    """The take-away sheet asked by a form body (or a query of ids): French errors by field."""
    data: dict[str, Any] = {"ids": chosen_ids(values)}
    situation = optional_situation(values)
    if situation is not None:
        data["situation"] = situation
    for name in ("note", "permanence"):
        value = str(values.get(name) or "").strip()
        if value:
            data[name] = value
    try:
        return SheetRequest.model_validate(data)
    except ValidationError as error:
        details = french_validation_errors([dict(e) for e in error.errors()])
        first = details[0]
        raise InvalidInputError(first["champ"], first["message"], details=details) from None


def situation_fields(situation: Situation | None) -> list[tuple[str, str]]:
    """The situation as hidden form fields, so that the sheet can say why each solution fits.
    The need in words stays out: it may be medical and the sheet needs none."""
    if situation is None:
        return []
    data = situation.model_dump(mode="json", exclude={"besoin"}, exclude_none=True)
    fields: list[tuple[str, str]] = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((name, str(item)))
    return fields
