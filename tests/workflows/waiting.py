"""Waiting on a condition instead of sleeping a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(check: Callable[[], bool], within_s: float = 10.0, what: str = "") -> None:
    """Return as soon as `check()` holds; fail after `within_s` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not check():
        assert loop.time() < deadline, f"still waiting after {within_s} s: {what or check}"
        await asyncio.sleep(0.02)
