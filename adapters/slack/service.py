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
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.api import retry_handlers
from adapters.slack.config import SlackConfig
from adapters.slack.mrkdwn import escape, unescape
from adapters.slack.outlet import SlackOutlet, SlackStaffChannel
from adapters.slack.render import ACTION_IDS, parse_value, render_reply, vote_acknowledgement
from adapters.slack.translate import SlackInbound
from bot.core.models import (
    Action,
    Button,
    Citation,
    InboundMessage,
    Reason,
    Reply,
    Role,
    org_identity,
)
from bot.service.app import App
from bot.workflows.clicks import more_urgent, person_for_answer
from bot.workflows.delivery import Delivery, follow_up_wanted
from bot.workflows.feedback import Clicker, Feedback
from bot.workflows.tasks import TaskSet

log = logging.getLogger(__name__)
USER_CACHE_S = 300.0
_BUTTONS = {action_id: button for button, action_id in ACTION_IDS.items()}


class SlackService:
    def __init__(self, app: App, config: SlackConfig, client: AsyncWebClient) -> None:
        self.app = app
        self.config = config
        self.client = client
        self.delivery = Delivery(app.bot, app.store)
        self.feedback = Feedback(app.store, app.bot.tenants)
        self._limit = asyncio.Semaphore(config.concurrency)
        self._teams: dict[str, tuple[str | None, float]] = {}

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

        async with self._limit:
            await self.delivery.deliver(message, SlackOutlet(self.client, self.config, inbound),
                                        wanted=wanted if inbound.follow_up else None)

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

    # -- clicks ---------------------------------------------------------------------

    def clicker(self, body: dict[str, Any]) -> Clicker:
        user = body.get("user") or {}
        user_id, team = str(user.get("id") or ""), user.get("team_id")
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        return Clicker(
            platform="slack", user_id=user_id,
            role=Role.STAFF if self.config.is_staff(user_id, team) else Role.CLIENT,
            org=org_identity("slack", team) if isinstance(team, str) and team else None,
            channel=channel if isinstance(channel, str) else None,
        )

    async def click(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        button = _BUTTONS[action["action_id"]]
        data = parse_value(action.get("value"))
        raw = data.get("i")
        interaction = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
        clicker = self.clicker(body)
        if button is Button.MORE_URGENT:
            raw_ticket = data.get("k")
            ticket = raw_ticket if isinstance(raw_ticket, int) and \
                not isinstance(raw_ticket, bool) else None
            outcome = await more_urgent(self.app.bot.handoff, self.app.bot.tenants, ticket,
                                        clicker, SlackStaffChannel(self.client, self.config))
            await self.tell_clicker(body, escape(outcome.text))
            return
        if button is Button.TALK_TO_PERSON:
            container = body.get("container") or {}
            posted = body.get("message") or {}
            message_ts = container.get("message_ts") or posted.get("ts")
            staff = SlackStaffChannel(
                self.client, self.config, clicker.channel,
                None if container.get("is_ephemeral") else message_ts)
            outcome = await person_for_answer(
                self.app.bot.handoff, self.app.bot.tenants, interaction, clicker, staff,
                answer=unescape(str(posted.get("text") or "")) or None)
            await self.tell_clicker(body, escape(outcome.text))
            return
        result = await self.feedback.vote(interaction, clicker, button)
        await self.tell_clicker(body, vote_acknowledgement(button, result))

    async def tell_clicker(self, body: dict[str, Any], text: str) -> None:
        """An ephemeral note to the person who clicked (only they see it)."""
        container = body.get("container") or {}
        channel = container.get("channel_id")
        if container.get("is_ephemeral") or not channel:
            url = body.get("response_url")
            if url:
                await self.respond(url, text=text, response_type="ephemeral",
                                   replace_original=False)
            return
        posted = body.get("message") or {}
        await self.client.chat_postEphemeral(
            channel=channel, user=body["user"]["id"], text=text,
            thread_ts=posted.get("thread_ts") or container.get("message_ts"),
        )

    async def respond(self, response_url: str, **payload: Any) -> None:
        webhook = AsyncWebhookClient(response_url, retry_handlers=retry_handlers())
        response = await webhook.send_dict(payload)
        if response.status_code >= 400:
            log.warning("response_url answered %s: %s", response.status_code, response.body)

    # -- /ask ------------------------------------------------------------------------

    async def ask(self, message: InboundMessage, response_url: str) -> None:
        staff = SlackStaffChannel(self.client, self.config)
        reply = await self.app.bot.handle(message, staff)
        share_key = None
        if reply.action is Action.ANSWER:
            share_key = f"slack:ask:{uuid.uuid4().hex}"
            await self.app.store.conversations.put_ref(
                share_key, "slack", {"question": message.text, "reply": reply_to_record(reply)}
            )
        for part in render_reply(reply, message.text, share_key=share_key,
                                 preface=f"_You asked:_ {_quote(message.text)}"):
            await self.respond(response_url, response_type="ephemeral", text=part.text,
                               blocks=part.blocks)

    async def share(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        url = body.get("response_url")
        record = await self.app.store.conversations.get_ref(str(action.get("value")))
        if not url:
            return
        if record is None:
            await self.respond(url, response_type="ephemeral", replace_original=False,
                               text="Sorry, that answer is no longer available to share.")
            return
        reply = reply_from_record(record["reply"])
        user = body["user"]["id"]
        for part in render_reply(reply, record["question"],
                                 preface=f"<@{user}> asked: {_quote(record['question'])}"):
            await self.respond(url, response_type="in_channel", replace_original=False,
                               text=part.text, blocks=part.blocks)
        await self.respond(url, delete_original=True)


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
