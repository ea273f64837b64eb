"""The bot core: platform-agnostic, all I/O through the injected store and composer."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.core import replies
from bot.core.composer import Composed, Composer, CuratedComposer
from bot.core.models import Action, Button, InboundMessage, Reply
from bot.core.ratelimit import RateLimiter, limited_text
from bot.knowledge.live import Knowledge
from bot.llm.rewrite import HeuristicRewriter, Rewriter, is_follow_up
from bot.llm.types import Usage
from bot.policy import Decision, decide, urgent_need
from bot.retrieval import Retrieval
from bot.retrieval import text as tx
from bot.service import metrics
from bot.store import Store
from bot.tenants.agreement import Tenant
from bot.tenants.directory import TenantDirectory

log = logging.getLogger(__name__)
Notifier = Callable[[InboundMessage, Reply], Awaitable[None]]

ANSWER_BUTTONS = (Button.HELPFUL, Button.NOT_HELPFUL, Button.TALK_TO_PERSON)
MEMORY_TURNS = 6  # turns of a conversation a follow-up is read against
NO_USAGE = Usage()


class Bot:
    def __init__(
        self,
        store: Store,
        knowledge: Knowledge | None = None,
        composer: Composer | None = None,
        *,
        msp_name: str = "the support team",
        max_message_chars: int = 4000,
        record: bool = True,
        notifier: Notifier | None = None,
        rewriter: Rewriter | None = None,
        limiter: RateLimiter | None = None,
        log_text: bool = False,
    ) -> None:
        self.store = store
        self.knowledge = knowledge or Knowledge(store)
        self.composer = composer or CuratedComposer()
        self.tenants = TenantDirectory(store)
        self.msp_name = msp_name
        self.max_message_chars = max_message_chars
        self.record = record
        self.notifier = notifier
        self.rewriter = rewriter or HeuristicRewriter()
        self.limiter = limiter
        self.log_text = log_text  # message text in the INFO log line (off: privacy)

    async def handle(self, message: InboundMessage) -> Reply:
        """Rate limits, then the answer; every reply is counted and logged (one line)."""
        started = time.perf_counter()
        metrics.IN_FLIGHT.inc()
        try:
            tenant = await self.tenants.resolve(message)
            reply = self._limited(message, tenant)
            if reply is None:
                reply = await self._answer(message, tenant)
        except Exception:
            metrics.ERRORS.labels("answer").inc()
            raise
        finally:
            metrics.IN_FLIGHT.dec()
        seconds = time.perf_counter() - started
        metrics.reply_observed(message.platform, reply, seconds)
        fields: dict[str, object] = {
            "event": "reply", "platform": message.platform, "tenant": reply.tenant,
            "action": reply.action.value, "reason": reply.reason, "composer": reply.composer,
            "confidence": round(reply.confidence, 3), "ms": round(seconds * 1000, 1),
            "chars": len(message.text),
        }
        if self.log_text:
            fields["text"] = message.text[:2000]
        log.info("reply %s (%s)", reply.action.value, reply.reason, extra={"fields": fields})
        return reply

    def _limited(self, message: InboundMessage, tenant: Tenant | None) -> Reply | None:
        """The friendly refusal when the sender or their organisation is over the limit.
        Nothing is recorded: a flood must not fill the database."""
        if self.limiter is None:
            return None
        org = message.slack_team_id or message.teams_tenant_id or "unknown"
        scope = self.limiter.check(
            f"{message.platform}:{message.user_id}",
            tenant.slug if tenant else f"{message.platform}:{org}",
        )
        if scope is None:
            return None
        metrics.RATE_LIMITED.labels(scope).inc()
        return Reply(text=limited_text(scope, tenant), action=Action.DECLINE, confidence=1.0,
                     tenant=tenant.slug if tenant else None, reason=f"rate-limited-{scope}")

    async def _answer(self, message: InboundMessage, tenant: Tenant | None) -> Reply:
        text = message.text.strip()
        if len(text) > self.max_message_chars:
            # Still catch an emergency buried in a long message; otherwise ask for less.
            urgent = urgent_need(text[: self.max_message_chars * 4])
            if urgent is None:
                return await self._finish(
                    message, tenant, Decision(Action.CLARIFY, "too-long"), Retrieval((), 0.0),
                    replies.TOO_LONG,
                )
            return await self._escalate(message, tenant, urgent, Retrieval((), 0.0))
        urgent = urgent_need(text)
        if urgent is not None:  # emergencies never wait for retrieval or an LLM
            return await self._escalate(message, tenant, urgent, Retrieval((), 0.0))
        query, usage = await self._standalone(message, text, tenant)
        retrieval = await self.knowledge.search(query, tenant.slug if tenant else None)
        decision = decide(query, retrieval, await self.knowledge.intent(text))
        if decision.action is Action.ANSWER:
            composed = await self.composer.compose(message, tenant, retrieval)
            if composed.note:
                log.info("composer %s: %s", composed.composer, composed.note)
            reply = Reply(
                text=composed.text,
                action=Action.ANSWER,
                confidence=retrieval.confidence,
                citations=composed.citations,
                buttons=ANSWER_BUTTONS,
                tenant=tenant.slug if tenant else None,
                reason=decision.reason,
                composer=composed.composer,
                extras=_usage_extras(composed, usage),
            )
            return await self._recorded(message, reply, retrieval, composed, usage)
        if decision.action is Action.ESCALATE:
            return await self._escalate(message, tenant, decision, retrieval)
        text_out = replies.DECLINE if decision.action is Action.DECLINE else replies.CLARIFY
        return await self._finish(message, tenant, decision, retrieval, text_out)

    async def _standalone(
        self, message: InboundMessage, text: str, tenant: Tenant | None
    ) -> tuple[str, Usage]:
        """The question to search for: a follow-up in a thread is read with its turns."""
        conversation = message.conversation
        if conversation is None or not is_follow_up(text):
            return text, Usage()
        history = await self.store.recent_turns(
            conversation, tenant.slug if tenant else None, MEMORY_TURNS
        )
        if not history:
            return text, Usage()
        rewrite = await self.rewriter.rewrite(text, history)
        log.debug("follow-up %r searched as %r (%s)", text, rewrite.query, rewrite.how)
        return rewrite.query, rewrite.usage

    async def _escalate(
        self, message: InboundMessage, tenant: Tenant | None, decision: Decision, found: Retrieval
    ) -> Reply:
        reply = Reply(
            text=replies.escalation_text(decision.reason, tenant, self.msp_name),
            action=Action.ESCALATE,
            confidence=1.0,
            tenant=tenant.slug if tenant else None,
            reason=decision.reason,
            notify_staff=True,
        )
        reply = await self._recorded(message, reply, found)
        if self.notifier is not None:
            try:
                await self.notifier(message, reply)
            except Exception:  # the client's reply must not fail because staff paging did
                log.exception("staff notification failed")
        return reply

    async def _finish(
        self,
        message: InboundMessage,
        tenant: Tenant | None,
        decision: Decision,
        retrieval: Retrieval,
        text: str,
    ) -> Reply:
        reply = Reply(
            text=text,
            action=decision.action,
            confidence=retrieval.confidence,
            buttons=(Button.TALK_TO_PERSON,),
            tenant=tenant.slug if tenant else None,
            reason=decision.reason,
        )
        return await self._recorded(message, reply, retrieval)

    async def _recorded(
        self,
        message: InboundMessage,
        reply: Reply,
        found: Retrieval,
        composed: Composed | None = None,
        usage: Usage = NO_USAGE,  # spent before composing (a follow-up rewrite)
    ) -> Reply:
        if not self.record:
            return reply
        fallback = composed.note[:200] if composed and composed.composer.endswith("fallback") \
            else None
        conversation = message.conversation
        if conversation is not None:
            await self.store.add_turn(conversation, reply.tenant, "client", message.text[:4000])
            await self.store.add_turn(conversation, reply.tenant, "bot", reply.text)
        interaction_id = await self.store.record_interaction(
            platform=message.platform,
            tenant=reply.tenant,
            user_id=message.user_id,
            question=message.text[:4000],
            normalized=tx.normalize(message.text)[:500],
            action=reply.action.value,
            reason=reply.reason,
            confidence=reply.confidence,
            closest_entry=found.top.id if found.top else None,
            entries_used=[c.id for c in reply.citations],
            composer=reply.composer,
            conversation=conversation,
            prompt_tokens=usage.prompt_tokens + (composed.prompt_tokens if composed else 0),
            completion_tokens=usage.completion_tokens
            + (composed.completion_tokens if composed else 0),
            fallback=fallback,
        )
        return replace(reply, interaction_id=interaction_id)


def _usage_extras(composed: Composed, usage: Usage) -> dict[str, str]:
    """LLM cost and any fallback reason, for callers that do not record (evaluation)."""
    prompt = usage.prompt_tokens + composed.prompt_tokens
    completion = usage.completion_tokens + composed.completion_tokens
    extras = {}
    if prompt or completion:
        extras = {"prompt_tokens": str(prompt), "completion_tokens": str(completion)}
    if composed.note:
        extras["composer_note"] = composed.note
    return extras
