"""POST /api/messages on the Microsoft 365 Agents SDK (see the package's docstring)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import cast

import jwt
from aiohttp import web
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator
from microsoft_agents.hosting.core import OutboundHostValidator
from pydantic import ValidationError

from adapters.teams import auth
from adapters.teams.agent import TeamsAgent
from adapters.teams.config import TeamsSettings
from adapters.teams.outlet import TeamsMessenger
from bot.service.app import App

log = logging.getLogger(__name__)

ROUTE = "/api/messages"
AGENT_KEY = web.AppKey("teams_agent", TeamsAgent)
# The SDK's aiohttp JWT decorator reads its configuration from this string key.
_SDK_CONFIG_KEY = "agent_configuration"
# What the SDK raises for a body that is not an activity (some of its field validators
# raise TypeError, which pydantic passes through): each is a 400.
NOT_AN_ACTIVITY = (ValidationError, TypeError, ValueError)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def install(
    web_app: web.Application,
    app: App,
    settings: TeamsSettings,
    token_provider_factory: auth.TokenProviderFactory | None = None,
    host_validator: OutboundHostValidator | None = None,
) -> None:
    """Add POST /api/messages (Teams is configured: see `adapters.teams.register`)."""
    if settings.dev_anonymous:
        log.warning("Teams runs in anonymous development mode: requests are NOT authenticated")
    config = auth.auth_configuration(settings)
    adapter = CloudAdapter(
        connection_manager=auth.connections(config, token_provider_factory),
        host_validator=host_validator or auth.host_validator(settings),
    )
    agent = TeamsAgent(app, settings, adapter)
    app.messengers["teams"] = TeamsMessenger(app.store, agent.proactive)
    with warnings.catch_warnings():
        # The SDK looks its configuration up under a plain string key; aiohttp would
        # prefer an AppKey, which the SDK cannot know. Nothing else is silenced.
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        web_app[_SDK_CONFIG_KEY] = config
    web_app[AGENT_KEY] = agent

    async def process(request: web.Request) -> web.StreamResponse:
        # Checked here, before the SDK: some of its field validators raise TypeError
        # (an empty channelId), which pydantic passes through rather than reporting.
        try:
            body = await request.json()
        except ValueError:
            return web.json_response({"error": "Invalid JSON"}, status=400)
        try:
            Activity.model_validate(body)
        except NOT_AN_ACTIVITY:
            return web.json_response({"error": "not a valid activity"}, status=400)
        response = await adapter.process(request, agent)
        return response if response is not None else web.Response(status=202)

    authorized = cast(Handler, jwt_authorization_decorator(process))  # type: ignore[no-untyped-call]

    async def messages(request: web.Request) -> web.StreamResponse:
        if _without_key_id(request.headers.get("Authorization")):
            # The SDK (1.9.0) indexes the token header's "kid" unguarded: a token without
            # one would be a 500 from inside its validator. It can never be valid anyway.
            return web.json_response({"error": "Invalid token or authentication failed."},
                                     status=401)
        return await authorized(request)

    web_app.router.add_post(ROUTE, messages)


def _without_key_id(authorization: str | None) -> bool:
    """A well-formed "Bearer <jwt>" whose JOSE header names no key id."""
    parts = (authorization or "").split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        return False  # missing or malformed: the SDK answers those with 401 itself
    try:
        header = jwt.get_unverified_header(parts[1])
    except jwt.PyJWTError:
        return False  # not a JWT: the SDK answers 401
    return not isinstance(header.get("kid"), str)
