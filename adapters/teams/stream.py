"""Showing the core's stream events in Teams with the Agents SDK's StreamingResponse:
an informative update at once, the guarded text as it is released, then the final
message with its citations, AI label, feedback loop and buttons. Teams streams only in
personal chats; elsewhere the caller sends one message (adapters/teams/answer.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

from microsoft_agents.activity import Activity, ActivityTypes, EntityTypes, ResourceResponse
from microsoft_agents.hosting.core import TurnContext
from microsoft_agents.hosting.core.app.streaming import StreamingResponse

from adapters.teams import answer
from bot.core.models import Reply
from bot.core.streaming import Final, Progress, StreamEvent, Text

Next = Callable[[], Awaitable[list[ResourceResponse]]]


def _is_final(activity: Activity) -> bool:
    return activity.type == ActivityTypes.message and any(
        entity.type == EntityTypes.STREAM_INFO and getattr(entity, "stream_type", "") == "final"
        for entity in activity.entities or [])


class TeamsStream:
    """One streamed reply in one turn context. `sent_ids` are the ids Teams gave the
    stream's activities (the message's id among them), for matching feedback to it."""

    def __init__(self, context: TurnContext, question: str) -> None:
        self.context = context
        self.question = question
        self.sent_ids: list[str] = []
        self.text_shown = False
        self.reply: Reply | None = None
        self._response = StreamingResponse(context)
        context.on_send_activities(self._on_send)

    async def _on_send(self, _: TurnContext, activities: list[Activity],
                       next_send: Next) -> list[ResourceResponse]:
        reply = self.reply
        for activity in activities:
            if reply is None or not _is_final(activity):
                continue
            if activity.attachments:  # the chat list shows the text, not "Sent a card"
                activity.summary = answer.summary(reply)
            # The SDK attaches citations only together with the AI label; a curated
            # answer (written by people) gets them without the label.
            if not reply.composer.by_llm:
                entity = answer.message_entity(reply)
                if entity is not None:
                    activity.entities = [*(activity.entities or []), entity]
        responses = await next_send()
        self.sent_ids.extend(r.id for r in responses if r.id)
        return responses

    async def run(self, events: AsyncIterator[StreamEvent]) -> Reply | None:
        """Stream `events` to the end. An exception from `events` propagates after
        the stream was closed with `apology` (when no answer text was shown)."""
        async for event in events:
            if isinstance(event, Progress):
                self._response.queue_informative_update(event.text)
            elif isinstance(event, Text):
                self._response.queue_text_chunk(event.text)
                self.text_shown = True
            elif isinstance(event, Final):
                self._finish(event.reply)
        await self._response.end_stream()
        return self.reply

    async def close(self, text: str) -> None:
        """End an unfinished stream with `text` (the answer failed before any text)."""
        if not self.text_shown:
            self._response.queue_text_chunk(text)
        await self._response.end_stream()

    def _finish(self, reply: Reply) -> None:
        self.reply = reply
        tail = answer.markers(reply)
        if tail:  # the same chunk stream and message get: streamed text = final text
            self._response.queue_text_chunk(tail)
        response = self._response
        if reply.composer.by_llm:
            response.set_citations(answer.sdk_citations(reply))
            response.set_generated_by_ai_label(True)
        if answer.feedback_loop(reply):
            response.set_feedback_loop(True)
            response.set_feedback_loop_type("default")
        attachments = answer.card_attachments(reply, self.question)
        if attachments:
            response.set_attachments(attachments)


def streams_here(activity: Activity) -> bool:
    """Teams streams in personal chats only."""
    conversation = activity.conversation
    return conversation is not None and conversation.conversation_type == "personal"

