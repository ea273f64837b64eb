"""Riding out an outage: which errors count as "database away", and the bounded retry."""

from __future__ import annotations

import aiohttp
import asyncpg
import pytest
import sqlalchemy as sa

from bot.store.availability import database_unavailable, when_available


def test_connection_errors_count_and_bad_requests_do_not() -> None:
    assert database_unavailable(ConnectionRefusedError())
    assert database_unavailable(asyncpg.exceptions.CannotConnectNowError("starting up"))
    assert database_unavailable(asyncpg.exceptions.AdminShutdownError("terminating"))
    assert database_unavailable(sa.exc.OperationalError("SELECT 1", {}, Exception("gone")))
    assert not database_unavailable(sa.exc.IntegrityError("INSERT", {}, Exception("dup")))
    assert not database_unavailable(aiohttp.ClientConnectionError())
    assert not database_unavailable(ValueError())


async def test_retries_until_the_database_is_back() -> None:
    calls = 0

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise ConnectionRefusedError
        return "ok"

    assert await when_available(flaky, what="test", first_delay_s=0.01) == "ok"
    assert calls == 3


async def test_gives_up_after_its_patience_and_never_retries_other_errors() -> None:
    calls = 0

    async def down() -> None:
        nonlocal calls
        calls += 1
        raise ConnectionRefusedError

    with pytest.raises(ConnectionRefusedError):
        await when_available(down, what="test", patience_s=0.05, first_delay_s=0.01)
    assert 2 <= calls < 10

    async def wrong() -> None:
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad"):
        await when_available(wrong, what="test")
