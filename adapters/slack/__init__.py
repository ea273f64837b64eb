"""The Slack adapter: Events API over HTTP (POST /slack/events) or Socket Mode.

`register(web_app, app)` is what the server calls; it does nothing when Slack is not
configured (no SLACK_BOT_TOKEN).

The server part (`server.py`, which imports slack-bolt) loads when one of its names is
first used, so the renderers and the settings never import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

    from adapters.slack.server import SLACK_KEY, install
    from bot.service.app import App

# All but `register` load on first use.
__all__ = ["SLACK_KEY", "install", "register"]


def register(web_app: web.Application, app: App) -> None:
    """Add Slack when it is configured in the environment; otherwise add nothing."""
    from adapters.slack.config import SlackConfig

    config = SlackConfig.from_env()
    if config is not None:
        from adapters.slack.server import install

        install(web_app, app, config)


def __getattr__(name: str) -> Any:
    if name in __all__:
        from adapters.slack import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
