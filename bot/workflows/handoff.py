"""Handing a conversation to a person, the same way on every platform.

A report, a request or an emergency becomes a ticket with a provisional priority and the
response due time the client's agreement gives it. Staff are alerted first, through the
platform's `StaffChannel`; the client's reply is written afterwards and says only what
happened: the team was alerted, or nobody could be and here is how to reach a person
now. An alert is sent once per delivery even when the reply is retried (a database
outage while recording it). Further reports in the same conversation while the ticket
is open become notes on it; one that makes it more urgent re-prioritises it. With a PSA
(`psa`), the ticket and each note are also queued for it in the same transaction, and the
reply gives the PSA's number when it comes back within about a second (`PsaLink`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

from bot.core import replies
from bot.core.context import AnswerContext
from bot.core.models import Action, Button, Reason, Reply, TicketInfo
from bot.core.ports import StaffAlert, StaffChannel
from bot.core.recording import reply_record
from bot.policy.intake import NOTHING_RETRIEVED
from bot.retrieval import Retrieval
from bot.store import NewTicket, Store, Ticket
from bot.store.outbox import PsaTarget
from bot.tenants.agreement import Tenant
from bot.tickets import details, wording
from bot.tickets.priority import RANK, Assessed, assess
from bot.workflows.psa_link import PsaLink

log = logging.getLogger(__name__)
_REMEMBERED_ALERTS = 2000
Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def client_label(tenant: Tenant | None, identities: tuple[str, ...]) -> str:
    if tenant is not None:
        return f"{tenant.name} ({tenant.slug})"
    return f"unknown client ({identities[-1]})" if identities else "unknown client"


def ticket_info(ticket: Ticket, tenant: Tenant | None = None,
                number: str | None = None) -> TicketInfo:
    """The due time in the client's own zone (its UTC offset included); `number`: the
    PSA's, when the client is told it."""
    due = ticket.response_due
    if due is not None and tenant is not None:
        due = due.astimezone(tenant.terms.calendar.tz)
    return TicketInfo(id=ticket.id, priority=ticket.priority, status=ticket.status,
                      response_due=due.isoformat(timespec="minutes") if due else None,
                      number=number)


