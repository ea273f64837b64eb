"""Turning retrieved entries into an answer. The curated composer needs no network."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.core.context import AnswerContext
from bot.core.models import Citation, ComposerKind
from bot.knowledge.templating import render
from bot.retrieval import Retrieval


@dataclass(frozen=True)
class Composed:
    text: str
    citations: tuple[Citation, ...]
    composer: ComposerKind
    note: str = ""  # e.g. why a fallback happened
    prompt_tokens: int = 0  # LLM usage spent on this answer (also when it fell back)
    completion_tokens: int = 0


class Composer(Protocol):
    async def compose(self, context: AnswerContext, retrieval: Retrieval) -> Composed: ...


def citation(entry_id: str, title: str, topics: tuple[str, ...]) -> Citation:
    return Citation(id=entry_id, title=title, topics=topics)


class CuratedComposer:
    """The best entry's own answer, with the client's agreement filled in."""

    async def compose(self, context: AnswerContext, retrieval: Retrieval) -> Composed:
        entry = retrieval.top
        if entry is None:
            raise ValueError("the curated composer needs at least one retrieved entry")
        return Composed(
            text=render(entry.body, context.tenant),
            citations=(citation(entry.id, entry.title, entry.topics),),
            composer=ComposerKind.CURATED,
        )


class ComposedStream(Protocol):
    """`async for chunk in stream` yields guarded text only; afterwards `result` is the
    answer, whose text is the chunks joined (or, when none came, the whole answer)."""

    result: Composed | None

    def __aiter__(self) -> AsyncIterator[str]: ...


@runtime_checkable
class StreamingComposer(Protocol):
    """A composer that can release an answer while it is written."""

    async def compose(self, context: AnswerContext, retrieval: Retrieval) -> Composed: ...

    def guarded(self, context: AnswerContext, retrieval: Retrieval) -> ComposedStream: ...
