"""The live knowledge base: the store's entries behind an index rebuilt when they change."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

import numpy as np

from bot import training
from bot.entries import Entry, load_directory
from bot.policy.intent_model import IntentGuess, IntentModel, curated_examples
from bot.resources import bundled_knowledge
from bot.retrieval import KnowledgeIndex, Retrieval
from bot.store import Store

Embed = Callable[[list[str]], Awaitable[np.ndarray]]


class Retriever(Protocol):
    async def search(self, query: str, tenant: str | None, k: int = 3) -> Retrieval: ...


class Knowledge:
    """Retrieval over the store, re-indexed when the knowledge version moves on.

    The version is checked at most every `recheck_s` seconds, so an edit made through
    another process is picked up within that time.
    """

    def __init__(self, store: Store, embed: Embed | None = None, recheck_s: float = 1.0) -> None:
        self.store = store
        self.embed = embed
        self.recheck_s = recheck_s
        self._index: KnowledgeIndex | None = None
        self._intents: IntentModel | None = None
        self._version = -1
        self._checked = 0.0
        self._lock = asyncio.Lock()

    async def index(self) -> KnowledgeIndex:
        now = time.monotonic()
        if self._index is not None and now - self._checked < self.recheck_s:
            return self._index
        async with self._lock:
            version = await self.store.knowledge_version()
            self._checked = time.monotonic()
            if self._index is None or version != self._version:
                examples = training.bundled()
                index = KnowledgeIndex(await self.store.list_entries(),
                                       [(x.text, x.topic) for x in examples if x.topic])
                if self.embed is not None and len(index):
                    index.set_dense(await self.embed(index.texts_for_embedding()))
                questions = [q for e in index.entries for q in e.questions]
                self._intents = IntentModel(questions, curated_examples(), examples)
                self._index, self._version = index, version
        return self._index

    async def intent(self, text: str) -> IntentGuess:
        await self.index()
        assert self._intents is not None
        return self._intents.guess(text)

    @property
    def version(self) -> int:
        return self._version

    async def search(self, query: str, tenant: str | None, k: int = 3) -> Retrieval:
        index = await self.index()
        vector = None
        if self.embed is not None and len(index):
            vector = (await self.embed([query]))[0]
        return index.search(query, tenant, k=k, query_vector=vector)


async def ensure_bundled_knowledge(store: Store) -> int:
    """Import the shipped entries into an empty store; returns how many were imported.

    Several replicas may start at once on an empty database: exactly one imports.
    """
    if await store.count_entries():
        return 0
    entries: list[Entry] = load_directory(bundled_knowledge())
    imported = await store.import_if_empty(entries, actor="mspbot (bundled knowledge)",
                                           change="import")
    return len(entries) if imported else 0
