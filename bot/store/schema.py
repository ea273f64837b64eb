"""Database tables (SQLAlchemy Core). Alembic migrations in `migrations/` create them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changed_by", sa.String(200), nullable=False),
)

entry_history = sa.Table(
    "entry_history",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entry_id", sa.String(80), nullable=False, index=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("change", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.UniqueConstraint("entry_id", "version", name="uq_entry_history_version"),
)

tenants = sa.Table(
    "tenants",
    metadata,
    sa.Column("slug", sa.String(80), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
)

interactions = sa.Table(
    "interactions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
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
    sa.Column("conversation", sa.String(300), nullable=True),
    sa.Column("prompt_tokens", sa.Integer, nullable=False, server_default="0"),
    sa.Column("completion_tokens", sa.Integer, nullable=False, server_default="0"),
    sa.Column("fallback", sa.String(200), nullable=True),
    sa.Column("duration_ms", sa.Float, nullable=True),  # message in to reply out
    # the delivery that produced this reply: recording it again (a retry) writes nothing
    sa.Column("key", sa.String(200), nullable=True),
    sa.Index("uq_interactions_key", "key", unique=True),
)

feedback = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("interaction_id", sa.Integer, sa.ForeignKey("interactions.id"), nullable=False),
    sa.Column("user_id", sa.String(200), nullable=False),
    sa.Column("value", sa.String(32), nullable=False),
    sa.Index("uq_feedback_vote", "interaction_id", "user_id", unique=True),  # one vote each
)

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

# A platform delivery (Slack event_id, Teams activity id) claimed by one replica.
processed_events = sa.Table(
    "processed_events",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
)

# Recent turns per conversation ("platform:channel:thread"), for follow-ups.
conversation_turns = sa.Table(
    "conversation_turns",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation", sa.String(300), nullable=False, index=True),
    sa.Column("tenant", sa.String(80), nullable=True),
    sa.Column("speaker", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

answer_cache = sa.Table(
    "answer_cache",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# Platform references needed to message a conversation later (Teams proactive messages).
conversation_refs = sa.Table(
    "conversation_refs",
    metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

# What a report or request became: one row per ticket, its history in ticket_events.
tickets = sa.Table(
    "tickets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(200), nullable=False, unique=True),  # the report's delivery
    sa.Column("tenant", sa.String(80), nullable=True, index=True),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("conversation", sa.String(300), nullable=True, index=True),
    sa.Column("requester", sa.String(200), nullable=False),
    sa.Column("requester_name", sa.String(200), nullable=True),
    sa.Column("summary", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("reason", sa.String(16), nullable=False),  # emergency | human | request
    sa.Column("priority", sa.String(2), nullable=False),  # P1..P4
    sa.Column("status", sa.String(16), nullable=False),  # open | closed
    sa.Column("response_due", sa.DateTime(timezone=True), nullable=True),
    sa.Column("staff_notified", sa.Boolean, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("psa_system", sa.String(32), nullable=True),
    sa.Column("psa_number", sa.String(64), nullable=True),
)

ticket_events = sa.Table(
    "ticket_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id"), nullable=False,
              index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),  # created | priority | note | closed...
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("detail", sa.JSON, nullable=False),
)

# Hand-offs to the PSA waiting to be sent (a transactional outbox): written in the same
# transaction as the ticket or note they carry, sent by one worker at a time (the lease).
psa_outbox = sa.Table(
    "psa_outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id"), nullable=False,
              index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # OutboxKind: create | note
    sa.Column("system", sa.String(32), nullable=False),  # connectwise | autotask | halo | email
    sa.Column("company_id", sa.String(64), nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),  # a note's text; empty for a create
    sa.Column("state", sa.String(16), nullable=False),  # OutboxState: pending | done | failed
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("lease_owner", sa.String(80), nullable=True),
    sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.String(500), nullable=True),
    sa.Column("error_status", sa.Integer, nullable=True),
    sa.Column("announced", sa.String(16), nullable=True),  # reply | follow-up (the number)
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_psa_outbox_due", "state", "next_attempt_at"),
)

# Staff console: accounts, sign-in sessions (shared by replicas), failed sign-ins for
# rate limits, OpenID Connect requests in flight, and messages staff labelled.
staff = sa.Table(
    "staff",
    metadata,
    sa.Column("email", sa.String(200), primary_key=True),  # lower-cased
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # viewer | editor | admin
    sa.Column("password_hash", sa.String(300), nullable=True),  # None: single sign-on only
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

console_sessions = sa.Table(
    "console_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # SHA-256 of the cookie
    sa.Column("email", sa.String(200), sa.ForeignKey("staff.email", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("via", sa.String(32), nullable=False),  # password | entra | slack
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

console_login_failures = sa.Table(
    "console_login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("email", sa.String(200), nullable=False),
    sa.Column("address", sa.String(64), nullable=False),
)

console_oidc_states = sa.Table(
    "console_oidc_states",
    metadata,
    sa.Column("state", sa.String(64), primary_key=True),
    sa.Column("provider", sa.String(32), nullable=False),
    sa.Column("verifier", sa.String(128), nullable=False),
    sa.Column("nonce", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

training_labels = sa.Table(
    "training_labels",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("topic", sa.String(80), nullable=True),
    sa.Column("intent", sa.String(16), nullable=True),
)
