"""The LLM composer: retrieved entries -> prompt -> answer with [n] citations -> guard.

Anything short of a guard-approved answer within the deadline (an endpoint that fails,
hangs or is switched off by the circuit breaker; an answer that cites badly or
promises what the agreement does not) falls back to the curated composer. The reply
is then marked `curated-fallback` and the reason is logged and recorded.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import replace

from bot.core.composer import Composed, Composer, citation
from bot.core.context import AnswerContext, Turn
from bot.core.models import ComposerKind
from bot.knowledge.templating import as_list, as_targets, render
from bot.llm.cache import AnswerCache, cache_key
from bot.llm.guard import Verdict, check
from bot.llm.prompts import PromptLibrary
from bot.llm.release import GuardedRelease
from bot.llm.resilience import Deadline, Resilience
from bot.llm.types import ChatMessage, Completion, Delta, LLMClient, LLMError, Usage
from bot.retrieval import Retrieval
from bot.tenants.agreement import Tenant

log = logging.getLogger(__name__)
PROMPTS = ("system", "answer")


def agreement(tenant: Tenant | None) -> dict[str, str] | None:
    """The agreement fields the answer prompt quotes."""
    if tenant is None:
        return None
    return {
        "name": tenant.name,
        "plan": tenant.plan,
        "response_targets": as_targets(tenant.response_targets),
        "business_hours": tenant.coverage.business_hours,
        "after_hours": tenant.coverage.after_hours,
        "included": as_list(tenant.included) or "not listed",
        "excluded": as_list(tenant.excluded) or "not listed",
        "emergency_contact": tenant.emergency_contact,
    }


class LLMComposer:
    def __init__(
        self,
        client: LLMClient,
        fallback: Composer,
        *,
        resilience: Resilience,
        prompts: PromptLibrary | None = None,
        deadline_s: float = 20.0,
        top_k: int = 3,
        msp_name: str = "the support team",
        cache: AnswerCache | None = None,
        knowledge_version: Callable[[], int] = lambda: 0,
    ) -> None:
        self.client = client
        self.fallback = fallback
        self.resilience = resilience
        self.prompts = prompts or PromptLibrary.load()
        self.prompts.require(*PROMPTS)
        self.deadline_s = deadline_s
        self.top_k = top_k
        self.msp_name = msp_name
        self.cache = cache
        self.knowledge_version = knowledge_version
        self.prompt_version = self.prompts.version(*PROMPTS)

    # -- building the prompt ---------------------------------------------------------

    def messages(self, question: str, tenant: Tenant | None, retrieval: Retrieval,
                 history: Sequence[Turn] = ()) -> list[ChatMessage]:
        entries = [{"title": hit.entry.title, "text": render(hit.entry.body, tenant)}
                   for hit in retrieval.hits[: self.top_k]]
        system = self.prompts["system"].render(msp=self.msp_name)
        user = self.prompts["answer"].render(
            entries=entries,
            agreement=agreement(tenant),
            turns=[{"speaker": speaker, "text": text} for speaker, text in history],
            question=question,
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def _deadline(self, context: AnswerContext) -> Deadline:
        """One budget per answer, counted from the message's arrival (a follow-up's
        rewrite for retrieval has spent part of it)."""
        return Deadline(max(self.deadline_s - context.elapsed(), 0.1))

    def _key(self, context: AnswerContext) -> str:
        return cache_key(context.text, context.tenant, self.knowledge_version(),
                         self.prompt_version, self.client.model)

    # -- answering -------------------------------------------------------------------

    async def compose(self, context: AnswerContext, retrieval: Retrieval) -> Composed:
        usage = Usage()
        tenant = context.tenant
        try:
            key = self._key(context) if self.cache and not context.history else None
            if key is not None and self.cache is not None:
                cached = await self.cache.get(key)
                if cached is not None:
                    return cached
            messages = self.messages(context.text, tenant, retrieval, context.history)

            async def call(seconds: float) -> Completion:
                return await self.client.complete(messages, request_timeout=seconds)

            completion = await self.resilience.call(call, self._deadline(context))
            usage = completion.usage
            composed = self.judge(completion.text, tenant, retrieval, usage)
            if composed.composer is not ComposerKind.LLM:
                return await self._fall_back(context, retrieval, composed.note, usage)
            if key is not None and self.cache is not None:
                await self.cache.put(key, composed)
            return composed
        except LLMError as exc:
            return await self._fall_back(context, retrieval, f"llm {exc.kind}: {exc}", usage)
        except Exception as exc:  # the LLM path must never cost the client an answer
            log.exception("LLM composer failed")
            return await self._fall_back(context, retrieval, f"error: {type(exc).__name__}",
                                         usage)

    def judge(self, text: str, tenant: Tenant | None, retrieval: Retrieval,
              usage: Usage) -> Composed:
        """The guard's verdict as a Composed: the answer, or a stub carrying the reason."""
        hits = retrieval.hits[: self.top_k]
        verdict: Verdict = check(text, len(hits), tenant)
        if not verdict.ok:
            return Composed("", (), ComposerKind.CURATED_FALLBACK,
                            note=f"guard: {verdict.reason}")
        citations = tuple(citation(hits[n - 1].entry.id, hits[n - 1].entry.title,
                                   hits[n - 1].entry.topics) for n in verdict.cited)
        return Composed(verdict.text, citations, ComposerKind.LLM,
                        prompt_tokens=usage.prompt_tokens,
                        completion_tokens=usage.completion_tokens)

    async def _fall_back(self, context: AnswerContext, retrieval: Retrieval, reason: str,
                         usage: Usage) -> Composed:
        log.warning("LLM answer replaced by the curated one: %s", reason)
        curated = await self.fallback.compose(context, retrieval)
        return replace(curated, composer=ComposerKind.CURATED_FALLBACK, note=reason[:200],
                       prompt_tokens=usage.prompt_tokens,
                       completion_tokens=usage.completion_tokens)

    def stream(self, context: AnswerContext, retrieval: Retrieval) -> AnswerStream:
        """Text deltas as the model writes them; `result` (after the last delta) is the
        guarded answer, which may be a fallback that replaces the streamed text."""
        return AnswerStream(self, context, retrieval)

    def guarded(self, context: AnswerContext, retrieval: Retrieval) -> GuardedStream:
        """Only text that has passed the guard, as it is written; `result` afterwards
        (its text is the chunks joined: a fallback comes as one chunk)."""
        return GuardedStream(self, context, retrieval)