def summary_of(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 100 else line[:99].rstrip() + "…"


class Handoff:
    def __init__(self, store: Store, voice: replies.Voice, clock: Clock = _utc_now,
                 psa: PsaLink | None = None) -> None:
        self.store = store
        self.voice = voice
        self.clock = clock
        self.psa = psa  # None: tickets stay in the built-in store
        self._alerted: OrderedDict[str, bool] = OrderedDict()  # alert key -> delivered

    async def alert(self, staff: StaffChannel | None, alert: StaffAlert,
                    key: str | None) -> bool:
        """Alert staff once per key; True when the staff channel accepted the post."""
        if key is not None and key in self._alerted:
            return self._alerted[key]
        delivered = False
        if staff is None:
            log.warning("no staff channel here: %s hand-off not posted", alert.reason.value)
        else:
            try:
                delivered = await staff.alert(alert)
            except Exception:  # a channel must not raise, but a bug in one must not cost
                log.exception("the staff channel failed")  # the client their reply
        if key is not None:
            self._alerted[key] = delivered
            while len(self._alerted) > _REMEMBERED_ALERTS:
                self._alerted.popitem(last=False)
        return delivered

    def _due(self, tenant: Tenant | None, priority: str, at: dt.datetime) -> dt.datetime | None:
        return tenant.terms.due(priority, at) if tenant is not None else None

    def _alert(self, reason: Reason, context: AnswerContext, ticket: Ticket) -> StaffAlert:
        message = context.message
        return StaffAlert(reason=reason, message=message, tenant=context.tenant_slug,
                          client=client_label(context.tenant, message.identities),
                          ticket=ticket_info(ticket, context.tenant, ticket.psa_number),
                          due_text=wording.due_text(ticket, context.tenant, self.clock()))

    async def escalate(self, context: AnswerContext, reason: Reason, retrieval: Retrieval,
                       staff: StaffChannel | None, *, record: bool = True) -> Reply:
        """A new hand-off: the ticket, the alert, then the reply that says what happened."""
        message, tenant = context.message, context.tenant
        if not record:  # an evaluation: nothing is logged, so nothing is promised
            return Reply(text=replies.escalation(reason, tenant, self.voice, notified=False),
                         action=Action.ESCALATE, confidence=1.0, tenant=context.tenant_slug,
                         reason=reason)
        now = self.clock()
        assessed = assess(context.text, reason)
        target = self.psa.target_for(tenant) if self.psa is not None else None
        ticket = await self.store.tickets.create(NewTicket(
            key=message.key or f"ticket:{uuid.uuid4().hex}", tenant=context.tenant_slug,
            platform=message.platform, conversation=message.conversation,
            requester=message.user_id, requester_name=message.user_name,
            summary=summary_of(context.text), description=context.text, reason=reason.value,
            priority=assessed.priority, response_due=self._due(tenant, assessed.priority, now),
        ), target)
        # Staff are alerted while the PSA is given its ~1 s to return the number.
        notified, number = await asyncio.gather(
            self.alert(staff, self._alert(reason, context, ticket), message.key),
            self._number(ticket, target))
        pending = target is not None and number is None and self.psa is not None \
            and self.psa.can_follow_up(ticket)
        label = wording.label(ticket, number, pending=pending)
        text = self._logged_text(reason, ticket, assessed, context, now, notified, label)
        reply = Reply(
            text=f"{text} {wording.NUMBER_FOLLOWS}" if pending else text,
            action=Action.ESCALATE, confidence=1.0, tenant=context.tenant_slug, reason=reason,
            staff_notified=notified, ticket=ticket_info(ticket, context.tenant, number),
            buttons=(Button.MORE_URGENT,) if ticket.priority != RANK[0] else (),
        )
        interaction_id = await self.store.record_reply(reply_record(context, reply, retrieval))
        await self.store.tickets.set_notified(ticket.id, notified)
        return replace(reply, interaction_id=interaction_id)

    async def _number(self, ticket: Ticket, target: PsaTarget | None) -> str | None:
        if target is None or self.psa is None:
            return None
        return await self.psa.number_in_time(ticket)

    def _logged_text(self, reason: Reason, ticket: Ticket, assessed: Assessed,
                     context: AnswerContext, now: dt.datetime, notified: bool,
                     label: str) -> str:
        tenant = context.tenant
        if reason is Reason.EMERGENCY:
            return wording.emergency_logged(ticket, tenant, self.voice, now, notified=notified,
                                            label=label)
        if reason is Reason.HUMAN:
            return wording.person_logged(ticket, tenant, self.voice, now, notified=notified,
                                         label=label)
        return wording.request_logged(ticket, assessed, tenant, self.voice, now,
                                      notified=notified, label=label,
                                      asks=details.missing(context.text, assessed))

    async def psa_target(self, ticket: Ticket, tenant: Tenant | None) -> PsaTarget | None:
        """Where this ticket's notes go: the PSA, when the ticket itself went there."""
        if self.psa is None or not await self.psa.handed(ticket):
            return None
        return self.psa.target_for(tenant)

    async def sorted_on(self, context: AnswerContext, ticket: Ticket,
                        staff: StaffChannel | None) -> Reply:
        """The client says an open ticket's problem is sorted: a note on it, for staff to
        confirm and close. On a P1 or P2 staff are told at once (someone may be on the way);
        a P3 or P4 waits for them to read it."""
        target = await self._note(context, ticket)
        told: bool | None = None  # None: nobody needed telling
        if ticket.priority in RANK[:2]:
            alert = replace(self._alert(Reason(ticket.reason), context, ticket), resolved=True)
            told = await self.alert(staff, alert, context.message.key)
        number = self._after_note(ticket, target)
        reply = Reply(
            text=wording.sorted_noted(ticket, context.tenant, self.voice, told=told,
                                      label=wording.label(ticket, number)),
            action=Action.CLARIFY, confidence=1.0, tenant=context.tenant_slug,
            reason=Reason.NOTED, ticket=ticket_info(ticket, context.tenant, number),
            staff_notified=bool(told),
        )
        interaction_id = await self.store.record_reply(
            reply_record(context, reply, NOTHING_RETRIEVED))
        return replace(reply, interaction_id=interaction_id)

    def _after_note(self, ticket: Ticket, target: PsaTarget | None) -> str | None:
        """Send a note bound for the PSA on its way; the PSA's number for the ticket, when
        replies give it."""
        if target is not None and self.psa is not None:
            self.psa.worker.wake()
        return ticket.psa_number if self.psa is not None and self.psa.worker.announces \
            else None

    async def _note(self, context: AnswerContext, ticket: Ticket) -> PsaTarget | None:
        """The message as a note on `ticket` (and on its PSA copy, when there is one)."""
        target = await self.psa_target(ticket, context.tenant)
        await self.store.tickets.add_note(ticket.id, context.text, context.message.user_id,
                                          target)
        return target

    async def follow_up(self, context: AnswerContext, ticket: Ticket, reason: Reason,
                        staff: StaffChannel | None) -> Reply:
        """More about an open ticket in its own conversation: a note on it, and a new
        priority (and a new alert) only when the message makes it more urgent."""
        now = self.clock()
        assessed = assess(context.text, reason)
        target = await self._note(context, ticket)
        raised_from = None
        notified = bool(ticket.staff_notified)
        if RANK.index(assessed.priority) < RANK.index(ticket.priority):
            raised_from = ticket.priority
            ticket = await self.store.tickets.reprioritise(
                ticket.id, assessed.priority, self._due(context.tenant, assessed.priority, now),
                context.message.user_id, assessed.why(), target)
            notified = await self.alert(staff, self._alert(reason, context, ticket),
                                        context.message.key)
        else:
            ticket = await self.store.tickets.get(ticket.id) or ticket
        number = self._after_note(ticket, target)
        label = wording.label(ticket, number, pending=target is not None and number is None
                              and self.psa is not None and self.psa.can_follow_up(ticket),
                              pending_as="your ticket")
        reply = Reply(
            text=wording.note_added(ticket, context.tenant, now, raised_from=raised_from,
                                    notified=notified, voice=self.voice, label=label),
            action=Action.ESCALATE, confidence=1.0, tenant=context.tenant_slug, reason=reason,
            staff_notified=notified, ticket=ticket_info(ticket, context.tenant, number),
            buttons=(Button.MORE_URGENT,) if ticket.priority != RANK[0] else (),
        )
        interaction_id = await self.store.record_reply(
            reply_record(context, reply, NOTHING_RETRIEVED))
        return replace(reply, interaction_id=interaction_id)
