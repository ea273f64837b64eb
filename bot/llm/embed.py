"""Dense embeddings for retrieval, from any OpenAI-compatible `/v1/embeddings`.

`Knowledge` calls the embedder for the whole index and for each question. Calls go
through the same retries, deadline and circuit breaker as answers. Once the vector
size is known, a failed call degrades to zero vectors (dense scores drop out and the
sparse ranking carries on) rather than failing the client's question.
"""

from __future__ import annotations

import logging

import numpy as np

from bot.llm.resilience import Deadline, Resilience
from bot.llm.types import Embedder, LLMError

log = logging.getLogger(__name__)


class ResilientEmbedder:
    """An `Embed` callable for `bot.knowledge.Knowledge`."""

    def __init__(self, embedder: Embedder, resilience: Resilience, deadline_s: float = 10.0,
                 batch: int = 64) -> None:
        self.embedder = embedder
        self.resilience = resilience
        self.deadline_s = deadline_s
        self.batch = batch
        self.dimensions: int | None = None

    async def __call__(self, texts: list[str]) -> np.ndarray:
        deadline = Deadline(self.deadline_s)
        try:
            parts = []
            for start in range(0, len(texts), self.batch):
                chunk = texts[start : start + self.batch]

                async def call(seconds: float, chunk: list[str] = chunk) -> np.ndarray:
                    return await self.embedder.embed(chunk, request_timeout=seconds)

                parts.append(await self.resilience.call(call, deadline))
            vectors = np.vstack(parts) if parts else np.zeros((0, self.dimensions or 1))
        except LLMError as exc:
            if self.dimensions is None:
                raise
            log.warning("embeddings unavailable (%s); dense retrieval off for this call",
                        exc.kind)
            return np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if self.dimensions is not None and vectors.shape[1] != self.dimensions:
            raise LLMError(f"embedding size changed from {self.dimensions} to "
                           f"{vectors.shape[1]}", retryable=False, kind="bad-response")
        self.dimensions = int(vectors.shape[1])
        return vectors
