"""The values that cross the core's boundary: what comes in, what goes out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Action(StrEnum):
    ANSWER = "answer"
    ESCALATE = "escalate"
    DECLINE = "decline"
    CLARIFY = "clarify"


class Role(StrEnum):
    CLIENT = "client"
    STAFF = "staff"


class Button(StrEnum):
    """Buttons an adapter may show under a reply."""

    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"
    TALK_TO_PERSON = "talk_to_person"


@dataclass(frozen=True)
class InboundMessage:
    """A message from any platform, already translated by an adapter.

    `tenant` is the client slug when the adapter (or the CLI) already knows it;
    otherwise the core resolves it from the platform identities.
    """

    text: str
    platform: str = "console"
    user_id: str = "console-user"
    role: Role = Role.CLIENT
    tenant: str | None = None
    channel: str | None = None
    thread: str | None = None
    slack_team_id: str | None = None
    teams_tenant_id: str | None = None

    @property
    def conversation(self) -> str | None:
        """Key of conversation memory, "platform:channel:thread"; None outside a channel."""
        if self.channel is None:
            return None
        return f"{self.platform}:{self.channel}:{self.thread or self.channel}"


@dataclass(frozen=True)
class Citation:
    id: str
    title: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    text: str
    action: Action
    confidence: float
    citations: tuple[Citation, ...] = ()
    buttons: tuple[Button, ...] = ()
    tenant: str | None = None
    reason: str = ""
    composer: str = "curated"
    interaction_id: int | None = None
    notify_staff: bool = False
    extras: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """The public JSON shape used by `mspbot ask --json` and the batch path."""
        return {
            "action": self.action.value,
            "text": self.text,
            "citations": [
                {"id": c.id, "title": c.title, "topics": list(c.topics)} for c in self.citations
            ],
            "confidence": round(self.confidence, 4),
        }
