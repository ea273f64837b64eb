"""Teams' side of the workflows: where one answer goes (an Outlet), and the staff channel.

An answer is sent inside the HTTP request while Teams is still waiting for it; after the
reply budget the request has been answered, and the rest goes proactively through the
Bot Connector (continue_conversation), in the same conversation and thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ConversationReference,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import ClaimsIdentity, TurnContext

from adapters.teams import render
from adapters.teams.config import TeamsSettings
from adapters.teams.translate import tenant_id
from bot.core.models import Reply
from bot.core.ports import StaffAlert
from bot.store import Store
from bot.workflows.delivery import PostFailed

log = logging.getLogger(__name__)
STAFF_REF_KEY = "teams:staff"
SORRY = (
    "Sorry, something went wrong on my side and I couldn't answer that. Please try again in "
    "a minute; if it's urgent, contact the support team directly."
)
TYPING_EVERY_S = 3.0


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
        try:
            data = await self.store.conversations.get_ref(STAFF_REF_KEY)
            if data is None:
                log.warning("hand-off not posted: the bot has no staff channel in Teams yet")
                return False
            card = render.staff_alert(alert, self._link())

            async def post(context: TurnContext) -> None:
                await context.send_activity(card_activity(card))

            await self.proactive.send(ConversationReference.model_validate(data), post, None)
        except Exception:
            log.exception("posting a hand-off to the Teams staff channel failed")
            return False
        return True


class TeamsOutlet:
    """One activity's answer: typing while the core works, then the card."""

    def __init__(self, context: TurnContext, proactive: Proactive,
                 staff: TeamsStaffChannel, question: str) -> None:
        self.context = context
        self.question = question
        self.proactive = proactive
        self._staff = staff
        self.activity = context.activity
        self.reference = self.activity.get_conversation_reference()
        self._in_turn = True
        self._lock = asyncio.Lock()
        self._typing: asyncio.Task[None] | None = None

    @property
    def staff(self) -> TeamsStaffChannel:
        return self._staff

    async def leave_turn(self) -> None:
        """Teams got its HTTP response: from now on everything goes proactively."""
        async with self._lock:
            self._in_turn = False
        if self._typing is None:
            self._typing = asyncio.get_running_loop().create_task(self._keep_typing())

    async def _keep_typing(self) -> None:
        while True:
            await asyncio.sleep(TYPING_EVERY_S)
            with contextlib.suppress(Exception):
                await self._send(typing())

    async def _send(self, activity: Activity) -> None:
        async with self._lock:
            if self._in_turn:
                await self.context.send_activity(activity)
                return

        async def deliver(context: TurnContext) -> None:
            await context.send_activity(activity)

        await self.proactive.send(self.reference, deliver, reply_to=self.activity.id)

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
        rendered = render.render_reply(reply, self.question)
        try:
            await self._send(card_activity(rendered.card, rendered.ai_generated))
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise post_failure(exc) from exc

    async def apologise(self) -> None:
        with contextlib.suppress(Exception):
            await self._send(card_activity(render.notice(SORRY)))

    async def landed(self) -> bool:
        # The Bot Connector offers no way to read a conversation back: a second post
        # could be a duplicate, so an ambiguous failure counts as delivered.
        return True
