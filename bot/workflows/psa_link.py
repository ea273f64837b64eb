"""The hand-off's view of the PSA: which company a client is, and the number in time.

A tenant whose agreement has no `psa: {company_id: N}` keeps its tickets in the built-in
store (logged once per tenant, with the reason). The reply waits up to
MSPBOT_PSA_REPLY_WAIT_S for the PSA's number; the telling of the number is claimed in the
database, so the client hears it exactly once: in the reply, or in a follow-up message.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.core.models import Announced, OutboxKind, OutboxState
from bot.psa.config import OutboxConfig
from bot.psa.types import TicketSystem
from bot.store import Store, Ticket
from bot.store.outbox import PsaTarget
from bot.tenants.agreement import Tenant
from bot.workflows.outbox_worker import OutboxWorker

log = logging.getLogger(__name__)


class PsaLink:
    def __init__(self, store: Store, system: TicketSystem, config: OutboxConfig,
                 worker: OutboxWorker) -> None:
        self.store = store
        self.system = system
        self.config = config
        self.worker = worker
        self._unmapped: set[str] = set()

    @property
    def name(self) -> str:
        return self.system.name

    def target_for(self, tenant: Tenant | None) -> PsaTarget | None:
        if tenant is None:
            return None  # an unknown client has no company in the PSA
        if tenant.psa is None:
            if tenant.slug not in self._unmapped:
                self._unmapped.add(tenant.slug)
                log.warning("tenant %s has no `psa: {company_id: ...}` in its agreement: its "
                            "tickets stay in the built-in store, not %s", tenant.slug,
                            self.system.name)
            return None
        return PsaTarget(self.system.name, tenant.psa.company_id)

    def can_follow_up(self, ticket: Ticket) -> bool:
        """Can a message bring the number later (the platform can post in this
        conversation)? Only then may a reply say that it will follow."""
        return self.worker.announces and ticket.conversation is not None \
            and ticket.platform in self.worker.messengers

    async def handed(self, ticket: Ticket) -> bool:
        """Was this ticket given to the PSA (sent, or waiting in the outbox)?"""
        if ticket.psa_system is not None:
            return True
        rows = await self.store.outbox.find(ticket_id=ticket.id, limit=1)
        return any(r.kind is OutboxKind.CREATE for r in rows)

    async def number_in_time(self, ticket: Ticket) -> str | None:
        """The PSA's number if it arrives within the reply wait and the reply may tell it."""
        self.worker.wake()
        if not self.worker.announces:
            return None
        # While the PSA is known to be away, waiting would only delay the reply.
        wait_s = 0.0 if self.worker.psa_away else self.config.reply_wait_s
        number = await self.worker.number_for(ticket.id, wait_s) if wait_s else None
        if number is None:  # perhaps another replica's worker sent it
            current = await self.store.tickets.get(ticket.id)
            number = current.psa_number if current is not None else None
        if number is None:
            return None
        creates = [r for r in await self.store.outbox.find(ticket_id=ticket.id, limit=20)
                   if r.kind is OutboxKind.CREATE]
        if creates and not await self.store.outbox.announce(creates[0].id, Announced.REPLY):
            return None  # the follow-up message has it
        return number

    async def details(self) -> dict[str, Any]:
        """For /readyz: the backlog, and every hand-off the PSA refused (staff must act)."""
        counts = await self.store.outbox.counts()
        failed = await self.store.outbox.find(state=OutboxState.FAILED, limit=20)
        return {
            "system": self.system.name, "pending": counts.pending, "failed": counts.failed,
            "oldest_pending_at": counts.oldest_pending_at.isoformat()
            if counts.oldest_pending_at else None,
            "last_error": self.worker.last_error,
            "refused": [{"ticket": i.ticket_id, "kind": i.kind.value, "status": i.error_status,
                         "error": i.last_error} for i in failed],
        }
