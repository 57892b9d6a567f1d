"""The partners' space: staff accounts and sessions, anonymous records, unanswered searches.

Revision ID: 0003_programme
Revises: 0002_entry_format
Create Date: 2026-11-29

New tables only: nothing already stored changes. No column holds a name, a free text or an
exact age (see directory/programme/tables.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_programme"
down_revision = "0002_entry_format"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "compte",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identifiant", sa.String(length=64), nullable=False),
        sa.Column("structure", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("compte", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_compte_identifiant"), ["identifiant"], unique=True)
        batch_op.create_index(batch_op.f("ix_compte_structure"), ["structure"], unique=False)

    op.create_table(
        "formulaire_envoye",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("formulaire_envoye", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_formulaire_envoye_expires_at"), ["expires_at"], unique=False
        )

    op.create_table(
        "limite_connexion",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "recherche_sans_resultat",
        sa.Column("jour", sa.Date(), nullable=False),
        sa.Column("mot", sa.String(length=60), nullable=False),
        sa.Column("commune", sa.String(length=5), nullable=False),
        sa.Column("nombre", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("jour", "mot", "commune"),
    )
    op.create_table(
        "action_collective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("structure", sa.String(length=80), nullable=False),
        sa.Column("territoire", sa.String(length=80), nullable=False),
        sa.Column("jour", sa.Date(), nullable=False),
        sa.Column("commune", sa.String(length=5), nullable=False),
        sa.Column("epci", sa.String(length=9), nullable=True),
        sa.Column("theme", sa.String(length=64), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("professionnels", sa.Integer(), nullable=True),
        sa.Column("duree_heures", sa.Float(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("import_key", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["compte.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("structure", "import_key", name="uq_action_import"),
    )
    with op.batch_alter_table("action_collective", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_collective_jour"), ["jour"], unique=False)
        batch_op.create_index("ix_action_structure_jour", ["structure", "jour"], unique=False)

    op.create_table(
        "entretien",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=12), nullable=True),
        sa.Column("structure", sa.String(length=80), nullable=False),
        sa.Column("territoire", sa.String(length=80), nullable=False),
        sa.Column("jour", sa.Date(), nullable=False),
        sa.Column("canal", sa.String(length=64), nullable=False),
        sa.Column("commune", sa.String(length=5), nullable=True),
        sa.Column("epci", sa.String(length=9), nullable=True),
        sa.Column("tranche_age", sa.String(length=64), nullable=True),
        sa.Column("duree", sa.String(length=64), nullable=True),
        sa.Column("besoin_couvert", sa.String(length=64), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("import_key", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["compte.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
        sa.UniqueConstraint("structure", "import_key", name="uq_entretien_import"),
    )
    with op.batch_alter_table("entretien", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entretien_commune"), ["commune"], unique=False)
        batch_op.create_index(batch_op.f("ix_entretien_epci"), ["epci"], unique=False)
        batch_op.create_index(batch_op.f("ix_entretien_jour"), ["jour"], unique=False)
        batch_op.create_index("ix_entretien_structure_jour", ["structure", "jour"], unique=False)

    op.create_table(
        "session_compte",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("csrf_secret", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["compte.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("session_compte", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_compte_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "action_categorie",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["action_collective.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "kind", "value"),
    )
    op.create_table(
        "entretien_categorie",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["entretien.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("record_id", "kind", "value"),
    )
    with op.batch_alter_table("entretien_categorie", schema=None) as batch_op:
        batch_op.create_index("ix_entretien_categorie_kind", ["kind", "value"], unique=False)

    op.create_table(
        "suivi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("jour", sa.Date(), nullable=False),
        sa.Column("solution_utilisee", sa.String(length=64), nullable=False),
        sa.Column("emploi", sa.String(length=64), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["compte.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["record_id"], ["entretien.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("record_id"),
    )
    op.create_table(
        "trajet_remplace",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("follow_up_id", sa.Integer(), nullable=False),
        sa.Column("distance_km", sa.Integer(), nullable=False),
        sa.Column("par_semaine", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["follow_up_id"], ["suivi.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("trajet_remplace", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_trajet_remplace_follow_up_id"), ["follow_up_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("trajet_remplace", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trajet_remplace_follow_up_id"))

    op.drop_table("trajet_remplace")
    op.drop_table("suivi")
    with op.batch_alter_table("entretien_categorie", schema=None) as batch_op:
        batch_op.drop_index("ix_entretien_categorie_kind")

    op.drop_table("entretien_categorie")
    op.drop_table("action_categorie")
    with op.batch_alter_table("session_compte", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_compte_account_id"))

    op.drop_table("session_compte")
    with op.batch_alter_table("entretien", schema=None) as batch_op:
        batch_op.drop_index("ix_entretien_structure_jour")
        batch_op.drop_index(batch_op.f("ix_entretien_jour"))
        batch_op.drop_index(batch_op.f("ix_entretien_epci"))
        batch_op.drop_index(batch_op.f("ix_entretien_commune"))

    op.drop_table("entretien")
    with op.batch_alter_table("action_collective", schema=None) as batch_op:
        batch_op.drop_index("ix_action_structure_jour")
        batch_op.drop_index(batch_op.f("ix_action_collective_jour"))

    op.drop_table("action_collective")
    op.drop_table("recherche_sans_resultat")
    op.drop_table("limite_connexion")
    with op.batch_alter_table("formulaire_envoye", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_formulaire_envoye_expires_at"))

    op.drop_table("formulaire_envoye")
    with op.batch_alter_table("compte", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_compte_structure"))
        batch_op.drop_index(batch_op.f("ix_compte_identifiant"))

    op.drop_table("compte")
