"""Claims on platform deliveries (a Slack post, a Teams activity, a button click)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import schema
from bot.store.common import now


class SqlDeliveryStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def claim(self, key: str, stale_after_s: float = 300.0) -> bool:
        # The primary key makes the insert atomic across replicas; a claim that was never
        # completed (its process died) is taken over once it is stale.
        table = schema.processed_events
        at = now()
        try:
            async with self._engine.begin() as conn:
                await conn.execute(table.insert().values(key=key, claimed_at=at))
            return True
        except sa.exc.IntegrityError:
            pass
        stale = at - dt.timedelta(seconds=stale_after_s)
        async with self._engine.begin() as conn:
            taken = await conn.execute(
                table.update()
                .where(table.c.key == key, table.c.done_at.is_(None), table.c.claimed_at < stale)
                .values(claimed_at=at)
            )
            return bool(taken.rowcount)

    async def complete(self, key: str) -> None:
        table = schema.processed_events
        async with self._engine.begin() as conn:
            await conn.execute(table.update().where(table.c.key == key).values(done_at=now()))

    async def done(self, key: str) -> bool:
        table = schema.processed_events
        async with self._engine.connect() as conn:
            at = await conn.scalar(sa.select(table.c.done_at).where(table.c.key == key))
        return at is not None

    async def release(self, key: str) -> None:
        table = schema.processed_events
        async with self._engine.begin() as conn:
            await conn.execute(table.delete().where(table.c.key == key, table.c.done_at.is_(None)))
