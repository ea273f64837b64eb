"""The live knowledge base: the store's entries behind an index rebuilt when they change."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import numpy as np

from bot.data import training
from bot.data.resources import bundled_knowledge
from bot.knowledge import fitting
from bot.knowledge.entries import Entry, load_directory
from bot.policy.intent_model import IntentGuess, IntentModel
from bot.retrieval import KnowledgeIndex, Retrieval
from bot.retrieval.artifacts import ArtifactCache
from bot.store import Store

log = logging.getLogger(__name__)
REBUILD_WAIT_S = 2.0
FREEZE_FROM_ENTRIES = 1000  # indexes this large are frozen out of the garbage collector
Embed = Callable[[list[str]], Awaitable[np.ndarray]]


class Retriever(Protocol):
    async def search(self, query: str, tenant: str | None, k: int = 3) -> Retrieval: ...


class Knowledge:
    """Retrieval over the store, re-indexed when the knowledge version moves on.

    The version is checked at most every `recheck_s` seconds, so an edit made through
    another process is picked up within that time. Indexes are built in a worker thread:
    a large knowledge base takes a minute, and the event loop keeps serving meanwhile.
    A caller waits up to `REBUILD_WAIT_S` for a rebuild (so a small base reads its own
    edits at once), then gets the previous index until the new one is ready.
    """

    def __init__(self, store: Store, embed: Embed | None = None, recheck_s: float = 1.0,
                 cache: ArtifactCache | None = None) -> None:
        self.store = store
        self.cache = cache
        self.embed = embed
        self.recheck_s = recheck_s
        self._index: KnowledgeIndex | None = None
        self._intents: IntentModel | None = None
        self._version = -1
        self._checked = 0.0
        self._lock = asyncio.Lock()
        self._building: asyncio.Task[None] | None = None
        self._frozen = False  # this index's objects were frozen out of the collector

    async def index(self) -> KnowledgeIndex:
        if self._index is not None and time.monotonic() - self._checked < self.recheck_s:
            return self._index
        async with self._lock:
            if self._index is None or time.monotonic() - self._checked >= self.recheck_s:
                version = await self.store.knowledge.version()
                self._checked = time.monotonic()
                if version != self._version and self._building is None:
                    self._building = asyncio.create_task(self._build(version))
            building = self._building
        if building is not None:
            if self._index is None:
                await asyncio.shield(building)
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(building), REBUILD_WAIT_S)
        assert self._index is not None
        return self._index

    async def fresh(self) -> KnowledgeIndex:
        """The index of the store's latest version, waiting as long as its rebuild takes
        (staff trying out an edit they just saved; clients get `index`)."""
        self._checked = float("-inf")
        index = await self.index()
        building = self._building
        if building is not None:
            await asyncio.shield(building)
            return await self.index()
        return index

    async def _build(self, version: int) -> None:
        try:
            entries = await self.store.knowledge.list_entries()
            index, intents = await asyncio.to_thread(_fit, entries, self.cache)
            if self.embed is not None and len(index):
                index.set_dense(await self.embed(index.texts_for_embedding()))
            self._index, self._intents, self._version = index, intents, version
            self._settle_gc(len(index))
        except Exception:
            if self._index is None:
                raise  # nothing to answer from: the caller sees the error
            log.exception("rebuilding the knowledge index failed; the previous one stays")
        finally:
            self._building = None

    def _settle_gc(self, entries: int) -> None:
        """A large index is millions of long-lived objects; left to the cyclic garbage
        collector, every full collection walks them all (a 20 ms pause per answer at
        10,000 entries). Frozen, they are skipped. Unfreezing first lets one collection
        free the index just replaced. A small index is left alone: the full collection
        costs more (about 0.3 s in a big process) than it would ever save."""
        large = entries >= FREEZE_FROM_ENTRIES
        if large or self._frozen:
            if self._frozen:
                gc.unfreeze()
            gc.collect()
            if large:
                gc.freeze()
        self._frozen = large

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




def _fit(entries: list[Entry],
         cache: ArtifactCache | None = None) -> tuple[KnowledgeIndex, IntentModel]:
    built = fitting.build(entries, None, cache)
    return built.index, built.intents


class Snapshot:
    """One built index with its intent model, answering without a store (evaluations,
    tests of the decision on fixed knowledge)."""

    def __init__(self, index: KnowledgeIndex, intents: IntentModel) -> None:
        self.index = index
        self.intents = intents

    @classmethod
    def fit(cls, entries: list[Entry], labelled: Sequence[training.Labelled] | None = None,
            cache: ArtifactCache | None = None) -> Snapshot:
        """`labelled`: the client messages to learn from (default: the bundled ones);
        `cache`: where built parts are reused from and saved to (default: none)."""
        built = fitting.build(entries, labelled, cache)
        return cls(built.index, built.intents)

    async def search(self, query: str, tenant: str | None, k: int = 3) -> Retrieval:
        return self.index.search(query, tenant, k=k)

    async def intent(self, text: str) -> IntentGuess:
        return self.intents.guess(text)


async def ensure_bundled_knowledge(store: Store) -> int:
    """Import the shipped entries into an empty store; returns how many were imported.

    Several replicas may start at once on an empty database: exactly one imports.
    """
    if await store.knowledge.count():
        return 0
    entries: list[Entry] = load_directory(bundled_knowledge())
    imported = await store.knowledge.import_if_empty(entries, actor="mspbot (bundled knowledge)",
                                           change="import")
    return len(entries) if imported else 0
