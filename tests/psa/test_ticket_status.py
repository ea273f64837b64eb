"""Clients asking about their tickets: what counts as such a question, isolation for every
connector (another company's number gets exactly the reply a missing number gets), and the
answer through Bot.handle against the fake ConnectWise."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.context import AnswerContext
from bot.core.models import InboundMessage, Reason
from bot.core.replies import Voice
from bot.psa.autotask import Autotask
from bot.psa.connectwise import ConnectWise
from bot.psa.email import EmailConfig, EmailTickets
from bot.psa.halo import Halo
from bot.psa.types import TicketSystem
from bot.store import NewTicket, Store
from bot.tenants.agreement import Tenant, load_tenant_file
from bot.tickets.status_question import status_question
from bot.tickets.status_wording import OPEN_SYSTEM
from bot.workflows.outbox_worker import OutboxWorker
from bot.workflows.psa_link import PsaLink
from bot.workflows.ticket_status import TicketStatus
from tests.conftest import TENANT_FILES
from tests.psa.conftest import at_config, cw_config, halo_config
from tests.psa.fakes.autotask import FakeAutotask
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.fakes.halo import FakeHalo
from tests.psa.psa_app import cw_env, psa_app, slack_message
from tests.psa.test_outbox import FAST

ACME, BRIGHTPATH = 250, 251  # the example tenants' psa company ids


@pytest.mark.parametrize(("text", "in_ticket", "number", "why"), [
    ("what's happening with my ticket?", False, None, False),
    ("any news on 48213?", False, "48213", False),
    ("Any update on ticket #1002", False, "1002", False),
    ("status of T20260315.0012 please", False, "T20260315.0012", False),
    ("why isn't this fixed yet?", True, None, True),
    ("any update?", True, None, False),
    ("why is ticket 48213 still not sorted?", False, "48213", True),
    ("any update on my laptop issue?", False, None, False),  # chasing a job by its name
    ("the scanner ticket hasn't moved in a week, is it still with someone?", False, None,
     False),
    ("Just checking my request didn't get lost. No reply since Wednesday.", False, None, False),
    ("is someone on the scanner thing or should I log it again?", False, None, False),
])
def test_status_questions_are_recognised(text: str, in_ticket: bool, number: str | None,
                                         why: bool) -> None:
    found = status_question(text, in_ticket=in_ticket)
    assert found is not None and found.number == number and found.why is why


@pytest.mark.parametrize("text", [
    "Why isn't my email fixed yet? It's been 4 hours.",  # no ticket in sight: knowledge
    "why isn't this fixed yet?",
    "the printer in room 12 stopped printing",
    "What happens if something breaks on a Saturday?",
    "any news?",
    "my laptop issue is back, it won't turn on",  # a report, not a chase
    "how do I raise a request for a new laptop?",
])
def test_other_messages_are_not_status_questions(text: str) -> None:
    assert status_question(text, in_ticket=False) is None


def tenants() -> dict[str, Tenant]:
    return {t.slug: t for t in map(load_tenant_file, TENANT_FILES)}


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(f"sqlite:///{tmp_path / 'status.db'}")
    yield opened
    await opened.close()


def asking(tenant: Tenant, text: str) -> AnswerContext:
    return AnswerContext(InboundMessage(text=text, tenant=tenant.slug), text, tenant)


async def ask(store: Store, system: TicketSystem | None, tenant: Tenant, text: str) -> str:
    link = None
    if system is not None:
        link = PsaLink(store, system, FAST, OutboxWorker(store, system, FAST, {}))
    status = TicketStatus(store, link, Voice("Northwind IT"), lambda: datetime.now(UTC))
    question = status_question(text, in_ticket=False)
    assert question is not None
    return await status.answer(asking(tenant, text), question, None)


async def _isolation(store: Store, system: TicketSystem, mine: str, theirs: str,
                     missing: str) -> None:
    acme = tenants()["acme-dental"]
    own = await ask(store, system, acme, f"any news on ticket {mine}?")
    assert f"Ticket #{mine} (\"Acme printer offline\")" in own and "It was logged" in own
    other = await ask(store, system, acme, f"any news on ticket {theirs}?")
    absent = await ask(store, system, acme, f"any news on ticket {missing}?")
    assert other.replace(theirs, "N") == absent.replace(missing, "N")
    assert "Brightpath" not in other and "scanner" not in other.lower()


async def test_connectwise_answers_only_for_the_asking_company(store: Store) -> None:
    fake = FakeConnectWise()
    await fake.start()
    system = ConnectWise(cw_config(fake))
    try:
        mine = fake.add_ticket(ACME, "Acme printer offline")
        theirs = fake.add_ticket(BRIGHTPATH, "Brightpath scanner jammed")
        await _isolation(store, system, str(mine["id"]), str(theirs["id"]), "99999")
    finally:
        await system.close()
        await fake.stop()


async def test_autotask_answers_only_for_the_asking_company(store: Store) -> None:
    fake = FakeAutotask()
    await fake.start()
    system = Autotask(at_config(fake))
    try:
        mine = fake.add_ticket(ACME, "Acme printer offline")
        theirs = fake.add_ticket(BRIGHTPATH, "Brightpath scanner jammed")
        await _isolation(store, system, mine["ticketNumber"], theirs["ticketNumber"],
                         "T20260315.9999")
    finally:
        await system.close()
        await fake.stop()


async def test_halo_answers_only_for_the_asking_company(store: Store) -> None:
    fake = FakeHalo()
    await fake.start()
    system = Halo(halo_config(fake))
    try:
        mine = fake.add_ticket(ACME, "Acme printer offline")
        theirs = fake.add_ticket(BRIGHTPATH, "Brightpath scanner jammed")
        await _isolation(store, system, str(mine["id"]), str(theirs["id"]), "99999")
    finally:
        await system.close()
        await fake.stop()


async def test_email_and_the_builtin_store_answer_only_for_the_asking_tenant(
        store: Store) -> None:
    """Email-to-ticket cannot be asked, so mspbot's own tickets answer, scoped the same."""
    def ticket(tenant: str, summary: str, key: str) -> NewTicket:
        return NewTicket(key=key, tenant=tenant, platform="console", conversation=None,
                         requester="u", requester_name=None, summary=summary,
                         description=summary, reason="request", priority="P3",
                         response_due=datetime.now(UTC) + timedelta(hours=8))

    mine = await store.tickets.create(ticket("acme-dental", "Acme printer offline", "k1"))
    theirs = await store.tickets.create(ticket("brightpath-legal", "Brightpath scanner", "k2"))
    email = EmailTickets(EmailConfig.from_env({
        "MSPBOT_SMTP_URL": "smtp://127.0.0.1:2525", "MSPBOT_TICKET_EMAIL_TO": "desk@msp.example",
        "MSPBOT_TICKET_EMAIL_FROM": "bot@msp.example"}))
    for system in (email, None):
        acme = tenants()["acme-dental"]
        own = await ask(store, system, acme, f"any news on ticket {mine.id}?")
        assert f"Ticket #{mine.id} (\"Acme printer offline\") is open" in own
        other = await ask(store, system, acme, f"any news on ticket {theirs.id}?")
        absent = await ask(store, system, acme, "any news on ticket 999?")
        assert other.replace(str(theirs.id), "N") == absent.replace("999", "N")


