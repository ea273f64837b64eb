"""The LLM port: the few calls the bot makes, and the one error type they raise."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypedDict

import numpy as np


class ChatMessage(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )


@dataclass(frozen=True)
class Completion:
    text: str
    usage: Usage
    model: str = ""


@dataclass(frozen=True)
class Delta:
    """One piece of a streamed completion; the last event carries the usage, if any."""

    text: str = ""
    usage: Usage | None = None


class LLMError(Exception):
    """A failed LLM call. `retryable` errors (429, 5xx, timeouts, connection) may be retried;
    `retry_after` is the server's Retry-After, in seconds, when it sent one."""

    def __init__(
        self, message: str, *, retryable: bool, retry_after: float | None = None,
        kind: str = "error",
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after
        self.kind = kind  # short label for logs and the `fallback` column: timeout, http-500...


class LLMClient(Protocol):
    model: str

    async def complete(
        self, messages: Sequence[ChatMessage], *, request_timeout: float
    ) -> Completion: ...

    def stream(
        self, messages: Sequence[ChatMessage], *, request_timeout: float
    ) -> AsyncIterator[Delta]: ...

    async def close(self) -> None: ...


class Embedder(Protocol):
    async def embed(self, texts: list[str], *, request_timeout: float) -> np.ndarray: ...
