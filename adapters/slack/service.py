"""What the Slack adapter does after the ack: answer, show progress, alert staff, and
handle clicks. The only module (with handlers.py) that performs Slack network I/O."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.api import retry_handlers
from adapters.slack.config import SlackConfig
from adapters.slack.mrkdwn import escape, unescape
from adapters.slack.render import (
    ACTION_IDS,
    SlackMessage,
    acknowledgement,
    parse_value,
    render_reply,
    render_staff_alert,
)
from adapters.slack.translate import SlackInbound
from bot.core.models import Action, Button, Citation, InboundMessage, Reply, Role
from bot.service import metrics
from bot.service.app import App
from bot.store.availability import when_available
from bot.workflows.tasks import TaskSet

log = logging.getLogger(__name__)
THINKING_REACTION = "hourglass_flowing_sand"
THINKING_STATUS = "is looking into it…"
USER_CACHE_S = 300.0
_BUTTONS = {action_id: button for button, action_id in ACTION_IDS.items()}


@dataclass(frozen=True)
class Progress:
    kind: str  # status | reaction
    channel: str
    ts: str


class SlackService:
    def __init__(self, app: App, config: SlackConfig, client: AsyncWebClient) -> None:
        self.app = app
        self.config = config
        self.client = client
        self.tasks = TaskSet()
        self._limit = asyncio.Semaphore(config.concurrency)
        self._teams: dict[str, tuple[str | None, float]] = {}

    # -- answering messages ---------------------------------------------------------

    def answer_later(self, inbound: SlackInbound) -> None:
        self.tasks.spawn(self.answer(inbound), name=f"slack-answer:{inbound.key}")

    async def answer(self, inbound: SlackInbound) -> None:
        """Answer a post at most once across retries, twins and replicas.

        The post was acked already, so a database outage (a restart, a failover) is waited
        out rather than dropping it: each step is retried until the database is back.
        """
        store = self.app.store
        key = inbound.key
        async with self._limit:
            if not await when_available(lambda: store.claim_event(key), what=f"claiming {key}"):
                log.debug("already handled or in progress: %s", key)
                metrics.DEDUP_HITS.labels("slack").inc()
                return
            try:
                # _respond raises only before the answer is out, so running it again is safe
                wanted = await when_available(lambda: self._answer_once(inbound),
                                              what=f"answering {key}")
            except Exception:
                log.exception("answering %s failed; a retry may take it over", key)
                try:
                    await store.release_event(key)
                except Exception:  # the database is gone: the claim goes stale instead
                    log.exception("could not release %s", key)
                return
            await when_available(lambda: store.complete_event(key), what=f"completing {key}")
            if not wanted:
                log.debug("not a follow-up for the bot: %s", key)

    async def _answer_once(self, inbound: SlackInbound) -> bool:
        if inbound.follow_up and not await self._wanted_follow_up(inbound):
            return False
        await self._respond(inbound)
        return True

    async def _wanted_follow_up(self, inbound: SlackInbound) -> bool:
        """An unmentioned thread reply: answer clients in threads the bot answered, until a
        staff member joins the thread (then the people talk; a mention still works)."""
        conversation = inbound.message.conversation
        if conversation is None or not await self.app.store.bot_has_spoken(conversation):
            return False
        handover = f"slack:handover:{conversation}"
        if inbound.message.role is Role.STAFF:
            await self.app.store.put_conversation_ref(
                handover, "slack", {"user": inbound.message.user_id, "ts": inbound.ts}
            )
            return False
        return await self.app.store.get_conversation_ref(handover) is None

    async def _respond(self, inbound: SlackInbound) -> None:
        progress = await self._progress_start(inbound)
        try:
            reply = await self.app.bot.handle(inbound.message)
            emergency = reply.notify_staff and reply.reason == "emergency"
            if emergency:  # page the people first, then explain
                await self.alert_staff(inbound.message, reply.text, reply.tenant,
                                       link_ts=inbound.ts, reason="emergency")
            messages = render_reply(reply, inbound.message.text)
            await self._post(inbound.channel, inbound.reply_thread, messages[0])
        except BaseException:
            await self._progress_stop(progress)
            raise
        # The answer is out: from here on nothing may cause a second answer.
        try:
            for message in messages[1:]:
                await self._post(inbound.channel, inbound.reply_thread, message)
            if reply.notify_staff and not emergency:
                await self.alert_staff(inbound.message, reply.text, reply.tenant,
                                       link_ts=inbound.ts, reason=reply.reason)
        except Exception:
            log.exception("finishing the answer to %s failed", inbound.key)
        await self._progress_stop(progress)

    async def _post(self, channel: str, thread: str | None, message: SlackMessage) -> None:
        await self.client.chat_postMessage(
            channel=channel, thread_ts=thread, text=message.text, blocks=message.blocks,
            unfurl_links=False, unfurl_media=False,
        )

    async def _progress_start(self, inbound: SlackInbound) -> Progress | None:
        if inbound.dm and inbound.reply_thread:  # an assistant thread, if the app has them
            try:
                await self.client.assistant_threads_setStatus(
                    channel_id=inbound.channel, thread_ts=inbound.reply_thread,
                    status=THINKING_STATUS,
                )
                return Progress("status", inbound.channel, inbound.reply_thread)
            except SlackApiError as exc:
                log.debug("no assistant status here (%s); using a reaction",
                          exc.response.get("error"))
        try:
            await self.client.reactions_add(channel=inbound.channel, timestamp=inbound.ts,
                                            name=THINKING_REACTION)
        except SlackApiError as exc:
            log.info("could not add the progress reaction: %s", exc.response.get("error"))
            return None
        return Progress("reaction", inbound.channel, inbound.ts)

    async def _progress_stop(self, progress: Progress | None) -> None:
        if progress is None:
            return
        try:
            if progress.kind == "status":
                await self.client.assistant_threads_setStatus(
                    channel_id=progress.channel, thread_ts=progress.ts, status="")
            else:
                await self.client.reactions_remove(channel=progress.channel,
                                                   timestamp=progress.ts, name=THINKING_REACTION)
        except SlackApiError as exc:
            log.info("could not clear the progress indicator: %s", exc.response.get("error"))

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

    # -- staff ----------------------------------------------------------------------

    async def client_name(self, tenant_slug: str | None, message: InboundMessage) -> str:
        if tenant_slug:
            tenant = await self.app.bot.tenants.get(tenant_slug)
            return f"{tenant.name} ({tenant_slug})" if tenant else tenant_slug
        team = f", Slack team {message.slack_team_id}" if message.slack_team_id else ""
        return f"unknown client{team}"

    async def alert_staff(
        self, message: InboundMessage, answer: str | None, tenant: str | None, *,
        link_ts: str | None, reason: str,
    ) -> None:
        """Post to the staff channel; failures are logged, never shown to the client."""
        channel = self.config.staff_channel
        if not channel:
            log.warning("MSPBOT_SLACK_STAFF_CHANNEL is not set: %s escalation not posted", reason)
            return
        permalink = None
        if message.channel and link_ts:
            try:
                found = await self.client.chat_getPermalink(channel=message.channel,
                                                            message_ts=link_ts)
                permalink = found.get("permalink")
            except SlackApiError as exc:
                log.info("no permalink: %s", exc.response.get("error"))
        alert = render_staff_alert(message, answer, client=await self.client_name(tenant, message),
                                   permalink=permalink, reason=reason)
        try:
            await self._post(channel, None, alert)
        except SlackApiError:
            log.exception("could not post the %s alert to the staff channel", reason)

    # -- clicks ---------------------------------------------------------------------

    async def click(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        button = _BUTTONS[action["action_id"]]
        user = body["user"]["id"]
        data = parse_value(action.get("value"))
        interaction = data.get("i")
        if isinstance(interaction, int):
            await self.app.store.record_feedback(interaction, user, button.value)
        if button is Button.TALK_TO_PERSON:
            await self._escalate_click(body, data)
        await self.tell_clicker(body, acknowledgement(button, self.config.msp_name))

    async def _escalate_click(self, body: dict[str, Any], data: dict[str, Any]) -> None:
        container = body.get("container") or {}
        posted = body.get("message") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
        message_ts = container.get("message_ts") or posted.get("ts")
        key = f"slack:escalate:{data.get('i') or f'{channel}:{message_ts}'}"
        if not await self.app.store.claim_event(key):
            return  # already escalated (a double click, or someone else clicked)
        question = str(data.get("q") or "(the question is in the thread)")
        message = InboundMessage(
            text=question, platform="slack", user_id=body["user"]["id"], channel=channel,
            thread=posted.get("thread_ts") or message_ts,
            slack_team_id=body["user"].get("team_id"),
        )
        await self.alert_staff(message, unescape(str(posted.get("text") or "")), data.get("t"),
                               link_ts=None if container.get("is_ephemeral") else message_ts,
                               reason="talk_to_person")
        await self.app.store.complete_event(key)

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
        reply = await self.app.bot.handle(message)
        emergency = reply.notify_staff and reply.reason == "emergency"
        if emergency:
            await self.alert_staff(message, reply.text, reply.tenant, link_ts=None,
                                   reason="emergency")
        share_key = None
        if reply.action is Action.ANSWER:
            share_key = f"slack:ask:{uuid.uuid4().hex}"
            await self.app.store.put_conversation_ref(
                share_key, "slack", {"question": message.text, "reply": reply_to_record(reply)}
            )
        for part in render_reply(reply, message.text, share_key=share_key,
                                 preface=f"_You asked:_ {_quote(message.text)}"):
            await self.respond(response_url, response_type="ephemeral", text=part.text,
                               blocks=part.blocks)
        if reply.notify_staff and not emergency:
            await self.alert_staff(message, reply.text, reply.tenant, link_ts=None,
                                   reason=reply.reason)

    async def share(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        url = body.get("response_url")
        record = await self.app.store.get_conversation_ref(str(action.get("value")))
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
    data["buttons"] = [b.value for b in reply.buttons]
    return data


def reply_from_record(data: dict[str, Any]) -> Reply:
    return Reply(
        text=data["text"], action=Action(data["action"]), confidence=float(data["confidence"]),
        citations=tuple(Citation(c["id"], c["title"], tuple(c["topics"]))
                        for c in data.get("citations", [])),
        buttons=tuple(Button(b) for b in data.get("buttons", [])),
        tenant=data.get("tenant"), reason=data.get("reason", ""),
        interaction_id=data.get("interaction_id"),
    )
