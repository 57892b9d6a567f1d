"""How autogenerate writes column types: as plain SQLAlchemy types, never as our Python classes.

A revision must keep working when the models change, so it may not import `directory.columns`
or SQLModel: a column that stores a pydantic value is written as the type it is stored as.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic.autogenerate.api import AutogenContext
from sqlalchemy.types import TypeDecorator


def render_item(kind: str, value: Any, context: AutogenContext) -> str | Literal[False]:
    if kind == "type" and isinstance(value, TypeDecorator):
        return f"sa.{value.impl_instance!r}"
    return False  # Alembic's own rendering
