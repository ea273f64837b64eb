"""Riding out a database outage (a PostgreSQL restart, a failover, a cut network).

Work that was already accepted (a Slack event acked with 200) must not be dropped because
the database is briefly away: it waits with backoff and tries again, for a bounded time.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
import sqlalchemy as sa

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_PATIENCE_S = 120.0


def database_unavailable(exc: BaseException) -> bool:
    """True for errors that mean "cannot reach the database now", not "bad request".

    asyncpg's refused or reset connections arrive as plain OSError, not wrapped.
    """
    if isinstance(exc, sa.exc.IntegrityError | sa.exc.DataError | sa.exc.ProgrammingError
                  | aiohttp.ClientError):  # an HTTP call (Slack, Teams) is no database
        return False
    if isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated:
        return True
    # asyncpg's own: the server is starting or shutting down ("cannot connect now",
    # "terminating connection due to administrator command"), or the connection is gone.
    # A process that never imported asyncpg (SQLite) cannot have one, nor pay its import.
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is not None and isinstance(exc, asyncpg.exceptions.OperatorInterventionError
                                          | asyncpg.exceptions.PostgresConnectionError
                                          | asyncpg.exceptions.InterfaceError):
        return True
    orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper around a driver error
    if isinstance(orig, BaseException) and orig is not exc and database_unavailable(orig):
        return True
    return isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError | sa.exc.TimeoutError
                      | OSError | TimeoutError)


async def when_available(
    operation: Callable[[], Awaitable[T]], *, what: str,
    patience_s: float = DEFAULT_PATIENCE_S, first_delay_s: float = 0.25, max_delay_s: float = 4.0,
) -> T:
    """Run `operation`; while it fails because the database is unavailable, wait (doubling
    the delay up to `max_delay_s`) and run it again, for at most `patience_s` seconds.
    Any other error, or the last one after the patience ran out, propagates."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience_s
    delay = first_delay_s
    warned = False
    while True:
        try:
            result = await operation()
        except Exception as exc:
            if not database_unavailable(exc) or loop.time() + delay > deadline:
                raise
            if not warned:
                log.warning("database unavailable while %s (%s); retrying for up to %.0f s",
                            what, type(exc).__name__, patience_s)
                warned = True
            await asyncio.sleep(delay)
            delay = min(max_delay_s, delay * 2)
            continue
        if warned:
            log.info("database back: %s resumed", what)
        return result
