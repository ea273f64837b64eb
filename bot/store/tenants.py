"""Client agreements, stored whole as JSON under their slug."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import schema
from bot.store.common import now, upsert
from bot.tenants.agreement import Tenant


class SqlTenantStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def put(self, tenant: Tenant) -> None:
        data = tenant.model_dump(mode="json")
        async with self._engine.begin() as conn:
            await upsert(conn, schema.tenants,
                         {"slug": tenant.slug, "data": data, "changed_at": now()})

    async def get(self, slug: str) -> Tenant | None:
        async with self._engine.connect() as conn:
            data = await conn.scalar(
                sa.select(schema.tenants.c.data).where(schema.tenants.c.slug == slug)
            )
        return None if data is None else Tenant.model_validate(data)

    async def all(self) -> list[Tenant]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(schema.tenants.c.data).order_by(schema.tenants.c.slug)
            )
            return [Tenant.model_validate(row.data) for row in rows]