class _ComposedStream:
    """What both streams share: the answer's inputs, iteration over `_run`, and `result`
    (set once the stream has ended)."""

    def __init__(self, composer: LLMComposer, context: AnswerContext,
                 retrieval: Retrieval) -> None:
        self._composer = composer
        self._context = context
        self._retrieval = retrieval
        self.result: Composed | None = None

    def __aiter__(self) -> AsyncIterator[str]:
        return self._run()

    def _run(self) -> AsyncIterator[str]:
        raise NotImplementedError


class AnswerStream(_ComposedStream):
    """`async for delta in stream: ...`, then `stream.result`.

    Retries happen only before the first delta; a stream that fails or overruns the
    deadline midway ends, and `result` is the curated fallback.
    """

    async def _run(self) -> AsyncIterator[str]:
        composer = self._composer
        context, retrieval = self._context, self._retrieval
        tenant = context.tenant
        parts: list[str] = []
        usage = Usage()
        deltas: AsyncIterator[Delta] | None = None
        try:
            messages = composer.messages(context.text, tenant, retrieval, context.history)
            deadline = composer._deadline(context)

            async def first(seconds: float) -> tuple[Delta, AsyncIterator[Delta]]:
                deltas = aiter(composer.client.stream(messages, request_timeout=seconds))
                return await anext(deltas), deltas

            delta, stream = await composer.resilience.call(first, deadline)
            deltas = stream
            while True:
                if delta.usage is not None:
                    usage = delta.usage
                if delta.text:
                    parts.append(delta.text)
                    yield delta.text
                try:
                    async with asyncio.timeout(deadline.remaining()):
                        delta = await anext(stream)
                except StopAsyncIteration:
                    break
                except TimeoutError:
                    raise LLMError("the stream overran the deadline", retryable=False,
                                   kind="deadline") from None
            composed = composer.judge("".join(parts), tenant, retrieval, usage)
            if composed.composer is not ComposerKind.LLM:
                composed = await composer._fall_back(context, retrieval, composed.note, usage)
            self.result = composed
        except StopAsyncIteration:
            self.result = await composer._fall_back(context, retrieval,
                                                    "llm empty: no content streamed", usage)
        except LLMError as exc:
            self.result = await composer._fall_back(context, retrieval,
                                                    f"llm {exc.kind}: {exc}", usage)
        except Exception as exc:
            log.exception("LLM stream failed")
            self.result = await composer._fall_back(context, retrieval,
                                                    f"error: {type(exc).__name__}", usage)
        finally:
            close = getattr(deltas, "aclose", None)
            if close is not None:
                await close()

    async def collect(self) -> Composed:
        """Drain the stream; the guarded answer."""
        async for _ in self:
            pass
        assert self.result is not None
        return self.result


class GuardedStream(_ComposedStream):
    """`async for chunk in stream: ...` (each chunk guarded), then `stream.result`."""

    async def _run(self) -> AsyncIterator[str]:
        composer, context, retrieval = self._composer, self._context, self._retrieval
        cache = composer.cache
        key = composer._key(context) if cache is not None and not context.history else None
        if key is not None and cache is not None:
            cached = await cache.get(key)
            if cached is not None:
                self.result = cached
                yield cached.text
                return
        release = GuardedRelease(min(composer.top_k, len(retrieval.hits)), context.tenant)
        answer = composer.stream(context, retrieval)
        async for delta in answer:
            chunk = release.feed(delta)
            if chunk:
                yield chunk
        result = answer.result
        assert result is not None
        whole = result.text if result.composer is ComposerKind.LLM else None
        tail = release.finish(whole)
        if tail:
            yield tail
        if whole is not None and release.released == whole:
            if key is not None and cache is not None:
                await cache.put(key, result)
        elif release.released:  # the rest was refused or never came: the answer ends here
            reason = release.refused or result.note or "the rest was not approved"
            log.warning("LLM answer cut after the approved part: %s", reason)
            usage = Usage(result.prompt_tokens, result.completion_tokens)
            cut = composer.judge(release.released_raw, context.tenant, retrieval, usage)
            result = replace(cut, note=f"cut after the approved part: {reason}"[:200])
        else:
            yield result.text
        self.result = result
