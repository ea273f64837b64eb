"""Delivery.deliver_stream: answered once per key, events in order, a failure before any
text is apologised for and handed back, a failure after text is never answered again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from bot.core.models import InboundMessage
from bot.core.streaming import Final, Progress, StreamEvent, Text
from bot.service.app import App
from bot.workflows.delivery import Delivery, Outcome, PostFailed


@dataclass
class RecordingOutlet:
    seen: list[StreamEvent] = field(default_factory=list)
    apologies: int = 0
    fail_on_text: bool = False

    @property
    def staff(self) -> None:
        return None

    async def working(self) -> None:
        raise AssertionError("a streaming delivery shows Progress instead")

    async def done(self) -> None:
        pass

    async def send(self, reply: object) -> None:
        raise AssertionError("a streaming delivery sends through stream()")

    async def landed(self) -> bool:
        return True

    async def apologise(self) -> None:
        self.apologies += 1

    async def stream(self, events: AsyncIterator[StreamEvent]) -> None:
        async for event in events:
            if isinstance(event, Text) and self.fail_on_text:
                raise PostFailed("refused", ambiguous=False)
            self.seen.append(event)


def message(key: str) -> InboundMessage:
    return InboundMessage(text="is the weekend covered?", tenant="acme-dental",
                          platform="teams", user_id="u1", key=key)


async def test_streamed_once_per_key(app: App) -> None:
    delivery = Delivery(app.bot, app.store)
    outlet = RecordingOutlet()
    assert await delivery.deliver_stream(message("k1"), outlet) is Outcome.ANSWERED
    assert await delivery.deliver_stream(message("k1"), RecordingOutlet()) is Outcome.DUPLICATE
    kinds = [type(e) for e in outlet.seen]
    assert kinds[0] is Progress and kinds[-1] is Final and Text in kinds
    final = outlet.seen[-1]
    assert isinstance(final, Final)
    assert "".join(e.text for e in outlet.seen if isinstance(e, Text)) == final.reply.text


async def test_a_refused_post_is_not_retried(app: App) -> None:
    delivery = Delivery(app.bot, app.store)
    outlet = RecordingOutlet(fail_on_text=True)
    assert await delivery.deliver_stream(message("k2"), outlet) is Outcome.ANSWERED
    assert outlet.apologies == 1  # the client hears something went wrong, not silence
    assert await delivery.deliver_stream(message("k2"), RecordingOutlet()) is Outcome.DUPLICATE


async def test_a_bot_failure_before_text_is_apologised_and_released(app: App) -> None:
    delivery = Delivery(app.bot, app.store)

    async def broken(*_: object, **__: object) -> object:
        raise RuntimeError("boom")

    app.bot.tenants.resolve = broken  # type: ignore[method-assign]
    outlet = RecordingOutlet()
    assert await delivery.deliver_stream(message("k3"), outlet) is Outcome.FAILED
    assert outlet.apologies == 1
    assert [type(e) for e in outlet.seen] == [Progress]
    assert await app.store.deliveries.claim("k3")  # handed back for a retry
