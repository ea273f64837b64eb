"""Tickets and their history (ticket_events): what reports and requests became."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.models import OutboxKind
from bot.store import schema
from bot.store.common import StoreError, aware, now
from bot.store.outbox import PsaTarget, enqueue
from bot.store.records import NewTicket, Ticket, TicketEvent


def _ticket(row: Any) -> Ticket:
    return Ticket(
        id=row.id, key=row.key, tenant=row.tenant, platform=row.platform,
        conversation=row.conversation, requester=row.requester,
        requester_name=row.requester_name, summary=row.summary, description=row.description,
        reason=row.reason, priority=row.priority, status=row.status,
        response_due=aware(row.response_due) if row.response_due else None,
        staff_notified=row.staff_notified, created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        closed_at=aware(row.closed_at) if row.closed_at else None,
        psa_system=row.psa_system, psa_number=row.psa_number,
    )


async def _event(conn: AsyncConnection, ticket_id: int, kind: str, actor: str,
                 detail: dict[str, Any]) -> None:
    await conn.execute(schema.ticket_events.insert().values(
        ticket_id=ticket_id, at=now(), kind=kind, actor=actor, detail=detail))


def _utc(at: dt.datetime | None) -> dt.datetime | None:
    """SQLite keeps the wall time and drops the zone: store every time in UTC."""
    return at.astimezone(dt.UTC) if at is not None else None


def _iso(at: dt.datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


class SqlTicketStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def create(self, ticket: NewTicket, psa: PsaTarget | None = None) -> Ticket:
        table = schema.tickets
        async with self._engine.begin() as conn:
            found = (await conn.execute(sa.select(table).where(table.c.key == ticket.key))).first()
            if found is not None:
                return _ticket(found)
            at = now()
            result = await conn.execute(table.insert().values(
                key=ticket.key, tenant=ticket.tenant, platform=ticket.platform,
                conversation=ticket.conversation, requester=ticket.requester,
                requester_name=ticket.requester_name, summary=ticket.summary[:200],
                description=ticket.description[:4000], reason=ticket.reason,
                priority=ticket.priority, status="open", response_due=_utc(ticket.response_due),
                staff_notified=None, created_at=at, updated_at=at))
            key = result.inserted_primary_key
            assert key is not None
            await _event(conn, int(key[0]), "created", ticket.requester,
                         {"priority": ticket.priority, "reason": ticket.reason,
                          "response_due": _iso(ticket.response_due)})
            if psa is not None:  # committed with the ticket, or not at all
                await enqueue(conn, int(key[0]), OutboxKind.CREATE, psa)
            row = (await conn.execute(sa.select(table).where(table.c.id == key[0]))).one()
        return _ticket(row)

    async def get(self, ticket_id: int, tenant: str | None = None) -> Ticket | None:
        table = schema.tickets
        stmt = sa.select(table).where(table.c.id == ticket_id)
        if tenant is not None:
            stmt = stmt.where(table.c.tenant == tenant)
        async with self._engine.connect() as conn:
            row = (await conn.execute(stmt)).first()
        return None if row is None else _ticket(row)

    async def find(self, *, tenant: str | None = None, status: str | None = "open",
                   limit: int = 200) -> list[Ticket]:
        table = schema.tickets
        stmt = sa.select(table).order_by(table.c.priority, table.c.id.desc()).limit(limit)
        if tenant is not None:
            stmt = stmt.where(table.c.tenant == tenant)
        if status is not None:
            stmt = stmt.where(table.c.status == status)
        async with self._engine.connect() as conn:
            return [_ticket(r) for r in await conn.execute(stmt)]

    async def open_in_conversation(self, conversation: str, tenant: str | None) -> Ticket | None:
        table = schema.tickets
        tenant_match = table.c.tenant.is_(None) if tenant is None else table.c.tenant == tenant
        stmt = (sa.select(table).where(table.c.conversation == conversation, tenant_match,
                                       table.c.status == "open")
                .order_by(table.c.id.desc()).limit(1))
        async with self._engine.connect() as conn:
            row = (await conn.execute(stmt)).first()
        return None if row is None else _ticket(row)

    async def _update(self, ticket_id: int, kind: str, actor: str, detail: dict[str, Any],
                      psa_note: tuple[PsaTarget, str] | None = None, **values: Any) -> Ticket:
        table = schema.tickets
        async with self._engine.begin() as conn:
            changed = await conn.execute(table.update().where(table.c.id == ticket_id)
                                         .values(updated_at=now(), **values))
            if not changed.rowcount:
                raise StoreError(f"no ticket #{ticket_id}")
            await _event(conn, ticket_id, kind, actor, detail)
            if psa_note is not None:
                target, text = psa_note
                await enqueue(conn, ticket_id, OutboxKind.NOTE, target, {"text": text[:4000]})
            row = (await conn.execute(sa.select(table).where(table.c.id == ticket_id))).one()
        return _ticket(row)

    async def set_notified(self, ticket_id: int, notified: bool) -> None:
        await self._update(ticket_id, "staff-notified" if notified else "staff-not-notified",
                           "mspbot", {}, staff_notified=notified)

    async def reprioritise(self, ticket_id: int, priority: str,
                           response_due: dt.datetime | None, actor: str, why: str,
                           psa: PsaTarget | None = None) -> Ticket:
        current = await self.get(ticket_id)
        if current is None:
            raise StoreError(f"no ticket #{ticket_id}")
        return await self._update(
            ticket_id, "priority", actor,
            {"from": current.priority, "to": priority, "why": why,
             "response_due": _iso(response_due)},
            psa_note=None if psa is None else
            (psa, f"The client raised the priority from {current.priority} to {priority}: "
                  f"{why}."),
            priority=priority, response_due=_utc(response_due))

    async def add_note(self, ticket_id: int, text: str, actor: str,
                       psa: PsaTarget | None = None) -> Ticket:
        """With `psa`, the note is also queued for the PSA ticket, in the same transaction."""
        return await self._update(ticket_id, "note", actor, {"text": text[:4000]},
                                  psa_note=None if psa is None else (psa, text))

    async def close(self, ticket_id: int, actor: str, note: str = "") -> Ticket:
        current = await self.get(ticket_id)
        if current is None:
            raise StoreError(f"no ticket #{ticket_id}")
        if not current.is_open:
            raise StoreError(f"ticket #{ticket_id} is closed already")
        return await self._update(ticket_id, "closed", actor, {"note": note},
                                  status="closed", closed_at=now())

    async def set_psa(self, ticket_id: int, system: str, number: str) -> Ticket:
        return await self._update(ticket_id, "psa", "mspbot",
                                  {"system": system, "number": number},
                                  psa_system=system, psa_number=number)

    async def events(self, ticket_id: int) -> list[TicketEvent]:
        table = schema.ticket_events
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(table).where(table.c.ticket_id == ticket_id)
                                      .order_by(table.c.id))
            return [TicketEvent(aware(r.at), r.kind, r.actor, dict(r.detail)) for r in rows]
