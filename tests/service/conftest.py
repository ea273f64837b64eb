"""The whole server as `mspbot serve` builds it (guard middleware, /metrics, health) with
both platforms on loopback: Slack against the fake Web API, Teams in anonymous
development mode against the fake Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from microsoft_agents.hosting.core import OutboundHostValidator

import adapters.teams as teams
from adapters import server
from adapters.slack.server import Slack, install
from adapters.teams.agent import TeamsAgent
from bot.service.app import App
from tests.slack.conftest import SlackSender, make_config, serving
from tests.slack.fake_slack import FakeSlack
from tests.teams.conftest import TEAMS_ENV, dev_settings
from tests.teams.harness import FakeConnector, LocalTokenProvider

SLACK_ENV = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")


@dataclass
class Service:
    url: str
    app: App
    slack: Slack
    fake: FakeSlack
    connector: FakeConnector
    session: aiohttp.ClientSession
    send: SlackSender
    agent: TeamsAgent

    async def settle(self) -> None:
        """Wait for every answer in the background (Slack after the ack, Teams proactive)."""
        await self.app.tasks.join()

    async def post(self, path: str, body: bytes, content_type: str,
                   headers: dict[str, str] | None = None) -> tuple[int, object]:
        async with self.session.post(f"{self.url}{path}", data=body, headers={
                "Content-Type": content_type, **(headers or {})}) as response:
            text = await response.text()
            try:
                return response.status, await response.json(content_type=None)
            except ValueError:
                return response.status, text


@pytest.fixture(autouse=True)
def no_platform_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*SLACK_ENV, *TEAMS_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def service(app: App) -> AsyncIterator[Service]:
    fake = FakeSlack()
    await fake.start()
    connector = await FakeConnector().start()
    web_app = server.build(app)  # no platform in the environment: added below
    slack = install(web_app, app, make_config(fake))
    teams.register(web_app, app, settings=dev_settings(),
                   token_provider_factory=LocalTokenProvider,
                   host_validator=OutboundHostValidator(enabled=False))
    try:
        async with serving(web_app) as url, aiohttp.ClientSession() as session:
            yield Service(url, app, slack, fake, connector, session,
                          SlackSender(session, f"{url}/slack/events"), web_app[teams.AGENT_KEY])
    finally:
        await connector.stop()
        await fake.stop()
