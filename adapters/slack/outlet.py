"""Slack's side of the workflows: where one answer goes (an Outlet) and how staff are
reached (a StaffChannel). All Slack Web API calls of an answer happen here."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.config import SlackConfig
from adapters.slack.render import SlackMessage, footer, render_reply, render_staff_alert
from adapters.slack.stream import SlackErrors, ThreadStream
from adapters.slack.translate import SlackInbound
from bot.core.models import Reply
from bot.core.ports import StaffAlert, StaffChannel
from bot.core.streaming import Final, Progress, StreamEvent, Text
from bot.workflows.delivery import PostFailed

log = logging.getLogger(__name__)
THINKING_REACTION = "hourglass_flowing_sand"
THINKING_STATUS = "is looking into it…"
# Rotated by Slack under the status while the answer is prepared (at most 10).
LOADING_MESSAGES = ("Checking your agreement…", "Looking through the knowledge base…",
                    "Writing your answer…")
REPLY_EVENT = "mspbot_reply"  # message metadata that marks our answers by delivery key
SORRY = ("Sorry, something went wrong on my side and I couldn't answer that. Please try "
         "again in a minute; if it's urgent, contact the support team directly.")


# Errors after which Slack may have kept the message (its docs: "it's possible some aspect
# of the operation succeeded"); every other ok=false is a definite refusal.
AMBIGUOUS_ERRORS = frozenset({"internal_error", "fatal_error", "request_timeout",
                              "service_unavailable"})


def post_failure(exc: Exception) -> PostFailed:
    """A refusal Slack gave (ok=false) is definite; a 5xx or a lost connection is not."""
    if isinstance(exc, SlackApiError):
        status = getattr(exc.response, "status_code", 200)
        error = exc.response.get("error")
        return PostFailed(f"{status} {error}",
                          ambiguous=status >= 500 or error in AMBIGUOUS_ERRORS)
    return PostFailed(f"{type(exc).__name__}: {exc}", ambiguous=True)


async def post(client: AsyncWebClient, channel: str, thread: str | None,
               message: SlackMessage, metadata: dict[str, Any] | None = None) -> str | None:
    response = await client.chat_postMessage(
        channel=channel, thread_ts=thread, text=message.text, blocks=message.blocks,
        unfurl_links=False, unfurl_media=False, metadata=metadata,
    )
    ts = response.get("ts")
    return ts if isinstance(ts, str) else None


@dataclass
class SlackStaffChannel:
    """Alerts go to MSPBOT_SLACK_STAFF_CHANNEL, with a link to the client's message."""

    client: AsyncWebClient
    config: SlackConfig
    link_channel: str | None = None
    link_ts: str | None = None

    async def alert(self, alert: StaffAlert) -> bool:
        channel = self.config.staff_channel
        if not channel:
            log.warning("MSPBOT_SLACK_STAFF_CHANNEL is not set: %s hand-off not posted",
                        alert.reason.value)
            return False
        permalink = None
        if self.link_channel and self.link_ts:
            try:
                found = await self.client.chat_getPermalink(channel=self.link_channel,
                                                            message_ts=self.link_ts)
                permalink = found.get("permalink")
            except SlackApiError as exc:
                log.info("no permalink: %s", exc.response.get("error"))
        try:
            await post(self.client, channel, None, render_staff_alert(alert, permalink))
        except (SlackApiError, aiohttp.ClientError, TimeoutError):
            log.exception("could not post the %s alert to the staff channel",
                          alert.reason.value)
            return False
        return True


