"""Staff console: staff accounts, sessions, sign-in failures, OpenID Connect requests,
labelled training messages, and how long each reply took.

Revision ID: 0006_console
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_console"
down_revision = "0005_outbox"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("interactions", sa.Column("duration_ms", sa.Float, nullable=True))
    op.create_table(
        "staff",
        sa.Column("email", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "console_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(200), sa.ForeignKey("staff.email", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("via", sa.String(32), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
    )
    op.create_table(
        "console_login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TZ, nullable=False, index=True),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
    )
    op.create_table(
        "console_oidc_states",
        sa.Column("state", sa.String(64), primary_key=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("verifier", sa.String(128), nullable=False),
        sa.Column("nonce", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "training_labels",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("topic", sa.String(80), nullable=True),
        sa.Column("intent", sa.String(16), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("training_labels")
    op.drop_table("console_oidc_states")
    op.drop_table("console_login_failures")
    op.drop_table("console_sessions")
    op.drop_table("staff")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("duration_ms")
