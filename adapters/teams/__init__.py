"""Microsoft Teams adapter on the Microsoft 365 Agents SDK: POST /api/messages.

Every call into the SDK lives in this package. `register(web_app, app)` is what the shared
aiohttp server calls; it registers nothing unless Teams is configured.

The endpoint (`endpoint.py`, which imports the SDK: ~0.2 s) loads when one of its names is
first used, so the renderers, the settings and a server without Teams never import it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web
    from microsoft_agents.hosting.core import OutboundHostValidator

    from adapters.teams.auth import TokenProviderFactory
    from adapters.teams.config import TeamsSettings
    from adapters.teams.endpoint import AGENT_KEY, NOT_AN_ACTIVITY, ROUTE
    from bot.service.app import App

log = logging.getLogger(__name__)
# All but `register` load on first use.
__all__ = ["AGENT_KEY", "NOT_AN_ACTIVITY", "ROUTE", "register"]


def register(
    web_app: web.Application,
    app: App,
    *,
    settings: TeamsSettings | None = None,
    token_provider_factory: TokenProviderFactory | None = None,
    host_validator: OutboundHostValidator | None = None,
) -> None:
    """Add POST /api/messages when Teams is configured. `token_provider_factory` and
    `host_validator` replace the production MSAL token provider and service-URL check
    (local fakes in tests)."""
    from adapters.teams.config import TeamsSettings

    settings = settings or TeamsSettings.from_env()
    if not settings.enabled:
        log.info("Teams is off (set MICROSOFT_APP_ID, or MSPBOT_TEAMS_DEV_ANONYMOUS=true)")
        return
    from adapters.teams import endpoint

    endpoint.install(web_app, app, settings, token_provider_factory, host_validator)


def __getattr__(name: str) -> Any:
    if name in __all__:
        from adapters.teams import endpoint

        return getattr(endpoint, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
