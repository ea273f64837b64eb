"""What the outbox worker tells people: the client, the PSA's number when the reply could
not give it; staff, a hand-off the PSA refused for good."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from bot.core.models import Announced
from bot.core.ports import Messenger
from bot.psa.types import PsaPermanentError
from bot.store import Store, Ticket
from bot.store.common import now
from bot.store.outbox import OutboxItem
from bot.tickets import wording

log = logging.getLogger(__name__)
AFTER_REPLY_S = 0.5  # past the reply's own wait, so the reply (which may carry it) is first
POST_ATTEMPTS, POST_RETRY_S = 3, 2.0


async def follow_up(store: Store, messengers: Mapping[str, Messenger], item: OutboxItem,
                    ticket: Ticket, number: str, reply_wait_s: float) -> None:
    """Tell the client the number, unless the reply already did (claimed in the database,
    so it is told once whichever replica sent the ticket)."""
    messenger = messengers.get(ticket.platform)
    if messenger is None or ticket.conversation is None:
        log.info("ticket #%d is PSA ticket %s (no conversation to tell)", ticket.id, number)
        return
    delay = (item.created_at - now()).total_seconds() + reply_wait_s + AFTER_REPLY_S
    if delay > 0:
        await asyncio.sleep(delay)
    if not await store.outbox.announce(item.id, Announced.FOLLOW_UP):
        return
    text = wording.number_follows(ticket, number)
    for attempt in range(POST_ATTEMPTS):  # the platform may still be posting the reply
        if await messenger.post(ticket.conversation, text):
            return
        if attempt + 1 < POST_ATTEMPTS:
            await asyncio.sleep(POST_RETRY_S)
    log.warning("could not tell the client that ticket #%d is PSA ticket %s",
                ticket.id, number)


async def tell_staff(messengers: Mapping[str, Messenger], system: str, item: OutboxItem,
                     ticket: Ticket, exc: PsaPermanentError) -> None:
    """The ticket's own platform's staff channel first, then any other."""
    text = wording.psa_refused(ticket, system, item.kind.value, exc.status, str(exc))
    order = [ticket.platform, *sorted(p for p in messengers if p != ticket.platform)]
    for platform in order:
        messenger = messengers.get(platform)
        if messenger is not None and await messenger.notify_staff(text):
            return
    log.error("no staff channel took the notice that ticket #%d was refused by the PSA",
              ticket.id)
