"""Tickets and escalations: open items by client and priority, due times, conversations."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from urllib.parse import urlencode

from aiohttp import web

from adapters.console_web.site import site_of
from bot.store.records import Ticket


def conversation_link(ticket: Ticket) -> str | None:
    """Slack's documented app_redirect link opens the conversation's channel (a thread
    permalink would need the workspace's own domain, which the store does not keep)."""
    if ticket.conversation is None:
        return None
    platform, _, rest = ticket.conversation.partition(":")
    channel = rest.partition(":")[0]
    if platform == "slack" and re.fullmatch(r"[A-Z0-9]+", channel):
        return f"https://slack.com/app_redirect?{urlencode({'channel': channel})}"
    return None


async def listing(request: web.Request) -> web.Response:
    site = site_of(request)
    status = request.query.get("status", "open")
    tickets = await site.app.store.tickets.find(status=None if status == "all" else status,
                                                limit=500)
    by_client: dict[str, list[Ticket]] = defaultdict(list)
    for ticket in tickets:
        by_client[ticket.tenant or "unknown"].append(ticket)
    now = dt.datetime.now(dt.UTC)
    return site.page(request, "tickets.html", by_client=sorted(by_client.items()), now=now,
                     shown=status, link=conversation_link, total=len(tickets))


async def detail(request: web.Request) -> web.Response:
    site = site_of(request)
    try:
        ticket_id = int(request.match_info["ticket_id"])
    except ValueError:
        raise web.HTTPNotFound() from None
    ticket = await site.app.store.tickets.get(ticket_id)
    if ticket is None:
        raise web.HTTPNotFound(text="no such ticket")
    turns = []
    if ticket.conversation is not None:
        turns = await site.app.store.conversations.recent(ticket.conversation, ticket.tenant, 20)
    return site.page(request, "ticket.html", ticket=ticket, turns=turns,
                     events=await site.app.store.tickets.events(ticket.id),
                     link=conversation_link(ticket))


def routes(router: web.UrlDispatcher) -> None:
    router.add_get("/tickets", listing)
    router.add_get("/tickets/{ticket_id}", detail)
