"""Alembic's entry point: runs the revisions on the connection `directory.migrations` hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from directory import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from directory.migrations.rendering import render_item

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite alters a table by copying it: batch operations do that, and are plain ALTERs elsewhere.
    render_as_batch=True,
    render_item=render_item,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
