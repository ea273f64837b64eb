"""Waiting on a condition instead of sleeping a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


async def until(check: Callable[[], bool], within_s: float = 30.0, what: str = "") -> None:
    """Return as soon as `check()` holds; fail after `within_s` seconds."""
    async def holds() -> bool:
        return check()

    await eventually(holds, within_s, what)


async def eventually(check: Callable[[], Awaitable[bool]], within_s: float = 30.0,
                     what: str = "") -> None:
    """Return as soon as `await check()` is true; fail after `within_s` seconds (a bound
    for a stuck test, not a speed requirement)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not await check():
        assert loop.time() < deadline, f"still waiting after {within_s} s: {what or check}"
        await asyncio.sleep(0.02)
