"""A client chasing a job by its name ("any update on my laptop issue?") hears about their
own ticket for it, not an article about how updates work."""

from __future__ import annotations

from bot.core.models import Action, InboundMessage, Reason
from bot.service.app import App


def message(text: str, user: str, thread: str) -> InboundMessage:
    return InboundMessage(text=text, platform="slack", channel="C0ACMESUPP", thread=thread,
                          user_id=user)


async def test_a_chase_finds_the_askers_ticket_by_its_words(app: App) -> None:
    laptop = await app.bot.handle(message("my laptop won't start this morning", "U1", "1.1"))
    scanner = await app.bot.handle(message("the scanner jams on every page", "U1", "2.1"))
    other = await app.bot.handle(message("my laptop screen flickers all day", "U2", "3.1"))
    assert laptop.ticket and scanner.ticket and other.ticket
    chase = await app.bot.handle(message("any update on my laptop issue?", "U1", "4.1"))
    assert chase.action is Action.ANSWER and chase.reason is Reason.TICKET_STATUS
    assert f"#{laptop.ticket.id}" in chase.text
    assert f"#{other.ticket.id}" not in chase.text  # another person's laptop
    vague = await app.bot.handle(message("any update on my request?", "U1", "5.1"))
    assert f"#{laptop.ticket.id}" in vague.text and f"#{scanner.ticket.id}" in vague.text
