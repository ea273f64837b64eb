"""The interaction log (one row per reply), votes on answers, gaps and figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.models import Reason
from bot.store import schema
from bot.store.common import aware, insert_for, now
from bot.store.records import Gap, InteractionRow, ReplyRecord, Stats, Vote, VoteOutcome

# Reasons that are hand-offs to a person, never knowledge gaps.
_HANDOFF_REASONS = (*(r.value for r in Reason if r.hands_off), "staff-only")  # +the old name


def _row(row: Any) -> InteractionRow:
    return InteractionRow(
        id=row.id, at=aware(row.at), platform=row.platform, tenant=row.tenant,
        user_id=row.user_id, question=row.question, normalized=row.normalized,
        action=row.action, reason=row.reason, confidence=row.confidence,
        closest_entry=row.closest_entry, entries_used=list(row.entries_used),
        composer=row.composer, conversation=row.conversation,
        prompt_tokens=row.prompt_tokens, completion_tokens=row.completion_tokens,
        fallback=row.fallback, key=row.key, duration_ms=row.duration_ms,
    )


async def insert_reply(conn: AsyncConnection, record: ReplyRecord) -> int:
    """The reply's interaction and turns on `conn` (the caller's transaction).
    A record whose key is already stored is not written again; its id is returned."""
    table = schema.interactions
    if record.key is not None:
        existing = await conn.scalar(sa.select(table.c.id).where(table.c.key == record.key))
        if existing is not None:
            return int(existing)
    at = now()
    values = {
        "at": at, "platform": record.platform, "tenant": record.tenant,
        "user_id": record.user_id, "question": record.question[:4000],
        "normalized": record.normalized[:500], "action": record.action,
        "reason": record.reason, "confidence": record.confidence,
        "closest_entry": record.closest_entry, "entries_used": record.entries_used,
        "composer": record.composer, "conversation": record.conversation,
        "prompt_tokens": record.prompt_tokens, "completion_tokens": record.completion_tokens,
        "fallback": record.fallback, "key": record.key, "duration_ms": record.duration_ms,
    }
    result = await conn.execute(table.insert().values(**values))
    key = result.inserted_primary_key
    assert key is not None
    if record.conversation is not None:
        turns = schema.conversation_turns
        await conn.execute(turns.insert(), [
            {"conversation": record.conversation, "tenant": record.tenant, "speaker": "client",
             "text": record.question[:4000], "at": at},
            {"conversation": record.conversation, "tenant": record.tenant, "speaker": "bot",
             "text": record.reply_text, "at": at},
        ])
    return int(key[0])


class SqlInteractionStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, interaction_id: int) -> InteractionRow | None:
        table = schema.interactions
        async with self._engine.connect() as conn:
            row = (await conn.execute(sa.select(table).where(table.c.id == interaction_id))).first()
        return None if row is None else _row(row)

    async def vote(self, interaction_id: int, user_id: str, value: str) -> VoteOutcome:
        table = schema.feedback
        async with self._engine.begin() as conn:
            previous = await conn.scalar(sa.select(table.c.value).where(
                table.c.interaction_id == interaction_id, table.c.user_id == user_id))
            if previous == value:
                return VoteOutcome(recorded=False, previous=previous)
            # ON CONFLICT: two clicks of one person arriving at once still leave one vote.
            stmt = insert_for(conn)(table).values(
                at=now(), interaction_id=interaction_id, user_id=user_id, value=value)
            await conn.execute(stmt.on_conflict_do_update(
                index_elements=["interaction_id", "user_id"],
                set_={"value": value, "at": now()}))
        return VoteOutcome(recorded=True, previous=previous)

    async def votes(self, interaction_id: int) -> dict[str, str]:
        table = schema.feedback
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(table.c.user_id, table.c.value)
                                      .where(table.c.interaction_id == interaction_id))
            return {r.user_id: r.value for r in rows}

    async def rows(self, tenant: str | None = None,
                   since: dt.datetime | None = None) -> list[InteractionRow]:
        table = schema.interactions
        stmt = sa.select(table).order_by(table.c.id)
        if tenant is not None:
            stmt = stmt.where(table.c.tenant == tenant)
        if since is not None:
            stmt = stmt.where(table.c.at >= since)
        async with self._engine.connect() as conn:
            return [_row(r) for r in await conn.execute(stmt)]

    async def feedback(self, since: dt.datetime | None = None) -> list[Vote]:
        table = schema.feedback
        stmt = sa.select(table).order_by(table.c.id)
        if since is not None:
            stmt = stmt.where(table.c.at >= since)
        async with self._engine.connect() as conn:
            return [Vote(r.interaction_id, r.user_id, r.value, aware(r.at))
                    for r in await conn.execute(stmt)]

    async def gaps(self, low_confidence: float, limit: int = 50,
                   tenant: str | None = None) -> list[Gap]:
        t = schema.interactions
        weak = sa.or_(
            t.c.action.in_(["decline", "clarify"]),
            sa.and_(t.c.action == "answer", t.c.confidence < low_confidence),
        )
        stmt = (
            sa.select(
                t.c.normalized,
                sa.func.count().label("hits"),
                sa.func.min(t.c.question).label("example"),
                sa.func.max(t.c.closest_entry).label("closest_entry"),
                sa.func.max(t.c.action).label("action"),
                sa.func.avg(t.c.confidence).label("confidence"),
            )
            .where(weak, t.c.reason.notin_(_HANDOFF_REASONS),
                   sa.true() if tenant is None else t.c.tenant == tenant)
            .group_by(t.c.normalized)
            .order_by(sa.desc("hits"), t.c.normalized)
            .limit(limit)
        )
        async with self._engine.connect() as conn:
            return [Gap(r.normalized, int(r.hits), r.example, r.closest_entry, r.action,
                        float(r.confidence)) for r in await conn.execute(stmt)]

    async def stats(self, since: dt.datetime | None = None, tenant: str | None = None) -> Stats:
        t = schema.interactions
        where: list[sa.ColumnElement[bool]] = [sa.true()]
        if since is not None:
            where.append(t.c.at >= since)
        if tenant is not None:
            where.append(t.c.tenant == tenant)
        async with self._engine.connect() as conn:
            actions = {str(a): int(n) for a, n in (await conn.execute(
                sa.select(t.c.action, sa.func.count()).where(*where).group_by(t.c.action)))}
            composers = {str(c): int(n) for c, n in (await conn.execute(
                sa.select(t.c.composer, sa.func.count())
                .where(*where, t.c.action == "answer").group_by(t.c.composer)))}
            tokens = (await conn.execute(
                sa.select(sa.func.coalesce(sa.func.sum(t.c.prompt_tokens), 0),
                          sa.func.coalesce(sa.func.sum(t.c.completion_tokens), 0),
                          sa.func.count().filter(t.c.prompt_tokens > 0)).where(*where))).one()
            reasons = [(str(r), int(n)) for r, n in (await conn.execute(
                sa.select(t.c.fallback, sa.func.count().label("n"))
                .where(*where, t.c.fallback.is_not(None))
                .group_by(t.c.fallback).order_by(sa.desc("n"), t.c.fallback).limit(10)))]
        return Stats(actions=actions, composers=composers, prompt_tokens=int(tokens[0]),
                     completion_tokens=int(tokens[1]), llm_calls=int(tokens[2]),
                     fallback_reasons=reasons)
