"""Extended entry format: stops, evidence date, other sources, service state, offer nature.

Revision ID: 0002_entry_format
Revises: 0001_baseline
Create Date: 2026-11-29

Rows already stored get the values that claim nothing (no stops, date « inconnue », in service,
a service); their fingerprints are emptied so that the next `directory sync` rewrites every
entry from its file. The defaults only fill existing rows: new rows always carry every field,
as in a database created at this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_entry_format"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

# (column, type, nullable, value for the rows already there)
COLUMNS = (
    ("dessert", sa.JSON(), True, None),
    ("etat", sa.String(length=64), False, "en-service"),
    ("nature", sa.String(length=64), False, "service"),
    ("montant_max", sa.Integer(), True, None),
    ("autres_sources", sa.JSON(), False, "[]"),
    ("date_source", sa.String(), False, "inconnue"),
)


def upgrade() -> None:
    with op.batch_alter_table("solution") as batch:
        for name, type_, nullable, fill in COLUMNS:
            default = None if fill is None else sa.text(f"'{fill}'")
            batch.add_column(sa.Column(name, type_, nullable=nullable, server_default=default))
    with op.batch_alter_table("solution") as batch:
        for name, type_, _nullable, fill in COLUMNS:
            if fill is not None:
                batch.alter_column(name, existing_type=type_, server_default=None)
    op.execute("UPDATE solution SET empreinte = ''")


def downgrade() -> None:
    with op.batch_alter_table("solution") as batch:
        for name, *_ in reversed(COLUMNS):
            batch.drop_column(name)
    op.execute("UPDATE solution SET empreinte = ''")