class SlackOutlet:
    """One post's answer: progress on the question, the reply in its thread."""

    def __init__(self, client: AsyncWebClient, config: SlackConfig,
                 inbound: SlackInbound) -> None:
        self.client = client
        self.inbound = inbound
        self._staff = SlackStaffChannel(client, config, inbound.channel, inbound.ts)
        self._progress: str | None = None  # "status" | "reaction"

    @property
    def staff(self) -> StaffChannel:
        return self._staff

    async def working(self, progress: str | None = None) -> None:
        """The thread's AI status with loading messages wherever the answer goes into a
        thread (assistant threads, DM threads and channel threads alike; chat:write
        allows it); a reaction on the question at the top level of a DM, or when Slack
        refuses the status."""
        inbound = self.inbound
        if inbound.reply_thread:
            try:
                await self.client.assistant_threads_setStatus(
                    channel_id=inbound.channel, thread_ts=inbound.reply_thread,
                    status=THINKING_STATUS,
                    loading_messages=[progress] if progress else list(LOADING_MESSAGES))
                self._progress = "status"
                return
            except (SlackApiError, aiohttp.ClientError) as exc:
                log.info("no thread status here (%s); using a reaction", exc)
        try:
            await self.client.reactions_add(channel=inbound.channel, timestamp=inbound.ts,
                                            name=THINKING_REACTION)
            self._progress = "reaction"
        except (SlackApiError, aiohttp.ClientError) as exc:
            log.info("could not add the progress reaction: %s", exc)

    async def done(self) -> None:
        inbound = self.inbound
        try:
            if self._progress == "status":
                await self.client.assistant_threads_setStatus(
                    channel_id=inbound.channel, thread_ts=inbound.reply_thread or "",
                    status="")
            elif self._progress == "reaction":
                await self.client.reactions_remove(channel=inbound.channel,
                                                   timestamp=inbound.ts, name=THINKING_REACTION)
        except (SlackApiError, aiohttp.ClientError) as exc:
            log.info("could not clear the progress indicator: %s", exc)
        self._progress = None

    async def send(self, reply: Reply) -> None:
        inbound = self.inbound
        messages = render_reply(reply)
        marker = {"event_type": REPLY_EVENT, "event_payload": {"key": inbound.key}}
        try:
            await post(self.client, inbound.channel, inbound.reply_thread, messages[0], marker)
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            raise post_failure(exc) from exc
        for message in messages[1:]:  # the answer is out: the rest is best effort
            try:
                await post(self.client, inbound.channel, inbound.reply_thread, message)
            except (SlackApiError, aiohttp.ClientError, TimeoutError):
                log.exception("a later part of the answer to %s failed", inbound.key)

    async def stream(self, events: AsyncIterator[StreamEvent]) -> None:
        """Status at Progress, each guarded chunk appended to a streamed message, the
        footer added at Final. If Slack stops taking the stream, the rest of the answer
        goes as ordinary messages; nothing shown is sent again."""
        inbound = self.inbound
        if inbound.reply_thread is None:
            raise ValueError("Slack streams only into a thread")
        live = ThreadStream(self.client, inbound.channel, inbound.reply_thread,
                            inbound.message.user_id, inbound.team)
        broken = False
        async for event in events:
            if isinstance(event, Progress):
                await self.working(event.text)
            elif isinstance(event, Text) and not broken:
                try:
                    await live.append(event.text)
                except SlackErrors as exc:
                    log.warning("streaming the answer to %s stopped (%s); the rest is "
                                "posted", inbound.key, exc)
                    broken = True
            elif isinstance(event, Final):
                await self._finish(live, event.reply, broken)

    async def _finish(self, live: ThreadStream, reply: Reply, broken: bool) -> None:
        inbound = self.inbound
        marker = {"event_type": REPLY_EVENT, "event_payload": {"key": inbound.key}}
        if not broken and live.shown == reply.text:
            try:
                await live.stop(footer(reply), marker)
            except SlackErrors:
                log.exception("could not finish the streamed answer to %s", inbound.key)
            return
        if live.live:
            try:
                await live.stop([], marker)
            except SlackErrors:
                log.exception("could not end the broken stream for %s", inbound.key)
        if not live.shown:
            await self.send(reply)  # nothing shown: the ordinary post (PostFailed raised)
            return
        rest = reply.text[len(live.shown):] if reply.text.startswith(live.shown) else ""
        for message in render_reply(replace(reply, text=rest or "…")):
            try:
                await post(self.client, inbound.channel, inbound.reply_thread, message)
            except SlackErrors:
                log.exception("the rest of the answer to %s could not be posted", inbound.key)
                return

    async def apologise(self) -> None:
        inbound = self.inbound
        try:
            await post(self.client, inbound.channel, inbound.reply_thread,
                       SlackMessage(text=SORRY, blocks=[]))
        except (SlackApiError, aiohttp.ClientError, TimeoutError):
            log.exception("could not even apologise for %s", inbound.key)

    async def landed(self) -> bool:
        """Look for our first message, marked with the delivery key, where it would be."""
        inbound = self.inbound
        try:
            if inbound.reply_thread:
                found = await self.client.conversations_replies(
                    channel=inbound.channel, ts=inbound.reply_thread, limit=50,
                    include_all_metadata=True)
            else:
                found = await self.client.conversations_history(
                    channel=inbound.channel, oldest=inbound.ts, limit=50,
                    include_all_metadata=True)
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("could not check whether the answer landed (%s): assuming it did",
                        exc)
            return True  # a second post would be worse than none: the client can ask again
        for message in found.get("messages") or []:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == REPLY_EVENT and \
                    (metadata.get("event_payload") or {}).get("key") == inbound.key:
                return True
        return False


class SlackMessenger:
    """Posts outside a delivery (the core's `Messenger`): a ticket number that arrived
    after the reply, in the client's thread; a refused hand-off, in the staff channel."""

    def __init__(self, client: AsyncWebClient, config: SlackConfig) -> None:
        self.client = client
        self.config = config

    async def _post(self, channel: str, thread: str | None, text: str) -> bool:
        try:
            await post(self.client, channel, thread, SlackMessage(text=text, blocks=[]))
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("could not post to %s outside a delivery: %s", channel, exc)
            return False
        return True

    async def post(self, conversation: str, text: str) -> bool:
        platform, _, rest = conversation.partition(":")  # "slack:<channel>:<thread ts>"
        channel, _, thread = rest.partition(":")
        if platform != "slack" or not channel:
            return False
        return await self._post(channel, thread if thread and thread != channel else None, text)

    async def notify_staff(self, text: str) -> bool:
        if not self.config.staff_channel:
            return False
        return await self._post(self.config.staff_channel, None, text)
