"""A question that mentions a live fault is answered with an offer to log it, and "log it"
raises the ticket from that question."""

from __future__ import annotations

import pytest

from bot.core import log_it
from bot.core.models import Action, InboundMessage, Reason
from bot.service.app import App
from tests.test_bot import Staff

MIXED = "The phone system isn't working. Is the phone system part of what you look after?"


def message(text: str, thread: str = "7.1") -> InboundMessage:
    return InboundMessage(text=text, platform="slack", channel="C0ACMESUPP", thread=thread,
                          user_id="U1")


@pytest.mark.parametrize("text", ["log it", "Yes please log it", "ok, raise a ticket",
                                  "can you log that?", "please open a ticket for it",
                                  "log it then, thanks"])
def test_asking_to_log_it(text: str) -> None:
    assert log_it.asks_to_log(text)


@pytest.mark.parametrize("text", ["how do I log a ticket?", "logged it yesterday",
                                  "log it as urgent because the whole office is down and "
                                  "nobody can work at all", "it", "the log in page is broken"])
def test_not_asking_to_log_it(text: str) -> None:
    assert not log_it.asks_to_log(text)


def test_a_live_fault_is_named_only_when_it_is_current() -> None:
    assert log_it.names_live_fault(MIXED)
    assert not log_it.names_live_fault("Is the phone system part of what you look after?")
    assert not log_it.names_live_fault("If the printer stops working, who do I call?")
    assert not log_it.names_live_fault("The printer stopped working yesterday, is that covered?")


def test_the_report_is_the_question_the_offer_answered() -> None:
    offered = [("client", MIXED), ("bot", f"Answer.\n\n{log_it.OFFER}")]
    assert log_it.report_to_log(offered) == MIXED
    assert log_it.report_to_log([("client", MIXED), ("bot", "An answer.")]) is None
    assert log_it.report_to_log([]) is None


async def test_log_it_after_the_offer_raises_a_ticket_from_the_question(app: App) -> None:
    staff = Staff()
    answer = await app.bot.handle(message(MIXED), staff)
    assert answer.action is Action.ANSWER and log_it.OFFER in answer.text
    logged = await app.bot.handle(message("log it"), staff)
    assert logged.action is Action.ESCALATE and logged.reason is Reason.REQUEST
    assert logged.ticket is not None and staff.alerts
    ticket = await app.store.tickets.get(logged.ticket.id, "acme-dental")
    assert ticket is not None and ticket.description == MIXED


async def test_no_offer_without_a_fault_or_a_conversation(app: App) -> None:
    plain = await app.bot.handle(message("Is the phone system part of what you look after?"))
    assert plain.action is Action.ANSWER and log_it.OFFER not in plain.text
    once = await app.bot.handle(InboundMessage(text=MIXED, tenant="acme-dental"))
    assert once.action is Action.ANSWER and log_it.OFFER not in once.text  # no reply possible
    await app.bot.handle(message(MIXED, thread="8.1"))  # offered in another thread
    stray = await app.bot.handle(message("log it", thread="9.9"))
    if stray.ticket is not None:  # whatever it is, it is not the other thread's report
        ticket = await app.store.tickets.get(stray.ticket.id, "acme-dental")
        assert ticket is not None and ticket.description == "log it"
