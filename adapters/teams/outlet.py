"""Teams' side of the workflows: where one answer goes (an Outlet), and the staff channel.

An answer is sent inside the HTTP request while Teams is still waiting for it; after the
reply budget the request has been answered, and the rest goes proactively through the
Bot Connector (continue_conversation), in the same conversation and thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ConversationReference,
    ResourceResponse,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import ClaimsIdentity, TurnContext
from pydantic import SerializerFunctionWrapHandler, model_serializer

from adapters.teams import answer, render
from adapters.teams.config import TeamsSettings
from adapters.teams.stream import TeamsStream, streams_here
from adapters.teams.translate import split_conversation, tenant_id
from bot.core.models import InboundMessage, Reply
from bot.core.ports import StaffAlert
from bot.core.streaming import Final, Progress, StreamEvent
from bot.store import Store
from bot.workflows.delivery import PostFailed

log = logging.getLogger(__name__)
STAFF_REF_KEY = "teams:staff"
SORRY = (
    "Sorry, something went wrong on my side and I couldn't answer that. Please try again in "
    "a minute; if it's urgent, contact the support team directly."
)
TYPING_EVERY_S = 3.0
Answered = Callable[[Reply, str, list[str]], Awaitable[None]]
ALERT_ATTEMPTS = 3  # a staff alert after a 5xx or a network failure; a 4xx is final
ALERT_RETRY_S = 0.5  # times the attempt number


def card_activity(card: dict[str, Any], ai_generated: bool = False) -> Activity:
    """A card message; its fallback text is the summary the chat list shows (instead of
    "Sent a card")."""
    activity = Activity(
        type=ActivityTypes.message,
        attachments=[Attachment(content_type=render.CARD_CONTENT_TYPE, content=card)],
    )
    summary = card.get("fallbackText")
    if isinstance(summary, str) and summary:
        activity.summary = summary[:200]
    if ai_generated:
        activity.add_ai_metadata()  # Teams shows its "AI generated" label on the message
    return activity


def text_activity(text: str) -> Activity:
    """A plain message: what the chat list previews is the text itself."""
    return Activity(type=ActivityTypes.message, text=text)


class NewPost(Activity):
    """An activity that starts a new post (a staff alert). The SDK (1.9.0) sets `id` to
    None on every outgoing activity and, for a new post alone, serialises it without
    leaving nulls out; the connector refuses `"id": null` (400 BadArgument)."""

    @model_serializer(mode="wrap")
    def _without_nulls(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


def typing() -> Activity:
    return Activity(type=ActivityTypes.typing)


def post_failure(exc: Exception) -> PostFailed:
    if isinstance(exc, aiohttp.ClientResponseError):
        return PostFailed(f"Bot Connector {exc.status}", ambiguous=exc.status >= 500)
    return PostFailed(f"{type(exc).__name__}: {exc}", ambiguous=True)


class Proactive:
    """Messages outside a turn, through the Bot Connector."""

    def __init__(self, adapter: CloudAdapter, settings: TeamsSettings) -> None:
        self.adapter = adapter
        self.settings = settings

    async def send(self, reference: ConversationReference,
                   callback: Callable[[TurnContext], Awaitable[None]],
                   reply_to: str | None) -> None:
        """Run `callback` in a turn of its own. Its exception is raised here: the
        adapter's turn error handler would otherwise swallow it (and a failed post would
        look delivered)."""
        continuation = reference.get_continuation_activity()
        # The turn's activity id is what a reply goes under: this message's, or none (a new
        # post; the SDK would otherwise reply to the continuation's made-up id).
        continuation.id = reply_to
        # The SDK hands an error inside the callback to on_turn_error and returns normally;
        # the caller must learn that the post failed (a staff alert that never arrived
        # must not be reported to the client as sent), so it is kept and raised here.
        failed: list[Exception] = []

        async def guarded(context: TurnContext) -> None:
            try:
                await callback(context)
            except Exception as exc:
                failed.append(exc)

        if self.settings.app_id:
            await self.adapter.continue_conversation(self.settings.app_id, continuation,
                                                     guarded)
        else:  # local development mode: no credentials, no token
            await self.adapter.continue_conversation_with_claims(ClaimsIdentity(),
                                                                 continuation, guarded)
        if failed:
            raise failed[0]


class TeamsStaffChannel:
    """Alerts go to the staff channel or chat the bot was installed in (its reference is
    kept in the store), with a link to the client's message where Teams has one."""

    def __init__(self, store: Store, proactive: Proactive, activity: Activity | None) -> None:
        self.store = store
        self.proactive = proactive
        self.activity = activity

    def _link(self) -> str | None:
        activity = self.activity
        if activity is None or activity.conversation is None:
            return None
        data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        team = data.get("team") if isinstance(data.get("team"), dict) else {}
        return render.message_link(activity.conversation.id, activity.id, tenant_id(activity),
                                   team.get("aadGroupId") if isinstance(team, dict) else None)

    async def alert(self, alert: StaffAlert) -> bool:
        """True only when the connector accepted the post. A refusal (4xx) is reported at
        once; a 5xx or a network failure is tried again, ALERT_ATTEMPTS times in all."""
        try:
            data = await self.store.conversations.get_ref(STAFF_REF_KEY)
        except Exception:
            log.exception("hand-off not posted: the staff channel could not be read")
            return False
        if data is None:
            log.warning("hand-off not posted: the bot has no staff channel in Teams yet")
            return False
        card = render.staff_alert(alert, self._link())

        async def post(context: TurnContext) -> None:
            await context.send_activity(NewPost.model_validate(card_activity(card).model_dump(
                by_alias=True, exclude_unset=True)))

        reference = ConversationReference.model_validate(data)
        for attempt in range(1, ALERT_ATTEMPTS + 1):
            try:
                await self.proactive.send(reference, post, None)
                return True
            except Exception as exc:
                failure = post_failure(exc)
                if not failure.ambiguous or attempt == ALERT_ATTEMPTS:
                    log.error("posting a hand-off to the Teams staff channel failed "
                              "(attempt %d of %d, not retried): %s", attempt, ALERT_ATTEMPTS,
                              failure)
                    return False
                log.warning("posting a hand-off to the Teams staff channel failed (%s); "
                            "trying again", failure)
                await asyncio.sleep(ALERT_RETRY_S * attempt)
        return False


