"""Knowledge entries with history, and the version number that tells indexes to rebuild."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.knowledge.entries import Entry, entry_from_record
from bot.store import schema
from bot.store.common import StoreError, aware, now, upsert
from bot.store.records import HistoryRow

KNOWLEDGE_VERSION = "knowledge_version"
IMPORT_LOCK = "knowledge_import_lock"  # a meta row whose upsert serialises empty-store imports


class SqlKnowledgeStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def version(self) -> int:
        async with self._engine.connect() as conn:
            value = await conn.scalar(
                sa.select(schema.meta.c.value).where(schema.meta.c.key == KNOWLEDGE_VERSION)
            )
        return int(value or 0)

    async def count(self) -> int:
        async with self._engine.connect() as conn:
            count = await conn.scalar(sa.select(sa.func.count()).select_from(schema.entries))
        return int(count or 0)

    async def list_entries(self) -> list[Entry]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(schema.entries.c.data).order_by(schema.entries.c.id)
            )
            return [entry_from_record(row.data) for row in rows]

    async def get(self, entry_id: str) -> Entry | None:
        async with self._engine.connect() as conn:
            data = await conn.scalar(
                sa.select(schema.entries.c.data).where(schema.entries.c.id == entry_id)
            )
        return None if data is None else entry_from_record(data)

    async def put_entries(
        self, entries: Sequence[Entry], actor: str, change: str
    ) -> list[tuple[int, bool]]:
        results = []
        async with self._engine.begin() as conn:
            for entry in entries:
                results.append(await self._put(conn, entry, actor, change))
        return results

    async def put(self, entry: Entry, actor: str, change: str = "edit") -> int:
        return (await self.put_entries([entry], actor, change))[0][0]

    async def _put(
        self, conn: AsyncConnection, entry: Entry, actor: str, change: str
    ) -> tuple[int, bool]:
        table = schema.entries
        current = (
            await conn.execute(
                sa.select(table.c.version, table.c.data).where(table.c.id == entry.id)
            )
        ).first()
        data = entry.to_record()
        if current is not None and current.data == data:
            return int(current.version), False
        version = 1 if current is None else int(current.version) + 1
        at = now()
        values = {"data": data, "status": entry.status, "version": version,
                  "changed_at": at, "changed_by": actor}
        if current is None:
            await conn.execute(table.insert().values(id=entry.id, **values))
        else:
            await conn.execute(table.update().where(table.c.id == entry.id).values(**values))
        await conn.execute(
            schema.entry_history.insert().values(
                entry_id=entry.id, version=version, change=change, actor=actor, at=at, data=data
            )
        )
        meta = schema.meta
        await upsert(conn, meta, {"key": KNOWLEDGE_VERSION, "value": 1},
                     update={"value": meta.c.value + 1})
        return version, True

    async def import_if_empty(self, entries: Sequence[Entry], actor: str, change: str) -> bool:
        # The first write of the transaction upserts one meta row, which holds concurrent
        # importers back (row lock on PostgreSQL, the write lock on SQLite) until it
        # commits; they then find entries.
        async with self._engine.begin() as conn:
            meta = schema.meta
            await upsert(conn, meta, {"key": IMPORT_LOCK, "value": 0},
                         update={"value": meta.c.value})
            count = await conn.scalar(sa.select(sa.func.count()).select_from(schema.entries))
            if count:
                return False
            for entry in entries:
                await self._put(conn, entry, actor, change)
        return True

    async def retire(self, entry_id: str, actor: str) -> int:
        entry = await self._require(entry_id)
        return await self.put(entry.model_copy(update={"status": "retired"}), actor, "retire")

    async def history(self, entry_id: str) -> list[HistoryRow]:
        await self._require(entry_id)
        table = schema.entry_history
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(table).where(table.c.entry_id == entry_id).order_by(table.c.version)
            )
            return [HistoryRow(entry_id=row.entry_id, version=row.version, change=row.change,
                               actor=row.actor, at=aware(row.at),
                               entry=entry_from_record(row.data))
                    for row in rows]

    async def revert(self, entry_id: str, version: int, actor: str) -> int:
        for row in await self.history(entry_id):
            if row.version == version:
                return await self.put(row.entry, actor, f"revert to v{version}")
        raise StoreError(f"entry '{entry_id}' has no version {version}")

    async def _require(self, entry_id: str) -> Entry:
        entry = await self.get(entry_id)
        if entry is None:
            raise StoreError(f"no entry with id '{entry_id}'")
        return entry
