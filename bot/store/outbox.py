"""The PSA outbox: hand-offs committed with their ticket, sent later by a leased worker.

A row is claimed with a conditional UPDATE (state pending, due, lease free or expired), the
same statement on SQLite and PostgreSQL: of two replicas racing for a row, exactly one
sees a changed row. A lease that runs out (the worker crashed mid-send) makes the row
claimable again; the replay is safe because every connector looks its idempotency key up
before creating. A note waits until its ticket exists in the PSA.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.models import Announced, OutboxKind, OutboxState
from bot.store import schema
from bot.store.common import aware, now

PENDING, DONE, FAILED = OutboxState.PENDING.value, OutboxState.DONE.value, \
    OutboxState.FAILED.value


@dataclass(frozen=True)
class PsaTarget:
    """Where a ticket goes: the connector's name and the client's company in it."""

    system: str
    company_id: str


@dataclass(frozen=True)
class OutboxItem:
    id: int
    ticket_id: int
    kind: OutboxKind
    system: str
    company_id: str
    payload: dict[str, Any]
    state: OutboxState
    attempts: int
    next_attempt_at: dt.datetime
    last_error: str | None
    error_status: int | None
    announced: Announced | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


@dataclass(frozen=True)
class OutboxCounts:
    pending: int
    failed: int
    oldest_pending_at: dt.datetime | None


def _item(row: Any) -> OutboxItem:
    return OutboxItem(
        id=row.id, ticket_id=row.ticket_id, kind=OutboxKind(row.kind), system=row.system,
        company_id=row.company_id, payload=dict(row.payload), state=OutboxState(row.state),
        attempts=row.attempts, next_attempt_at=aware(row.next_attempt_at),
        last_error=row.last_error, error_status=row.error_status,
        announced=Announced(row.announced) if row.announced else None,
        created_at=aware(row.created_at),
        finished_at=aware(row.finished_at) if row.finished_at else None,
    )


async def enqueue(conn: AsyncConnection, ticket_id: int, kind: OutboxKind, target: PsaTarget,
                  payload: dict[str, Any] | None = None) -> int:
    """Add a row inside the caller's transaction (the one writing the ticket or note)."""
    at = now()
    result = await conn.execute(schema.psa_outbox.insert().values(
        ticket_id=ticket_id, kind=kind.value, system=target.system,
        company_id=target.company_id, payload=payload or {}, state=PENDING, attempts=0,
        next_attempt_at=at, created_at=at))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


