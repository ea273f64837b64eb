"""The bot core: platform-neutral; all I/O through the injected store, knowledge,
composer, hand-off and the caller's staff channel."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator
from dataclasses import replace

from bot.core import log_it, replies, streaming
from bot.core.composer import Composed, Composer, CuratedComposer, StreamingComposer
from bot.core.context import AnswerContext
from bot.core.models import Action, Button, InboundMessage, Reason, Reply
from bot.core.ports import StaffChannel
from bot.core.ratelimit import RateLimiter
from bot.core.recording import reply_record
from bot.core.streaming import Released, Sink, StreamEvent
from bot.knowledge.live import Knowledge
from bot.llm.rewrite import HeuristicRewriter, Rewriter, is_follow_up
from bot.llm.types import Usage
from bot.policy import urgent_need
from bot.policy.decision import Decision
from bot.policy.intake import NOTHING_RETRIEVED, Intake
from bot.retrieval import Retrieval
from bot.retrieval import text as tx
from bot.service import metrics
from bot.store import Store, Ticket
from bot.tenants.agreement import Tenant
from bot.tenants.directory import TenantDirectory
from bot.tickets.same_problem import new_problem
from bot.tickets.status_question import status_question
from bot.workflows.handoff import Handoff
from bot.workflows.ticket_status import TicketStatus

log = logging.getLogger(__name__)

ANSWER_BUTTONS = (Button.HELPFUL, Button.NOT_HELPFUL, Button.TALK_TO_PERSON)
MEMORY_TURNS = 6  # turns of a conversation a follow-up is read against (and the LLM sees)


class Bot:
    def __init__(
        self,
        store: Store,
        knowledge: Knowledge | None = None,
        composer: Composer | None = None,
        *,
        voice: replies.Voice | None = None,
        max_message_chars: int = 4000,
        record: bool = True,
        rewriter: Rewriter | None = None,
        limiter: RateLimiter | None = None,
        log_text: bool = False,
        handoff: Handoff | None = None,
    ) -> None:
        self.store = store
        self.knowledge = knowledge or Knowledge(store)
        self.intake = Intake(self.knowledge)
        self.composer = composer or CuratedComposer()
        self.tenants = TenantDirectory(store)
        self.voice = voice or replies.Voice()
        self.max_message_chars = max_message_chars
        self.record = record
        self.rewriter = rewriter or HeuristicRewriter()
        self.limiter = limiter
        self.log_text = log_text  # message text in the INFO log line (off: privacy)
        self.handoff = handoff or Handoff(store, self.voice)
        self.ticket_status = TicketStatus(store, self.handoff.psa, self.voice,
                                          lambda: self.handoff.clock())

    def stream(self, message: InboundMessage,
               staff: StaffChannel | None = None) -> AsyncIterator[StreamEvent]:
        """`handle` as events: Progress at once, guarded Text chunks, then Final (see
        bot/core/streaming.py). The chunks joined are always the final reply's text."""
        return streaming.events(lambda sink: self.handle(message, staff, sink=sink))

    async def handle(self, message: InboundMessage, staff: StaffChannel | None = None,
                     *, sink: Sink | None = None) -> Reply:
        """Rate limits, then the reply; every reply is counted and logged (one line).

        `staff` is the platform's way to reach the MSP's people; without one (the CLI, an
        evaluation) a hand-off says that nobody could be alerted and how to reach someone.
        With a `sink`, the reply is also pushed into it as it is made (see `stream`).
        """
        started = time.perf_counter()
        out = Released(sink) if sink is not None else None
        metrics.IN_FLIGHT.inc()
        try:
            if out is not None:
                await out.progress()
            tenant = await self.tenants.resolve(message)
            reply = self._limited(message, tenant)
            if reply is None:
                reply = await self._reply(message, tenant, staff, out)
            if out is not None:
                reply = await out.final(reply)
        except Exception:
            metrics.ERRORS.labels("answer").inc()
            raise
        finally:
            metrics.IN_FLIGHT.dec()
        seconds = time.perf_counter() - started
        metrics.reply_observed(message.platform, reply, seconds)
        fields: dict[str, object] = {
            "event": "reply", "platform": message.platform, "tenant": reply.tenant,
            "action": reply.action.value, "reason": reply.reason.value,
            "composer": reply.composer.value, "confidence": round(reply.confidence, 3),
            "ms": round(seconds * 1000, 1), "chars": len(message.text),
        }
        if reply.action is Action.ESCALATE:
            fields["staff_notified"] = reply.staff_notified
        if self.log_text:
            fields["text"] = message.text[:2000]
        log.info("reply %s (%s)", reply.action.value, reply.reason.value,
                 extra={"fields": fields})
        return reply

    def _limited(self, message: InboundMessage, tenant: Tenant | None) -> Reply | None:
        """The friendly refusal when the sender or their organisation is over the limit.
        Nothing is recorded: a flood must not fill the database."""
        if self.limiter is None:
            return None
        org = tenant.slug if tenant else f"{message.platform}:{message.org or 'unknown'}"
        scope = self.limiter.check(f"{message.platform}:{message.user_id}", org)
        if scope is None:
            return None
        metrics.RATE_LIMITED.labels(scope).inc()
        reason = Reason.RATE_LIMITED_USER if scope == "user" else Reason.RATE_LIMITED_TENANT
        return Reply(text=replies.limited(scope, tenant, self.voice), action=Action.DECLINE,
                     confidence=1.0, tenant=tenant.slug if tenant else None, reason=reason)

    async def _reply(self, message: InboundMessage, tenant: Tenant | None,
                     staff: StaffChannel | None, out: Released | None = None) -> Reply:
        started = time.monotonic()
        text = message.text.strip()
        context = AnswerContext(message, text, tenant, started=started)
        if len(text) > self.max_message_chars:
            # Still catch an emergency buried in a long message; otherwise ask for less.
            urgent = urgent_need(text[: self.max_message_chars * 4])
            if urgent is None:
                return await self._fixed(context, Decision(Action.CLARIFY, Reason.TOO_LONG),
                                         NOTHING_RETRIEVED, replies.TOO_LONG)
            return await self.handoff.escalate(context, urgent.reason, NOTHING_RETRIEVED, staff,
                                               record=self.record)
        ticket = await self._open_ticket(context)
        asked = status_question(text, in_ticket=ticket is not None) if self.record else None
        urgent = urgent_need(text) if asked is not None else None
        if asked is not None and (urgent is None or urgent.reason is not Reason.EMERGENCY):
            answer = await self.ticket_status.answer(context, asked, ticket)
            return await self._fixed(context, Decision(Action.ANSWER, Reason.TICKET_STATUS),
                                     NOTHING_RETRIEVED, answer)
        if ticket is None:
            context, usage = await self._with_history(context)
            report = log_it.report_to_log(context.history) if log_it.asks_to_log(text) else None
            if report is not None:  # "log it" after an answer that offered to
                return await self.handoff.escalate(replace(context, text=report, query=report),
                                                   Reason.REQUEST, NOTHING_RETRIEVED, staff,
                                                   record=self.record)
        else:  # after a hand-off each message is judged on its own, never with the report's
            context, usage = replace(context, query=text), Usage()
        assessment = await self.intake.assess(text, context.tenant_slug, context.query)
        decision, retrieval = assessment.decision, assessment.retrieval
        if ticket is not None and decision.action is Action.ESCALATE and \
                new_problem(text, ticket):
            ticket = None  # a new problem in a long-lived chat gets its own ticket
        if ticket is not None and decision.reason is Reason.NOTED and not is_thanks(text):
            return await self.handoff.sorted_on(context, ticket, staff)  # "all sorted, thanks"
        if ticket is not None and (decision.action is Action.ESCALATE or adds_detail(text)):
            reason = decision.reason if decision.reason.hands_off else Reason(ticket.reason)
            return await self.handoff.follow_up(context, ticket, reason, staff)
        if decision.action is Action.ESCALATE:
            return await self.handoff.escalate(context, decision.reason, retrieval, staff,
                                               record=self.record)
        if ticket is not None and is_thanks(text):
            return await self._fixed(context, Decision(Action.CLARIFY, Reason.VAGUE),
                                     retrieval, replies.THANKS.format(ticket=ticket.id))
        if decision.reason is Reason.NOTED:
            return await self._fixed(context, decision, retrieval, replies.NOTED)
        if decision.reason is Reason.HELP:
            return await self._fixed(context, decision, retrieval,
                                     replies.what_i_do(self.voice))
        if decision.action is Action.ANSWER:
            composed = await self._compose(context, retrieval, out)
            if self.record and context.message.conversation is not None and \
                    log_it.names_live_fault(text):  # the answer offers to log the fault too
                offer = f"\n\n{log_it.OFFER}"
                if out is not None and out.text:
                    await out.chunk(offer)
                composed = replace(composed, text=composed.text + offer)
            if composed.note:
                log.info("composer %s: %s", composed.composer.value, composed.note)
            reply = Reply(
                text=composed.text, action=Action.ANSWER, confidence=retrieval.confidence,
                citations=composed.citations, buttons=ANSWER_BUTTONS,
                tenant=context.tenant_slug, reason=decision.reason, composer=composed.composer,
                extras=_usage_extras(composed, usage),
            )
            return await self._recorded(context, reply, retrieval, composed, usage)
        fixed = replies.DECLINE if decision.action is Action.DECLINE else replies.CLARIFY
        return await self._fixed(context, decision, retrieval, fixed)

    async def _compose(self, context: AnswerContext, retrieval: Retrieval,
                       out: Released | None) -> Composed:
        """The answer; streamed into `out` as the guard releases it, when both can."""
        if out is None or not isinstance(self.composer, StreamingComposer):
            return await self.composer.compose(context, retrieval)
        stream = self.composer.guarded(context, retrieval)
        async for chunk in stream:
            await out.chunk(chunk)
        if stream.result is None:
            raise RuntimeError("a guarded stream ended without a result")
        return stream.result

    async def _open_ticket(self, context: AnswerContext) -> Ticket | None:
        conversation = context.message.conversation
        if conversation is None or not self.record:
            return None
        return await self.store.tickets.open_in_conversation(conversation, context.tenant_slug)

    async def _with_history(self, context: AnswerContext) -> tuple[AnswerContext, Usage]:
        """The conversation's turns (read once) and the standalone query: a follow-up in
        a thread is searched together with what came before."""
        conversation = context.message.conversation
        if conversation is None:
            return replace(context, query=context.text), Usage()
        history = await self.store.conversations.recent(conversation, context.tenant_slug,
                                                        MEMORY_TURNS)
        context = replace(context, history=tuple(history), query=context.text)
        if not history or not is_follow_up(context.text):
            return context, Usage()
        rewrite = await self.rewriter.rewrite(context.text, history)
        log.debug("follow-up %r searched as %r (%s)", context.text, rewrite.query, rewrite.how)
        return replace(context, query=rewrite.query), rewrite.usage

    async def _fixed(self, context: AnswerContext, decision: Decision, retrieval: Retrieval,
                     text: str) -> Reply:
        reply = Reply(text=text, action=decision.action, confidence=retrieval.confidence,
                      buttons=(Button.TALK_TO_PERSON,), tenant=context.tenant_slug,
                      reason=decision.reason)
        return await self._recorded(context, reply, retrieval)

    async def _recorded(self, context: AnswerContext, reply: Reply, retrieval: Retrieval,
                        composed: Composed | None = None, usage: Usage | None = None) -> Reply:
        if not self.record:
            return reply
        usage = usage or Usage()
        fallback = composed.note[:200] if composed and composed.composer.is_fallback else None
        record = reply_record(
            context, reply, retrieval,
            prompt_tokens=usage.prompt_tokens + (composed.prompt_tokens if composed else 0),
            completion_tokens=usage.completion_tokens
            + (composed.completion_tokens if composed else 0),
            fallback=fallback,
        )
        return replace(reply, interaction_id=await self.store.record_reply(record))


_QUESTION = re.compile(r"\?|^\W*(?:why|what|how|when|where|who|which|is|are|can|could|do|"
                       r"does|will|would|should)\b", re.I)
_THANKS = re.compile(r"^\W*(?:ok(?:ay)?|cheers|great|brilliant|perfect|lovely|noted|got it|"
                     r"thanks?(?: you| so much| a lot)?|thx|ty|ta)\W*(?:thanks?(?: you)?)?"
                     r"\W*$", re.I)


def is_thanks(text: str) -> bool:
    return bool(_THANKS.match(text))


def adds_detail(text: str) -> bool:
    """More about an open ticket (not a question of its own, not just "thanks")."""
    return not _QUESTION.search(text) and not is_thanks(text) and \
        len(tx.content_words(text)) >= 2


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


