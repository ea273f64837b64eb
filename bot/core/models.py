"""The values that cross the core's boundary: what comes in, what goes out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Action(StrEnum):
    ANSWER = "answer"
    ESCALATE = "escalate"
    DECLINE = "decline"
    CLARIFY = "clarify"


class Intent(StrEnum):
    """What a client message is after: the classes of the learned intent model."""

    QUESTION = "question"
    EMERGENCY = "emergency"
    HUMAN = "human"
    REQUEST = "request"  # a fault report or work only staff can do
    OFF_TOPIC = "off_topic"
    VAGUE = "vague"
    NOTED = "noted"  # news that needs nothing: it works now, it's done, someone arrived


class Reason(StrEnum):
    """Why a reply took its action (stored with every interaction, shown by `ask --json`)."""

    EMERGENCY = "emergency"  # business down or a security incident: a person now
    HUMAN = "human"  # the client asked for a person
    REQUEST = "request"  # a fault report or work only staff can do
    KNOWLEDGE = "knowledge"  # answered from the knowledge base
    HELP = "help"  # "help" / "what can you do?": what the bot does
    NOTED = "noted"  # "all sorted now, thanks", "fyi the part arrived": nothing to do
    TICKET_STATUS = "ticket-status"  # "any news on 48213?": the client's own ticket, looked up
    OFF_TOPIC = "off-topic"
    VAGUE = "vague"
    TOO_LONG = "too-long"
    RATE_LIMITED_USER = "rate-limited-user"
    RATE_LIMITED_TENANT = "rate-limited-tenant"

    @property
    def hands_off(self) -> bool:
        """A person takes over (the three escalation reasons)."""
        return self in (Reason.EMERGENCY, Reason.HUMAN, Reason.REQUEST)


class ComposerKind(StrEnum):
    """Who wrote an answer's text."""

    CURATED = "curated"  # the entry's own answer (and every fixed reply)
    LLM = "llm"
    LLM_CACHED = "llm-cached"
    CURATED_FALLBACK = "curated-fallback"  # the LLM failed or the guard refused it

    @property
    def is_fallback(self) -> bool:
        return self is ComposerKind.CURATED_FALLBACK

    @property
    def by_llm(self) -> bool:
        return self in (ComposerKind.LLM, ComposerKind.LLM_CACHED)


class Role(StrEnum):
    CLIENT = "client"
    STAFF = "staff"


class Button(StrEnum):
    """Buttons an adapter may show under a reply."""

    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"
    TALK_TO_PERSON = "talk_to_person"
    MORE_URGENT = "more_urgent"  # under a ticket: raise its priority one step


def org_identity(platform: str, org_id: str) -> str:
    """An organisation as the core sees it: "slack:T123", "teams:<tenant id>"."""
    return f"{platform}:{org_id.lower() if platform == 'teams' else org_id}"


def channel_identity(platform: str, channel: str) -> str:
    """A channel that belongs to one client: "slack:channel:C0123"."""
    return f"{platform}:channel:{channel}"


@dataclass(frozen=True)
class InboundMessage:
    """A message from any platform, already translated by an adapter.

    `tenant` is the client slug when the adapter (or the CLI) already knows it;
    otherwise the core resolves it from `identities`. `key` names the delivery (the
    same for a platform's retries), so recording its reply twice writes it once.
    """

    text: str
    platform: str = "console"
    user_id: str = "console-user"
    role: Role = Role.CLIENT
    tenant: str | None = None
    channel: str | None = None
    thread: str | None = None
    org: str | None = None  # the sender's organisation identity (see org_identity)
    key: str | None = None
    user_name: str | None = None

    @property
    def conversation(self) -> str | None:
        """Key of conversation memory, "platform:channel:thread"; None outside a channel."""
        if self.channel is None:
            return None
        return f"{self.platform}:{self.channel}:{self.thread or self.channel}"

    @property
    def identities(self) -> tuple[str, ...]:
        """What may tie the message to a client, most specific first: its channel, then
        the sender's organisation."""
        found = []
        if self.channel is not None:
            found.append(channel_identity(self.platform, self.channel))
        if self.org is not None:
            found.append(self.org)
        return tuple(found)


@dataclass(frozen=True)
class Citation:
    id: str
    title: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class TicketInfo:
    """The ticket a report became, as the client is told about it."""

    id: int
    priority: str  # P1..P4
    response_due: str | None  # ISO 8601 with the UTC offset; None: the agreement has no target
    status: str
    number: str | None = None  # the PSA's ticket number, once the client is told it


@dataclass(frozen=True)
class Reply:
    text: str
    action: Action
    confidence: float
    citations: tuple[Citation, ...] = ()
    buttons: tuple[Button, ...] = ()
    tenant: str | None = None
    reason: Reason = Reason.KNOWLEDGE
    composer: ComposerKind = ComposerKind.CURATED
    interaction_id: int | None = None
    staff_notified: bool = False  # a person was actually alerted (escalations)
    ticket: TicketInfo | None = None
    extras: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """The public JSON shape used by `mspbot ask --json` and the batch path."""
        data: dict[str, object] = {
            "action": self.action.value,
            "text": self.text,
            "citations": [
                {"id": c.id, "title": c.title, "topics": list(c.topics)} for c in self.citations
            ],
            "confidence": round(self.confidence, 4),
        }
        if self.action is Action.ESCALATE:
            data["reason"] = self.reason.value
        if self.ticket is not None:
            ticket: dict[str, object] = {
                "id": self.ticket.id, "priority": self.ticket.priority,
                "response_due": self.ticket.response_due, "status": self.ticket.status}
            if self.ticket.number is not None:
                ticket["number"] = self.ticket.number
            data["ticket"] = ticket
        return data


class OutboxKind(StrEnum):
    """What an outbox row hands to the PSA."""

    CREATE = "create"  # the ticket itself
    NOTE = "note"  # a follow-up in the same conversation, on the ticket once it exists


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting for its next attempt (or being sent under a lease)
    DONE = "done"
    FAILED = "failed"  # the PSA refused it for good (400/401/403...): staff must act


class Announced(StrEnum):
    """How the client learnt the PSA's ticket number (each only once)."""

    REPLY = "reply"  # in the reply to the report itself
    FOLLOW_UP = "follow-up"  # in a message after it
