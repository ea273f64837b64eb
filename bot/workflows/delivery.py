"""Answering a platform delivery exactly once, the same way on every platform.

A delivery (a Slack post, a Teams activity) is claimed in the database before any
work, so retries, twin events (app_mention + message) and other replicas find it taken.
Work that was accepted is not dropped because the database is briefly away: each step
waits the outage out. A claim is given back only while nothing has been posted; once
the platform may have shown the reply (even after an error), the delivery is completed
and never answered again.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from bot.core.bot import Bot
from bot.core.models import InboundMessage, Reply, Role
from bot.core.ports import StaffChannel
from bot.core.streaming import StreamEvent, Text
from bot.service import metrics
from bot.store import Store
from bot.store.availability import DEFAULT_PATIENCE_S, when_available

log = logging.getLogger(__name__)
T = TypeVar("T")


class PostFailed(Exception):
    """The platform did not confirm a post. `ambiguous`: it may be shown anyway (a 5xx, a
    timeout); otherwise it was refused and sending it again would be refused too."""

    def __init__(self, message: str, *, ambiguous: bool) -> None:
        super().__init__(message)
        self.ambiguous = ambiguous


class Outlet(Protocol):
    """One delivery's way back to the person: the platform adapter implements it."""

    @property
    def staff(self) -> StaffChannel | None: ...

    async def working(self) -> None:
        """Show that the bot is on it (a reaction, a status, typing). Must not raise."""

    async def done(self) -> None:
        """Take the progress indicator away. Must not raise."""

    async def send(self, reply: Reply) -> None:
        """Show `reply`. Raise PostFailed only for its first part: once any part is out,
        later failures are logged, never raised (the answer was seen)."""

    async def landed(self) -> bool:
        """After an ambiguous failure: is the reply visible after all?"""

    async def apologise(self) -> None:
        """Answering failed before anything was shown: say so briefly, never with the
        error's details. Must not raise."""


class StreamOutlet(Outlet, Protocol):
    """An outlet that can show a reply as it is written."""

    async def stream(self, events: AsyncIterator[StreamEvent]) -> None:
        """Show Progress at once, each Text appended, then the Final reply (its text is
        the chunks joined). Exceptions from `events` (the bot failed) must propagate.
        Raise PostFailed only when nothing of the answer was shown."""


class AlreadyShown(RuntimeError):
    """An answer that was partly shown is not started again."""


@dataclass
class _Shown:
    maybe: bool = False  # the client may have seen part of the answer


def _key(message: InboundMessage) -> str:
    if message.key is None:
        raise ValueError("a delivery needs the message's key")
    return message.key


class Outcome(StrEnum):
    ANSWERED = "answered"
    DUPLICATE = "duplicate"  # claimed already (a retry, a twin event, another replica)
    NOT_WANTED = "not-wanted"  # e.g. a thread reply among people
    FAILED = "failed"


class Delivery:
    def __init__(self, bot: Bot, store: Store, *, patience_s: float = DEFAULT_PATIENCE_S) -> None:
        self.bot = bot
        self.store = store
        self.patience_s = patience_s

    async def _wait(self, what: str, step: Callable[[], Awaitable[T]]) -> T:
        return await when_available(step, what=what, patience_s=self.patience_s)

    async def deliver(self, message: InboundMessage, outlet: Outlet, *,
                      wanted: Callable[[], Awaitable[bool]] | None = None) -> Outcome:
        """Answer once, then send the whole reply."""
        key = _key(message)

        async def answer(shown: _Shown) -> None:
            await outlet.working()
            try:
                reply = await self._wait(f"answering {key}",
                                         lambda: self.bot.handle(message, outlet.staff))
                shown.maybe = True  # from here on the client may see something
                await self._send(outlet, reply, key)
            finally:
                await outlet.done()

        return await self._once(message, outlet, wanted, answer)

    async def deliver_stream(self, message: InboundMessage, outlet: StreamOutlet, *,
                             wanted: Callable[[], Awaitable[bool]] | None = None) -> Outcome:
        """Answer once, streaming: the outlet gets Progress, guarded Text, then Final.
        A database outage is waited out only while no text has gone to the outlet;
        after that the answer is never started again (it would show twice)."""
        key = _key(message)

        async def answer(shown: _Shown) -> None:
            async def tapped() -> AsyncIterator[StreamEvent]:
                async for event in self.bot.stream(message, outlet.staff):
                    if isinstance(event, Text):
                        shown.maybe = True
                    yield event

            async def attempt() -> None:
                if shown.maybe:
                    raise AlreadyShown(f"part of the answer to {key} is out already")
                await outlet.stream(tapped())

            try:
                await self._wait(f"answering {key}", attempt)
            finally:
                await outlet.done()

        return await self._once(message, outlet, wanted, answer)

    async def _once(self, message: InboundMessage, outlet: Outlet,
                    wanted: Callable[[], Awaitable[bool]] | None,
                    answer: Callable[[_Shown], Awaitable[None]]) -> Outcome:
        key = _key(message)
        deliveries = self.store.deliveries
        if not await self._wait(f"claiming {key}", lambda: deliveries.claim(key)):
            log.debug("already handled or in progress: %s", key)
            metrics.DEDUP_HITS.labels(message.platform).inc()
            return Outcome.DUPLICATE
        shown = _Shown()
        try:
            if wanted is not None and not await self._wait(f"checking {key}", wanted):
                await self._wait(f"completing {key}", lambda: deliveries.complete(key))
                return Outcome.NOT_WANTED
            await answer(shown)
        except PostFailed as exc:
            log.error("the reply to %s was not delivered and will not be retried: %s", key, exc)
        except Exception:
            if shown.maybe:
                log.exception("delivering %s failed after the reply went out", key)
            else:
                log.exception("answering %s failed; a retry may take it over", key)
                await outlet.apologise()
                try:
                    await deliveries.release(key)
                except Exception:  # the database is gone: the claim goes stale instead
                    log.exception("could not release %s", key)
                return Outcome.FAILED
        await self._wait(f"completing {key}", lambda: deliveries.complete(key))
        return Outcome.ANSWERED

    async def _send(self, outlet: Outlet, reply: Reply, key: str) -> None:
        try:
            await outlet.send(reply)
        except PostFailed as exc:
            if not exc.ambiguous:
                # Refused outright (too long, invalid): the same post would be refused
                # again, and the client saw nothing; they hear that something went wrong.
                await outlet.apologise()
                raise
            if await outlet.landed():
                log.info("the reply to %s landed despite an error (%s)", key, exc)
                return
            log.warning("the reply to %s did not land (%s); sending it once more", key, exc)
            await outlet.send(reply)


async def follow_up_wanted(store: Store, message: InboundMessage) -> bool:
    """An unmentioned reply in a thread: the bot answers clients in threads it answered,
    until a staff member writes there (then the people talk; a mention still works)."""
    conversation = message.conversation
    if conversation is None or not await store.conversations.bot_has_spoken(conversation):
        return False
    handover = f"handover:{conversation}"
    if message.role is Role.STAFF:
        await store.conversations.put_ref(handover, message.platform,
                                          {"user": message.user_id})
        return False
    return await store.conversations.get_ref(handover) is None
