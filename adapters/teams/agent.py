"""The Teams agent: an Agents SDK ActivityHandler that translates activities, calls the
workflows and sends what they produce. Teams I/O of the bot happens here and in outlet.py."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, cast

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    AdaptiveCardInvokeValue,
    ChannelAccount,
    InvokeResponse,
    TurnContextProtocol,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import ActivityHandler, TurnContext

from adapters.teams import curation, render
from adapters.teams.config import TeamsSettings
from adapters.teams.outlet import (
    SORRY,
    STAFF_REF_KEY,
    Proactive,
    TeamsOutlet,
    TeamsStaffChannel,
    card_activity,
    text_activity,
)
from adapters.teams.stream import streams_here
from adapters.teams.translate import (
    FEEDBACK_INVOKE,
    LATEST_ANSWER,
    PLATFORM,
    CardAction,
    StaffPolicy,
    activity_key,
    answer_ref_key,
    card_action,
    feedback_vote,
    mentions_bot,
    split_conversation,
    tenant_id,
    translate,
)
from bot.core import replies
from bot.core.models import Button, InboundMessage, Reply, Role, org_identity
from bot.knowledge.entries import EntryError
from bot.service.app import App
from bot.workflows.clicks import more_urgent, person_for_answer
from bot.workflows.curation import Curation, Mode
from bot.workflows.delivery import Delivery, follow_up_wanted
from bot.workflows.feedback import Clicker, Feedback, VoteResult

log = logging.getLogger(__name__)

MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message"


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
        self.proactive = Proactive(adapter, settings)
        self.delivery = Delivery(app.bot, app.store)
        self.feedback = Feedback(app.store, app.bot.tenants)
        self.curation = Curation(app.store)
        adapter.on_turn_error = self._on_turn_error

    async def _on_turn_error(self, context: TurnContext, error: Exception) -> None:
        # The SDK's default handler sends the exception text to the user; never do that.
        log.error("Teams turn failed", exc_info=error)
        if context.activity.type == ActivityTypes.message:
            with contextlib.suppress(Exception):
                await context.send_activity(text_activity(SORRY))

    def _staff_channel(self, activity: Activity | None) -> TeamsStaffChannel:
        return TeamsStaffChannel(self.app.store, self.proactive, activity)

    # -- activities ------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContextProtocol[Activity]) -> None:
        context = _context(turn_context)
        activity = context.activity
        await self._remember_staff_conversation(activity)
        action = card_action(activity, self.staff)
        if action is not None:  # Action.Submit from an older client
            await self._submit(context, action)
            return
        inbound = translate(activity, self.staff)
        if inbound is None:
            return
        command = curation.parse_command(inbound.text)
        if command is not None:
            await context.send_activity(card_activity(await self._kb_form(inbound, command)))
            return
        if inbound.key is None:  # no activity id: nothing to de-duplicate on
            await context.send_activity(text_activity(SORRY))
            return
        await self._answer(context, inbound, mentioned=mentions_bot(activity))

    async def on_members_added_activity(
        self, members_added: list[ChannelAccount], turn_context: TurnContextProtocol[Activity]
    ) -> None:
        context = _context(turn_context)
        me = context.activity.recipient.id if context.activity.recipient else None
        if me is None or not any(m.id == me for m in members_added):
            return
        staff_here = await self._remember_staff_conversation(context.activity, installed=True)
        if streams_here(context.activity):
            return  # a personal chat offers the manifest's prompt starters instead
        key = activity_key(context.activity)
        if key is not None and not await self.app.store.deliveries.claim(key):
            return  # a retried installation event: welcomed already
        welcome = render.staff_welcome() if staff_here else \
            render.welcome(self.app.settings.msp_name)  # the staff are not clients
        await context.send_activity(card_activity(welcome))
        if key is not None:
            await self.app.store.deliveries.complete(key)

    async def on_invoke_activity(
        self, turn_context: TurnContextProtocol[Activity]
    ) -> InvokeResponse | None:
        context = _context(turn_context)
        if context.activity.name == FEEDBACK_INVOKE:
            await self._feedback_loop(context)
            return InvokeResponse(status=200)  # Teams expects 200 with an empty body
        return await super().on_invoke_activity(turn_context)

    async def on_adaptive_card_invoke(
        self, turn_context: TurnContextProtocol[Activity], invoke_value: AdaptiveCardInvokeValue
    ) -> AdaptiveCardInvokeResponse:
        context = _context(turn_context)
        action = card_action(context.activity, self.staff)
        if action is None:
            return _invoke_message("That button isn't one I know.")
        return await self._act(context, action)

    # -- answering -------------------------------------------------------------------

    async def _answer(self, context: TurnContext, inbound: InboundMessage, *,
                      mentioned: bool = True) -> None:
        """Answer inside the request when the core is quick; otherwise let Teams have its
        HTTP response now (typing is the acknowledgement) and answer proactively. A
        personal chat is streamed in a turn of its own.

        In a channel the bot reads every message (resource-specific consent): without a
        mention it answers only a client in a thread it answered, until staff write there.
        """
        outlet = TeamsOutlet(context, self.proactive, self._staff_channel(context.activity),
                             inbound.text, answered=self._remember_answer)
        store = self.app.store

        async def wanted() -> bool:
            return await follow_up_wanted(store, inbound)

        work = self.app.tasks.spawn(
            self.delivery.deliver_stream(inbound, outlet,
                                         wanted=None if mentioned else wanted),
            name=f"teams-answer:{inbound.key}")
        done, _ = await asyncio.wait({work}, timeout=self.settings.reply_budget_s)
        if work not in done:
            await outlet.leave_turn()

    async def _remember_answer(self, reply: Reply, conversation_id: str,
                               message_ids: list[str]) -> None:
        """Which answer a Teams message is, for its feedback loop (Teams sends back only
        the message's id)."""
        refs = self.app.store.conversations
        if reply.interaction_id is None:
            return
        # LATEST: for a thumb that names no message (the Agents Playground sends none)
        for message_id in [*dict.fromkeys(message_ids), LATEST_ANSWER]:
            await refs.put_ref(answer_ref_key(conversation_id, message_id), PLATFORM,
                               {"interaction_id": reply.interaction_id})

    async def _feedback_loop(self, context: TurnContext) -> None:
        """A thumbs up or down from Teams' feedback loop, through the feedback workflow."""
        activity = context.activity
        vote = feedback_vote(activity, self.staff)
        if vote is None:
            log.warning("a feedback invoke without a reaction or a sender")
            return
        conversation = activity.conversation.id if activity.conversation else ""
        if vote.message_id is None:
            log.info("a feedback invoke without replyToId: counted for the conversation's "
                     "latest answer")
        data = await self.app.store.conversations.get_ref(
            answer_ref_key(conversation, vote.message_id or LATEST_ANSWER))
        raw = data.get("interaction_id") if data else None
        interaction = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
        action = CardAction(verb=vote.button.value, data={}, who=vote.who)
        result = await self.feedback.vote(interaction, self._clicker(context, action),
                                          vote.button)
        log.info("feedback loop %s on answer %s: %s", vote.button.value, interaction,
                 result.value, extra={"fields": {"event": "feedback", "platform": PLATFORM,
                                                 "result": result.value,
                                                 "comment_chars": len(vote.comment)}})

    # -- card actions ----------------------------------------------------------------

    async def _submit(self, context: TurnContext, action: CardAction) -> None:
        response = await self._act(context, action)
        if response.type == render.CARD_CONTENT_TYPE and isinstance(response.value, dict):
            await context.send_activity(card_activity(response.value))
        elif isinstance(response.value, str):
            await context.send_activity(text_activity(response.value))

    def _clicker(self, context: TurnContext, action: CardAction) -> Clicker:
        conversation = context.activity.conversation
        channel = split_conversation(conversation.id)[0] if conversation else None
        who = action.who
        return Clicker(platform=PLATFORM, user_id=who.user_id, role=who.role,
                       org=org_identity(PLATFORM, who.tenant_id) if who.tenant_id else None,
                       channel=channel, user_name=who.name or None)

    async def _act(self, context: TurnContext, action: CardAction) -> AdaptiveCardInvokeResponse:
        if action.verb in render.FEEDBACK_VERBS:
            button = render.FEEDBACK_VERBS[action.verb]
            result = await self.feedback.vote(action.interaction_id,
                                              self._clicker(context, action), button)
            if result is VoteResult.REFUSED:
                return _invoke_message(replies.VOTE_REFUSED)
            return _invoke_message(replies.vote_thanks(button is Button.HELPFUL))
        if action.verb == render.VERB_PERSON:
            outcome = await person_for_answer(
                self.app.bot.handoff, self.app.bot.tenants, action.interaction_id,
                self._clicker(context, action), self._staff_channel(context.activity))
            if outcome.refused:
                return _invoke_message(outcome.text)
            # The card is replaced in place: its button goes, what happened stays. A click
            # while an earlier one is on its way leaves the button to that earlier click.
            return _invoke_card(render.handed_off(
                outcome.text, retry=not (outcome.notified or outcome.already),
                data=action.data))
        if action.verb == render.VERB_MORE_URGENT:
            raw = action.data.get("ticket_id")
            ticket = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
            outcome = await more_urgent(self.app.bot.handoff, self.app.bot.tenants, ticket,
                                        self._clicker(context, action),
                                        self._staff_channel(context.activity))
            return _invoke_message(outcome.text)
        if action.verb == curation.VERB_SAVE:
            return await self._kb_save(action)
        return _invoke_message("That button isn't one I know.")

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
            entry = await self.app.store.knowledge.get(command.entry_id)
            if entry is None:
                return render.notice(f"There is no entry '{command.entry_id}'. Try `kb add`.")
        return curation.form(command.mode, entry)

    async def _kb_save(self, action: CardAction) -> AdaptiveCardInvokeResponse:
        if action.who.role is not Role.STAFF:
            log.warning("refused a knowledge edit from a non-staff Teams user")
            return _invoke_message("Only the support team can change the knowledge base.")
        mode: Mode = "edit" if action.data.get("mode") == "edit" else "add"
        try:
            entry = curation.entry_from_form(action.data)
            saved = await self.curation.save(entry, mode=mode,
                                             actor=f"teams:{action.who.user_id}")
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
    ) -> bool:
        """Keep the reference to the staff channel/chat for proactive hand-offs; True when
        `activity` comes from it."""
        if activity.conversation is None or not activity.conversation.id:
            return False
        base, _thread = split_conversation(activity.conversation.id)
        configured = self.settings.staff_conversation_id
        if configured is not None:
            if base != configured:
                return False
        elif not (
            installed
            and self.settings.staff_tenant_id is not None
            and tenant_id(activity) == self.settings.staff_tenant_id
            and activity.conversation.conversation_type in ("channel", "groupChat")
        ):
            return False
        reference = activity.get_conversation_reference()
        reference.activity_id = None
        reference.conversation = reference.conversation.model_copy(update={"id": base})
        await self.app.store.conversations.put_ref(
            STAFF_REF_KEY, "teams", reference.model_dump(mode="json", by_alias=True,
                                                         exclude_none=True)
        )
        return True


def _context(turn_context: TurnContextProtocol[Activity]) -> TurnContext:
    return cast(TurnContext, turn_context)
