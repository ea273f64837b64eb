"""The store contract: every backend (SQLite, PostgreSQL) passes the same tests.

History and revert, atomic imports, delivery claims under races, the knowledge version
seen by another process, upserts, timestamps, and tenant isolation of stored data.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.knowledge.entries import Entry
from bot.knowledge.live import Knowledge, ensure_bundled_knowledge
from bot.store import Store, StoreError
from bot.store.engine import HEAD_REVISION, create_engine, migrate
from bot.tenants.agreement import load_tenant_file

TENANT_FILES = sorted((Path(__file__).resolve().parents[2] / "examples" / "tenants").glob("*.yaml"))


def entry(version_text: str, entry_id: str = "e1") -> Entry:
    return Entry.model_validate({
        "id": entry_id, "title": "Printer jams", "questions": ["why does it jam"],
        "topics": ["hardware-and-parts"], "status": "published", "body": version_text,
    })


async def test_every_change_keeps_history_and_revert_restores(store: Store) -> None:
    assert await store.put_entry(entry("first"), "alice", "add") == 1
    assert await store.put_entry(entry("second"), "bob") == 2
    assert await store.put_entry(entry("second"), "bob") == 2  # unchanged: no new version
    assert await store.retire("e1", "carol") == 3
    history = await store.history("e1")
    assert [(h.version, h.actor, h.change, h.entry.status) for h in history] == [
        (1, "alice", "add", "published"), (2, "bob", "edit", "published"),
        (3, "carol", "retire", "retired"),
    ]
    assert await store.revert("e1", 1, "dave") == 4
    current = await store.get_entry("e1")
    assert current is not None and current.body == "first" and current.status == "published"
    assert (await store.history("e1"))[-1].change == "revert to v1"


async def test_unknown_entry_or_version_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="no entry"):
        await store.history("nope")
    await store.put_entry(entry("x"), "a")
    with pytest.raises(StoreError, match="no version 9"):
        await store.revert("e1", 9, "a")


async def test_knowledge_version_moves_only_on_change(store: Store) -> None:
    before = await store.knowledge_version()
    await store.put_entries([entry("a", "e1"), entry("b", "e2")], "a", "import")
    middle = await store.knowledge_version()
    await store.put_entries([entry("a", "e1"), entry("b", "e2")], "a", "import")
    assert middle > before and await store.knowledge_version() == middle


async def test_a_batch_that_fails_midway_writes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    await store.put_entry(entry("original"), "a")
    real_put = store._put
    calls = 0

    async def put_then_fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("disk full")
        return await real_put(*args, **kwargs)

    monkeypatch.setattr(store, "_put", put_then_fail)
    version = await store.knowledge_version()
    with pytest.raises(RuntimeError):
        await store.put_entries([entry("changed"), entry("new", "e2")], "a", "import")
    assert [e.body for e in await store.list_entries()] == ["original"]
    assert len(await store.history("e1")) == 1
    assert await store.knowledge_version() == version


async def test_delivery_claims_are_exclusive_until_stale(store: Store) -> None:
    assert await store.claim_event("slack:Ev1")
    assert not await store.claim_event("slack:Ev1")
    assert await store.claim_event("slack:Ev1", stale_after_s=0)  # the first claimant died
    await store.complete_event("slack:Ev1")
    assert not await store.claim_event("slack:Ev1", stale_after_s=0)  # done stays done
    assert await store.claim_event("slack:Ev2")
    await store.release_event("slack:Ev2")
    assert await store.claim_event("slack:Ev2")


async def test_migrations_are_idempotent(store_url: str) -> None:
    for _ in range(2):
        store = await Store.open(store_url)
        await store.close()


def test_head_revision_constant_matches_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.store.engine import HEAD_REVISION, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


# -- several processes on one database (PostgreSQL in production) -------------------------


async def test_many_concurrent_claims_of_one_delivery_give_exactly_one_winner(
    store: Store, store_url: str
) -> None:
    other = await Store.open(store_url)  # a second replica: its own engine and pool
    try:
        claims = [s.claim_event("slack:EvRace") for s in (store, other) for _ in range(25)]
        results = await asyncio.gather(*claims)
        assert results.count(True) == 1, results
        # different deliveries do not block each other
        assert all(await asyncio.gather(*(other.claim_event(f"k{i}") for i in range(10))))
    finally:
        await other.close()


async def test_an_edit_through_one_store_moves_the_others_knowledge(
    store: Store, store_url: str
) -> None:
    await store.put_entry(entry("The printer jams because of the paper."), "a")
    other = await Store.open(store_url)
    try:
        knowledge = Knowledge(other, recheck_s=0.0)
        before = (await knowledge.search("why does the printer jam", None)).top
        assert before is not None and "paper" in before.body
        version = knowledge.version
        await store.put_entry(entry("The printer jams because of the toner."), "b")
        after = (await knowledge.search("why does the printer jam", None)).top
        assert knowledge.version > version
        assert after is not None and "toner" in after.body
    finally:
        await other.close()


async def test_replicas_starting_together_on_an_empty_database_import_once(
    store_url: str,
) -> None:
    stores = await asyncio.gather(*(Store.open(store_url) for _ in range(3)))
    try:
        imported = await asyncio.gather(*(ensure_bundled_knowledge(s) for s in stores))
        assert sorted(n > 0 for n in imported) == [False, False, True], imported
        count = await stores[0].count_entries()
        assert count == max(imported)
        entry_ids = [e.id for e in await stores[0].list_entries()]
        for entry_id in entry_ids[:5]:
            assert len(await stores[1].history(entry_id)) == 1
        assert await ensure_bundled_knowledge(stores[2]) == 0
    finally:
        await asyncio.gather(*(s.close() for s in stores))


async def test_concurrent_first_migrations_all_succeed(store_url: str) -> None:
    engines = [create_engine(store_url) for _ in range(3)]
    try:
        await asyncio.gather(*(migrate(e) for e in engines))
        async with engines[0].connect() as conn:
            version = await conn.scalar(sa.text("SELECT version_num FROM alembic_version"))
        assert version == HEAD_REVISION
    finally:
        await asyncio.gather(*(e.dispose() for e in engines))


async def test_concurrent_upserts_of_one_key_do_not_collide(
    store: Store, store_url: str
) -> None:
    tenant = load_tenant_file(TENANT_FILES[0])
    other = await Store.open(store_url)
    try:
        names = [f"Name {i}" for i in range(10)]
        await asyncio.gather(*(
            s.put_tenant(tenant.model_copy(update={"name": n}))
            for s, n in zip([store, other] * 5, names, strict=True)
        ))
        stored = await other.get_tenant(tenant.slug)
        assert stored is not None and stored.name in names
        await asyncio.gather(*(s.put_conversation_ref("k", "teams", {"n": i})
                               for i, s in enumerate([store, other] * 3)))
        assert (await store.get_conversation_ref("k") or {}).get("n") in range(6)
    finally:
        await other.close()


# -- values come back the same on both backends -------------------------------------------


async def test_timestamps_come_back_in_utc(store: Store) -> None:
    before = dt.datetime.now(dt.UTC)
    await store.put_entry(entry("x"), "a")
    (row,) = await store.history("e1")
    assert row.at.tzinfo is not None
    assert before - dt.timedelta(seconds=5) <= row.at <= dt.datetime.now(dt.UTC)


async def test_feedback_and_interactions_round_trip(store: Store) -> None:
    first = await store.record_interaction(**interaction("acme", "why is it slow"))
    second = await store.record_interaction(**interaction("acme", "why", action="clarify"))
    assert second > first
    await store.record_feedback(first, "U1", "helpful")
    (row, _) = await store.interactions("acme")
    assert row.entries_used == ["e1"] and row.confidence == pytest.approx(0.8)


# -- tenant isolation -------------------------------------------------------------------


def interaction(tenant: str | None, question: str, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "platform": "slack", "tenant": tenant, "user_id": "U1", "question": question,
        "normalized": question.lower(), "action": "answer", "reason": "answered",
        "confidence": 0.8, "closest_entry": "e1", "entries_used": ["e1"],
        "composer": "curated", "conversation": f"slack:C1:{question}",
    }
    values.update(overrides)
    return values


async def test_conversation_memory_is_per_tenant(store: Store) -> None:
    # the same conversation key (say, a shared channel id) under two clients
    await store.add_turn("slack:C1:1.0", "acme", "user", "acme asks")
    await store.add_turn("slack:C1:1.0", "bright", "user", "bright asks")
    await store.add_turn("slack:C1:1.0", "acme", "bot", "acme answer")
    assert await store.recent_turns("slack:C1:1.0", "acme") == [
        ("user", "acme asks"), ("bot", "acme answer")]
    assert await store.recent_turns("slack:C1:1.0", "bright") == [("user", "bright asks")]
    assert await store.recent_turns("slack:C1:1.0", None) == []
    assert await store.bot_has_spoken("slack:C1:1.0")


async def test_interactions_and_gaps_are_per_tenant(store: Store) -> None:
    for _ in range(2):
        await store.record_interaction(**interaction("acme", "acme secret question",
                                                     action="decline", confidence=0.1))
    await store.record_interaction(**interaction("bright", "bright question",
                                                 action="clarify", confidence=0.2))
    await store.record_interaction(**interaction("bright", "fine", confidence=0.9))
    assert {r.question for r in await store.interactions("bright")} == {
        "bright question", "fine"}
    assert [r.example for r in await store.gaps(0.5, tenant="bright")] == ["bright question"]
    everyone = await store.gaps(0.5)
    assert [(r.example, r.count) for r in everyone] == [
        ("acme secret question", 2), ("bright question", 1)]
    assert float(everyone[0].confidence) == pytest.approx(0.1)
