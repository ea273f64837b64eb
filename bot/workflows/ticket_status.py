"""A client asks how a ticket is going: look it up among THAT client's tickets only.

With a PSA and a mapped tenant, the PSA answers (`TicketSystem.get` is scoped to the
client's company; another company's number comes back as None, exactly like a number that
does not exist, and both get the same reply). mspbot's own ticket numbers are understood
too (they lead to the PSA ticket they became). Otherwise the built-in store answers. The
reply holds only what the PSA's client portal shows: status, when it was entered and
first responded to, measured against the agreement's target for its priority.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from bot.core.context import AnswerContext
from bot.core.replies import Voice
from bot.psa.types import PsaError, RemoteTicket
from bot.retrieval import text as tx
from bot.store import Store, Ticket
from bot.tickets import status_wording as say
from bot.tickets.status_question import StatusQuestion
from bot.workflows.psa_link import PsaLink

log = logging.getLogger(__name__)


class TicketStatus:
    def __init__(self, store: Store, psa: PsaLink | None, voice: Voice,
                 clock: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.psa = psa
        self.voice = voice
        self.clock = clock

    def _company(self, context: AnswerContext) -> str | None:
        """The client's PSA company, when the PSA can be asked (email cannot)."""
        if self.psa is None or not self.psa.worker.announces:
            return None
        target = self.psa.target_for(context.tenant)
        return target.company_id if target is not None else None

    async def answer(self, context: AnswerContext, question: StatusQuestion,
                     in_conversation: Ticket | None) -> str:
        tenant = context.tenant
        if tenant is None:
            return say.unknown_client(self.voice)
        company = self._company(context)
        own = await self._own(context, question, in_conversation)
        try:
            if company is not None:
                return await self._from_psa(context, question, company, own)
        except PsaError as exc:
            log.warning("the PSA could not be asked about a ticket: %s", exc)
            if own is not None:
                return say.own_ticket(own, tenant, self.clock(), question.why, self.voice,
                                      psa_unreachable=True)
            return say.psa_unreachable(tenant, self.voice)
        if question.number is not None and own is None:
            return say.not_found(question.number, tenant)
        if own is None:
            return await self._list_own(context)
        return say.own_ticket(own, tenant, self.clock(), question.why, self.voice)

    async def _own(self, context: AnswerContext, question: StatusQuestion,
                   in_conversation: Ticket | None) -> Ticket | None:
        """mspbot's own ticket the question is about, scoped to the asking tenant."""
        if question.number is None:
            return in_conversation
        if not question.number.isdigit():
            return None
        return await self.store.tickets.get(int(question.number), context.tenant_slug)

    async def _from_psa(self, context: AnswerContext, question: StatusQuestion, company: str,
                        own: Ticket | None) -> str:
        assert self.psa is not None and context.tenant is not None
        tenant, system = context.tenant, self.psa.system
        remote: RemoteTicket | None = None
        if question.number is not None:
            remote = await system.get(question.number, company)
        if remote is None and own is not None and own.psa_number is not None:
            remote = await system.get(own.psa_number, company)
        if remote is not None:
            return say.remote_ticket(remote, tenant, self.clock(), question.why, self.voice)
        if own is not None:  # logged here, not (yet) in the PSA
            return say.own_ticket(own, tenant, self.clock(), question.why, self.voice)
        if question.number is not None:
            return say.not_found(question.number, tenant)
        tickets = await system.open_tickets(company)
        if len(tickets) == 1:
            return say.remote_ticket(tickets[0], tenant, self.clock(), question.why, self.voice)
        return say.several(tickets, tenant)

    async def _list_own(self, context: AnswerContext) -> str:
        """The client's open tickets: the asker's own first, and among them the one whose
        summary shares a word with the question ("any update on my laptop?")."""
        assert context.tenant is not None
        tickets = await self.store.tickets.find(tenant=context.tenant_slug, limit=20)
        mine = [t for t in tickets if t.requester == context.message.user_id] or tickets
        asked = set(tx.content_words(context.text))
        named = [t for t in mine if asked & set(tx.content_words(t.summary))]
        chosen = named if len(named) == 1 else mine
        if len(chosen) == 1:
            return say.own_ticket(chosen[0], context.tenant, self.clock(), False, self.voice)
        return say.several_own(chosen, context.tenant)
