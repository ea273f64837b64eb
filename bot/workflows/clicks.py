"""Buttons under the bot's messages that hand work to people: "Talk to a person" under an
answer, and "It's more urgent" under a ticket. The same rules on every platform: only
someone of the message's own organisation (or staff) may use them, and each takes effect
once however many times it is clicked."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core import replies
from bot.core.models import Reason, Role
from bot.core.ports import StaffAlert, StaffChannel
from bot.tenants.directory import TenantDirectory
from bot.tickets import wording
from bot.tickets.priority import RANK, raised
from bot.workflows.feedback import Clicker, clicker_tenant, may_act_on
from bot.workflows.handoff import Handoff, client_label, ticket_info


@dataclass(frozen=True)
class ClickHandoff:
    """What a click led to."""

    text: str  # what to tell the person who clicked
    notified: bool
    already: bool = False  # done before (a double click, or someone else clicked)
    refused: bool = False  # not their message


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
        if await store.deliveries.done(key):
            return ClickHandoff(f"{voice.msp_title} already has this one: a person will be in "
                                f"touch. If it can't wait, call {voice.contact(tenant)}.",
                                notified=True, already=True)
        # an earlier click's alert is still on its way: it may yet fail, so claim nothing
        return ClickHandoff("I'm passing this to a person right now (from your earlier "
                            f"click). If it can't wait, call {voice.contact(tenant)}.",
                            notified=False, already=True)
    message = replace(clicker.as_message(), text=row.question, tenant=row.tenant)
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


async def more_urgent(handoff: Handoff, directory: TenantDirectory, ticket_id: int | None,
                      clicker: Clicker, staff: StaffChannel | None) -> ClickHandoff:
    """Raise a ticket one step (P3 -> P2), recompute its due time and alert staff."""
    store, voice = handoff.store, handoff.voice
    ticket = await store.tickets.get(ticket_id) if ticket_id is not None else None
    allowed = ticket is not None and ticket.platform == clicker.platform and (
        clicker.role is Role.STAFF or ticket.tenant == await clicker_tenant(directory, clicker))
    if ticket is None or not allowed:
        return ClickHandoff("I couldn't find that ticket for your team. Tell me here what's "
                            "wrong and I'll log it again.", notified=False, refused=True)
    tenant = await directory.get(ticket.tenant) if ticket.tenant else None
    if not ticket.is_open or ticket.priority == RANK[0]:
        return ClickHandoff(f"Ticket #{ticket.id} is already {ticket.priority}, the most "
                            f"urgent level. If it can't wait, call {voice.contact(tenant)}.",
                            notified=bool(ticket.staff_notified), already=True)
    now = handoff.clock()
    before = ticket.priority
    priority = raised(before)
    ticket = await store.tickets.reprioritise(
        ticket.id, priority, tenant.terms.due(priority, now) if tenant else None,
        clicker.user_id, "the client said it is more urgent",
        await handoff.psa_target(ticket, tenant))
    if handoff.psa is not None:
        handoff.psa.worker.wake()
    message = replace(clicker.as_message(), text=f"More urgent: {ticket.summary}",
                      tenant=ticket.tenant)
    alert = StaffAlert(reason=Reason.REQUEST, message=message, tenant=ticket.tenant,
                       client=client_label(tenant, message.identities),
                       ticket=ticket_info(ticket, tenant),
                       due_text=wording.due_text(ticket, tenant, now))
    notified = await handoff.alert(staff, alert, None)
    return ClickHandoff(wording.note_added(ticket, tenant, now, raised_from=before,
                                           notified=notified, voice=voice), notified=notified)
