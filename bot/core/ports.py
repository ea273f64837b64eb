"""What the core needs from the outside world beyond the store: a way to reach staff.

Each platform implements `StaffChannel`; the core calls it for every hand-off, before the
client is told anything, so the reply can say truthfully whether a person was alerted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.core.models import InboundMessage, Reason, TicketInfo


@dataclass(frozen=True)
class StaffAlert:
    """A hand-off as staff see it."""

    reason: Reason  # emergency | human | request
    message: InboundMessage  # what the client wrote (or, for a click, what they asked)
    client: str  # "Acme Dental Group (acme-dental)", or "unknown client (slack:T123)"
    tenant: str | None
    answer: str | None = None  # what the bot had answered, when a person is asked for after it
    ticket: TicketInfo | None = None
    due_text: str | None = None  # the response due time as the client was told it
    clicked: bool = False  # "Talk to a person" under an answer, not a message
    resolved: bool = False  # the client says an urgent ticket's problem is sorted


class StaffChannel(Protocol):
    async def alert(self, alert: StaffAlert) -> bool:
        """Post `alert` where staff will see it. Must return True only when the platform
        accepted the post, and must not raise for a failed delivery (log it and return
        False): the client is then told that nobody was alerted and how to reach a person."""


class Messenger(Protocol):
    """A platform's way to speak outside a delivery (the PSA's ticket number arriving
    after the reply, a hand-off the PSA refused). Must not raise: False when not sent."""

    async def post(self, conversation: str, text: str) -> bool:
        """Post `text` in a conversation ("platform:channel:thread", as the core keys it)."""

    async def notify_staff(self, text: str) -> bool:
        """Post `text` where staff will see it."""
