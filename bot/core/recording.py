"""What a reply writes to the interaction log (one transaction, see Store.record_reply)."""

from __future__ import annotations

from bot.core.context import AnswerContext
from bot.core.models import Reply
from bot.retrieval import Retrieval
from bot.retrieval import text as tx
from bot.store import ReplyRecord


def reply_record(context: AnswerContext, reply: Reply, retrieval: Retrieval, *,
                 prompt_tokens: int = 0, completion_tokens: int = 0,
                 fallback: str | None = None) -> ReplyRecord:
    message = context.message
    return ReplyRecord(
        platform=message.platform,
        tenant=reply.tenant,
        user_id=message.user_id,
        question=message.text[:4000],
        normalized=tx.normalize(message.text)[:500],
        action=reply.action.value,
        reason=reply.reason.value,
        confidence=reply.confidence,
        closest_entry=retrieval.top.id if retrieval.top else None,
        entries_used=[c.id for c in reply.citations],
        composer=reply.composer.value,
        conversation=message.conversation,
        reply_text=reply.text,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        fallback=fallback,
        key=message.key,
        duration_ms=round(context.elapsed() * 1000, 1),
    )
