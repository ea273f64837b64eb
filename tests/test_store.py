"""The store contract: history, revert, atomic imports, delivery claims."""

from __future__ import annotations

import pytest

from bot.entries import Entry
from bot.store import Store, StoreError


def entry(version_text: str, entry_id: str = "e1") -> Entry:
    return Entry.model_validate({
        "id": entry_id, "title": "Printer jams", "questions": ["why does it jam"],
        "topics": ["hardware-and-parts"], "status": "published", "body": version_text,
    })


@pytest.fixture
async def store(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    opened = await Store.open(f"sqlite:///{tmp_path / 's.db'}")
    yield opened
    await opened.close()


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


async def test_migrations_are_idempotent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    for _ in range(2):
        store = await Store.open(url)
        await store.close()


def test_head_revision_constant_matches_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.store.engine import HEAD_REVISION, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION
