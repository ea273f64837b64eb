"""Initial schema: entries with history, tenants, interactions, feedback, meta.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "entry_history",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.String(80), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("change", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("entry_id", "version", name="uq_entry_history_version"),
    )
    op.create_table(
        "tenants",
        sa.Column("slug", sa.String(80), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
    )
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("tenant", sa.String(80), nullable=True, index=True),
        sa.Column("user_id", sa.String(200), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("closest_entry", sa.String(80), nullable=True),
        sa.Column("entries_used", sa.JSON, nullable=False),
        sa.Column("composer", sa.String(32), nullable=False),
    )
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("interaction_id", sa.Integer, sa.ForeignKey("interactions.id"), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
        sa.Column("value", sa.String(32), nullable=False),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for name in ("meta", "feedback", "interactions", "tenants", "entry_history", "entries"):
        op.drop_table(name)
