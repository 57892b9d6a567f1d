"""Baseline: the schema of the catalogue before the extended entry format (commit 0640af4).

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-29

A database made by `create_all` before migrations existed is at this revision when its
`solution` table has no `etat` column; `directory migrate` stamps it so and upgrades it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cataloguestate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "solution",
        sa.Column("nom", sa.String(length=150), nullable=False),
        sa.Column("categorie", sa.String(length=64), nullable=False),
        sa.Column("thematiques", sa.JSON(), nullable=False),
        sa.Column("description", sa.String(length=5000), nullable=False),
        sa.Column("operateur", sa.String(), nullable=True),
        sa.Column("zone", sa.JSON(), nullable=False),
        sa.Column("destinations", sa.JSON(), nullable=True),
        sa.Column("publics", sa.JSON(), nullable=False),
        sa.Column("publics_precisions", sa.String(), nullable=True),
        sa.Column("eligibilite", sa.JSON(), nullable=False),
        sa.Column("prerequis", sa.JSON(), nullable=False),
        sa.Column("motifs", sa.JSON(), nullable=False),
        sa.Column("caracteristiques", sa.JSON(), nullable=False),
        sa.Column("horaires", sa.String(), nullable=True),
        sa.Column("horaires_precisions", sa.String(), nullable=True),
        sa.Column("frais", sa.String(length=64), nullable=True),
        sa.Column("frais_precisions", sa.String(), nullable=True),
        sa.Column("telephone", sa.String(), nullable=True),
        sa.Column("courriel", sa.String(), nullable=True),
        sa.Column("site_web", sa.String(), nullable=True),
        sa.Column("lien_mobilisation", sa.String(), nullable=True),
        sa.Column("adresse", sa.String(), nullable=True),
        sa.Column("code_postal", sa.String(), nullable=True),
        sa.Column("commune", sa.String(), nullable=True),
        sa.Column("modes_accueil", sa.JSON(), nullable=False),
        sa.Column("modes_mobilisation", sa.JSON(), nullable=False),
        sa.Column("mobilisable_par", sa.JSON(), nullable=False),
        sa.Column("mobilisation_precisions", sa.String(), nullable=True),
        sa.Column("pieces_a_fournir", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=2000), nullable=False),
        sa.Column("verifie_le", sa.Date(), nullable=False),
        sa.Column("fiabilite", sa.String(length=64), nullable=False),
        sa.Column("a_confirmer", sa.String(), nullable=True),
        sa.Column("valide_jusqu_au", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("fichier", sa.String(), nullable=False),
        sa.Column("empreinte", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("solution")
    op.drop_table("cataloguestate")
