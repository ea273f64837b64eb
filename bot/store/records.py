"""Plain values the store hands out and takes in (no SQLAlchemy rows leave the store)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.knowledge.entries import Entry


@dataclass(frozen=True)
class HistoryRow:
    entry_id: str
    version: int
    change: str
    actor: str
    at: dt.datetime
    entry: Entry


@dataclass(frozen=True)
class InteractionRow:
    id: int
    at: dt.datetime
    platform: str
    tenant: str | None
    user_id: str
    question: str
    normalized: str
    action: str
    reason: str
    confidence: float
    closest_entry: str | None
    entries_used: list[str]
    composer: str
    conversation: str | None
    prompt_tokens: int
    completion_tokens: int
    fallback: str | None
    key: str | None
    duration_ms: float | None = None


@dataclass(frozen=True)
class Turn:
    speaker: str  # client | bot
    text: str


@dataclass(frozen=True)
class ReplyRecord:
    """Everything one reply writes: its interaction and the conversation's two turns."""

    platform: str
    tenant: str | None
    user_id: str
    question: str
    normalized: str
    action: str
    reason: str
    confidence: float
    closest_entry: str | None
    entries_used: list[str]
    composer: str
    conversation: str | None
    reply_text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    fallback: str | None = None
    key: str | None = None  # the delivery's key: recording it twice writes once
    duration_ms: float | None = None  # message in to reply recorded


@dataclass(frozen=True)
class VoteOutcome:
    recorded: bool  # False: the same vote was there already
    previous: str | None


@dataclass(frozen=True)
class Vote:
    interaction_id: int
    user_id: str
    value: str  # helpful | not_helpful
    at: dt.datetime


@dataclass(frozen=True)
class StaffMember:
    email: str
    name: str
    role: str  # viewer | editor | admin
    password_hash: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class StaffSession:
    member: StaffMember
    csrf: str
    via: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class OidcState:
    provider: str
    verifier: str
    nonce: str
    created_at: dt.datetime


@dataclass(frozen=True)
class TrainingLabel:
    id: int
    at: dt.datetime
    actor: str
    text: str
    action: str
    topic: str | None
    intent: str | None


@dataclass(frozen=True)
class Gap:
    normalized: str
    count: int
    example: str
    closest_entry: str | None
    action: str
    confidence: float


@dataclass(frozen=True)
class Stats:
    actions: dict[str, int] = field(default_factory=dict)
    composers: dict[str, int] = field(default_factory=dict)  # answers only
    prompt_tokens: int = 0
    completion_tokens: int = 0
    llm_calls: int = 0
    fallback_reasons: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class NewTicket:
    key: str  # the report's delivery: creating it again returns the first ticket
    tenant: str | None
    platform: str
    conversation: str | None
    requester: str
    requester_name: str | None
    summary: str
    description: str
    reason: str
    priority: str
    response_due: dt.datetime | None


@dataclass(frozen=True)
class Ticket:
    id: int
    key: str
    tenant: str | None
    platform: str
    conversation: str | None
    requester: str
    requester_name: str | None
    summary: str
    description: str
    reason: str
    priority: str
    status: str  # open | closed
    response_due: dt.datetime | None
    staff_notified: bool | None
    created_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    psa_system: str | None = None
    psa_number: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class TicketEvent:
    at: dt.datetime
    kind: str
    actor: str
    detail: dict[str, object]
