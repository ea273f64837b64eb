"""The store: one async class over SQLAlchemy Core, the same code on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.knowledge.entries import Entry, entry_from_record
from bot.store import schema
from bot.store.engine import create_engine, migrate
from bot.tenants.agreement import Tenant

KNOWLEDGE_VERSION = "knowledge_version"
IMPORT_LOCK = "knowledge_import_lock"  # a meta row whose upsert serialises empty-store imports


class StoreError(ValueError):
    """A request the store refuses (unknown entry, unknown version...)."""


@dataclass(frozen=True)
class HistoryRow:
    entry_id: str
    version: int
    change: str
    actor: str
    at: dt.datetime
    entry: Entry


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(at: dt.datetime) -> dt.datetime:
    """Timestamps are stored in UTC; SQLite hands them back without the zone."""
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


async def upsert(conn: AsyncConnection, table: sa.Table, values: dict[str, Any],
                  update: dict[str, Any] | None = None) -> None:
    """INSERT, or UPDATE the row with the same primary key (`update`, default: the values).

    One statement on both backends (ON CONFLICT), so two replicas writing the same key at
    once never fail with a unique violation the way a read-then-insert would.
    """
    dialect = conn.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table).values(**values)
    keys = [column.name for column in table.primary_key.columns]
    changes = update if update is not None else {k: v for k, v in values.items() if k not in keys}
    await conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=changes))


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @classmethod
    async def open(cls, url: str) -> Store:
        engine = create_engine(url)
        await migrate(engine)
        return cls(engine)

    async def close(self) -> None:
        await self.engine.dispose()

    # -- knowledge -----------------------------------------------------------------

    async def knowledge_version(self) -> int:
        async with self.engine.connect() as conn:
            value = await conn.scalar(
                sa.select(schema.meta.c.value).where(schema.meta.c.key == KNOWLEDGE_VERSION)
            )
        return int(value or 0)

    async def count_entries(self) -> int:
        async with self.engine.connect() as conn:
            count = await conn.scalar(sa.select(sa.func.count()).select_from(schema.entries))
        return int(count or 0)

    async def list_entries(self) -> list[Entry]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                sa.select(schema.entries.c.data).order_by(schema.entries.c.id)
            )
            return [entry_from_record(row.data) for row in rows]

    async def get_entry(self, entry_id: str) -> Entry | None:
        async with self.engine.connect() as conn:
            data = await conn.scalar(
                sa.select(schema.entries.c.data).where(schema.entries.c.id == entry_id)
            )
        return None if data is None else entry_from_record(data)

    async def put_entries(
        self, entries: Sequence[Entry], actor: str, change: str
    ) -> list[tuple[int, bool]]:
        """Create or replace entries in one transaction; unchanged entries are left alone.

        Returns (version, changed) for each entry.
        """
        results = []
        async with self.engine.begin() as conn:
            for entry in entries:
                results.append(await self._put(conn, entry, actor, change))
        return results

    async def put_entry(self, entry: Entry, actor: str, change: str = "edit") -> int:
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
        now = _now()
        values = {
            "data": data,
            "status": entry.status,
            "version": version,
            "changed_at": now,
            "changed_by": actor,
        }
        if current is None:
            await conn.execute(table.insert().values(id=entry.id, **values))
        else:
            await conn.execute(table.update().where(table.c.id == entry.id).values(**values))
        await conn.execute(
            schema.entry_history.insert().values(
                entry_id=entry.id, version=version, change=change, actor=actor, at=now, data=data
            )
        )
        await self._bump_version(conn)
        return version, True

    async def _bump_version(self, conn: AsyncConnection) -> None:
        meta = schema.meta
        await upsert(conn, meta, {"key": KNOWLEDGE_VERSION, "value": 1},
                      update={"value": meta.c.value + 1})

    async def import_if_empty(self, entries: Sequence[Entry], actor: str, change: str) -> bool:
        """Put `entries` in one transaction if the store has none; False if it had some.

        Safe when several processes start at once on an empty database: the first write of
        the transaction upserts one meta row, which holds the others back (row lock on
        PostgreSQL, the write lock on SQLite) until it commits; they then find entries.
        """
        async with self.engine.begin() as conn:
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
        return await self.put_entry(entry.model_copy(update={"status": "retired"}), actor, "retire")

    async def history(self, entry_id: str) -> list[HistoryRow]:
        await self._require(entry_id)
        table = schema.entry_history
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                sa.select(table).where(table.c.entry_id == entry_id).order_by(table.c.version)
            )
            return [
                HistoryRow(
                    entry_id=row.entry_id,
                    version=row.version,
                    change=row.change,
                    actor=row.actor,
                    at=_aware(row.at),
                    entry=entry_from_record(row.data),
                )
                for row in rows
            ]

    async def revert(self, entry_id: str, version: int, actor: str) -> int:
        """Make an old version current again, as a new version (history is never rewritten)."""
        for row in await self.history(entry_id):
            if row.version == version:
                return await self.put_entry(row.entry, actor, f"revert to v{version}")
        raise StoreError(f"entry '{entry_id}' has no version {version}")

    async def _require(self, entry_id: str) -> Entry:
        entry = await self.get_entry(entry_id)
        if entry is None:
            raise StoreError(f"no entry with id '{entry_id}'")
        return entry

    # -- tenants -------------------------------------------------------------------

    async def put_tenant(self, tenant: Tenant) -> None:
        data = tenant.model_dump(mode="json")
        async with self.engine.begin() as conn:
            await upsert(conn, schema.tenants,
                          {"slug": tenant.slug, "data": data, "changed_at": _now()})

    async def get_tenant(self, slug: str) -> Tenant | None:
        async with self.engine.connect() as conn:
            data = await conn.scalar(
                sa.select(schema.tenants.c.data).where(schema.tenants.c.slug == slug)
            )
        return None if data is None else Tenant.model_validate(data)

    async def list_tenants(self) -> list[Tenant]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                sa.select(schema.tenants.c.data).order_by(schema.tenants.c.slug)
            )
            return [Tenant.model_validate(row.data) for row in rows]

    # -- interactions, feedback, gaps ----------------------------------------------

    async def record_interaction(self, **values: Any) -> int:
        async with self.engine.begin() as conn:
            result = await conn.execute(schema.interactions.insert().values(at=_now(), **values))
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    async def record_feedback(self, interaction_id: int, user_id: str, value: str) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                schema.feedback.insert().values(
                    at=_now(), interaction_id=interaction_id, user_id=user_id, value=value
                )
            )

    async def interactions(self, tenant: str | None = None) -> list[sa.Row[Any]]:
        table = schema.interactions
        stmt = sa.select(table).order_by(table.c.id)
        if tenant is not None:
            stmt = stmt.where(table.c.tenant == tenant)
        async with self.engine.connect() as conn:
            return list(await conn.execute(stmt))

    async def gaps(self, low_confidence: float, limit: int = 50,
                   tenant: str | None = None) -> list[sa.Row[Any]]:
        """Questions declined, clarified or answered with low confidence, most frequent first
        (of one client when `tenant` is given)."""
        t = schema.interactions
        weak = sa.or_(
            t.c.action.in_(["decline", "clarify"]),
            sa.and_(t.c.action == "answer", t.c.confidence < low_confidence),
        )
        stmt = (
            sa.select(
                t.c.normalized,
                sa.func.count().label("count"),
                sa.func.min(t.c.question).label("example"),
                sa.func.max(t.c.closest_entry).label("closest_entry"),
                sa.func.max(t.c.action).label("action"),
                sa.func.avg(t.c.confidence).label("confidence"),
            )
            .where(weak, t.c.reason.notin_(["emergency", "human", "staff-only"]),
                   sa.true() if tenant is None else t.c.tenant == tenant)
            .group_by(t.c.normalized)
            .order_by(sa.desc("count"), t.c.normalized)
            .limit(limit)
        )
        async with self.engine.connect() as conn:
            return list(await conn.execute(stmt))

    # -- deliveries (dedup across replicas) ----------------------------------------

    async def claim_event(self, key: str, stale_after_s: float = 300.0) -> bool:
        """Claim a platform delivery for processing; False if another claim holds it.

        The unique key makes this atomic across replicas. A claim that was never
        completed (the process died) may be taken over after `stale_after_s`, so a
        retried delivery whose first attempt failed still gets answered.
        """
        table = schema.processed_events
        now = _now()
        try:
            async with self.engine.begin() as conn:
                await conn.execute(table.insert().values(key=key, claimed_at=now))
            return True
        except sa.exc.IntegrityError:
            pass
        stale = now - dt.timedelta(seconds=stale_after_s)
        async with self.engine.begin() as conn:
            taken = await conn.execute(
                table.update()
                .where(table.c.key == key, table.c.done_at.is_(None), table.c.claimed_at < stale)
                .values(claimed_at=now)
            )
            return bool(taken.rowcount)

    async def complete_event(self, key: str) -> None:
        table = schema.processed_events
        async with self.engine.begin() as conn:
            await conn.execute(table.update().where(table.c.key == key).values(done_at=_now()))

    async def release_event(self, key: str) -> None:
        """Give a claim back (processing failed) so a retry can take it at once."""
        table = schema.processed_events
        async with self.engine.begin() as conn:
            await conn.execute(table.delete().where(table.c.key == key, table.c.done_at.is_(None)))

    # -- conversation memory -------------------------------------------------------

    async def add_turn(
        self, conversation: str, tenant: str | None, speaker: str, text: str
    ) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                schema.conversation_turns.insert().values(
                    conversation=conversation, tenant=tenant, speaker=speaker, text=text, at=_now()
                )
            )

    async def recent_turns(
        self, conversation: str, tenant: str | None, limit: int = 6
    ) -> list[tuple[str, str]]:
        """The last turns (speaker, text), oldest first, of this tenant's conversation."""
        t = schema.conversation_turns
        tenant_match = t.c.tenant.is_(None) if tenant is None else t.c.tenant == tenant
        stmt = (
            sa.select(t.c.speaker, t.c.text)
            .where(t.c.conversation == conversation, tenant_match)
            .order_by(t.c.id.desc())
            .limit(limit)
        )
        async with self.engine.connect() as conn:
            rows = list(await conn.execute(stmt))
        return [(r.speaker, r.text) for r in reversed(rows)]

    async def bot_has_spoken(self, conversation: str) -> bool:
        t = schema.conversation_turns
        stmt = sa.select(t.c.id).where(t.c.conversation == conversation, t.c.speaker == "bot")
        async with self.engine.connect() as conn:
            return (await conn.scalar(stmt.limit(1))) is not None

    # -- platform conversation references -------------------------------------------

    async def put_conversation_ref(self, key: str, platform: str, data: dict[str, Any]) -> None:
        async with self.engine.begin() as conn:
            await upsert(conn, schema.conversation_refs,
                          {"key": key, "platform": platform, "data": data, "at": _now()})

    async def get_conversation_ref(self, key: str) -> dict[str, Any] | None:
        table = schema.conversation_refs
        async with self.engine.connect() as conn:
            data = await conn.scalar(sa.select(table.c.data).where(table.c.key == key))
        return None if data is None else dict(data)
