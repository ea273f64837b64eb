"""Fixtures: the real aiohttp server with the Teams endpoint on loopback, a fake Bot
Connector that records replies, and a JWKS server in a thread for authenticated runs."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.hosting.core import OutboundHostValidator
from microsoft_agents.hosting.core.authorization._entra_issuers import BOTFRAMEWORK_JWKS_URIS

import adapters.teams as teams
from adapters.teams.agent import TeamsAgent
from adapters.teams.config import TeamsSettings
from bot.service.app import App
from tests.teams.harness import (
    APP_ID,
    BOT_FRAMEWORK_ISSUER,
    STAFF_TENANT,
    FakeConnector,
    KeyServer,
    LocalTokenProvider,
    new_key,
    teams_endpoint,
)

TEAMS_ENV = (
    "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID",
    "MSPBOT_TEAMS_DEV_ANONYMOUS", "MSPBOT_TEAMS_STAFF_TENANT_ID", "MSPBOT_TEAMS_STAFF_USER_IDS",
    "MSPBOT_TEAMS_STAFF_CONVERSATION_ID", "MSPBOT_TEAMS_REPLY_BUDGET_S",
)


@pytest.fixture(autouse=True)
def clean_teams_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TEAMS_ENV:
        monkeypatch.delenv(name, raising=False)


@dataclass
class Posted:
    status: int
    body: Any
    elapsed_s: float


@dataclass
class TeamsServer:
    url: str
    connector: FakeConnector
    app: App
    agent: TeamsAgent
    session: aiohttp.ClientSession

    async def post(
        self, activity: dict[str, Any], token: str | None = None,
        headers: dict[str, str] | None = None, raw: bytes | None = None,
    ) -> Posted:
        sent_headers = dict(headers or {})
        if token is not None:
            sent_headers["Authorization"] = f"Bearer {token}"
        started = time.perf_counter()
        kwargs: dict[str, Any] = {"data": raw, "headers": {**sent_headers,
                                  "Content-Type": "application/json"}} if raw is not None \
            else {"json": activity, "headers": sent_headers}
        async with self.session.post(f"{self.url}/api/messages", **kwargs) as response:
            text = await response.text()
            body = None
            if text:
                try:
                    body = await response.json(content_type=None)
                except ValueError:
                    body = text
            return Posted(response.status, body, time.perf_counter() - started)


StartTeams = Callable[..., Awaitable[TeamsServer]]


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    fake = await FakeConnector().start()
    yield fake
    await fake.stop()


def dev_settings(**changes: Any) -> TeamsSettings:
    values: dict[str, Any] = {"dev_anonymous": True, "staff_tenant_id": STAFF_TENANT}
    values.update(changes)
    return TeamsSettings(**values)


def auth_settings(**changes: Any) -> TeamsSettings:
    values: dict[str, Any] = {
        "app_id": APP_ID, "app_password": "not-a-real-secret", "staff_tenant_id": STAFF_TENANT,
    }
    values.update(changes)
    return TeamsSettings(**values)


@pytest.fixture
async def start_teams(app: App, connector: FakeConnector) -> AsyncIterator[StartTeams]:
    async with AsyncExitStack() as stack:

        async def start(
            settings: TeamsSettings | None = None,
            host_validator: OutboundHostValidator | None = None,
        ) -> TeamsServer:
            web_app, url = await stack.enter_async_context(
                teams_endpoint(app, settings or dev_settings(), host_validator))
            session = await stack.enter_async_context(aiohttp.ClientSession())
            return TeamsServer(url, connector, app, web_app[teams.AGENT_KEY], session)

        yield start


@pytest.fixture(scope="session")
def signing_key() -> rsa.RSAPrivateKey:
    return new_key()


@pytest.fixture
def key_server(
    signing_key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KeyServer]:
    """JWKS for the Bot Framework issuer, served locally.

    The SDK (1.9.0) has no setting for the OpenID metadata or JWKS URL: it maps the
    token's issuer to a fixed URL (`BOTFRAMEWORK_JWKS_URIS`). The test repoints that
    entry at the local server; the validation code itself runs unchanged.
    """
    with KeyServer(signing_key) as keys:
        monkeypatch.setitem(BOTFRAMEWORK_JWKS_URIS, BOT_FRAMEWORK_ISSUER, keys.jwks_url)
        yield keys


@pytest.fixture(autouse=True)
def fresh_token_requests() -> None:
    LocalTokenProvider.requests = []
