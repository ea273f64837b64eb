"""Helpers every part of the store shares: UTC timestamps and a portable upsert."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection


class StoreError(ValueError):
    """A request the store refuses (unknown entry, unknown version...)."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(at: dt.datetime) -> dt.datetime:
    """Timestamps are stored in UTC; SQLite hands them back without the zone."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def insert_for(conn: AsyncConnection) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT on both backends (each dialect's
    module is imported when first used: the PostgreSQL one costs SQLite users ~20 ms)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert
    return sqlite_insert


async def upsert(conn: AsyncConnection, table: sa.Table, values: dict[str, Any],
                 update: dict[str, Any] | None = None) -> None:
    """INSERT, or UPDATE the row with the same primary key (`update`, default: the values).

    One statement on both backends (ON CONFLICT), so two replicas writing the same key at
    once never fail with a unique violation the way a read-then-insert would.
    """
    stmt = insert_for(conn)(table).values(**values)
    keys = [column.name for column in table.primary_key.columns]
    changes = update if update is not None else {k: v for k, v in values.items() if k not in keys}
    await conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=changes))
