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

from bot.core.composer import Composed
from bot.core.models import Citation, ComposerKind
from bot.retrieval import text as tx
from bot.store import Store
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


class AnswerCache:
    def __init__(self, store: Store, ttl_s: float = 86400.0, clock: Clock = _now) -> None:
        self.store = store
        self.ttl = dt.timedelta(seconds=ttl_s)
        self._clock = clock

    async def get(self, key: str) -> Composed | None:
        data = await self.store.answer_cache.get(key, self.ttl, at=self._clock())
        if data is None:
            return None
        citations = tuple(Citation(id=c["id"], title=c["title"], topics=tuple(c["topics"]))
                          for c in data["citations"])
        return Composed(text=data["text"], citations=citations,
                        composer=ComposerKind.LLM_CACHED, note="cache hit")

    async def put(self, key: str, composed: Composed) -> None:
        data: dict[str, Any] = {
            "text": composed.text,
            "citations": [{"id": c.id, "title": c.title, "topics": list(c.topics)}
                          for c in composed.citations],
        }
        await self.store.answer_cache.put(key, data, at=self._clock())
