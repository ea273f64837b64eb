"""One vote per person per answer; interactions keyed by their delivery; the reason
"staff-only" is now called "request".

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keep each person's latest vote on an answer, then make that the rule.
    op.execute(
        "DELETE FROM feedback WHERE id NOT IN "
        "(SELECT MAX(id) FROM feedback GROUP BY interaction_id, user_id)"
    )
    op.create_index("uq_feedback_vote", "feedback", ["interaction_id", "user_id"], unique=True)
    with op.batch_alter_table("interactions") as batch:
        batch.add_column(sa.Column("key", sa.String(200), nullable=True))
    op.create_index("uq_interactions_key", "interactions", ["key"], unique=True)
    op.execute("UPDATE interactions SET reason = 'request' WHERE reason = 'staff-only'")


def downgrade() -> None:
    op.execute("UPDATE interactions SET reason = 'staff-only' WHERE reason = 'request'")
    op.drop_index("uq_interactions_key", "interactions")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("key")
    op.drop_index("uq_feedback_vote", "feedback")
