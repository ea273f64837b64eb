"""Clicks under the bot's messages: translate who clicked what, hand it to the workflows
(feedback, hand-off), then show what happened: a private note to the clicker and, once a
click took effect, the message itself updated so the used control is no longer live."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.api import retry_handlers
from adapters.slack.config import SlackConfig
from adapters.slack.mrkdwn import escape, unescape
from adapters.slack.outlet import SlackStaffChannel
from adapters.slack.render import (
    ACTION_IDS,
    FEEDBACK_ACTION_ID,
    Block,
    parse_value,
    person_note,
    settled,
    vote_acknowledgement,
    vote_note,
)
from bot.core.models import Button, Role, org_identity
from bot.service.app import App
from bot.workflows.clicks import more_urgent, person_for_answer
from bot.workflows.feedback import VOTES, Clicker, Feedback, VoteResult

log = logging.getLogger(__name__)
_BUTTONS = {action_id: button for button, action_id in ACTION_IDS.items()}
CLICK_ACTION_IDS = (*ACTION_IDS.values(), FEEDBACK_ACTION_ID)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def clicked_button(action: dict[str, Any]) -> Button | None:
    """The button a block action stands for; a feedback_buttons action carries the vote
    in the value of the half that was pressed."""
    action_id = action.get("action_id")
    if action_id == FEEDBACK_ACTION_ID:
        vote = parse_value(action.get("value")).get("v")
        return next((b for b in VOTES if b.value == vote), None)
    return _BUTTONS.get(str(action_id))


async def respond(response_url: str, **payload: Any) -> None:
    webhook = AsyncWebhookClient(response_url, retry_handlers=retry_handlers())
    response = await webhook.send_dict(payload)
    if response.status_code >= 400:
        log.warning("response_url answered %s: %s", response.status_code, response.body)


class SlackClicks:
    def __init__(self, app: App, config: SlackConfig, client: AsyncWebClient) -> None:
        self.app = app
        self.config = config
        self.client = client
        self.feedback = Feedback(app.store, app.bot.tenants)

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
        button = clicked_button(action)
        if button is None:
            log.warning("a click on %r with a value we did not write", action.get("action_id"))
            return
        data = parse_value(action.get("value"))
        interaction = _int(data.get("i"))
        clicker = self.clicker(body)
        if button is Button.MORE_URGENT:
            outcome = await more_urgent(self.app.bot.handoff, self.app.bot.tenants,
                                        _int(data.get("k")), clicker,
                                        SlackStaffChannel(self.client, self.config))
            await self.tell_clicker(body, escape(outcome.text))
            return
        if button is Button.TALK_TO_PERSON:
            container = body.get("container") or {}
            posted = body.get("message") or {}
            message_ts = container.get("message_ts") or posted.get("ts")
            staff = SlackStaffChannel(
                self.client, self.config, clicker.channel,
                None if container.get("is_ephemeral") else message_ts)
            handed = await person_for_answer(
                self.app.bot.handoff, self.app.bot.tenants, interaction, clicker, staff,
                answer=unescape(str(posted.get("text") or "")) or None)
            if handed.notified and not handed.already:
                await self.settle(body, button, person_note(clicker.user_id,
                                                            self.config.msp_name))
            await self.tell_clicker(body, escape(handed.text))
            return
        result = await self.feedback.vote(interaction, clicker, button)
        if result is VoteResult.RECORDED:
            await self.settle(body, button, vote_note(button, clicker.user_id))
        await self.tell_clicker(body, vote_acknowledgement(button, result))

    async def settle(self, body: dict[str, Any], button: Button, note: str) -> None:
        """Update the clicked message: the control used is gone, a line says what happened.
        Best effort: the click already took effect, and the clicker is told either way."""
        posted = body.get("message") or {}
        blocks: list[Block] = [b for b in posted.get("blocks") or [] if isinstance(b, dict)]
        if not blocks:
            return
        new_blocks = settled(blocks, button, note)
        text = str(posted.get("text") or "")
        container = body.get("container") or {}
        try:
            if container.get("is_ephemeral"):
                url = body.get("response_url")
                if url:
                    await respond(url, replace_original=True, text=text, blocks=new_blocks)
                return
            channel, ts = container.get("channel_id"), container.get("message_ts")
            if channel and ts:
                await self.client.chat_update(channel=channel, ts=ts, text=text,
                                              blocks=new_blocks)
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("could not update the clicked message: %s", exc)

    async def tell_clicker(self, body: dict[str, Any], text: str) -> None:
        """An ephemeral note to the person who clicked (only they see it)."""
        container = body.get("container") or {}
        channel = container.get("channel_id")
        if container.get("is_ephemeral") or not channel:
            url = body.get("response_url")
            if url:
                await respond(url, text=text, response_type="ephemeral", replace_original=False)
            return
        posted = body.get("message") or {}
        await self.client.chat_postEphemeral(
            channel=channel, user=body["user"]["id"], text=text,
            thread_ts=posted.get("thread_ts") or container.get("message_ts"),
        )
