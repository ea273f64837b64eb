"""The staff console: a server-rendered web UI under /console/ (Jinja2 and htmx).

`register` mounts it in `mspbot serve`; `mspbot console` serves it alone on 127.0.0.1.
Every page but sign-in needs a session (see `auth`); changes to knowledge go through the
same curation workflow as Slack, Teams and the CLI, signed with the staff member's name.

The pages (`mount.py`: aiohttp, Jinja2, argon2) load when `register` or `build_console` is
first used, so reading the console's settings imports none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

    from adapters.console_web.mount import PREFIX, build_console
    from bot.service.app import App

# All but `register` load on first use.
__all__ = ["PREFIX", "build_console", "register"]


def register(web_app: web.Application, app: App) -> None:
    """Mount the console under /console/ when it is enabled; otherwise add nothing."""
    from adapters.console_web.config import ConsoleSettings

    settings = ConsoleSettings.from_env()
    if settings.enabled:
        from adapters.console_web.mount import PREFIX, build_console

        web_app.add_subapp(PREFIX, build_console(app, settings))


def __getattr__(name: str) -> Any:
    if name in __all__:
        from adapters.console_web import mount

        return getattr(mount, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
