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
    from adapters.console_web.mount import PREFIX, build_console, register

__all__ = ["PREFIX", "build_console", "register"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from adapters.console_web import mount

        return getattr(mount, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
