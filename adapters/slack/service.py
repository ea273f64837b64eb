"""What the Slack adapter does after the ack: hand posts, clicks and `/ask` to the
workflows, render what comes back, send it. Slack I/O happens here and in outlet.py."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import asdict
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.clicks import SlackClicks, respond
from adapters.slack.config import SlackConfig
from adapters.slack.mrkdwn import escape
from adapters.slack.outlet import SORRY, SlackOutlet, SlackStaffChannel
from adapters.slack.render import render_reply
from adapters.slack.translate import SlackInbound
from bot.core.composer import StreamingComposer
from bot.core.models import (
    Action,
    Button,
    Citation,
    InboundMessage,
    Reason,
    Reply,
)
from bot.service.app import App
from bot.workflows.delivery import Delivery, follow_up_wanted
from bot.workflows.tasks import TaskSet

log = logging.getLogger(__name__)
USER_CACHE_S = 300.0


class SlackService:
    def __init__(self, app: App, config: SlackConfig, client: AsyncWebClient) -> None:
        self.app = app
        self.config = config
        self.client = client
        self.delivery = Delivery(app.bot, app.store)
        self.clicks = SlackClicks(app, config, client)
        self._limit = asyncio.Semaphore(config.concurrency)
        self._teams: dict[str, tuple[str | None, float]] = {}

    @property
    def streams(self) -> bool:
        """LLM answers are streamed (Slack streams into threads: DM, channel or group)
        unless MSPBOT_SLACK_STREAMING=off; with curated answers only, every reply is one
        message after the status."""
        return self.config.streaming and isinstance(self.app.bot.composer, StreamingComposer)

    @property
    def tasks(self) -> TaskSet:
        return self.app.tasks

    # -- answering messages ---------------------------------------------------------

    def answer_later(self, inbound: SlackInbound) -> None:
        self.app.tasks.spawn(self.answer(inbound), name=f"slack-answer:{inbound.key}")

    async def answer(self, inbound: SlackInbound) -> None:
        """Answer a post at most once across retries, twins and replicas."""
        message = inbound.message

        async def wanted() -> bool:
            return await follow_up_wanted(self.app.store, message)

        outlet = SlackOutlet(self.client, self.config, inbound)
        check = wanted if inbound.follow_up else None
        async with self._limit:
            if inbound.reply_thread and self.streams:  # status, then the answer as written
                await self.delivery.deliver_stream(message, outlet, wanted=check)
            else:
                await self.delivery.deliver(message, outlet, wanted=check)

    # -- who is asking -----------------------------------------------------------------

    async def user_team(self, user_id: str) -> str | None:
        """The user's own workspace, from users.info (cached briefly): slash commands carry
        only the workspace they ran in, not the user's."""
        now = time.monotonic()
        cached = self._teams.get(user_id)
        if cached is not None and now - cached[1] < USER_CACHE_S:
            return cached[0]
        try:
            found = await self.client.users_info(user=user_id)
        except SlackApiError as exc:
            log.info("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return None
        user = found.get("user") or {}
        team = user.get("team_id") if not user.get("is_stranger") else None
        team = team if isinstance(team, str) else None
        self._teams[user_id] = (team, now)
        return team

    # -- /ask ------------------------------------------------------------------------

    async def ask(self, message: InboundMessage, response_url: str) -> None:
        staff = SlackStaffChannel(self.client, self.config)
        try:
            reply = await self.app.bot.handle(message, staff)
        except Exception:  # "Looking into it…" must not be the last word
            log.exception("answering /ask failed")
            await respond(response_url, response_type="ephemeral", text=SORRY,
                          replace_original=True)
            return
        share_key = None
        if reply.action is Action.ANSWER:
            share_key = f"slack:ask:{uuid.uuid4().hex}"
            await self.app.store.conversations.put_ref(
                share_key, "slack", {"question": message.text, "reply": reply_to_record(reply)}
            )
        parts = render_reply(reply, share_key=share_key,
                             preface=f"_You asked:_ {_quote(message.text)}")
        for number, part in enumerate(parts):  # the first replaces "Looking into it…"
            await respond(response_url, response_type="ephemeral", text=part.text,
                          blocks=part.blocks, replace_original=number == 0)

    async def share(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        url = body.get("response_url")
        record = await self.app.store.conversations.get_ref(str(action.get("value")))
        if not url:
            return
        if record is None:
            await respond(url, response_type="ephemeral", replace_original=False,
                               text="Sorry, that answer is no longer available to share.")
            return
        reply = reply_from_record(record["reply"])
        user = body["user"]["id"]
        for part in render_reply(reply, preface=f"<@{user}> asked: {_quote(record['question'])}"):
            await respond(url, response_type="in_channel", replace_original=False,
                               text=part.text, blocks=part.blocks)
        await respond(url, delete_original=True)


def _quote(text: str) -> str:
    return f"_{escape(text[:500])}_"


def reply_to_record(reply: Reply) -> dict[str, Any]:
    data = asdict(reply)
    data["action"] = reply.action.value
    data["reason"] = reply.reason.value
    data["composer"] = reply.composer.value
    data["buttons"] = [b.value for b in reply.buttons]
    return data


def reply_from_record(data: dict[str, Any]) -> Reply:
    return Reply(
        text=data["text"], action=Action(data["action"]), confidence=float(data["confidence"]),
        citations=tuple(Citation(c["id"], c["title"], tuple(c["topics"]))
                        for c in data.get("citations", [])),
        buttons=tuple(Button(b) for b in data.get("buttons", [])),
        tenant=data.get("tenant"), reason=Reason(data.get("reason") or "knowledge"),
        interaction_id=data.get("interaction_id"),
    )
