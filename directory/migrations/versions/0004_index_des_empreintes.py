"""Index each entry's fingerprint with its id: a reload lists them without reading the rows.

Revision ID: 0004_index_des_empreintes
Revises: 0003_programme
Create Date: 2026-11-29 10:45:24.550763
"""

from __future__ import annotations

from alembic import op

revision = "0004_index_des_empreintes"
down_revision = "0003_programme"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("solution", schema=None) as batch_op:
        batch_op.create_index("ix_solution_id_empreinte", ["id", "empreinte"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("solution", schema=None) as batch_op:
        batch_op.drop_index("ix_solution_id_empreinte")
