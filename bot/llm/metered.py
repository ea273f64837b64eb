"""An LLMClient wrapper that records latency, outcome and tokens of every endpoint call.

It sits between the composer/rewriter and the real client (one attempt = one observation;
the retries above it are observed attempt by attempt), so nothing else needs to know.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence

from bot.llm.types import ChatMessage, Completion, Delta, LLMClient, LLMError, Usage
from bot.service import metrics


def _outcome(exc: BaseException | None) -> str:
    if exc is None:
        return "ok"
    if isinstance(exc, LLMError):
        return exc.kind[:32]
    return "cancelled" if not isinstance(exc, Exception) else "error"


def count_tokens(usage: Usage | None) -> None:
    if usage is not None:
        metrics.LLM_TOKENS.labels("prompt").inc(usage.prompt_tokens)
        metrics.LLM_TOKENS.labels("completion").inc(usage.completion_tokens)


class MeteredClient:
    def __init__(self, inner: LLMClient) -> None:
        self.inner = inner
        self.model = inner.model

    async def complete(
        self, messages: Sequence[ChatMessage], *, request_timeout: float
    ) -> Completion:
        started = time.perf_counter()
        error: BaseException | None = None
        try:
            completion = await self.inner.complete(messages, request_timeout=request_timeout)
        except BaseException as exc:
            error = exc
            raise
        finally:
            metrics.LLM_SECONDS.labels("complete", _outcome(error)).observe(
                time.perf_counter() - started)
        count_tokens(completion.usage)
        return completion

    async def stream(
        self, messages: Sequence[ChatMessage], *, request_timeout: float
    ) -> AsyncIterator[Delta]:
        started = time.perf_counter()
        error: BaseException | None = None
        try:
            async for delta in self.inner.stream(messages, request_timeout=request_timeout):
                count_tokens(delta.usage)
                yield delta
        except BaseException as exc:
            error = exc
            raise
        finally:
            metrics.LLM_SECONDS.labels("stream", _outcome(error)).observe(
                time.perf_counter() - started)

    async def close(self) -> None:
        await self.inner.close()
