"""Slack's AI assistant (agent) surface and App Home's messages tab: greet, offer
suggested prompts, title the thread.

bolt's `AsyncAssistant` middleware recognises the assistant events; only thread start and
context change are registered here, so a user's message in an assistant thread falls
through to the ordinary `message` listener and is answered like any DM (the same
translation, delivery and streaming).
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.save_thread_context.async_save_thread_context import (
    AsyncSaveThreadContext,
)
from slack_bolt.context.say.async_say import AsyncSay
from slack_bolt.context.set_suggested_prompts.async_set_suggested_prompts import (
    AsyncSetSuggestedPrompts,
)
from slack_bolt.context.set_title.async_set_title import AsyncSetTitle
from slack_bolt.middleware.assistant.async_assistant import AsyncAssistant
from slack_sdk.errors import SlackApiError

from adapters.slack.mrkdwn import escape
from adapters.slack.service import SlackService
from bot.core import replies

log = logging.getLogger(__name__)
PROMPTS_TITLE = "Try asking:"
MAX_PROMPTS = 4  # Slack shows at most four suggested prompts


def suggested_prompts() -> list[dict[str, str]]:
    return [{"title": title, "message": message}
            for title, message in replies.STARTER_PROMPTS[:MAX_PROMPTS]]


def thread_title(msp_name: str) -> str:
    return f"Help from {msp_name}"


class AssistantSurface:
    def __init__(self, service: SlackService) -> None:
        self.service = service
        self.voice = replies.Voice(service.config.msp_name,
                                   service.app.bot.voice.emergency_contact)

    def middleware(self) -> AsyncAssistant:
        assistant = AsyncAssistant(logger=logging.getLogger("adapters.slack.assistant"))
        assistant.thread_started(self.on_thread_started)
        assistant.thread_context_changed(self.on_context_changed)
        return assistant

    async def on_thread_started(self, say: AsyncSay, set_suggested_prompts:
                                AsyncSetSuggestedPrompts, set_title: AsyncSetTitle) -> None:
        # Listeners run before bolt acks (process_before_response): the calls go to a task.
        self.service.tasks.spawn(self._greet(say, set_suggested_prompts, set_title),
                                 name="slack-assistant-greet")

    async def _greet(self, say: AsyncSay, set_suggested_prompts: AsyncSetSuggestedPrompts,
                     set_title: AsyncSetTitle) -> None:
        try:
            await say(text=escape(replies.welcome(self.voice)))
            await set_suggested_prompts(prompts=suggested_prompts(), title=PROMPTS_TITLE)
            await set_title(thread_title(self.voice.msp))
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("could not greet in the assistant thread: %s", exc)

    async def on_context_changed(self, save_thread_context: AsyncSaveThreadContext,
                                 payload: dict[str, Any]) -> None:
        """Keep the channel the user is looking at with the thread (bolt stores it in the
        greeting's metadata); the answer itself never depends on it."""
        context = (payload.get("assistant_thread") or {}).get("context") or {}
        self.service.tasks.spawn(save_thread_context(context), name="slack-assistant-context")

    async def on_home_opened(self, ack: AsyncAck, event: dict[str, Any]) -> None:
        """The first time someone opens the messages tab, a welcome (once per user)."""
        await ack()
        if event.get("tab") != "messages" or not event.get("channel"):
            return
        self.service.tasks.spawn(self._welcome(str(event["user"]), str(event["channel"])),
                                 name="slack-home-welcome")

    async def _welcome(self, user: str, channel: str) -> None:
        deliveries = self.service.app.store.deliveries
        key = f"slack:welcome:{user}"
        if not await deliveries.claim(key):
            return
        try:
            await self.service.client.chat_postMessage(
                channel=channel, text=escape(replies.welcome(self.voice)))
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("could not welcome %s: %s", user, exc)
            await deliveries.release(key)
            return
        await deliveries.complete(key)