class SqlOutbox:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def claim(self, owner: str, lease_s: float, limit: int) -> list[OutboxItem]:
        """Lease up to `limit` due rows to `owner`; oldest first."""
        table, tickets = schema.psa_outbox, schema.tickets
        at = now()
        free = sa.or_(table.c.lease_until.is_(None), table.c.lease_until < at)
        due = sa.and_(table.c.state == PENDING, table.c.next_attempt_at <= at, free)
        ready = sa.or_(table.c.kind == OutboxKind.CREATE.value,
                       tickets.c.psa_number.is_not(None))  # a note needs its ticket
        candidates = (sa.select(table.c.id).join(tickets, tickets.c.id == table.c.ticket_id)
                      .where(due, ready).order_by(table.c.id).limit(limit * 4))
        claimed: list[OutboxItem] = []
        async with self._engine.connect() as conn:
            ids = list((await conn.execute(candidates)).scalars())
        for item_id in ids:
            if len(claimed) >= limit:
                break
            async with self._engine.begin() as conn:
                changed = await conn.execute(
                    table.update().where(table.c.id == item_id, due)
                    .values(lease_owner=owner, lease_until=at + dt.timedelta(seconds=lease_s)))
                if changed.rowcount == 1:
                    row = (await conn.execute(sa.select(table)
                                              .where(table.c.id == item_id))).one()
                    claimed.append(_item(row))
        return claimed

    async def complete(self, item: OutboxItem, number: str | None) -> bool:
        """Mark the row sent; a create also records the PSA's number on the ticket, in the
        same transaction. False when the row was finished already (another worker)."""
        table, tickets = schema.psa_outbox, schema.tickets
        at = now()
        async with self._engine.begin() as conn:
            changed = await conn.execute(
                table.update().where(table.c.id == item.id, table.c.state == PENDING)
                .values(state=DONE, finished_at=at, lease_owner=None, lease_until=None))
            if changed.rowcount != 1:
                return False
            if item.kind is OutboxKind.CREATE and number is not None:
                await conn.execute(tickets.update().where(tickets.c.id == item.ticket_id)
                                   .values(psa_system=item.system, psa_number=number,
                                           updated_at=at))
                await conn.execute(schema.ticket_events.insert().values(
                    ticket_id=item.ticket_id, at=at, kind="psa", actor="mspbot",
                    detail={"system": item.system, "number": number}))
        return True

    async def postpone(self, item: OutboxItem, owner: str, until: dt.datetime,
                       error: str, status: int | None) -> None:
        """A temporary failure: try again at `until` (the lease is given back)."""
        table = schema.psa_outbox
        async with self._engine.begin() as conn:
            await conn.execute(
                table.update().where(table.c.id == item.id, table.c.state == PENDING,
                                     table.c.lease_owner == owner)
                .values(attempts=table.c.attempts + 1, next_attempt_at=until,
                        lease_owner=None, lease_until=None, last_error=error[:500],
                        error_status=status))

    async def release(self, item: OutboxItem, owner: str) -> None:
        """Give a claimed row back unattempted (due at once, for any worker)."""
        table = schema.psa_outbox
        async with self._engine.begin() as conn:
            await conn.execute(
                table.update().where(table.c.id == item.id, table.c.state == PENDING,
                                     table.c.lease_owner == owner)
                .values(lease_owner=None, lease_until=None))

    async def fail(self, item: OutboxItem, error: str, status: int) -> list[OutboxItem]:
        """A permanent refusal: the row, and the notes waiting on a ticket that will now
        not exist, are failed (kept for staff, never retried by themselves)."""
        table = schema.psa_outbox
        at = now()
        values = {"state": FAILED, "finished_at": at, "lease_owner": None, "lease_until": None,
                  "attempts": table.c.attempts + 1, "error_status": status}
        async with self._engine.begin() as conn:
            changed = await conn.execute(
                table.update().where(table.c.id == item.id, table.c.state == PENDING)
                .values(last_error=error[:500], **values))
            if changed.rowcount != 1:
                return []
            if item.kind is OutboxKind.CREATE:
                await conn.execute(
                    table.update().where(table.c.ticket_id == item.ticket_id,
                                         table.c.state == PENDING,
                                         table.c.kind == OutboxKind.NOTE.value)
                    .values(last_error="its ticket was refused by the PSA", **values))
            rows = await conn.execute(sa.select(table).where(
                table.c.ticket_id == item.ticket_id, table.c.state == FAILED,
                table.c.finished_at == at))
            return [_item(r) for r in rows]

    async def announce(self, item_id: int, how: Announced) -> bool:
        """Claim the telling of the ticket number: True for the first caller only."""
        table = schema.psa_outbox
        async with self._engine.begin() as conn:
            changed = await conn.execute(
                table.update().where(table.c.id == item_id, table.c.announced.is_(None))
                .values(announced=how.value))
        return bool(changed.rowcount == 1)

    async def requeue(self, ticket_id: int) -> int:
        """Send a ticket's failed rows again (after staff fixed the cause); how many."""
        table = schema.psa_outbox
        async with self._engine.begin() as conn:
            changed = await conn.execute(
                table.update().where(table.c.ticket_id == ticket_id, table.c.state == FAILED)
                .values(state=PENDING, attempts=0, next_attempt_at=now(), finished_at=None,
                        lease_owner=None, lease_until=None))
        return int(changed.rowcount)

    async def get(self, item_id: int) -> OutboxItem | None:
        table = schema.psa_outbox
        async with self._engine.connect() as conn:
            row = (await conn.execute(sa.select(table).where(table.c.id == item_id))).first()
        return None if row is None else _item(row)

    async def find(self, *, state: OutboxState | None = None, ticket_id: int | None = None,
                   limit: int = 200) -> list[OutboxItem]:
        table = schema.psa_outbox
        stmt = sa.select(table).order_by(table.c.id).limit(limit)
        if state is not None:
            stmt = stmt.where(table.c.state == state.value)
        if ticket_id is not None:
            stmt = stmt.where(table.c.ticket_id == ticket_id)
        async with self._engine.connect() as conn:
            return [_item(r) for r in await conn.execute(stmt)]

    async def counts(self) -> OutboxCounts:
        table = schema.psa_outbox
        stmt = (sa.select(table.c.state, sa.func.count(), sa.func.min(table.c.created_at))
                .where(table.c.state != DONE).group_by(table.c.state))
        async with self._engine.connect() as conn:
            rows = {r[0]: (int(r[1]), r[2]) for r in await conn.execute(stmt)}
        pending, oldest = rows.get(PENDING, (0, None))
        return OutboxCounts(pending=pending, failed=rows.get(FAILED, (0, None))[0],
                            oldest_pending_at=aware(oldest) if oldest is not None else None)