class TeamsOutlet:
    """One activity's answer. In a personal chat it is streamed (adapters/teams/stream.py)
    in a turn of its own, so it may outlive Teams' HTTP request; elsewhere typing while
    the core works, then one message."""

    def __init__(self, context: TurnContext, proactive: Proactive,
                 staff: TeamsStaffChannel, question: str,
                 answered: Answered | None = None) -> None:
        """`answered(reply, conversation id, ids)` is told the ids Teams gave the reply."""
        self.context = context
        self.question = question
        self.proactive = proactive
        self._staff = staff
        self.activity = context.activity
        self.reference = self.activity.get_conversation_reference()
        self._in_turn = True
        self._lock = asyncio.Lock()
        self._typing: asyncio.Task[None] | None = None
        self._streaming = False
        self._apologised = False
        self.answered = answered
        self._conversation = self.reference.conversation.id if self.reference.conversation \
            else ""

    @property
    def staff(self) -> TeamsStaffChannel:
        return self._staff

    async def leave_turn(self) -> None:
        """Teams got its HTTP response: from now on everything goes proactively."""
        async with self._lock:
            self._in_turn = False
        if self._typing is None and not self._streaming:  # a stream shows its own progress
            self._typing = asyncio.get_running_loop().create_task(self._keep_typing())

    async def _keep_typing(self) -> None:
        while True:
            await asyncio.sleep(TYPING_EVERY_S)
            with contextlib.suppress(Exception):
                await self._send(typing())

    async def _send(self, activity: Activity) -> list[str]:
        """Post `activity`; the ids Teams gave it."""
        async with self._lock:
            if self._in_turn:
                return _ids([await self.context.send_activity(activity)])
        sent: list[str] = []

        async def deliver(context: TurnContext) -> None:
            sent.extend(_ids([await context.send_activity(activity)]))

        await self.proactive.send(self.reference, deliver, reply_to=self.activity.id)
        return sent

    async def stream(self, events: AsyncIterator[StreamEvent]) -> None:
        if not streams_here(self.activity):
            await self._one_message(events)
            return
        self._streaming = True

        async def run(context: TurnContext) -> None:
            stream = TeamsStream(context, self.question)
            try:
                reply = await stream.run(events)
                if reply is not None:
                    await self._before_follow_ups(reply)
            except Exception:
                if not stream.text_shown:
                    self._apologised = True
                with contextlib.suppress(Exception):
                    await stream.close(SORRY)
                raise
            if reply is not None:
                await self._after(reply, stream.sent_ids)

        try:
            await self.proactive.send(self.reference, run, reply_to=self.activity.id)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise post_failure(exc) from exc

    async def _one_message(self, events: AsyncIterator[StreamEvent]) -> None:
        """Group chats and channels: typing for the progress, then the whole reply."""
        async for event in events:
            if isinstance(event, Progress):
                await self.working()
            elif isinstance(event, Final):
                await self._before_follow_ups(event.reply)
                try:
                    ids = await self._send(answer.message(event.reply, self.question))
                except (aiohttp.ClientError, TimeoutError) as exc:
                    raise post_failure(exc) from exc
                await self._after(event.reply, ids)
            # Text events need nothing here: Final carries the whole text

    async def working(self) -> None:
        with contextlib.suppress(Exception):
            await self._send(typing())

    async def done(self) -> None:
        if self._typing is not None:
            self._typing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._typing
            self._typing = None

    async def send(self, reply: Reply) -> None:
        await self._before_follow_ups(reply)
        try:
            ids = await self._send(answer.message(reply, self.question))
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise post_failure(exc) from exc
        await self._after(reply, ids)

    async def _after(self, reply: Reply, ids: list[str]) -> None:
        """Once the reply is out: which message it is (feedback). Where a ticket's PSA
        number may follow was kept before it went (`_before_follow_ups`)."""
        if self.answered is not None:
            await self.answered(reply, self._conversation, ids)

    async def _before_follow_ups(self, reply: Reply) -> None:
        """A ticket whose PSA number is still to come: keep where to post it."""
        if reply.ticket is not None and reply.ticket.number is None:
            await self._remember_conversation()

    async def _remember_conversation(self) -> None:
        conversation = self.activity.conversation
        if conversation is None or not conversation.id:
            return
        channel, thread = split_conversation(conversation.id)
        key = InboundMessage(text="", platform="teams", channel=channel, thread=thread)
        try:
            await self._staff.store.conversations.put_ref(
                reply_ref_key(key.conversation or ""), "teams",
                self.reference.model_dump(mode="json", by_alias=True, exclude_none=True))
        except Exception:  # the reply matters more than a later follow-up
            log.exception("could not keep the conversation reference for a follow-up")

    async def apologise(self) -> None:
        if self._apologised:  # the stream was closed with the apology already
            return
        with contextlib.suppress(Exception):
            await self._send(text_activity(SORRY))

    async def landed(self) -> bool:
        # The Bot Connector offers no way to read a conversation back: a second post
        # could be a duplicate, so an ambiguous failure counts as delivered.
        return True


