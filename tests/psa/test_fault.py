"""The Done-when fault test: with MSPBOT_PSA=connectwise against the fake ConnectWise, 100
reports while the PSA refuses connections; after it returns every ticket exists exactly
once, each client hears its number once, and the pending gauge drains to zero.

The outage here lasts as long as the 100 reports take; `bench/psa_outage.py` runs the same
scenario with a full minute and prints the figures the README quotes.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.service import metrics
from bot.tickets.wording import NUMBER_FOLLOWS
from bot.workflows.outbox_worker import psa_key
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.outage import run_outage, tickets_per_key
from tests.psa.psa_app import Messages, cw_env, psa_app

REPORTS = 100


@pytest.fixture
async def fake() -> AsyncIterator[FakeConnectWise]:
    server = FakeConnectWise()
    await server.start()
    yield server
    await server.stop()


async def test_100_reports_during_an_outage_become_100_tickets_exactly_once(
        tmp_path: Path, fake: FakeConnectWise) -> None:
    messages = Messages()
    env = cw_env(fake, MSPBOT_PSA_REPLY_WAIT_S="0.05")
    async with psa_app(f"sqlite:///{tmp_path / 'db'}", env, messages) as app:
        figures = await run_outage(app, fake, messages, reports=REPORTS)
        tickets = [await app.store.tickets.get(r.ticket.id) for r in figures.replies
                   if r.ticket is not None]
    # every client was told the truth while the PSA was away
    assert all(NUMBER_FOLLOWS in r.text for r in figures.replies)
    assert len({t.id for t in tickets if t is not None}) == REPORTS
    # exactly once: one PSA ticket per report, on the company and board, at P3
    assert tickets_per_key(fake) == Counter(psa_key(t) for t in tickets if t is not None)
    assert set(tickets_per_key(fake).values()) == {1}
    assert {(t["company"]["id"], t["board"]["name"], t["priority"]["name"])
            for t in fake.tickets.values()} == {(250, "Service Board",
                                                 "Priority 3 - Normal Response")}
    # each conversation got its own number, once
    numbers = {t.conversation: t.psa_number for t in tickets if t is not None}
    told = Counter(conversation for conversation, _ in messages.posts)
    assert set(told.values()) == {1} and set(told) == set(numbers)
    for conversation, text in messages.posts:
        assert f"ticket #{numbers[conversation]}" in text
    # the backlog, as metrics show it: all 100 waiting at the return, then only falling
    assert figures.pending_at_return == REPORTS
    values = [value for _, value in figures.samples]
    assert values[-1] == 0
    assert all(later <= earlier for earlier, later in itertools.pairwise(values))
    body, _ = metrics.exposition()
    assert 'mspbot_psa_outbox_items{state="pending"} 0.0' in body.decode()
    assert 'mspbot_psa_sends_total{kind="create",outcome="sent"}' in body.decode()
