"""What each part of the store promises, whatever database is underneath.

Every implementation must pass `tests/store_contract/` on SQLite and PostgreSQL. The
obligations below are what the rest of the bot relies on; the contract tests check them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from bot.core.models import Announced, OutboxState
from bot.knowledge.entries import Entry
from bot.store.outbox import OutboxCounts, OutboxItem, PsaTarget
from bot.store.records import (
    Gap,
    HistoryRow,
    InteractionRow,
    NewTicket,
    OidcState,
    ReplyRecord,
    StaffMember,
    StaffSession,
    Stats,
    Ticket,
    TicketEvent,
    TrainingLabel,
    Vote,
    VoteOutcome,
)
from bot.tenants.agreement import Tenant


class KnowledgeStore(Protocol):
    """Knowledge entries with their full history."""

    async def version(self) -> int:
        """A number that must change whenever any entry changes (0 for an empty store).
        Another process must see the new value as soon as the change commits."""

    async def count(self) -> int: ...

    async def list_entries(self) -> list[Entry]:
        """Every entry whatever its status, ordered by id."""

    async def get(self, entry_id: str) -> Entry | None: ...

    async def put_entries(self, entries: Sequence[Entry], actor: str,
                          change: str) -> list[tuple[int, bool]]:
        """Create or replace all of `entries` in one transaction (all or nothing).
        An entry identical to the stored one must not get a new version. Every new
        version must be kept in history with its actor and change. Returns
        (version, changed) per entry."""

    async def put(self, entry: Entry, actor: str, change: str = "edit") -> int: ...

    async def import_if_empty(self, entries: Sequence[Entry], actor: str, change: str) -> bool:
        """Import `entries` only into a store without entries; when several processes
        call this at once on an empty store exactly one must import."""

    async def retire(self, entry_id: str, actor: str) -> int:
        """A new version with status retired; StoreError for an unknown id."""

    async def history(self, entry_id: str) -> list[HistoryRow]:
        """Every version, oldest first; StoreError for an unknown id."""

    async def revert(self, entry_id: str, version: int, actor: str) -> int:
        """Make an old version current again as a new version (history is never
        rewritten); StoreError for an unknown id or version."""


class TenantStore(Protocol):
    """Client agreements by slug."""

    async def put(self, tenant: Tenant) -> None:
        """Create or replace; two writers of the same slug at once must not fail."""

    async def get(self, slug: str) -> Tenant | None: ...

    async def all(self) -> list[Tenant]:
        """Ordered by slug."""


class InteractionStore(Protocol):
    """What the bot answered, and what people thought of it."""

    async def get(self, interaction_id: int) -> InteractionRow | None: ...

    async def vote(self, interaction_id: int, user_id: str, value: str) -> VoteOutcome:
        """One vote per person per answer: a later vote replaces the earlier one."""

    async def votes(self, interaction_id: int) -> dict[str, str]:
        """user id -> their current vote."""

    async def rows(self, tenant: str | None = None,
                   since: dt.datetime | None = None) -> list[InteractionRow]:
        """Oldest first; only that client's when `tenant` is given, only those at or
        after `since` when it is."""

    async def feedback(self, since: dt.datetime | None = None) -> list[Vote]:
        """Every current vote (one per person per answer), oldest first."""

    async def gaps(self, low_confidence: float, limit: int = 50,
                   tenant: str | None = None) -> list[Gap]:
        """Questions declined, clarified or answered below `low_confidence`, grouped by
        their normalised text, most frequent first; never another client's when
        `tenant` is given; escalations are not gaps."""

    async def stats(self, since: dt.datetime | None = None,
                    tenant: str | None = None) -> Stats: ...


class DeliveryStore(Protocol):
    """Claims on platform deliveries, so that retries, twin events and replicas answer
    once."""

    async def claim(self, key: str, stale_after_s: float = 300.0) -> bool:
        """True for exactly one of any number of concurrent callers with the same key,
        across processes. A claim never completed may be taken over after
        `stale_after_s` (its process died)."""

    async def complete(self, key: str) -> None:
        """The delivery is finished: no later claim of `key` may succeed."""

    async def release(self, key: str) -> None:
        """Give an unfinished claim back so a retry may take it at once."""

    async def done(self, key: str) -> bool:
        """Whether the delivery was completed (False while it is only claimed)."""


class ConversationStore(Protocol):
    """Recent turns of each conversation, and platform references kept for later."""

    async def recent(self, conversation: str, tenant: str | None,
                     limit: int = 6) -> list[tuple[str, str]]:
        """The last `limit` turns (speaker, text), oldest first, of this conversation
        AND this tenant only (another client's turns must never come back)."""

    async def bot_has_spoken(self, conversation: str) -> bool: ...

    async def put_ref(self, key: str, platform: str, data: dict[str, Any]) -> None:
        """Create or replace."""

    async def get_ref(self, key: str) -> dict[str, Any] | None: ...


class AnswerCacheStore(Protocol):
    """Guard-approved LLM answers by their content key."""

    async def get(self, key: str, max_age: dt.timedelta,
                  at: dt.datetime | None = None) -> dict[str, Any] | None:
        """None when absent or older than `max_age` at time `at` (default now)."""

    async def put(self, key: str, data: dict[str, Any], at: dt.datetime | None = None) -> None:
        """Create or replace; also drops entries older than the last `max_age` asked."""


class TicketStore(Protocol):
    """Tickets with their history; every change is kept as an event."""

    async def create(self, ticket: NewTicket, psa: PsaTarget | None = None) -> Ticket:
        """A new open ticket; idempotent by `ticket.key` (the same report twice returns the
        first ticket and writes nothing). With `psa`, its outbox row commits with it."""

    async def get(self, ticket_id: int, tenant: str | None = None) -> Ticket | None:
        """With `tenant`, another client's ticket must come back as None, exactly like a
        missing one."""

    async def find(self, *, tenant: str | None = None, status: str | None = "open",
                   limit: int = 200) -> list[Ticket]:
        """Most urgent first (P1 before P4), newest first within a priority."""

    async def open_in_conversation(self, conversation: str, tenant: str | None) -> Ticket | None:
        """The newest open ticket of this conversation and tenant."""

    async def set_notified(self, ticket_id: int, notified: bool) -> None: ...

    async def reprioritise(self, ticket_id: int, priority: str,
                           response_due: dt.datetime | None, actor: str, why: str,
                           psa: PsaTarget | None = None) -> Ticket: ...

    async def add_note(self, ticket_id: int, text: str, actor: str,
                       psa: PsaTarget | None = None) -> Ticket: ...

    async def close(self, ticket_id: int, actor: str, note: str = "") -> Ticket:
        """StoreError for an unknown or already closed ticket."""

    async def set_psa(self, ticket_id: int, system: str, number: str) -> Ticket: ...

    async def events(self, ticket_id: int) -> list[TicketEvent]:
        """Oldest first."""


class OutboxStore(Protocol):
    """PSA hand-offs waiting to be sent; rows are added by TicketStore in the ticket's own
    transaction (`psa=`)."""

    async def claim(self, owner: str, lease_s: float, limit: int) -> list[OutboxItem]:
        """Lease due rows to `owner`. Two owners never hold the same row at once; a lease
        that ran out may be claimed again. A note only once its ticket is in the PSA."""

    async def complete(self, item: OutboxItem, number: str | None) -> bool:
        """Sent: a create also records the PSA's number on the ticket, in one transaction."""

    async def postpone(self, item: OutboxItem, owner: str, until: dt.datetime,
                       error: str, status: int | None) -> None: ...

    async def release(self, item: OutboxItem, owner: str) -> None: ...

    async def fail(self, item: OutboxItem, error: str, status: int) -> list[OutboxItem]:
        """Refused for good (with the notes waiting on that ticket); never claimed again
        until `requeue`. Returns the rows failed now (empty if it was finished already)."""

    async def announce(self, item_id: int, how: Announced) -> bool:
        """True for the first caller only: the ticket number is told once."""

    async def requeue(self, ticket_id: int) -> int: ...

    async def get(self, item_id: int) -> OutboxItem | None: ...

    async def find(self, *, state: OutboxState | None = None, ticket_id: int | None = None,
                   limit: int = 200) -> list[OutboxItem]: ...

    async def counts(self) -> OutboxCounts: ...


class ReplyRecorder(Protocol):
    async def record_reply(self, record: ReplyRecord) -> int:
        """Write the interaction and the conversation turns of one reply in ONE
        transaction and return the interaction id. Idempotent by `record.key`: recording
        the same delivery again returns the first id and writes nothing."""


class StaffStore(Protocol):
    """Console accounts and their sign-in sessions, shared by every replica."""

    async def add(self, member: StaffMember) -> None:
        """StoreError when the email is taken."""

    async def update(self, email: str, *, role: str | None = None,
                     password_hash: str | None = None, name: str | None = None) -> None:
        """StoreError for an unknown email."""

    async def get(self, email: str) -> StaffMember | None:
        """Emails compare case-insensitively."""

    async def all(self) -> list[StaffMember]: ...

    async def remove(self, email: str) -> bool:
        """The account and all its sessions; False when there was none."""

    async def open_session(self, token_hash: str, email: str, csrf: str, via: str,
                           expires_at: dt.datetime) -> None: ...

    async def session(self, token_hash: str, at: dt.datetime | None = None) -> StaffSession | None:
        """None for an unknown or expired session (expired ones are deleted)."""

    async def close_session(self, token_hash: str) -> None: ...

    async def record_failure(self, email: str, address: str) -> None: ...

    async def failures(self, since: dt.datetime, *, email: str | None = None,
                       address: str | None = None) -> int:
        """Failed sign-ins since `since` for that email or from that address."""

    async def clear_failures(self, email: str) -> None: ...

    async def put_oidc_state(self, state: str, value: OidcState) -> None: ...

    async def take_oidc_state(self, state: str) -> OidcState | None:
        """Return and delete: a state is good for one callback only."""


class LabelStore(Protocol):
    """Client messages staff labelled for the classifiers (exported as training JSONL)."""

    async def add(self, text: str, action: str, topic: str | None, intent: str | None,
                  actor: str) -> TrainingLabel: ...

    async def all(self) -> list[TrainingLabel]:
        """Oldest first."""
