"""The PSA outbox: hand-offs waiting to be sent, leased to one worker at a time.

Revision ID: 0005_outbox
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_outbox"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "psa_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("system", sa.String(32), nullable=False),
        sa.Column("company_id", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("lease_owner", sa.String(80), nullable=True),
        sa.Column("lease_until", TZ, nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("error_status", sa.Integer, nullable=True),
        sa.Column("announced", sa.String(16), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
    )
    op.create_index("ix_psa_outbox_due", "psa_outbox", ["state", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_psa_outbox_due", "psa_outbox")
    op.drop_table("psa_outbox")
