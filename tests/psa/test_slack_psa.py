"""Through Slack, with MSPBOT_PSA=connectwise: a report in Acme's channel becomes one
ticket on Acme's company and board; while the PSA is away the reply says the number will
follow, and it does, in the same thread; a refused hand-off reaches the staff channel and
/readyz."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from adapters.server import APP_KEY, DRAINING_KEY, readyz
from adapters.slack.server import install
from bot.tickets.wording import NUMBER_FOLLOWS
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.psa_app import cw_env, psa_app
from tests.slack.conftest import STAFF_CHANNEL, SlackSender, make_config, payload, serving
from tests.slack.fake_slack import FakeSlack

REPORT = "<@UBOT0001> the printer in reception stopped printing"


@pytest.fixture
async def cw() -> AsyncIterator[FakeConnectWise]:
    server = FakeConnectWise()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    yield server
    await server.stop()


def mention(text: str, n: int) -> dict[str, object]:
    event = copy.deepcopy(payload("app_mention"))
    event["event"].update(text=text, blocks=[], ts=f"1700000{n}00.000100",
                          event_ts=f"1700000{n}00.000100", client_msg_id=f"msg-{n}")
    event["event_id"] = f"Ev{n}"
    return event


async def test_a_slack_report_lands_in_connectwise_and_the_number_follows(
        tmp_path: Path, cw: FakeConnectWise, slack: FakeSlack) -> None:
    env = cw_env(cw, MSPBOT_PSA_REPLY_WAIT_S="0.1")
    async with psa_app(f"sqlite:///{tmp_path / 'db'}", env) as app:
        web_app = web.Application()
        web_app[APP_KEY] = app
        web_app[DRAINING_KEY] = asyncio.Event()
        web_app.router.add_get("/readyz", readyz)
        bridge = install(web_app, app, make_config(slack))
        async with serving(web_app) as base, aiohttp.ClientSession() as session:
            send = SlackSender(session, f"{base}/slack/events")
            await cw.refuse_connections()
            assert (await send.event(mention(REPORT, 1))).status == 200
            await bridge.service.tasks.join()
            [reply] = slack.posts("C0ACMESUPP")
            assert NUMBER_FOLLOWS in reply.params["text"]
            await cw.accept_connections()
            await slack.wait_for(lambda: len(slack.posts("C0ACMESUPP")) == 2)
            [remote] = cw.tickets.values()
            assert (remote["company"]["id"], remote["board"]["name"]) == (250, "Service Board")
            follow = slack.posts("C0ACMESUPP")[1]
            assert f"ticket #{remote['id']}" in follow.params["text"]
            assert follow.params["thread_ts"] == reply.params["thread_ts"]
            # a hand-off the PSA refuses for good: staff hear it, /readyz lists it
            cw.fail_next(403, path="/service/tickets")
            await send.event(mention("<@UBOT0001> the scanner in reception is jammed", 2))
            await slack.wait_for(lambda: any("refused" in c.params["text"]
                                             for c in slack.posts(STAFF_CHANNEL)))
            async with session.get(f"{base}/readyz") as response:
                body = await response.json()
            assert response.status == 200 and body["status"] == "ready"
            assert body["psa"]["system"] == "connectwise" and body["psa"]["failed"] == 1
            [refused] = body["psa"]["refused"]
            assert refused["status"] == 403 and refused["kind"] == "create"
            assert len(cw.tickets) == 1
