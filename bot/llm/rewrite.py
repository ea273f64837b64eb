"""Follow-ups: "and what about weekends?" needs the conversation to be searchable.

`is_follow_up` decides, cheaply, whether a message leans on earlier turns. The
heuristic rewriter (offline) searches with the previous question added; the LLM
rewriter asks for a standalone question, within a small budget, and falls back to
the heuristic.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.core.context import Turn
from bot.llm.prompts import PromptLibrary
from bot.llm.resilience import Deadline, Resilience
from bot.llm.types import ChatMessage, Completion, LLMClient, LLMError, Usage

log = logging.getLogger(__name__)

_OPENERS = re.compile(
    r"^(and|but|so|also|or|what about|how about|what if|then|ok|okay|same|even|"
    r"why not|how come|really|wait)\b"
)
_ANAPHORA = re.compile(r"\b(it|that|this|those|these|them|they|there|then|one)\b")
_WORD = re.compile(r"[a-z0-9']+")


def is_follow_up(text: str) -> bool:
    """A message that only makes sense after the previous turns."""
    flat = " ".join(text.lower().replace("\u2019", "'").split())
    words = _WORD.findall(flat)
    if not words:
        return False
    if _OPENERS.match(flat) and len(words) <= 12:
        return True
    return len(words) <= 6 and _ANAPHORA.search(flat) is not None


@dataclass(frozen=True)
class Rewrite:
    query: str
    usage: Usage = field(default_factory=Usage)
    how: str = "heuristic"


class Rewriter(Protocol):
    async def rewrite(self, text: str, history: Sequence[Turn]) -> Rewrite: ...


def _last_client_turn(history: Sequence[Turn]) -> str | None:
    for speaker, said in reversed(history):
        if speaker == "client":
            return said
    return None


class HeuristicRewriter:
    """Search with the previous client question and the follow-up together."""

    async def rewrite(self, text: str, history: Sequence[Turn]) -> Rewrite:
        previous = _last_client_turn(history)
        return Rewrite(text if previous is None else f"{previous} {text}")


class LLMRewriter:
    """A standalone question from the LLM (prompt `rewrite`), within `budget_s`."""

    def __init__(self, client: LLMClient, prompts: PromptLibrary, resilience: Resilience,
                 budget_s: float) -> None:
        prompts.require("rewrite")
        self.client = client
        self.prompts = prompts
        self.resilience = resilience
        self.budget_s = budget_s
        self.fallback = HeuristicRewriter()

    async def rewrite(self, text: str, history: Sequence[Turn]) -> Rewrite:
        prompt = self.prompts["rewrite"].render(
            turns=[{"speaker": s, "text": t} for s, t in history], question=text)
        messages: list[ChatMessage] = [{"role": "user", "content": prompt}]

        async def call(seconds: float) -> Completion:
            return await self.client.complete(messages, request_timeout=seconds)

        try:
            completion = await self.resilience.call(call, Deadline(self.budget_s))
        except LLMError as exc:
            log.warning("follow-up rewrite failed (%s); using the heuristic", exc.kind)
            return await self.fallback.rewrite(text, history)
        query = " ".join(completion.text.split()).strip("\"' ")[:300]
        if not query:
            return await self.fallback.rewrite(text, history)
        return Rewrite(query, completion.usage, how="llm")
