"""The one aiohttp server: platform endpoints plus health checks.

Each platform adapter contributes a `register(web_app, app)` that adds its routes and
start-up/clean-up hooks; an adapter whose settings are absent registers nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.app import App

Register = Callable[[web.Application, App], None]

APP_KEY = web.AppKey("mspbot", App)
MAX_BODY_BYTES = 256 * 1024


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    app = request.app[APP_KEY]
    try:
        await app.store.knowledge_version()
        await app.bot.knowledge.index()
    except Exception as exc:  # any failure here means "not ready", with the reason
        return web.json_response({"status": "unavailable", "reason": type(exc).__name__},
                                 status=503)
    return web.json_response({"status": "ready", "knowledge_version": app.bot.knowledge.version})


def build(app: App) -> web.Application:
    web_app = web.Application(client_max_size=MAX_BODY_BYTES)
    web_app[APP_KEY] = app
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/readyz", readyz)
    for register in _platforms():
        register(web_app, app)
    return web_app


def _platforms() -> list[Register]:
    """The adapters' `register` functions (added as the Slack and Teams adapters land)."""
    from adapters import slack, teams

    return [slack.register, teams.register]
