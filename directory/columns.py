"""SQLAlchemy column types that store validated pydantic values (lists, nested models, enums)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import JSON, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class PydanticJSON(TypeDecorator[Any]):
    """A JSON column holding any pydantic-validatable value, read back as that type."""

    impl = JSON
    cache_ok = True

    def __init__(self, pydantic_type: Any) -> None:
        super().__init__()
        self.pydantic_type = pydantic_type
        self._adapter: TypeAdapter[Any] = TypeAdapter(pydantic_type)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self._adapter.dump_python(value, mode="json")

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self._adapter.validate_python(value)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        """Text from the database goes straight to pydantic's JSON parser, which is several
        times faster than `json.loads` and validating the result (a snapshot reads 14 such
        columns per entry); a driver that already decoded the JSON (psycopg) is validated
        as before."""
        adapter = self._adapter

        def process(value: Any) -> Any:
            if value is None:
                return None
            if isinstance(value, str | bytes):
                return adapter.validate_json(value)
            return adapter.validate_python(value)

        return process


class EnumText(TypeDecorator[Enum]):
    """A text column holding a str enum's value (no database ENUM type to migrate)."""

    impl = String(64)
    cache_ok = True

    def __init__(self, enum: type[Enum]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.enum(value)
