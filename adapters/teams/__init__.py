"""Microsoft Teams adapter on the Microsoft 365 Agents SDK: POST /api/messages.

Every call into the SDK lives in this package. `register(web_app, app)` is what the shared
aiohttp server calls; it registers nothing unless Teams is configured.

The endpoint (`endpoint.py`, which imports the SDK: ~0.2 s) loads when one of its names is
first used, so the renderers, the settings and a server without Teams never import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from adapters.teams.endpoint import AGENT_KEY, NOT_AN_ACTIVITY, ROUTE, register

__all__ = ["AGENT_KEY", "NOT_AN_ACTIVITY", "ROUTE", "register"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from adapters.teams import endpoint

        return getattr(endpoint, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
