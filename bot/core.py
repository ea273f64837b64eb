"""The bot core: platform-agnostic, all I/O through the injected store and composer."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot import replies
from bot.composer import Composer, CuratedComposer
from bot.directory import TenantDirectory
from bot.knowledge import Knowledge
from bot.models import Action, Button, InboundMessage, Reply
from bot.policy import Decision, decide, urgent_need
from bot.retrieval import Retrieval
from bot.retrieval import text as tx
from bot.store import Store
from bot.tenants import Tenant

log = logging.getLogger(__name__)
Notifier = Callable[[InboundMessage, Reply], Awaitable[None]]

ANSWER_BUTTONS = (Button.HELPFUL, Button.NOT_HELPFUL, Button.TALK_TO_PERSON)


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
    ) -> None:
        self.store = store
        self.knowledge = knowledge or Knowledge(store)
        self.composer = composer or CuratedComposer()
        self.tenants = TenantDirectory(store)
        self.msp_name = msp_name
        self.max_message_chars = max_message_chars
        self.record = record
        self.notifier = notifier

    async def handle(self, message: InboundMessage) -> Reply:
        tenant = await self.tenants.resolve(message)
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
        retrieval = await self.knowledge.search(text, tenant.slug if tenant else None)
        decision = decide(text, retrieval)
        if decision.action is Action.ANSWER:
            composed = await self.composer.compose(message, tenant, retrieval)
            reply = Reply(
                text=composed.text,
                action=Action.ANSWER,
                confidence=retrieval.confidence,
                citations=composed.citations,
                buttons=ANSWER_BUTTONS,
                tenant=tenant.slug if tenant else None,
                reason=decision.reason,
                composer=composed.composer,
            )
            return await self._recorded(message, reply, retrieval)
        if decision.action is Action.ESCALATE:
            return await self._escalate(message, tenant, decision, retrieval)
        text_out = replies.DECLINE if decision.action is Action.DECLINE else replies.CLARIFY
        return await self._finish(message, tenant, decision, retrieval, text_out)

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

    async def _recorded(self, message: InboundMessage, reply: Reply, found: Retrieval) -> Reply:
        if not self.record:
            return reply
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
        )
        return replace(reply, interaction_id=interaction_id)
