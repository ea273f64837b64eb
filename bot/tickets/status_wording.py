"""What the client is told about a ticket's progress: its state, when it was logged and
first responded to against the agreement's target, and (for "why isn't it fixed yet?")
why a response target is not a fix time. Only what the PSA's client portal shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import tzinfo

from bot.core.replies import Voice
from bot.psa.types import RemoteTicket, State
from bot.schedule import describe_due
from bot.store import Ticket
from bot.tenants.agreement import Tenant

SHOWN = 5  # tickets listed when the client has several open

STATE_PHRASE = {
    State.NEW: "new: nobody has picked it up yet",
    State.IN_PROGRESS: "being worked on",
    State.WAITING_CLIENT: ("waiting on your side: the technician needs something from you "
                           "(look for their question by email or here)"),
    State.WAITING_THIRD_PARTY: ("waiting on a third party (a vendor, supplier or carrier), "
                                "which the technician can chase but not speed up"),
    State.RESOLVED: "marked resolved. If it isn't fixed for you, say so here",
    State.CLOSED: "closed",
}

OPEN_SYSTEM = (
    "Your agreement's targets say how soon a person starts on a problem, not how soon it's "
    "fixed. Your computers, cloud services and other vendors' equipment aren't one closed "
    "system the way a phone line is, so a fix takes as long as finding the cause does, and "
    "sometimes waits on others.")


def when(at: dt.datetime, now: dt.datetime, tz: tzinfo) -> str:
    """A past moment on the client's clock: "today at 09:12", "on Monday at 16:40"."""
    local = at.astimezone(tz)
    days = (now.astimezone(tz).date() - local.date()).days
    clock = f"{local:%H:%M}"
    if days <= 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    if days < 7:
        return f"on {local:%A} at {clock}"
    return f"on {local:%A} {local.day} {local:%B} at {clock}"


def _response(priority: str | None, entered: dt.datetime, first: dt.datetime | None,
              done: bool, tenant: Tenant, now: dt.datetime, voice: Voice) -> str | None:
    tz = tenant.terms.calendar.tz
    target = tenant.response_targets.get(priority) if priority else None
    due = tenant.terms.due(priority, entered) if priority and target else None
    if first is not None:
        text = f"A technician first responded {when(first, now, tz)}"
        if due is None:
            return text + "."
        if first <= due:
            return text + f", within your agreement's target for {priority} ({target})."
        return text + (f", later than your agreement's target for {priority} ({target}, "
                       f"due {when(due, now, tz)}).")
    if done or due is None:
        return None
    if now < due:
        return (f"Under your agreement ({priority}: {target}) a technician responds "
                f"{describe_due(due, now, tz)}.")
    return (f"Your agreement's response target for {priority} ({target}) passed "
            f"{when(due, now, tz)} and I can't see a response on the ticket yet. If nobody "
            f"has been in touch, say \"talk to a person\" here or call {voice.contact(tenant)}.")


def remote_ticket(ticket: RemoteTicket, tenant: Tenant, now: dt.datetime, why: bool,
                  voice: Voice) -> str:
    tz = tenant.terms.calendar.tz
    priority = ticket.priority.value if ticket.priority else None
    done = ticket.closed or ticket.state in (State.RESOLVED, State.CLOSED)
    parts = [f"Ticket #{ticket.number} (\"{ticket.summary}\") is "
             f"{STATE_PHRASE[ticket.state]} (its status: \"{ticket.status}\").",
             f"It was logged {when(ticket.entered_at, now, tz)}"
             + (f" at {priority}." if priority else ".")]
    response = _response(priority, ticket.entered_at, ticket.first_response_at, done, tenant,
                         now, voice)
    if response:
        parts.append(response)
    if why and not done:
        parts.append(OPEN_SYSTEM)
    return " ".join(parts)


def own_ticket(ticket: Ticket, tenant: Tenant, now: dt.datetime, why: bool, voice: Voice,
               *, psa_unreachable: bool = False) -> str:
    """A ticket only mspbot's store knows about (no PSA, or not sent to it yet)."""
    tz = tenant.terms.calendar.tz
    state = "open" if ticket.is_open else "closed"
    parts = [f"Ticket #{ticket.id} (\"{ticket.summary}\") is {state} in our ticket list, at "
             f"{ticket.priority}. It was logged {when(ticket.created_at, now, tz)}."]
    if psa_unreachable:
        parts.append("I can't reach the service desk system right now, so that's what I "
                     "logged, not its latest status.")
    due = ticket.response_due
    if ticket.is_open and due is not None:
        target = tenant.response_targets.get(ticket.priority)
        if now < due:
            parts.append(f"Under your agreement ({ticket.priority}: {target}) a technician "
                         f"responds {describe_due(due, now, tz)}.")
        else:
            parts.append(f"Your agreement's response target ({ticket.priority}: {target}) "
                         f"passed {when(due, now, tz)}. If nobody has been in touch, say "
                         f"\"talk to a person\" here or call {voice.contact(tenant)}.")
    if why and ticket.is_open:
        parts.append(OPEN_SYSTEM)
    return " ".join(parts)


def not_found(number: str, tenant: Tenant) -> str:
    """The same words for a number that does not exist and one of another client's."""
    return (f"I can't find ticket {number} among {tenant.name}'s tickets. Check the number "
            "(it's in the message that confirmed the ticket), or tell me what it was about.")


def several(tickets: Sequence[RemoteTicket], tenant: Tenant) -> str:
    if not tickets:
        return (f"I can't see any open tickets for {tenant.name}. If something is still "
                "wrong, tell me here what it is and I'll log it.")
    shown = "; ".join(f"#{t.number} \"{t.summary}\" ({t.status})" for t in tickets[:SHOWN])
    more = f" and {len(tickets) - SHOWN} more" if len(tickets) > SHOWN else ""
    return (f"{tenant.name} has {len(tickets)} open tickets: {shown}{more}. Which one do "
            "you mean? Ask me about it by its number.")


def several_own(tickets: Sequence[Ticket], tenant: Tenant) -> str:
    if not tickets:
        return several([], tenant)
    shown = "; ".join(f"#{t.id} \"{t.summary}\" ({t.priority})" for t in tickets[:SHOWN])
    more = f" and {len(tickets) - SHOWN} more" if len(tickets) > SHOWN else ""
    return (f"{tenant.name} has {len(tickets)} open tickets: {shown}{more}. Which one do "
            "you mean? Ask me about it by its number.")


def psa_unreachable(tenant: Tenant, voice: Voice) -> str:
    return ("I can't reach the service desk system right now, so I can't check that ticket. "
            f"Try again in a few minutes; if it can't wait, call {voice.contact(tenant)}.")


def unknown_client(voice: Voice) -> str:
    return ("I can't tell which client you're with, so I can't look tickets up. Ask from "
            f"your company's support channel, or call {voice.contact(None)}.")
