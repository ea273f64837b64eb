"""Guard-approved LLM answers, by a key of everything that determines them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import schema
from bot.store.common import aware, now, upsert


class SqlAnswerCache:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._max_age = dt.timedelta(days=1)

    async def get(self, key: str, max_age: dt.timedelta,
                  at: dt.datetime | None = None) -> dict[str, Any] | None:
        self._max_age = max_age
        table = schema.answer_cache
        async with self._engine.connect() as conn:
            row = (await conn.execute(
                sa.select(table.c.data, table.c.at).where(table.c.key == key))).first()
        if row is None or (at or now()) - aware(row.at) > max_age:
            return None
        data: dict[str, Any] = row.data
        return data

    async def put(self, key: str, data: dict[str, Any], at: dt.datetime | None = None) -> None:
        table = schema.answer_cache
        at = at or now()
        async with self._engine.begin() as conn:
            await conn.execute(table.delete().where(table.c.at < at - self._max_age))
            # an upsert: two replicas caching the same answer at once must not collide
            await upsert(conn, table, {"key": key, "data": data, "at": at})
