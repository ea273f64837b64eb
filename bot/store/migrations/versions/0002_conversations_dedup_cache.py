"""Conversation turns, delivery de-duplication, LLM token counts, answer cache,
platform conversation references.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "processed_events",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("claimed_at", TZ, nullable=False),
        sa.Column("done_at", TZ, nullable=True),
    )
    op.create_table(
        "conversation_turns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("conversation", sa.String(300), nullable=False, index=True),
        sa.Column("tenant", sa.String(80), nullable=True),
        sa.Column("speaker", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", TZ, nullable=False),
    )
    op.create_table(
        "answer_cache",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("at", TZ, nullable=False),
    )
    op.create_table(
        "conversation_refs",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("at", TZ, nullable=False),
    )
    with op.batch_alter_table("interactions") as batch:
        batch.add_column(sa.Column("conversation", sa.String(300), nullable=True))
        batch.add_column(sa.Column("prompt_tokens", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("completion_tokens", sa.Integer, nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("fallback", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interactions") as batch:
        for column in ("fallback", "completion_tokens", "prompt_tokens", "conversation"):
            batch.drop_column(column)
    for name in ("conversation_refs", "answer_cache", "conversation_turns", "processed_events"):
        op.drop_table(name)
