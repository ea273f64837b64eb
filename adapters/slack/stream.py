"""One answer streamed into a Slack thread: chat.startStream, appendStream, stopStream.

The core releases only guarded text (bot/core/streaming.py), so every chunk is appended
as it comes and never replaced; the final reply's footer (AI disclosure, sources, native
feedback, "Talk to a person") goes in as stopStream's blocks. A streamed message holds at
most STREAM_CHARS of text: a longer answer continues in a further streamed message in the
same thread, cut between paragraphs, lines or words so the parts joined are the text.
Streams are addressed to the asking user and their own team (a Slack Connect user's
team, not the workspace the app is installed in), as Slack requires outside DMs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import Block

log = logging.getLogger(__name__)
# markdown_text takes at most 12,000 characters a call; a streamed message stays well
# under Slack's message size with its footer blocks added at the end.
STREAM_CHARS = 9000


class NoStream(Exception):
    """Slack answered chat.startStream without a message to stream into."""


SlackErrors = (SlackApiError, aiohttp.ClientError, TimeoutError, NoStream)


def cut_exact(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters whose concatenation is `text`,
    cut after a paragraph break, else a line break, else a space where possible."""
    pieces: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        at = -1
        for separator in ("\n\n", "\n", " "):
            found = window.rfind(separator)
            if found >= limit // 2:
                at = found + len(separator)
                break
        if at <= 0:
            at = limit
        pieces.append(text[:at])
        text = text[at:]
    if text:
        pieces.append(text)
    return pieces


@dataclass
class ThreadStream:
    """The streamed message(s) of one answer. `shown` is what Slack confirmed."""

    client: AsyncWebClient
    channel: str
    thread_ts: str
    user_id: str
    team_id: str | None
    shown: str = ""
    ts: str | None = None  # the message being streamed into
    _in_message: int = 0  # characters in the current streamed message
    started: list[str] = field(default_factory=list)  # every streamed message's ts

    @property
    def live(self) -> bool:
        return self.ts is not None

    async def append(self, text: str) -> None:
        """Show `text` after what is shown (a new streamed message when this one is
        full). Raises the Slack error when a call fails: the caller decides."""
        for piece in cut_exact(text, STREAM_CHARS):
            if self.ts is not None and self._in_message + len(piece) > STREAM_CHARS:
                await self.client.chat_stopStream(channel=self.channel, ts=self.ts)
                self.ts = None
            if self.ts is None:
                await self._start(piece)
            else:
                await self.client.chat_appendStream(channel=self.channel, ts=self.ts,
                                                    markdown_text=piece)
                self._in_message += len(piece)
            self.shown += piece

    async def _start(self, piece: str) -> None:
        recipient: dict[str, Any] = {"recipient_user_id": self.user_id}
        if self.team_id:
            recipient["recipient_team_id"] = self.team_id
        response = await self.client.chat_startStream(
            channel=self.channel, thread_ts=self.thread_ts, markdown_text=piece, **recipient)
        ts = response.get("ts")
        if not isinstance(ts, str):
            raise NoStream(f"chat.startStream gave no ts: {response.get('error')}")
        self.ts, self._in_message = ts, len(piece)
        self.started.append(ts)

    async def stop(self, blocks: list[Block], metadata: dict[str, Any]) -> None:
        if self.ts is None:
            return
        ts, self.ts = self.ts, None
        await self.client.chat_stopStream(channel=self.channel, ts=ts, blocks=blocks,
                                          metadata=metadata)
