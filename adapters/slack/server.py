"""Hooking Slack into the aiohttp server: the HTTP route or a Socket Mode connection,
plus start-up and clean-up (background answers are awaited before the store closes)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import ingress
from adapters.slack.api import web_client
from adapters.slack.config import SlackConfig
from adapters.slack.handlers import build_bolt_app
from adapters.slack.outlet import SlackMessenger
from adapters.slack.service import SlackService
from bot.service.app import App
from bot.service.sections import reveal

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


@dataclass
class Slack:
    service: SlackService
    bolt: AsyncApp
    socket: AsyncSocketModeHandler | None = field(default=None)
    session: aiohttp.ClientSession | None = field(default=None)

    async def http(self, request: web.Request) -> web.Response:
        refused = ingress.refusal(await request.read(), request.headers, request.content_type,
                                  reveal(self.service.config.signing_secret))
        if refused is not None:  # unsigned or malformed: before bolt parses anything
            return refused
        bolt_response = await self.bolt.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    async def start(self, _web_app: web.Application) -> None:
        # One connection pool for every Web API call (slack-sdk otherwise opens a new
        # session, and a new TCP/TLS connection, per call).
        if self.service.client.session is None:
            self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
            self.service.client.session = self.session
        if self.service.config.mode == "socket":
            self.socket = AsyncSocketModeHandler(self.bolt, reveal(self.service.config.app_token),
                                                 web_client=self.service.client)
            await self.socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("Slack Socket Mode connected")

    async def stop(self, _web_app: web.Application) -> None:
        if self.socket is not None:
            await self.socket.close_async()  # type: ignore[no-untyped-call]
            self.socket = None
        if self.session is not None:
            self.service.client.session = None
            await self.session.close()
            self.session = None


SLACK_KEY = web.AppKey("mspbot_slack", Slack)


def install(
    web_app: web.Application, app: App, config: SlackConfig,
    client: AsyncWebClient | None = None,
) -> Slack:
    service = SlackService(app, config, client or web_client(config))
    slack = Slack(service, build_bolt_app(service))
    app.messengers["slack"] = SlackMessenger(service.client, config)
    web_app[SLACK_KEY] = slack
    if config.mode == "http":
        web_app.router.add_post(EVENTS_PATH, slack.http)
    web_app.on_startup.append(slack.start)
    web_app.on_cleanup.append(slack.stop)
    return slack

