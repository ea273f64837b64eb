"""The Teams agent: an Agents SDK ActivityHandler that turns activities into calls on the
core and sends the rendered replies. All Teams I/O of the bot happens here."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    AdaptiveCardInvokeValue,
    Attachment,
    ChannelAccount,
    ConversationReference,
    TurnContextProtocol,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import ActivityHandler, ClaimsIdentity, TurnContext

from adapters.teams import curation, render
from adapters.teams.config import TeamsSettings
from adapters.teams.translate import (
    CardAction,
    StaffPolicy,
    card_action,
    split_conversation,
    tenant_id,
    translate,
)
from bot.core.models import InboundMessage, Reply, Role
from bot.knowledge.entries import EntryError
from bot.service import metrics
from bot.service.app import App
from bot.workflows.feedback import may_rate

log = logging.getLogger(__name__)

STAFF_REF_KEY = "teams:staff"
TYPING_EVERY_S = 3.0
MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message"
SORRY = (
    "Sorry, something went wrong on my side and I couldn't answer that. Please try again in "
    "a minute; if it's urgent, contact the support team directly."
)


def card_activity(card: dict[str, Any], ai_generated: bool = False) -> Activity:
    activity = Activity(
        type=ActivityTypes.message,
        attachments=[Attachment(content_type=render.CARD_CONTENT_TYPE, content=card)],
    )
    if ai_generated:
        activity.add_ai_metadata()  # Teams shows its "AI generated" label on the message
    return activity


def typing() -> Activity:
    return Activity(type=ActivityTypes.typing)


def _invoke_message(text: str) -> AdaptiveCardInvokeResponse:
    return AdaptiveCardInvokeResponse(status_code=200, type=MESSAGE_RESPONSE, value=text)


def _invoke_card(card: dict[str, Any]) -> AdaptiveCardInvokeResponse:
    return AdaptiveCardInvokeResponse(status_code=200, type=render.CARD_CONTENT_TYPE, value=card)


class TeamsAgent(ActivityHandler):
    def __init__(self, app: App, settings: TeamsSettings, adapter: CloudAdapter) -> None:
        self.app = app
        self.settings = settings
        self.adapter = adapter
        self.staff = StaffPolicy(settings.staff_tenant_id, settings.staff_user_ids)
        self.pending: set[asyncio.Task[None]] = set()
        adapter.on_turn_error = self._on_turn_error

    # -- lifecycle -------------------------------------------------------------------

    def _spawn(self, coro: Awaitable[None]) -> None:
        async def run() -> None:
            await coro

        task = asyncio.get_running_loop().create_task(run())
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    async def drain(self, timeout_s: float = 30.0) -> None:
        """Let answers still in flight finish (server shutdown), then cancel the rest."""
        if not self.pending:
            return
        _done, late = await asyncio.wait(set(self.pending), timeout=timeout_s)
        for task in late:
            task.cancel()

    async def _on_turn_error(self, context: TurnContext, error: Exception) -> None:
        # The SDK's default handler sends the exception text to the user; never do that.
        log.error("Teams turn failed", exc_info=error)
        if context.activity.type == ActivityTypes.message:
            with contextlib.suppress(Exception):
                await context.send_activity(card_activity(render.notice(SORRY)))

    # -- activities ------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContextProtocol[Activity]) -> None:
        context = _context(turn_context)
        activity = context.activity
        await self._remember_staff_conversation(activity)
        action = card_action(activity, self.staff)
        if action is not None:  # Action.Submit from an older client
            await self._claimed(activity, lambda: self._submit(context, action))
            return
        inbound = translate(activity, self.staff)
        if inbound is None:
            return
        command = curation.parse_command(inbound.text)
        if command is not None:
            await context.send_activity(card_activity(await self._kb_form(inbound, command)))
            return
        await self._claimed(activity, lambda: self._answer(context, inbound), complete=False)

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContextProtocol[Activity]
    ) -> None:
        context = _context(turn_context)
        me = context.activity.recipient.id if context.activity.recipient else None
        if me is None or not any(m.id == me for m in members_added):
            return
        await self._remember_staff_conversation(context.activity, installed=True)
        await self._claimed(
            context.activity,
            lambda: _send(context, card_activity(render.welcome(self.app.settings.msp_name))),
        )

    async def on_adaptive_card_invoke(
        self, turn_context: TurnContextProtocol[Activity], invoke_value: AdaptiveCardInvokeValue
    ) -> AdaptiveCardInvokeResponse:
        context = _context(turn_context)
        action = card_action(context.activity, self.staff)
        if action is None:
            return _invoke_message("That button isn't one I know.")
        result: list[AdaptiveCardInvokeResponse] = []

        async def run() -> None:
            result.append(await self._act(context, action))

        await self._claimed(context.activity, run)
        return result[0] if result else _invoke_message("Already done.")

    # -- answering -------------------------------------------------------------------

    async def _answer(self, context: TurnContext, inbound: InboundMessage) -> None:
        """Answer inside the request when the core is quick; otherwise let Teams have its
        HTTP response now (typing is the acknowledgement) and answer proactively."""
        activity = context.activity
        key = _event_key(activity)
        await context.send_activity(typing())
        work = asyncio.get_running_loop().create_task(self.app.bot.handle(inbound))
        done, _ = await asyncio.wait({work}, timeout=self.settings.reply_budget_s)
        if work in done:
            reply = work.result()
            await context.send_activity(self._reply_activity(reply, inbound))
            await self.app.store.complete_event(key)
            self._after_reply(activity, inbound, reply)
            return
        reference = activity.get_conversation_reference()
        self._spawn(self._answer_later(work, reference, activity, inbound, key))

    async def _answer_later(
        self,
        work: asyncio.Task[Reply],
        reference: ConversationReference,
        activity: Activity,
        inbound: InboundMessage,
        key: str,
    ) -> None:
        async def deliver(context: TurnContext) -> None:
            while True:
                done, _ = await asyncio.wait({work}, timeout=TYPING_EVERY_S)
                if work in done:
                    break
                await context.send_activity(typing())
            try:
                reply = work.result()
            except Exception:
                log.exception("answering a Teams message failed")
                await context.send_activity(card_activity(render.notice(SORRY)))
                return
            await context.send_activity(self._reply_activity(reply, inbound))
            self._after_reply(activity, inbound, reply)

        try:
            await self._proactive(reference, deliver, reply_to=activity.id)
        except Exception:
            log.exception("sending a Teams answer proactively failed")
        finally:
            with contextlib.suppress(Exception):
                await self.app.store.complete_event(key)

    def _reply_activity(self, reply: Reply, inbound: InboundMessage) -> Activity:
        rendered = render.render_reply(reply, inbound.text)
        return card_activity(rendered.card, rendered.ai_generated)

    def _after_reply(self, activity: Activity, inbound: InboundMessage, reply: Reply) -> None:
        if reply.notify_staff:
            self._spawn(self._notify_staff(activity, inbound.text, reply))

    # -- card actions ----------------------------------------------------------------

    async def _submit(self, context: TurnContext, action: CardAction) -> None:
        response = await self._act(context, action)
        if response.type == render.CARD_CONTENT_TYPE and isinstance(response.value, dict):
            await context.send_activity(card_activity(response.value))
        elif isinstance(response.value, str):
            await context.send_activity(card_activity(render.notice(response.value)))

    async def _act(self, context: TurnContext, action: CardAction) -> AdaptiveCardInvokeResponse:
        if action.verb in render.FEEDBACK_VERBS:
            if action.interaction_id is None or not await self._may_rate(action):
                return _invoke_message("I couldn't tell which answer that was about.")
            await self.app.store.record_feedback(
                action.interaction_id, action.who.user_id, render.FEEDBACK_VERBS[action.verb]
            )
            return _invoke_message(
                "Thanks, glad that helped."
                if action.verb == render.VERB_HELPFUL
                else "Thanks for telling us; the team reviews answers that missed."
            )
        if action.verb == render.VERB_PERSON:
            return await self._talk_to_person(context, action)
        if action.verb == curation.VERB_SAVE:
            return await self._kb_save(action)
        return _invoke_message("That button isn't one I know.")

    async def _talk_to_person(
        self, context: TurnContext, action: CardAction
    ) -> AdaptiveCardInvokeResponse:
        activity = context.activity
        if action.interaction_id is not None and await self._may_rate(action):
            await self.app.store.record_feedback(
                action.interaction_id, action.who.user_id, render.VERB_PERSON
            )
        question = str(action.data.get("question") or "")[: render.QUESTION_CHARS]
        channel, thread = split_conversation(activity.conversation.id)
        inbound = InboundMessage(
            text="I'd like to talk to a person, please.",
            platform="teams",
            user_id=action.who.user_id,
            role=action.who.role,
            channel=channel,
            thread=thread,
            teams_tenant_id=action.who.tenant_id,
        )
        reply = await self.app.bot.handle(inbound)
        await context.send_activity(self._reply_activity(reply, inbound))
        self._spawn(self._notify_staff(activity, question or inbound.text, reply))
        return _invoke_message("I've asked a person to pick this up.")

    async def _may_rate(self, action: CardAction) -> bool:
        """The card's interaction id is client-supplied: only an answer given to the
        clicker's own organisation may be rated (tenant isolation of feedback)."""
        assert action.interaction_id is not None
        clicker = InboundMessage(text="", platform="teams", user_id=action.who.user_id,
                                 teams_tenant_id=action.who.tenant_id)
        tenant = await self.app.bot.tenants.resolve(clicker)
        allowed = await may_rate(self.app.store, action.interaction_id, platform="teams",
                                 role=action.who.role, tenant=tenant.slug if tenant else None)
        if not allowed:
            log.warning("refused feedback on an answer given to another organisation")
        return allowed

    # -- staff curation --------------------------------------------------------------

    async def _kb_form(
        self, inbound: InboundMessage, command: curation.KbCommand
    ) -> dict[str, Any]:
        if inbound.role is not Role.STAFF:
            return render.notice("Only the support team can change the knowledge base.")
        entry = None
        if command.mode == "edit":
            if command.entry_id is None:
                return render.notice("Which entry? Try `kb edit <id>`.")
            entry = await self.app.store.get_entry(command.entry_id)
            if entry is None:
                return render.notice(f"There is no entry '{command.entry_id}'. Try `kb add`.")
        return curation.form(command.mode, entry)

    async def _kb_save(self, action: CardAction) -> AdaptiveCardInvokeResponse:
        if action.who.role is not Role.STAFF:
            log.warning("refused a knowledge edit from a non-staff Teams user")
            return _invoke_message("Only the support team can change the knowledge base.")
        mode = "edit" if action.data.get("mode") == "edit" else "add"
        try:
            saved = await curation.save(self.app.store, action.data, f"teams:{action.who.user_id}")
        except EntryError as exc:
            return _invoke_card(curation.form(mode, error=str(exc), values=action.data))
        text = (
            f"Saved '{saved.entry.id}' as version {saved.version} ({saved.entry.status}). "
            f"Type `kb edit {saved.entry.id}` to change it again."
        )
        return _invoke_card(render.notice(text))

    # -- staff channel ---------------------------------------------------------------

    async def _remember_staff_conversation(
        self, activity: Activity, installed: bool = False
    ) -> None:
        """Keep the reference to the staff channel/chat for proactive escalations."""
        if activity.conversation is None or not activity.conversation.id:
            return
        base, _thread = split_conversation(activity.conversation.id)
        configured = self.settings.staff_conversation_id
        if configured is not None:
            if base != configured:
                return
        elif not (
            installed
            and self.settings.staff_tenant_id is not None
            and tenant_id(activity) == self.settings.staff_tenant_id
            and activity.conversation.conversation_type in ("channel", "groupChat")
        ):
            return
        reference = activity.get_conversation_reference()
        reference.activity_id = None
        reference.conversation = reference.conversation.model_copy(update={"id": base})
        await self.app.store.put_conversation_ref(
            STAFF_REF_KEY, "teams", reference.model_dump(mode="json", by_alias=True,
                                                         exclude_none=True)
        )

    async def _notify_staff(self, activity: Activity, question: str, reply: Reply) -> None:
        try:
            data = await self.app.store.get_conversation_ref(STAFF_REF_KEY)
            if data is None:
                log.warning("escalation not posted: the bot has no staff channel in Teams yet")
                return
            channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
            team = channel_data.get("team") if isinstance(channel_data.get("team"), dict) else {}
            link = render.message_link(
                activity.conversation.id, activity.id, tenant_id(activity),
                team.get("aadGroupId") if isinstance(team, dict) else None,
            )
            sender = activity.from_property
            alert = render.staff_alert(
                question=question, reply=reply, client=sender.name if sender else "",
                tenant=reply.tenant, link=link,
            )

            async def post(context: TurnContext) -> None:
                await context.send_activity(card_activity(alert))

            await self._proactive(ConversationReference.model_validate(data), post, reply_to=None)
        except Exception:
            log.exception("posting an escalation to the Teams staff channel failed")

    # -- plumbing --------------------------------------------------------------------

    async def _proactive(
        self,
        reference: ConversationReference,
        callback: Callable[[TurnContext], Awaitable[None]],
        reply_to: str | None,
    ) -> None:
        continuation = reference.get_continuation_activity()
        continuation.id = reply_to  # reply in the thread of this message, or start a new post
        if self.settings.app_id:
            await self.adapter.continue_conversation(self.settings.app_id, continuation, callback)
        else:  # local development mode: no credentials, no token
            await self.adapter.continue_conversation_with_claims(
                ClaimsIdentity(), continuation, callback
            )

    async def _claimed(
        self, activity: Activity, work: Callable[[], Awaitable[None]], complete: bool = True
    ) -> None:
        """Run `work` once per delivered activity, across retries and replicas."""
        if not activity.id:
            await work()
            return
        key = _event_key(activity)
        if not await self.app.store.claim_event(key):
            log.info("duplicate Teams delivery ignored: %s", key)
            metrics.DEDUP_HITS.labels("teams").inc()
            return
        try:
            await work()
        except BaseException:
            await self.app.store.release_event(key)
            raise
        if complete:
            await self.app.store.complete_event(key)


def _event_key(activity: Activity) -> str:
    conversation = activity.conversation.id if activity.conversation else ""
    return f"teams:{conversation}:{activity.id}"


def _context(turn_context: TurnContextProtocol[Activity]) -> TurnContext:
    return cast(TurnContext, turn_context)


async def _send(context: TurnContext, activity: Activity) -> None:
    await context.send_activity(activity)
