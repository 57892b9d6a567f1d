"""Running counts of the desk sessions by month, which the indicators read; the latest change
of the records found by an index.

Revision ID: 0005_monthly_counts
Revises: 0004_index_des_empreintes
Create Date: 2026-11-29

A new table, filled here from the sessions already stored (the same counts as
`directory/programme/counters.py`, written in SQL so that this revision stays as it is when
the code moves on). Nothing already stored changes; `updated_at` is indexed on the sessions,
follow-ups and workshops, so that the cache finds the latest change without a scan.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_monthly_counts"
down_revision = "0004_index_des_empreintes"
branch_labels = None
depends_on = None

# Tables whose latest change tells the indicators' cache that figures may have changed.
CHANGED = ("entretien", "suivi", "action_collective")
SINGLE = ("canal", "tranche_age", "besoin_couvert", "duree")
TAGS = "('statut', 'contrainte', 'besoin', 'non-couvert')"
COLUMNS = "epci, mois, structure, territoire, dimension, valeur, nombre"
EMPTY = "''"
TRIPS = "trajet_remplace t JOIN suivi f ON f.id = t.follow_up_id"
WITH_TRIPS = "WHERE EXISTS (SELECT 1 FROM trajet_remplace t WHERE t.follow_up_id = f.id)"
# Follow-ups count in the month of their session:
# (dimension, value or None for "", rows, measure, condition)
FOLLOW_UPS = (
    ("suivi", "COALESCE(f.solution_utilisee, '')", "suivi f", "COUNT(*)", ""),
    ("emploi", "COALESCE(f.emploi, '')", "suivi f", "COUNT(*)", ""),
    ("trajets", None, "suivi f", "COUNT(*)", WITH_TRIPS),
    ("mode", "t.mode", TRIPS, "COUNT(DISTINCT f.id)", ""),
    ("km-semaine", "t.mode", TRIPS, "SUM(t.distance_km * t.par_semaine)", ""),
)


def upgrade() -> None:
    op.create_table(
        "compte_mensuel",
        sa.Column("epci", sa.String(length=9), nullable=False),
        sa.Column("structure", sa.String(length=80), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("valeur", sa.String(length=120), nullable=False),
        sa.Column("territoire", sa.String(length=80), nullable=False),
        sa.Column("mois", sa.Date(), nullable=False),
        sa.Column("nombre", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("epci", "structure", "dimension", "valeur", "territoire", "mois"),
        sqlite_with_rowid=False,
    )
    for table in CHANGED:
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at"], unique=False)
    month = (
        "date(e.jour, 'start of month')"
        if op.get_bind().dialect.name == "sqlite"
        else "CAST(date_trunc('month', e.jour) AS DATE)"
    )
    for area, area_group in (("COALESCE(e.epci, '')", "COALESCE(e.epci, ''), "), ("'*'", "")):
        for column in SINGLE:
            op.execute(
                f"INSERT INTO compte_mensuel ({COLUMNS}) "
                f"SELECT {area}, {month}, e.structure, e.territoire, '{column}', "
                f"COALESCE(e.{column}, ''), COUNT(*) FROM entretien e "
                f"GROUP BY {area_group}{month}, e.structure, e.territoire, "
                f"COALESCE(e.{column}, '')"
            )
        op.execute(
            f"INSERT INTO compte_mensuel ({COLUMNS}) "
            f"SELECT {area}, {month}, e.structure, e.territoire, t.kind, t.value, COUNT(*) "
            "FROM entretien_categorie t JOIN entretien e ON e.id = t.record_id "
            f"WHERE t.kind IN {TAGS} "
            f"GROUP BY {area_group}{month}, e.structure, e.territoire, t.kind, t.value"
        )
        for dimension, value, source, measure, condition in FOLLOW_UPS:
            op.execute(
                f"INSERT INTO compte_mensuel ({COLUMNS}) "
                f"SELECT {area}, {month}, e.structure, e.territoire, '{dimension}', "
                f"{value or EMPTY}, {measure} "
                f"FROM {source} JOIN entretien e ON e.id = f.record_id {condition} "
                f"GROUP BY {area_group}{month}, e.structure, e.territoire"
                + (f", {value}" if value else "")
                + f" HAVING {measure} > 0"
            )


def downgrade() -> None:
    for table in CHANGED:
        op.drop_index(f"ix_{table}_updated_at", table_name=table)
    op.drop_table("compte_mensuel")
