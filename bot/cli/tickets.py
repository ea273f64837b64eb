"""`mspbot tickets ...`: the tickets reports and requests became."""

from __future__ import annotations

import getpass
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import click

from bot.cli.common import echo_json, run
from bot.core.models import OutboxState
from bot.service.settings import Settings
from bot.store import Store, StoreError, Ticket
from bot.store.outbox import OutboxItem


@asynccontextmanager
async def _store() -> AsyncIterator[Store]:
    store = await Store.open(Settings.from_env().database_url)
    try:
        yield store
    finally:
        await store.close()


def _record(ticket: Ticket) -> dict[str, Any]:
    return {
        "id": ticket.id, "tenant": ticket.tenant, "priority": ticket.priority,
        "status": ticket.status, "reason": ticket.reason, "summary": ticket.summary,
        "requester": ticket.requester_name or ticket.requester, "platform": ticket.platform,
        "response_due": ticket.response_due.isoformat() if ticket.response_due else None,
        "staff_notified": ticket.staff_notified,
        "created_at": ticket.created_at.isoformat(),
        "closed_at": ticket.closed_at.isoformat() if ticket.closed_at else None,
        "psa": f"{ticket.psa_system} {ticket.psa_number}" if ticket.psa_number else None,
    }


def _handoff(item: OutboxItem) -> dict[str, Any]:
    return {
        "ticket": item.ticket_id, "kind": item.kind.value, "state": item.state.value,
        "system": item.system, "company_id": item.company_id, "attempts": item.attempts,
        "next_attempt_at": item.next_attempt_at.isoformat()
        if item.state is OutboxState.PENDING else None,
        "error_status": item.error_status, "last_error": item.last_error,
    }


@click.group()
def tickets() -> None:
    """List, show and close the tickets reports and requests became; their PSA hand-offs."""


@tickets.command(name="list")
@click.option("--tenant", help="Only this client's tickets.")
@click.option("--status", type=click.Choice(["open", "closed", "all"]), default="open",
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def list_(tenant: str | None, status: str, as_json: bool) -> None:
    """Most urgent first."""

    async def go() -> list[Ticket]:
        async with _store() as store:
            return await store.tickets.find(tenant=tenant,
                                            status=None if status == "all" else status)

    found = run(go())
    for ticket in found:
        if as_json:
            echo_json(_record(ticket))
            continue
        due = ticket.response_due.strftime("%Y-%m-%d %H:%M %Z") if ticket.response_due \
            else "no target"
        click.echo(f"#{ticket.id:<6} {ticket.priority}  {ticket.status:<6} "
                   f"{ticket.tenant or 'unknown':<18} due {due:<22} {ticket.summary}")
    if not found and not as_json:
        click.echo("no tickets", err=True)


@tickets.command()
@click.argument("ticket_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def show(ticket_id: int, as_json: bool) -> None:
    """A ticket and its history."""

    async def go() -> tuple[Ticket, list[dict[str, Any]], list[dict[str, Any]]]:
        async with _store() as store:
            ticket = await store.tickets.get(ticket_id)
            if ticket is None:
                raise StoreError(f"no ticket #{ticket_id}")
            events = [{"at": e.at.isoformat(), "kind": e.kind, "actor": e.actor,
                       "detail": e.detail} for e in await store.tickets.events(ticket_id)]
            handoffs = [_handoff(i) for i in await store.outbox.find(ticket_id=ticket_id)]
            return ticket, events, handoffs

    ticket, events, handoffs = run(go())
    if as_json:
        echo_json({**_record(ticket), "description": ticket.description, "history": events,
                   "psa_handoffs": handoffs})
        return
    for key, value in _record(ticket).items():
        click.echo(f"{key:>15}: {value}")
    click.echo(f"{'description':>15}: {ticket.description}")
    for event in events:
        click.echo(f"  {event['at']}  {event['kind']:<18} {event['actor']}  {event['detail']}")
    for handoff in handoffs:
        click.echo(f"  PSA {handoff['kind']:<6} {handoff['state']:<7} attempts "
                   f"{handoff['attempts']}  {handoff['last_error'] or ''}")


@tickets.command()
@click.argument("ticket_id", type=int)
@click.option("--note", default="", help="Why it is closed (kept in its history).")
@click.option("--actor", default=lambda: getpass.getuser(), show_default="current user")
def close(ticket_id: int, note: str, actor: str) -> None:
    """Close a ticket."""

    async def go() -> Ticket:
        async with _store() as store:
            return await store.tickets.close(ticket_id, actor, note)

    ticket = run(go())
    click.echo(f"closed #{ticket.id}")


@tickets.command()
@click.option("--state", type=click.Choice(["pending", "failed", "all"]), default="all",
              show_default=True, help="Which hand-offs (sent ones are shown with all).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def outbox(state: str, as_json: bool) -> None:
    """Hand-offs to the PSA: waiting (pending), refused for good (failed), or all."""

    async def go() -> list[OutboxItem]:
        async with _store() as store:
            return await store.outbox.find(
                state=None if state == "all" else OutboxState(state), limit=1000)

    found = run(go())
    for item in found:
        if as_json:
            echo_json(_handoff(item))
            continue
        click.echo(f"#{item.ticket_id:<6} {item.kind.value:<6} {item.state.value:<7} "
                   f"{item.system}:{item.company_id:<8} attempts {item.attempts:<3} "
                   f"{item.last_error or ''}")
    if not found and not as_json:
        click.echo("no hand-offs", err=True)


@tickets.command()
@click.argument("ticket_id", type=int)
def resend(ticket_id: int) -> None:
    """Queue a ticket's refused PSA hand-offs again (after fixing what the PSA refused)."""

    async def go() -> int:
        async with _store() as store:
            if await store.tickets.get(ticket_id) is None:
                raise StoreError(f"no ticket #{ticket_id}")
            return await store.outbox.requeue(ticket_id)

    queued = run(go())
    if not queued:
        raise click.ClickException(f"ticket #{ticket_id} has no refused hand-off to resend")
    click.echo(f"queued {queued} hand-off(s) of #{ticket_id} again; the running server sends "
               "them")
