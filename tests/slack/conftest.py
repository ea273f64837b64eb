"""The Slack harness: the real aiohttp server with the Slack adapter on 127.0.0.1, a fake
Slack Web API beside it, and a client that signs requests the way Slack does."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from adapters.slack.config import SlackConfig
from adapters.slack.server import Slack, install
from bot.service.app import App
from tests.slack.fake_slack import MSP_TEAM, FakeSlack

PAYLOADS = Path(__file__).parent / "payloads"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
STAFF_CHANNEL = "C0STAFF001"


def payload(name: str) -> dict[str, Any]:
    """A captured-shape payload (a fresh copy each time, safe to modify)."""
    data = json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(dict(data))


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


@dataclass
class Posted:
    status: int
    body: str
    elapsed_s: float

    def json(self) -> Any:
        return json.loads(self.body)


class SlackSender:
    """Posts to /slack/events exactly as Slack would: signed, with retry headers."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url

    async def raw(self, body: str, content_type: str, headers: dict[str, str]) -> Posted:
        started = time.perf_counter()
        async with self.session.post(self.url, data=body.encode(),
                                     headers={"Content-Type": content_type, **headers}) as resp:
            text = await resp.text()
            return Posted(resp.status, text, time.perf_counter() - started)

    async def event(self, data: dict[str, Any], *, retry_num: int | None = None,
                    timestamp: int | None = None, secret: str = SECRET) -> Posted:
        body = json.dumps(data)
        headers = sign(body, timestamp, secret)
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        return await self.raw(body, "application/json", headers)

    async def interactive(self, data: dict[str, Any]) -> Posted:
        body = urlencode({"payload": json.dumps(data)})
        return await self.raw(body, "application/x-www-form-urlencoded", sign(body))

    async def command(self, fields: dict[str, str]) -> Posted:
        body = urlencode(fields)
        return await self.raw(body, "application/x-www-form-urlencoded", sign(body))


@dataclass
class Harness:
    app: App
    fake: FakeSlack
    slack: Slack
    send: SlackSender
    base_url: str

    async def settle(self) -> None:
        """Wait until every background answer has finished."""
        await self.slack.service.tasks.join()


def make_config(fake: FakeSlack, **overrides: Any) -> SlackConfig:
    values: dict[str, Any] = {
        "bot_token": "xoxb-test-token",
        "signing_secret": SECRET,
        "api_url": fake.api_url,
        "staff_channel": STAFF_CHANNEL,
        "staff_team_ids": frozenset({MSP_TEAM}),
        "msp_name": "Northwind IT",
    }
    values.update(overrides)
    return SlackConfig(**values)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def harness(app: App, fake: FakeSlack) -> AsyncIterator[Harness]:
    web_app = web.Application()
    slack = install(web_app, app, make_config(fake))
    async with serving(web_app) as base_url, aiohttp.ClientSession() as session:
        yield Harness(app, fake, slack, SlackSender(session, f"{base_url}/slack/events"), base_url)


class serving:
    def __init__(self, web_app: web.Application) -> None:
        self.runner = web.AppRunner(web_app, access_log=None)

    async def __aenter__(self) -> str:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        host, port = self.runner.addresses[0][:2]
        return f"http://{host}:{port}"

    async def __aexit__(self, *_exc: object) -> None:
        await self.runner.cleanup()

