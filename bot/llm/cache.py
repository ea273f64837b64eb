"""The answer cache: guard-approved LLM answers, keyed by what they depend on.

Key: the normalised question, the tenant and a fingerprint of its agreement (an edited
agreement must not be quoted from an old answer), the knowledge version, the prompt
versions and the model. Answers that depend on earlier turns are not cached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from bot.core.composer import Composed
from bot.core.models import Citation
from bot.retrieval import text as tx
from bot.store import Store, upsert
from bot.store.schema import answer_cache
from bot.tenants.agreement import Tenant

Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def cache_key(question: str, tenant: Tenant | None, knowledge_version: int,
              prompt_version: str, model: str) -> str:
    agreement = "" if tenant is None else hashlib.sha256(
        tenant.model_dump_json().encode()).hexdigest()[:16]
    parts = {
        "q": tx.normalize(question).strip(" ?!."),
        "tenant": tenant.slug if tenant else None,
        "agreement": agreement,
        "knowledge": knowledge_version,
        "prompts": prompt_version,
        "model": model,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)  # SQLite drops the zone


class AnswerCache:
    def __init__(self, store: Store, ttl_s: float = 86400.0, clock: Clock = _now) -> None:
        self.store = store
        self.ttl = dt.timedelta(seconds=ttl_s)
        self._clock = clock

    async def get(self, key: str) -> Composed | None:
        async with self.store.engine.connect() as conn:
            row = (await conn.execute(
                sa.select(answer_cache.c.data, answer_cache.c.at).where(answer_cache.c.key == key)
            )).first()
        if row is None or self._clock() - _aware(row.at) > self.ttl:
            return None
        data: dict[str, Any] = row.data
        citations = tuple(Citation(id=c["id"], title=c["title"], topics=tuple(c["topics"]))
                          for c in data["citations"])
        return Composed(text=data["text"], citations=citations, composer="llm-cached",
                        note="cache hit")

    async def put(self, key: str, composed: Composed) -> None:
        data = {
            "text": composed.text,
            "citations": [{"id": c.id, "title": c.title, "topics": list(c.topics)}
                          for c in composed.citations],
        }
        now = self._clock()
        async with self.store.engine.begin() as conn:
            await conn.execute(answer_cache.delete().where(answer_cache.c.at < now - self.ttl))
            # an upsert: two replicas caching the same answer at once must not collide
            await upsert(conn, answer_cache, {"key": key, "data": data, "at": now})
