"""The one aiohttp server: platform endpoints plus health checks and metrics.

Each platform adapter contributes a `register(web_app, app)` that adds its routes and
start-up/clean-up hooks; an adapter whose settings are absent registers nothing.
Every request passes `http_guard` (metrics, body size, content type, UTF-8, clean 500s).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiohttp import web

from adapters.http_guard import FORM, JSON, guard
from bot.service import metrics
from bot.service.app import App

Register = Callable[[web.Application, App], None]

APP_KEY = web.AppKey("mspbot", App)
DRAINING_KEY = web.AppKey("mspbot_draining", asyncio.Event)
MAX_BODY_BYTES = 256 * 1024
# what each platform endpoint may be sent (Slack: events as JSON, the rest as forms)
CONTENT_TYPES = {
    "/slack/events": frozenset({JSON, FORM}),
    "/api/messages": frozenset({JSON}),
}


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    if request.app[DRAINING_KEY].is_set():  # shutting down: the load balancer should stop sending
        return web.json_response({"status": "unavailable", "reason": "shutting down"},
                                 status=503)
    app = request.app[APP_KEY]
    try:
        await app.store.ping()
        await app.bot.knowledge.index()
    except Exception as exc:  # any failure here means "not ready", with the reason
        return web.json_response({"status": "unavailable", "reason": type(exc).__name__},
                                 status=503)
    body: dict[str, object] = {"status": "ready", "knowledge_version": app.bot.knowledge.version}
    if app.psa is not None:  # ready either way; refused hand-offs are listed for staff
        body["psa"] = await app.psa.details()
    return web.json_response(body)


async def metrics_text(_request: web.Request) -> web.Response:
    body, content_type = metrics.exposition()
    return web.Response(body=body, headers={"Content-Type": content_type})


async def _draining(web_app: web.Application) -> None:
    web_app[DRAINING_KEY].set()


async def _drain_tasks(web_app: web.Application) -> None:
    """Answers already acknowledged to a platform finish (within the grace period)
    before the platforms' connections and the store close."""
    app = web_app[APP_KEY]
    await app.tasks.drain(app.settings.shutdown_grace_s)


def build(app: App) -> web.Application:
    web_app = web.Application(client_max_size=MAX_BODY_BYTES,
                              middlewares=[guard(MAX_BODY_BYTES, CONTENT_TYPES)])
    web_app[APP_KEY] = app
    web_app[DRAINING_KEY] = asyncio.Event()
    web_app.on_shutdown.append(_draining)  # first: readiness fails while answers finish
    web_app.on_shutdown.append(_drain_tasks)
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/readyz", readyz)
    web_app.router.add_get("/metrics", metrics_text)
    for register in _platforms():
        register(web_app, app)
    return web_app


def configured_platforms() -> list[str]:
    """Validate the platforms' settings (SettingsError names the problem); the enabled ones."""
    from adapters.console_web.config import ConsoleSettings
    from adapters.slack.config import SlackConfig
    from adapters.teams.config import TeamsSettings

    enabled = []
    slack = SlackConfig.from_env()
    if slack is not None:
        enabled.append(f"slack ({slack.mode})")
    if TeamsSettings.from_env().enabled:
        enabled.append("teams")
    console = ConsoleSettings.from_env()
    if console.enabled:
        sso = ", ".join(console.providers)
        enabled.append(f"console (/console/{'; sign-in with ' + sso if sso else ''})")
    return enabled


def _platforms() -> list[Register]:
    """The adapters' `register` functions (added as the Slack and Teams adapters land)."""
    from adapters import console_web, slack, teams

    return [slack.register, teams.register, console_web.register]
