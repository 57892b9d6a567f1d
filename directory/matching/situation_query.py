"""The situation as a query string carries it: the desk's GET form, and /api/fiche alike."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import ValidationError

from directory.matching.situation import Situation

LIST_FIELDS = frozenset(
    name for name, info in Situation.model_fields.items() if "list" in str(info.annotation)
)


class Query(Protocol):
    """What is read of a query string (Starlette's QueryParams has it)."""

    def __contains__(self, key: Any, /) -> bool: ...
    def __getitem__(self, key: Any, /) -> str: ...
    def getlist(self, key: Any, /) -> list[str]: ...


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
