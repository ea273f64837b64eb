"""Through Teams, with MSPBOT_PSA=connectwise: a report in Brightpath's channel while the
PSA is away is answered at once ("the number will follow"), and the number does follow,
proactively, in the same thread."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

import adapters.teams as teams
from bot.tickets.wording import NUMBER_FOLLOWS
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.psa_app import cw_env, psa_app
from tests.teams.conftest import TEAMS_ENV, TeamsServer, dev_settings
from tests.teams.harness import FakeConnector, payload, teams_endpoint

THREAD = "19:4c1f7a2b9d3e4f5a8b6c7d0e1f2a3b4c@thread.tacv2;messageid=1772465044102"


@pytest.fixture
async def cw() -> AsyncIterator[FakeConnectWise]:
    fake = FakeConnectWise()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = await FakeConnector().start()
    yield fake
    await fake.stop()


async def test_a_teams_report_gets_its_number_in_the_thread_later(
        tmp_path: Path, cw: FakeConnectWise, connector: FakeConnector,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TEAMS_ENV:
        monkeypatch.delenv(name, raising=False)
    env = cw_env(cw, MSPBOT_PSA_REPLY_WAIT_S="0.1")
    async with (
        psa_app(f"sqlite:///{tmp_path / 'db'}", env) as app,
        teams_endpoint(app, dev_settings()) as (web_app, url),
        aiohttp.ClientSession() as session,
    ):
        bot = TeamsServer(url, connector, app, web_app[teams.AGENT_KEY], session)
        await cw.refuse_connections()
        activity = payload("channel_message_mention", connector.url,
                           text="<at>MSP Helper</at> the printer in reception stopped "
                                "printing")
        posted = await bot.post(activity)
        assert posted.status in (200, 202)
        (reply,) = await connector.wait_messages(1)
        assert reply.conversation_id == THREAD
        assert NUMBER_FOLLOWS in str(reply.activity)
        await cw.accept_connections()
        later = await connector.wait_messages(2, timeout_s=15)
        [remote] = cw.tickets.values()
        assert remote["company"]["id"] == 251  # Brightpath, from its agreement
        assert later[1].conversation_id == THREAD
        assert f"ticket #{remote['id']}" in str(later[1].activity)
