"""What the client is told when a report becomes a ticket: the expectation, concretely.

"Logged as ticket #12, provisional P3 (one person, blocked). Under your agreement a
technician replies by 10:30 on Thursday." Every sentence about what happened is true:
"the team has been alerted" only when the staff channel accepted the alert.
"""

from __future__ import annotations

import datetime as dt

from bot.core.replies import Voice
from bot.knowledge.templating import as_list
from bot.schedule import describe_due
from bot.store import Ticket
from bot.tenants.agreement import Tenant
from bot.tickets.priority import Assessed

NUMBER_FOLLOWS = "It's logged; the ticket number will follow here."


def label(ticket: Ticket, number: str | None = None, *, pending: bool = False,
          pending_as: str = "a ticket") -> str:
    """How a reply names the ticket: the PSA's number once known; while the PSA has not
    answered, no number at all (NUMBER_FOLLOWS, then a message brings it); else mspbot's
    own number (the built-in store, or email-to-ticket, which gets no number back)."""
    if number is not None:
        return f"ticket #{number}"
    return pending_as if pending else f"ticket #{ticket.id}"


def due_text(ticket: Ticket, tenant: Tenant | None, now: dt.datetime) -> str | None:
    """ "by 10:30 on Thursday", in the client's own time zone."""
    if ticket.response_due is None or tenant is None:
        return None
    return describe_due(ticket.response_due, now, tenant.terms.calendar.tz)


def _expectation(ticket: Ticket, tenant: Tenant | None, now: dt.datetime) -> str:
    if tenant is None:
        return ("I can't tell which agreement you're on, so I can't give you a response "
                "time; the team will pick it up in priority order.")
    target = tenant.response_targets.get(ticket.priority)
    due = due_text(ticket, tenant, now)
    if target is None or due is None:
        return (f"Your agreement sets no response target for {ticket.priority}, so the team "
                "will pick it up in priority order.")
    covered = ticket.priority in tenant.terms.after_hours
    closed_now = not tenant.terms.calendar.is_open(now.astimezone(tenant.terms.calendar.tz))
    sentence = (f"Under your agreement ({ticket.priority}: {target}), a technician will "
                f"reply {due}.")
    if closed_now and not covered:
        sentence += (f" It's outside your support hours ({tenant.coverage.business_hours}), "
                     "so the clock starts when they open.")
    elif closed_now and covered:
        sentence += f" Out of hours your cover is: {tenant.coverage.after_hours}."
    return sentence


def request_logged(ticket: Ticket, assessed: Assessed, tenant: Tenant | None, voice: Voice,
                   now: dt.datetime, *, notified: bool, asks: list[str],
                   label: str | None = None) -> str:
    parts = [f"I've logged this as {label or f'ticket #{ticket.id}'}, provisional priority "
             f"{ticket.priority} ({assessed.why()}).", _expectation(ticket, tenant, now)]
    if notified:
        parts.append(f"{voice.msp_title} has been alerted.")
    else:
        parts.append(f"I couldn't alert {voice.msp} from here, so if it can't wait, call "
                     f"{voice.contact(tenant)}.")
    if asks:
        parts.append(f"To speed it up, reply here with {as_list(asks)}.")
    parts.append("If it's more urgent than that or affects more people, tell me here and "
                 "I'll re-prioritise it.")
    return " ".join(parts)


def emergency_logged(ticket: Ticket, tenant: Tenant | None, voice: Voice, now: dt.datetime,
                     *, notified: bool, label: str | None = None) -> str:
    contact = voice.contact(tenant)
    tip = (" Meanwhile, if it could be a security problem, unplug the affected computer from "
           "the network but leave it switched on, and don't type any more passwords.")
    due = due_text(ticket, tenant, now)
    logged = f"It's logged as {label or f'ticket #{ticket.id}'} at P1"
    logged += f", and a technician responds {due} under your agreement." if due else "."
    if notified:
        return ("That sounds serious, so I'm getting a person on it now instead of explaining: "
                f"I've alerted {voice.msp} that this is an emergency. {logged} Please also call "
                f"{contact} now and say it's an emergency.{tip}")
    return ("That sounds serious. I couldn't alert anyone from here, so please call "
            f"{contact} now and say it's an emergency. {logged}{tip}")


def person_logged(ticket: Ticket, tenant: Tenant | None, voice: Voice, now: dt.datetime,
                  *, notified: bool, label: str | None = None) -> str:
    contact = voice.contact(tenant)
    named = label or f"ticket #{ticket.id}"
    due = due_text(ticket, tenant, now)
    when = f", and someone will reply {due}" if due else ""
    if notified:
        return (f"Of course. I've asked {voice.msp} to pick this up with you directly "
                f"({named}){when}. If it can't wait, call {contact}.")
    return (f"Of course. I couldn't reach {voice.msp} from here, so please call {contact}, "
            f"and a person will take it from there. I've logged it as {named}.")


def note_added(ticket: Ticket, tenant: Tenant | None, now: dt.datetime, *,
               raised_from: str | None, notified: bool, voice: Voice,
               label: str | None = None) -> str:
    named = label or f"ticket #{ticket.id}"
    if raised_from is None:
        return (f"Thanks, I've added that to {named} (still {ticket.priority}); "
                "the technician will see it.")
    due = due_text(ticket, tenant, now)
    text = (f"Understood: I've raised {named} from {raised_from} to "
            f"{ticket.priority}")
    text += f", so a technician will now reply {due}." if due else "."
    if notified:
        text += f" {voice.msp_title} has been alerted to the change."
    else:
        text += f" If it can't wait, call {voice.contact(tenant)}."
    return text


def sorted_noted(ticket: Ticket, tenant: Tenant | None, voice: Voice, *, told: bool | None,
                 label: str | None = None) -> str:
    """The client says the problem of an open ticket is sorted: noted on it, for staff to
    confirm and close (the bot does not close it on its own). `told`: whether staff were
    alerted at once (None when the priority did not call for it)."""
    named = label or f"ticket #{ticket.id}"
    about = ticket.summary if len(ticket.summary) <= 60 else ticket.summary[:57].rstrip() + "..."
    text = f"Thanks for letting us know. I've noted on {named} (\"{about}\") that it's sorted"
    if told:
        text += f" and told {voice.msp}, so the technician can confirm and close it."
    elif told is False:
        text += (f", but I couldn't tell {voice.msp} from here: if someone is on their way, "
                 f"call {voice.contact(tenant)}.")
    else:
        text += ", so the technician can confirm and close it."
    return text + " If it plays up again, just say so here."


def number_follows(ticket: Ticket, number: str) -> str:
    """The message after a reply that could not give the service desk's number yet."""
    return (f"Your report \"{ticket.summary}\" is now ticket #{number} in our service desk. "
            "Quote that number if you call; I'll add anything you write here to it.")


def psa_refused(ticket: Ticket, system: str, kind: str, status: int, error: str) -> str:
    """For staff: a hand-off the PSA refused for good (it is not retried by itself)."""
    what = "ticket" if kind == "create" else "note on ticket"
    client = ticket.tenant or "an unknown client"
    return (f"The PSA ({system}) refused the {what} #{ticket.id} for {client} "
            f"(status {status}: {error[:300]}). It stays in mspbot's own ticket list and will "
            f"not be sent again by itself: fix the cause (credentials, permissions, the "
            f"client's psa company_id), then run `mspbot tickets resend {ticket.id}`.")
