"""Reports through Bot.handle with MSPBOT_PSA=connectwise: one ticket on the client's
company and board with the provisional priority; the number in the reply when the PSA
answers within the wait, else "it will follow" and a message with it; a follow-up in the
same conversation becomes a note on the same PSA ticket."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.core.models import Action
from bot.tickets.wording import NUMBER_FOLLOWS
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.psa_app import Messages, cw_env, psa_app, slack_message

PRINTER = "the printer in reception stopped printing"


@pytest.fixture
async def fake() -> AsyncIterator[FakeConnectWise]:
    server = FakeConnectWise()
    await server.start()
    yield server
    await server.stop()


async def eventually(condition: Callable[[], bool | Awaitable[bool]], what: str) -> None:
    for _ in range(500):
        result = condition()
        if result if isinstance(result, bool) else await result:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_a_report_becomes_one_ticket_on_the_company_and_board(
        tmp_path: Path, fake: FakeConnectWise) -> None:
    messages = Messages()
    async with psa_app(f"sqlite:///{tmp_path / 'db'}", cw_env(fake), messages) as app:
        reply = await app.bot.handle(slack_message(PRINTER, 1))
        [remote] = fake.tickets.values()
        assert remote["company"]["id"] == 250 and remote["board"]["name"] == "Service Board"
        assert remote["priority"]["name"] == "Priority 3 - Normal Response"  # provisional P3
        assert reply.action is Action.ESCALATE and reply.ticket is not None
        assert reply.ticket.number == str(remote["id"])
        assert f"I've logged this as ticket #{remote['id']}, provisional priority P3" \
            in reply.text
        stored = await app.store.tickets.get(reply.ticket.id)
        assert stored is not None and stored.psa_number == str(remote["id"])
        # the same conversation: a note on the same PSA ticket, not a second ticket
        more = await app.bot.handle(slack_message("it shows error E-52 on the display", 2,
                                                  thread="1.0"))
        assert f"I've added that to ticket #{remote['id']}" in more.text
        await eventually(lambda: len(fake.notes[remote["id"]]) == 2, "the note lands")
        assert fake.notes[remote["id"]][1]["text"] == "it shows error E-52 on the display"
        assert len(fake.tickets) == 1
    assert messages.posts == []  # the reply gave the number: no second message about it


async def test_while_the_psa_is_away_the_number_follows_in_a_message(
        tmp_path: Path, fake: FakeConnectWise) -> None:
    messages = Messages()
    env = cw_env(fake, MSPBOT_PSA_REPLY_WAIT_S="0.1")
    async with psa_app(f"sqlite:///{tmp_path / 'db'}", env, messages) as app:
        await fake.refuse_connections()
        reply = await app.bot.handle(slack_message(PRINTER, 1))
        assert reply.ticket is not None and reply.ticket.number is None
        assert NUMBER_FOLLOWS in reply.text and "ticket #" not in reply.text
        await fake.accept_connections()
        await eventually(lambda: bool(messages.posts), "the number follows")
        [remote] = fake.tickets.values()
        [(conversation, text)] = messages.posts
        assert conversation == "slack:C0ACMESUPP:1.0"
        assert f"ticket #{remote['id']}" in text


async def test_an_unmapped_tenant_keeps_its_tickets_in_the_builtin_store(
        tmp_path: Path, fake: FakeConnectWise, caplog: pytest.LogCaptureFixture) -> None:
    async with psa_app(f"sqlite:///{tmp_path / 'db'}", cw_env(fake)) as app:
        acme = await app.store.tenants.get("acme-dental")
        assert acme is not None
        await app.store.tenants.put(acme.model_copy(update={"psa": None}))
        reply = await app.bot.handle(slack_message(PRINTER, 1))
        assert reply.ticket is not None and f"ticket #{reply.ticket.id}" in reply.text
        assert await app.store.outbox.find() == []
    assert fake.tickets == {}
    assert "acme-dental has no `psa: {company_id: ...}`" in caplog.text
