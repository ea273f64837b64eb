"""Rebuilding the index after an edit runs off the event loop and never leaves a gap."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.knowledge import live as kn
from bot.knowledge.entries import Entry
from bot.retrieval.artifacts import ArtifactCache
from bot.store import Store
from tests.waiting import eventually, until


def _entry(body: str) -> Entry:
    return Entry.model_validate({
        "id": "printers", "title": "Printer jams", "questions": ["why does the printer jam"],
        "topics": ["hardware-and-parts"], "status": "published", "body": body,
    })


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(f"sqlite:///{tmp_path / 'k.db'}")
    await opened.knowledge.put(_entry("Paper is usually the cause."), "staff")
    yield opened
    await opened.close()


async def _top_body(knowledge: kn.Knowledge) -> str:
    found = (await knowledge.search("why does the printer jam", None)).top
    assert found is not None
    return found.body


async def test_a_slow_rebuild_serves_the_old_index_and_the_loop_keeps_running(
    store: Store, monkeypatch: pytest.MonkeyPatch, index_dir: Path
) -> None:
    knowledge = kn.Knowledge(store, recheck_s=0.0, cache=ArtifactCache(index_dir))
    assert "Paper" in await _top_body(knowledge)

    release = threading.Event()
    real_fit = kn._fit

    def slow_fit(entries: list[Entry], cache: object = None) -> tuple[object, object]:
        release.wait(10)
        return real_fit(entries, cache)

    monkeypatch.setattr(kn, "_fit", slow_fit)
    monkeypatch.setattr(kn, "REBUILD_WAIT_S", 0.05)
    await store.knowledge.put(_entry("Toner is usually the cause."), "staff")

    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while not release.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    running = asyncio.create_task(ticker())
    assert "Paper" in await _top_body(knowledge)  # the rebuild is still blocked
    # the event loop stays free while the index is being built
    await until(lambda: ticks >= 5, what="the loop ticking during the rebuild")
    assert not release.is_set()
    release.set()
    await running

    async def sees_the_edit() -> bool:
        return "Toner" in await _top_body(knowledge)

    await eventually(sees_the_edit, what="the rebuilt index answering")



async def test_a_quick_rebuild_is_seen_by_the_next_question(store: Store,
                                                            index_dir: Path) -> None:
    # with the saved index an edit to an answer refits the lexical part only (the intent
    # classifier is loaded), which is what keeps this rebuild quick
    knowledge = kn.Knowledge(store, recheck_s=0.0, cache=ArtifactCache(index_dir))
    assert "Paper" in await _top_body(knowledge)
    await store.knowledge.put(_entry("Toner is usually the cause."), "staff")
    assert "Toner" in await _top_body(knowledge)


async def test_a_failed_rebuild_keeps_the_previous_index(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    index_dir: Path,
) -> None:
    knowledge = kn.Knowledge(store, recheck_s=0.0, cache=ArtifactCache(index_dir))
    assert "Paper" in await _top_body(knowledge)

    def broken_fit(entries: list[Entry], cache: object = None) -> tuple[object, object]:
        raise RuntimeError("out of memory")

    monkeypatch.setattr(kn, "_fit", broken_fit)
    await store.knowledge.put(_entry("Toner is usually the cause."), "staff")
    assert "Paper" in await _top_body(knowledge)
    assert "rebuilding the knowledge index failed" in caplog.text


async def test_the_first_build_failing_is_an_error(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fit(entries: list[Entry], cache: object = None) -> tuple[object, object]:
        raise RuntimeError("out of memory")

    monkeypatch.setattr(kn, "_fit", broken_fit)
    with pytest.raises(RuntimeError, match="out of memory"):
        await kn.Knowledge(store).search("printer", None)


def test_only_a_large_index_is_frozen_out_of_the_garbage_collector(store: Store) -> None:
    knowledge = kn.Knowledge(store)
    gc.unfreeze()  # what an earlier in-process CLI command froze
    try:
        knowledge._settle_gc(55)  # the bundled knowledge: nothing to gain
        assert gc.get_freeze_count() == 0
        knowledge._settle_gc(kn.FREEZE_FROM_ENTRIES)
        assert gc.get_freeze_count() > 0
        knowledge._settle_gc(55)  # a large index replaced by a small one is let go
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
