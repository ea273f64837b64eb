"""Recent turns per conversation ("platform:channel:thread") and platform references."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import schema
from bot.store.common import now, upsert


class SqlConversationStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def recent(self, conversation: str, tenant: str | None,
                     limit: int = 6) -> list[tuple[str, str]]:
        t = schema.conversation_turns
        tenant_match = t.c.tenant.is_(None) if tenant is None else t.c.tenant == tenant
        stmt = (
            sa.select(t.c.speaker, t.c.text)
            .where(t.c.conversation == conversation, tenant_match)
            .order_by(t.c.id.desc())
            .limit(limit)
        )
        async with self._engine.connect() as conn:
            rows = list(await conn.execute(stmt))
        return [(r.speaker, r.text) for r in reversed(rows)]

    async def bot_has_spoken(self, conversation: str) -> bool:
        t = schema.conversation_turns
        stmt = sa.select(t.c.id).where(t.c.conversation == conversation, t.c.speaker == "bot")
        async with self._engine.connect() as conn:
            return (await conn.scalar(stmt.limit(1))) is not None

    async def put_ref(self, key: str, platform: str, data: dict[str, Any]) -> None:
        async with self._engine.begin() as conn:
            await upsert(conn, schema.conversation_refs,
                         {"key": key, "platform": platform, "data": data, "at": now()})

    async def get_ref(self, key: str) -> dict[str, Any] | None:
        table = schema.conversation_refs
        async with self._engine.connect() as conn:
            data = await conn.scalar(sa.select(table.c.data).where(table.c.key == key))
        return None if data is None else dict(data)
