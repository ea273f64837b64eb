"""The one module that imports `openai`: OpenAI, Azure OpenAI and OpenAI-compatible servers.

The client's own retries are off (`max_retries=0`): retrying is done once, in
`bot.llm.resilience`, under the answer's deadline. Every `openai` error is translated
into `LLMError`, so nothing else in the bot needs to know about this package.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, cast

import numpy as np
import openai
from openai.types.chat import ChatCompletionMessageParam

from bot.llm.types import ChatMessage, Completion, Delta, LLMError, Usage
from bot.service.sections import reveal
from bot.service.settings import LLMSettings

# OpenAI-compatible servers such as Ollama or vLLM ignore the key, but the client needs one.
PLACEHOLDER_KEY = "not-needed"


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    if not headers:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            value = float(raw_ms) / 1000
            if math.isfinite(value) and value >= 0:
                return value
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        value = float(raw)
        return value if math.isfinite(value) and value >= 0 else None
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def translate_error(exc: Exception) -> LLMError:
    """An `openai` exception as an `LLMError` saying whether a retry may help."""
    if isinstance(exc, openai.APITimeoutError):
        return LLMError(f"timed out: {exc}", retryable=True, kind="timeout")
    if isinstance(exc, openai.APIConnectionError):
        return LLMError(f"connection failed: {exc}", retryable=True, kind="connection")
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        retryable = status in (408, 409, 429) or status >= 500
        wait = retry_after(exc.response.headers) if exc.response is not None else None
        return LLMError(f"HTTP {status}: {exc.message}", retryable=retryable,
                        retry_after=wait, kind=f"http-{status}")
    return LLMError(f"{type(exc).__name__}: {exc}", retryable=False, kind="bad-response")


def _usage(raw: Any) -> Usage:
    if raw is None:
        return Usage()
    return Usage(int(getattr(raw, "prompt_tokens", 0) or 0),
                 int(getattr(raw, "completion_tokens", 0) or 0))


def _params(messages: Sequence[ChatMessage]) -> list[ChatCompletionMessageParam]:
    return [cast(ChatCompletionMessageParam, dict(m)) for m in messages]


class OpenAIClient:
    """Chat completions (plain and streamed) and embeddings through the `openai` package."""

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        azure_endpoint: str | None = None,
        azure_deployment: str | None = None,
        azure_api_version: str | None = None,
        max_tokens: int = 500,
        temperature: float = 0.2,
        timeout: float = 10.0,
    ) -> None:
        self.max_tokens = max_tokens
        self.temperature = temperature
        self._client: openai.AsyncOpenAI
        if azure_endpoint is not None:
            self.model = azure_deployment or model  # Azure routes by deployment name
            self._client = openai.AsyncAzureOpenAI(
                azure_endpoint=azure_endpoint,
                azure_deployment=azure_deployment,
                api_version=azure_api_version,
                api_key=api_key or PLACEHOLDER_KEY,
                max_retries=0,
                timeout=timeout,
            )
        else:
            self.model = model
            self._client = openai.AsyncOpenAI(
                base_url=base_url,
                api_key=api_key or PLACEHOLDER_KEY,
                max_retries=0,
                timeout=timeout,
            )

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> OpenAIClient:
        return cls(
            settings.model,
            base_url=settings.base_url,
            api_key=reveal(settings.api_key),
            azure_endpoint=settings.azure_endpoint,
            azure_deployment=settings.azure_deployment,
            azure_api_version=settings.azure_api_version,
            max_tokens=settings.max_tokens,
            temperature=settings.temperature,
            timeout=settings.request_timeout_s,
        )

    async def complete(
        self, messages: Sequence[ChatMessage], *, request_timeout: float
    ) -> Completion:
        try:
            response = await self._client.chat.completions.create(
                model=self.model,
                messages=_params(messages),
                max_tokens=self.max_tokens,
                temperature=self.temperature,
                timeout=request_timeout,
            )
        except openai.OpenAIError as exc:
            raise translate_error(exc) from exc
        if not response.choices:
            raise LLMError("the completion has no choices", retryable=True, kind="empty")
        text = response.choices[0].message.content or ""
        return Completion(text=text, usage=_usage(response.usage), model=response.model)

    async def stream(
        self, messages: Sequence[ChatMessage], *, request_timeout: float
    ) -> AsyncIterator[Delta]:
        try:
            stream = await self._client.chat.completions.create(
                model=self.model,
                messages=_params(messages),
                max_tokens=self.max_tokens,
                temperature=self.temperature,
                timeout=request_timeout,
                stream=True,
                stream_options={"include_usage": True},
            )
        except openai.OpenAIError as exc:
            raise translate_error(exc) from exc
        try:
            async for chunk in stream:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield Delta(text=chunk.choices[0].delta.content)
                if chunk.usage is not None:
                    yield Delta(usage=_usage(chunk.usage))
        except openai.OpenAIError as exc:
            raise translate_error(exc) from exc
        finally:
            await stream.close()

    async def embed(self, texts: list[str], *, request_timeout: float) -> np.ndarray:
        """Unit-normalised embeddings, one row per text, in order."""
        try:
            response = await self._client.embeddings.create(
                model=self.model, input=texts, encoding_format="float",
                timeout=request_timeout,
            )
        except openai.OpenAIError as exc:
            raise translate_error(exc) from exc
        rows = sorted(response.data, key=lambda item: item.index)
        if len(rows) != len(texts):
            raise LLMError(f"asked for {len(texts)} embeddings, got {len(rows)}",
                           retryable=False, kind="bad-response")
        matrix = np.asarray([row.embedding for row in rows], dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms > 0, norms, 1.0)

    async def close(self) -> None:
        await self._client.close()
