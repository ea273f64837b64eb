"""Small pieces every connector needs: time parsing, text limits, the ticket body."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from typing import Any

from bot.psa.types import NewTicket, Priority, PsaPermanentError


def malformed(vendor: str, what: str) -> PsaPermanentError:
    """The PSA answered, but not with what its documentation promises."""
    return PsaPermanentError(f"{vendor}: unexpected answer: {what}", status=0)


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 timestamp as an aware UTC datetime.

    The PSAs store UTC; a value without an offset is taken as UTC. Empty values and the
    .NET "no date" placeholder (0001-01-01) are None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a timestamp: {value!r}")
    when = datetime.fromisoformat(value.strip())
    if when.year < 1900:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def one_line(text: str, limit: int) -> str:
    """The text on one line, cut to `limit` characters with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: max(0, limit - 1)].rstrip() + "…"


def clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + "…"


def ticket_body(ticket: NewTicket) -> str:
    """The description a technician (and the client, in the portal) reads on the ticket."""
    lines = [ticket.description.strip(), ""]
    requester = ticket.requester_name.strip() or "unknown"
    if ticket.requester_email:
        requester += f" <{ticket.requester_email.strip()}>"
    lines.append(f"Reported by: {requester}")
    if ticket.conversation_link:
        lines.append(f"Conversation: {ticket.conversation_link}")
    lines.append(f"Reference: {ticket.key}")
    return "\n".join(lines)


def reverse(mapping: Mapping[Priority, Any]) -> dict[str, Priority]:
    """Vendor value (as a case-folded string) -> our priority."""
    return {str(value).casefold(): priority for priority, value in mapping.items()}


def numeric_id(value: str) -> int | None:
    """A PSA record id given as text, or None when it cannot be one."""
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)


class KeyLocks:
    """One asyncio lock per idempotency key, held while a create looks up and then posts.

    Two creates of the same report in one process then run one after the other, so the
    second finds the first's ticket. Across processes the outbox must hand a report to one
    worker at a time: no PSA API offers an atomic "create unless the key exists"."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
