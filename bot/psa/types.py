"""The vendor-neutral shape of a PSA ticket system: what mspbot hands off and what it reads back.

Every connector (ConnectWise, Autotask, HaloPSA, email) implements `TicketSystem`. The
contract, which each connector's tests check against a fake of that vendor's API:

- `create` is idempotent on `NewTicket.key`: if a ticket carrying the key already exists on
  that company it is returned, never a second one. The outbox may replay a create after a
  crash between "sent" and "marked done"; the replay must land on the same ticket.
- `get` returns None both when the number does not exist and when it belongs to another
  company, so a caller can never probe other clients' tickets.
- `RemoteTicket` carries only what the client could see in the PSA's own portal: never
  internal notes, technician time or costs.
- Failures raise `PsaTemporaryError` (worth retrying: 429, 5xx, timeouts, refused or reset
  connections) or `PsaPermanentError` (never retried: bad credentials, missing permission,
  rejected data, unknown company).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol, runtime_checkable


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class State(StrEnum):
    """A PSA status normalised to what the client cares about."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_CLIENT = "waiting_client"
    WAITING_THIRD_PARTY = "waiting_third_party"
    RESOLVED = "resolved"
    CLOSED = "closed"


class PsaError(Exception):
    """Any failure talking to a PSA."""


class PsaTemporaryError(PsaError):
    """Worth retrying later: rate limited, server error, timeout, no connection.

    `retry_after` is the server's own hint in seconds (from Retry-After), or None.
    """

    def __init__(self, message: str, *, retry_after: float | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class PsaPermanentError(PsaError):
    """Retrying cannot help: the credentials, permissions or data are wrong.

    `status` is the HTTP (or SMTP) status the PSA answered with; 0 when mspbot refused the
    request itself before sending anything.
    """

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class InvalidTicketData(PsaPermanentError, ValueError):
    """A ticket, key or company id that no PSA would accept; raised before any request."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=0)


# Autotask's externalID holds 50 characters, the smallest reference field of the vendors;
# the character set keeps the key safe inside ConnectWise conditions and Halo searches.
KEY_MAX_CHARS = 50
_KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")


def check_key(key: str) -> str:
    if not 1 <= len(key) <= KEY_MAX_CHARS or not _KEY_RE.fullmatch(key):
        raise InvalidTicketData(
            f"idempotency key must be 1-{KEY_MAX_CHARS} characters of letters, digits and "
            f"'._:-', starting with a letter or digit; got {key!r}"
        )
    return key


@dataclass(frozen=True)
class NewTicket:
    key: str  # idempotency key, stable for one report (e.g. "mspbot-7f3a...")
    company_id: str  # the PSA company/client id from the agreement (psa: {company_id: 250})
    summary: str  # one line; connectors truncate to the vendor limit
    description: str  # the client's message(s) and what the bot told them
    priority: Priority
    requester_name: str
    requester_email: str | None = None
    conversation_link: str | None = None

    def __post_init__(self) -> None:
        check_key(self.key)
        if not self.company_id.strip():
            raise InvalidTicketData("company_id is empty")
        if not self.summary.strip():
            raise InvalidTicketData("summary is empty")
        if not isinstance(self.priority, Priority):
            raise InvalidTicketData(f"priority must be a Priority, got {self.priority!r}")


@dataclass(frozen=True)
class RemoteTicket:
    """A ticket as the client could see it in the PSA's own portal."""

    number: str  # what the client sees and what get/add_note take
    company_id: str
    summary: str
    status: str  # the PSA's own status name
    state: State  # normalised
    priority: Priority | None  # None when the PSA's priority maps to none of ours
    entered_at: datetime
    first_response_at: datetime | None
    updated_at: datetime | None
    closed: bool


@runtime_checkable
class TicketSystem(Protocol):
    """A PSA (or an email-to-ticket address) that mspbot hands fault reports to."""

    name: str

    async def create(self, ticket: NewTicket) -> RemoteTicket:
        """Create the ticket, or return the one that already carries `ticket.key` on that
        company. Must never produce two tickets for one key."""
        ...

    async def find_by_key(self, key: str, company_id: str) -> RemoteTicket | None:
        """The ticket carrying this idempotency key on this company, or None."""
        ...

    async def add_note(self, number: str, company_id: str, text: str) -> None:
        """Add a client-visible note. A ticket that does not exist or belongs to another
        company raises PsaPermanentError (status 404)."""
        ...

    async def open_tickets(self, company_id: str) -> list[RemoteTicket]:
        """Every open ticket of the company, all pages."""
        ...

    async def get(self, number: str, company_id: str) -> RemoteTicket | None:
        """None when the ticket does not exist OR belongs to another company."""
        ...

    async def close(self) -> None:
        """Release connections. Safe to call twice."""
        ...
