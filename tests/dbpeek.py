"""Looking straight into a test's database, through an engine of the test's own (the
bot's store keeps its engine to itself)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from bot.store.engine import create_engine


async def rows(url: str, table: sa.Table) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return list(await conn.execute(sa.select(table)))
    finally:
        await engine.dispose()


async def count(url: str, table: sa.Table) -> int:
    return len(await rows(url, table))
