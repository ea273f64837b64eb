"""Streaming a reply as typed events, for surfaces that can show an answer as it grows.

The order is always: one `Progress` at once, then `Text` chunks, then one `Final`. The
chunks joined are exactly `Final.reply.text`: text is only released after it has passed
the guard (see bot/llm/release.py), and a reply that was not streamed piece by piece
(a curated answer, a hand-off, a fallback) comes as one chunk. Neither Slack nor Teams
can take streamed text back, so nothing shown is ever replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace

from bot.core.models import Reply

log = logging.getLogger(__name__)

PROGRESS = "Checking your agreement and our knowledge base..."


@dataclass(frozen=True)
class Progress:
    """The bot is working on it: show a status, never answer text."""

    text: str = PROGRESS


@dataclass(frozen=True)
class Text:
    """More of the answer, already guarded: append it to what was shown."""

    text: str


@dataclass(frozen=True)
class Final:
    """The complete reply (recorded: `interaction_id` is set). `reply.text` equals the
    chunks joined."""

    reply: Reply


StreamEvent = Progress | Text | Final
Sink = Callable[[StreamEvent], Awaitable[None]]


class Released:
    """What a sink has been given so far; keeps the chunks-equal-final promise."""

    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self.text = ""

    async def progress(self, text: str = PROGRESS) -> None:
        await self._sink(Progress(text))

    async def chunk(self, text: str) -> None:
        if text:
            self.text += text
            await self._sink(Text(text))

    async def final(self, reply: Reply) -> Reply:
        """Release whatever of the reply has not gone out, then the reply itself."""
        if not self.text:
            await self.chunk(reply.text)
        elif reply.text != self.text:  # a bug upstream: what was shown is what counts
            log.error("streamed text differs from the reply; the streamed text is kept")
            reply = replace(reply, text=self.text)
        await self._sink(Final(reply))
        return reply


async def events(run: Callable[[Sink], Awaitable[object]]) -> AsyncIterator[StreamEvent]:
    """Turn a producer that pushes events into a sink into an async iterator. The
    producer's exception is raised from the iterator after the events it emitted."""
    queue: asyncio.Queue[StreamEvent | None] = asyncio.Queue()

    async def sink(event: StreamEvent) -> None:
        await queue.put(event)

    task = asyncio.ensure_future(run(sink))
    task.add_done_callback(lambda _: queue.put_nowait(None))
    try:
        while (event := await queue.get()) is not None:
            yield event
        task.result()
    finally:
        if not task.done():  # the consumer gave up: stop the producer too
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