def _ids(responses: list[ResourceResponse | None]) -> list[str]:
    return [r.id for r in responses if r is not None and r.id]


def reply_ref_key(conversation: str) -> str:
    return f"teams:follow-up:{conversation}"


class TeamsMessenger:
    """Posts outside a delivery (the core's `Messenger`), proactively: a ticket number that
    arrived after the reply, where the reply went; a refused hand-off, to the staff chat."""

    def __init__(self, store: Store, proactive: Proactive) -> None:
        self.store = store
        self.proactive = proactive

    async def _post(self, key: str, text: str) -> bool:
        try:
            data = await self.store.conversations.get_ref(key)
            if data is None:
                log.warning("no conversation reference %s: a message was not posted", key)
                return False

            async def deliver(context: TurnContext) -> None:
                await context.send_activity(NewPost.model_validate(text_activity(text).model_dump(
                    by_alias=True, exclude_unset=True)))

            await self.proactive.send(ConversationReference.model_validate(data), deliver, None)
        except Exception:
            log.exception("posting to Teams outside a delivery failed")
            return False
        return True

    async def post(self, conversation: str, text: str) -> bool:
        return await self._post(reply_ref_key(conversation), text)

    async def notify_staff(self, text: str) -> bool:
        return await self._post(STAFF_REF_KEY, text)