async def test_in_a_ticket_conversation_the_psa_status_and_target_are_told(
        tmp_path: Path) -> None:
    fake = FakeConnectWise()
    await fake.start()
    try:
        async with psa_app(f"sqlite:///{tmp_path / 'db'}", cw_env(fake)) as app:
            await app.bot.handle(slack_message("the printer in reception stopped printing", 1))
            [remote] = fake.tickets.values()
            asked = await app.bot.handle(slack_message("what's happening with my ticket?", 2,
                                                       thread="1.0"))
            assert asked.reason is Reason.TICKET_STATUS
            assert f"Ticket #{remote['id']}" in asked.text and "nobody has picked it up" \
                in asked.text
            assert "Under your agreement (P3: 1 business day)" in asked.text
            remote["status"] = {"id": 7, "name": "Waiting on client"}
            remote["dateResponded"] = remote["_info"]["dateEntered"]
            why = await app.bot.handle(slack_message("why isn't this fixed yet?", 3,
                                                     thread="1.0"))
            assert "waiting on your side" in why.text and "\"Waiting on client\"" in why.text
            assert "within your agreement's target for P3 (1 business day)" in why.text
            assert OPEN_SYSTEM in why.text
            assert "1.5" not in why.text  # the technician's hours never reach the client
    finally:
        await fake.stop()
