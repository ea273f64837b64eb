"""Handing a conversation to a person, the same way on every platform.

Staff are alerted first, through the platform's `StaffChannel`; the client's reply is
written afterwards and says only what happened: a person was alerted, or nobody could be
and here is how to reach one now. An alert is sent once per delivery even when the
reply is retried (a database outage while recording it).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, replace

from bot.core import replies
from bot.core.context import AnswerContext
from bot.core.models import Action, Reason, Reply
from bot.core.ports import StaffAlert, StaffChannel
from bot.core.recording import reply_record
from bot.retrieval import Retrieval
from bot.store import Store
from bot.tenants.agreement import Tenant
from bot.tenants.directory import TenantDirectory
from bot.workflows.feedback import Clicker, may_act_on

log = logging.getLogger(__name__)
_REMEMBERED_ALERTS = 2000


def client_label(tenant: Tenant | None, identities: tuple[str, ...]) -> str:
    if tenant is not None:
        return f"{tenant.name} ({tenant.slug})"
    return f"unknown client ({identities[-1]})" if identities else "unknown client"


class Handoff:
    def __init__(self, store: Store, voice: replies.Voice) -> None:
        self.store = store
        self.voice = voice
        self._alerted: OrderedDict[str, bool] = OrderedDict()  # delivery key -> delivered

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

    async def escalate(self, context: AnswerContext, reason: Reason, retrieval: Retrieval,
                       staff: StaffChannel | None, *, record: bool = True) -> Reply:
        message = context.message
        alert = StaffAlert(reason=reason, message=message, tenant=context.tenant_slug,
                           client=client_label(context.tenant, message.identities))
        notified = await self.alert(staff, alert, message.key)
        reply = Reply(
            text=replies.escalation(reason, context.tenant, self.voice, notified=notified),
            action=Action.ESCALATE, confidence=1.0, tenant=context.tenant_slug, reason=reason,
            staff_notified=notified,
        )
        if not record:
            return reply
        interaction_id = await self.store.record_reply(reply_record(context, reply, retrieval))
        return replace(reply, interaction_id=interaction_id)


@dataclass(frozen=True)
class ClickHandoff:
    """What a "Talk to a person" click under an answer led to."""

    text: str  # what to tell the person who clicked
    notified: bool
    already: bool = False  # someone had asked already for this answer
    refused: bool = False  # not their answer


async def person_for_answer(handoff: Handoff, directory: TenantDirectory,
                            interaction_id: int | None, clicker: Clicker,
                            staff: StaffChannel | None, *,
                            answer: str | None = None) -> ClickHandoff:
    """One hand-off per answer, however many times and by whom the button is clicked."""
    store, voice = handoff.store, handoff.voice
    if interaction_id is None or not await may_act_on(store, directory, interaction_id,
                                                      clicker):
        return ClickHandoff("I couldn't tell which answer that was about. If you need a "
                            f"person, just say so here or call {voice.contact(None)}.",
                            notified=False, refused=True)
    row = await store.interactions.get(interaction_id)
    assert row is not None
    tenant = await directory.get(row.tenant) if row.tenant else None
    key = f"handoff:answer:{interaction_id}"
    if not await store.deliveries.claim(key):
        return ClickHandoff(f"{voice.msp} already has this one: a person will be in touch. "
                            f"If it can't wait, call {voice.contact(tenant)}.",
                            notified=True, already=True)
    message = clicker.as_message()
    message = replace(message, text=row.question, tenant=row.tenant)
    alert = StaffAlert(reason=Reason.HUMAN, message=message, tenant=row.tenant,
                       client=client_label(tenant, message.identities), answer=answer,
                       clicked=True)
    notified = await handoff.alert(staff, alert, None)
    if notified:
        await store.deliveries.complete(key)
    else:  # nobody was told: the next click may try again
        await store.deliveries.release(key)
    return ClickHandoff(replies.escalation(Reason.HUMAN, tenant, voice, notified=notified),
                        notified=notified)
