"""Database URLs, engines and migrations."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD_REVISION = "0006_console"  # the newest file in migrations/versions (a test keeps them in step)
# pg_advisory_xact_lock key held while migrating, so replicas starting together on a new
# database migrate one after the other (the later ones then find the schema current).
MIGRATION_LOCK = 0x6D737062  # "mspb"


class DatabaseURLError(ValueError):
    pass


def async_url(url: str) -> str:
    """Accept plain SQLAlchemy-style URLs and pick the async driver for them."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise DatabaseURLError(f"not a database URL: {url!r}") from exc
    driver = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}
    name = parsed.drivername
    if name in driver:
        parsed = parsed.set(drivername=driver[name])
    elif name not in driver.values():
        raise DatabaseURLError(f"unsupported database {name!r}: use sqlite:// or postgresql://")
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str) -> AsyncEngine:
    url = async_url(url)
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # pool_pre_ping replaces connections that died with a database restart; the timeouts
    # keep a request from hanging on an unreachable server (it fails, readiness says so).
    return create_async_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=10, pool_timeout=30,
        connect_args={"timeout": 10, "command_timeout": 60},
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for attempt in range(50):  # see below
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            # Switching a brand-new file to WAL needs an exclusive lock, and SQLite says
            # "locked" at once, without its busy wait, while another process creates the
            # same file. This runs in the driver's thread, where a short sleep is fine.
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.1)
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL keeps this crash-safe; no fsync per answer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _upgrade(connection: sa.Connection) -> None:
    from alembic import command  # imported only when there is something to migrate
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _current_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


async def migrate(engine: AsyncEngine) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    async with engine.connect() as conn:
        if await conn.run_sync(_current_revision) == HEAD_REVISION:
            return
    async with engine.begin() as conn:
        # One migrator at a time: the others wait here, then find the schema current.
        if conn.dialect.name == "postgresql":
            await conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK})
        else:  # SQLite: take the write lock now (pysqlite would run the DDL outside any
            await conn.exec_driver_sql("BEGIN IMMEDIATE")  # transaction otherwise)
        if await conn.run_sync(_current_revision) == HEAD_REVISION:
            return
        await conn.run_sync(_upgrade)
