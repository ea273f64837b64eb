"""The slack-bolt AsyncApp: every listener acks at once and leaves the work to the service.

`process_before_response=True` makes bolt run a listener before answering Slack, so no
untracked bolt task exists: listeners only ack (and, for the modal, validate and save,
which must happen before the ack) and hand the rest to `SlackService.tasks`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError

from adapters.slack import curation
from adapters.slack.assistant import AssistantSurface
from adapters.slack.clicks import CLICK_ACTION_IDS, respond
from adapters.slack.config import SlackConfig
from adapters.slack.render import SHARE_ACTION_ID
from adapters.slack.service import SlackService
from adapters.slack.translate import clean_text, slash_message, translate
from bot.service.sections import reveal
from bot.store import Store
from bot.workflows.curation import Curation, CurationError, Mode

log = logging.getLogger(__name__)
CLICK_ACTIONS = re.compile("^(" + "|".join(CLICK_ACTION_IDS) + ")$")

EPHEMERAL = "ephemeral"
ASK_USAGE = "Ask me a question after `/ask`, for example: `/ask why isn't my ticket fixed yet?`"
ASK_WORKING = ":hourglass_flowing_sand: Looking into it…"
KB_USAGE = ("`/kb` adds a knowledge entry; `/kb edit <entry-id>` changes one. "
            "Every change is kept in the entry's history.")


def staff_only(msp_name: str) -> str:
    return (f"Sorry, only {msp_name} staff can change the knowledge base, so nothing was "
            "changed. If you have a question, just ask me: mention me or use `/ask`.")


def build_bolt_app(service: SlackService) -> AsyncApp:
    config = service.config
    bolt = AsyncApp(
        client=service.client,
        signing_secret=reveal(config.signing_secret) or "",
        request_verification_enabled=config.mode == "http",
        process_before_response=True,
        logger=logging.getLogger("adapters.slack.bolt"),
    )
    surface = AssistantSurface(service)
    bolt.use(surface.middleware())
    bolt.event("app_home_opened")(surface.on_home_opened)
    Listeners(service).attach(bolt)
    return bolt


class Listeners:
    def __init__(self, service: SlackService) -> None:
        self.service = service
        self.config: SlackConfig = service.config
        self.store: Store = service.app.store
        self.curation = Curation(self.store)

    def attach(self, bolt: AsyncApp) -> None:
        bolt.event("app_mention")(self.on_message)
        bolt.event("message")(self.on_message)
        bolt.command("/ask")(self.on_ask)
        bolt.command("/kb")(self.on_kb)
        bolt.shortcut(curation.SHORTCUT_ID)(self.on_save_shortcut)
        bolt.view(curation.CALLBACK_ID)(self.on_entry_submitted)
        bolt.action(CLICK_ACTIONS)(self.on_button)
        bolt.action(SHARE_ACTION_ID)(self.on_share)
        bolt.action("mspbot_open_thread")(self.on_link)

    # -- messages -------------------------------------------------------------------

    async def on_message(self, ack: AsyncAck, body: dict[str, Any],
                         context: AsyncBoltContext) -> None:
        await ack()
        inbound = translate(body, bot_user_id=context.bot_user_id, is_staff=self.config.is_staff)
        if inbound is not None:
            self.service.answer_later(inbound)

    async def on_ask(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        if not str(command.get("text", "")).strip():
            await ack(text=ASK_USAGE, response_type=EPHEMERAL)
            return
        # Seen at once and replaced by the answer: composing one can take a few seconds.
        await ack(text=ASK_WORKING, response_type=EPHEMERAL)
        self.service.tasks.spawn(self._ask(command), name="slack-ask")

    async def _ask(self, command: dict[str, Any]) -> None:
        team = await self.service.user_team(str(command.get("user_id")))
        message = slash_message(command, user_team=team, is_staff=self.config.is_staff)
        await self.service.ask(message, command["response_url"])

    async def on_button(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        self.service.tasks.spawn(self.service.clicks.click(body, action), name="slack-click")

    async def on_share(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any]) -> None:
        await ack()
        self.service.tasks.spawn(self.service.share(body, action), name="slack-share")

    async def on_link(self, ack: AsyncAck) -> None:
        await ack()  # a URL button: Slack opens the link; the click still needs an ack

    # -- curation -------------------------------------------------------------------

    async def on_kb(self, ack: AsyncAck, command: dict[str, Any],
                    context: AsyncBoltContext) -> None:
        user = str(command.get("user_id"))
        if not self.config.is_staff(user, await self.service.user_team(user)):
            await ack(text=staff_only(self.config.msp_name), response_type=EPHEMERAL)
            return
        words = str(command.get("text", "")).split()
        if words and words[0] in ("help", "-h", "--help"):
            await ack(text=KB_USAGE, response_type=EPHEMERAL)
            return
        draft = curation.Draft()
        if words:
            entry_id = words[1] if words[0] == "edit" and len(words) > 1 else words[0]
            entry = await self.store.knowledge.get(entry_id)
            if entry is None:
                await ack(text=f"There is no entry `{entry_id}`. {KB_USAGE}",
                          response_type=EPHEMERAL)
                return
            if len(entry.body) > curation.BODY_LIMIT:
                await ack(text=f"`{entry_id}` is longer than Slack's editor allows "
                               f"({curation.BODY_LIMIT} characters); use "
                               f"`mspbot kb edit {entry_id}` instead.", response_type=EPHEMERAL)
                return
            draft = curation.Draft.from_entry(entry)
        try:
            await self.service.client.views_open(trigger_id=command["trigger_id"],
                                                 view=curation.build_modal(draft))
        except SlackApiError as exc:
            await ack(text=f"Sorry, Slack would not open the editor ({exc.response.get('error')}).",
                      response_type=EPHEMERAL)
            return
        await ack()

    async def on_save_shortcut(self, ack: AsyncAck, shortcut: dict[str, Any],
                               context: AsyncBoltContext) -> None:
        await ack()
        user = shortcut.get("user") or {}
        if not self.config.is_staff(user.get("id"), user.get("team_id")):
            url = shortcut.get("response_url")
            if url:
                await respond(url, response_type="ephemeral",
                                           text=staff_only(self.config.msp_name))
            return
        channel = (shortcut.get("channel") or {}).get("id", "")
        posted = shortcut.get("message") or {}
        thread = posted.get("thread_ts")
        question = ""
        if thread and thread != posted.get("ts"):
            try:
                found = await self.service.client.conversations_replies(channel=channel, ts=thread,
                                                                        limit=1)
                root = (found.get("messages") or [{}])[0]
                question = clean_text(str(root.get("text", "")), context.bot_user_id)
            except SlackApiError as exc:
                log.info("could not read the thread's question: %s", exc.response.get("error"))
        answer = clean_text(str(posted.get("text", "")), context.bot_user_id)
        draft = curation.Draft(
            title=question.split("\n")[0][:200],
            questions=(question.replace("\n", " "),) if question else (),
            body=answer[: curation.BODY_LIMIT],
            source="shortcut",
        )
        private = {"channel": channel, "thread": thread or ""}
        await self.service.client.views_open(trigger_id=shortcut["trigger_id"],
                                             view=curation.build_modal(draft, private=private))

    async def on_entry_submitted(self, ack: AsyncAck, body: dict[str, Any],
                                 view: dict[str, Any]) -> None:
        user = body.get("user") or {}
        if not self.config.is_staff(user.get("id"), user.get("team_id")):
            await ack(response_action="errors",
                      errors={"title": staff_only(self.config.msp_name)})
            return
        try:
            entry = curation.entry_from_view(view, today=dt.date.today())
        except curation.FormErrors as exc:
            errors = dict(exc.errors)  # every field at once, the clients' check included
            problem = await self.curation.unknown_tenants(curation.named_tenants(view))
            if problem:
                errors.setdefault("tenants", problem)
            await ack(response_action="errors", errors=errors)
            return
        meta = curation.metadata(view)
        mode: Mode = "edit" if meta.get("mode") == "edit" else "add"
        change = "edit" if mode == "edit" else (
            "add from a Slack thread" if meta.get("source") == "shortcut" else "add")
        try:
            saved = await self.curation.save(entry, mode=mode, actor=f"slack:{user.get('id')}",
                                             change=change)
        except CurationError as exc:
            block = exc.field
            if block == "id" and (mode == "edit" or entry.id == curation.slugify(entry.title)):
                block = "title"  # the form has no id field, or the id was made from the title
            await ack(response_action="errors", errors={block: str(exc)})
            return
        await ack()
        note = (f"Saved knowledge entry `{entry.id}` ({entry.status}, version {saved.version}). "
                f"See its history with `mspbot kb history {entry.id}`.")
        self.service.tasks.spawn(self._confirm(str(user.get("id")), note), name="slack-kb-saved")

    async def _confirm(self, user: str, text: str) -> None:
        await self.service.client.chat_postMessage(channel=user, text=text)
