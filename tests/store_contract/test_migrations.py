"""Migrations on both backends: idempotent, concurrent-safe, and upgrading old data."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from bot.store import Store
from bot.store.engine import HEAD_REVISION, MIGRATIONS, create_engine, migrate
from bot.tenants.agreement import load_tenant_file
from tests.store_contract.contracts import entry

TENANT_FILE = Path(__file__).resolve().parents[2] / "examples" / "tenants" / "acme-dental.yaml"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 's.db'}"
    return str(request.getfixturevalue("pg_database"))


def _alembic(connection: sa.Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            value = await conn.scalar(sa.text("SELECT version_num FROM alembic_version"))
            return str(value) if value is not None else None
    finally:
        await engine.dispose()


def test_head_revision_constant_matches_the_newest_migration() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


Snapshot = dict[str, tuple[list[Any], list[Any], list[str]]]


def _snapshot(connection: sa.Connection) -> Snapshot:
    """Every table's columns, indexes and rows, comparable between two moments."""
    inspector = sa.inspect(connection)
    found: Snapshot = {}
    for table in sorted(inspector.get_table_names()):
        columns = [(c["name"], str(c["type"]), c["nullable"])
                   for c in inspector.get_columns(table)]
        indexes = sorted((i["name"] or "", tuple(map(str, i["column_names"])), bool(i["unique"]))
                         for i in inspector.get_indexes(table))
        everything = sa.text(f'SELECT * FROM "{table}"')
        rows = sorted(repr(tuple(r)) for r in connection.execute(everything))
        found[table] = (columns, indexes, rows)
    return found


async def _snapshot_of(url: str) -> Snapshot:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_snapshot)
    finally:
        await engine.dispose()


async def test_migrations_are_idempotent(store_url: str) -> None:
    first = await Store.open(store_url)
    try:
        await first.tenants.put(load_tenant_file(TENANT_FILE))
        await first.knowledge.put(entry("Paper jams come from damp paper."), "alice")
        assert await first.deliveries.claim("slack:T1:C1:1.0")
    finally:
        await first.close()
    before = await _snapshot_of(store_url)
    assert {"entries", "tenants", "processed_events", "alembic_version"} <= set(before)
    assert all(before[t][2] for t in ("entries", "tenants", "processed_events"))  # rows
    engine = create_engine(store_url)
    try:  # alembic itself, past the "already at head" shortcut of Store.open
        async with engine.begin() as conn:
            await conn.run_sync(_alembic, "head")
    finally:
        await engine.dispose()
    await (await Store.open(store_url)).close()
    assert await _revision(store_url) == HEAD_REVISION
    assert await _snapshot_of(store_url) == before  # schema and data untouched


async def test_concurrent_first_migrations_all_succeed(store_url: str) -> None:
    engines = [create_engine(store_url) for _ in range(3)]
    try:
        await asyncio.gather(*(migrate(e) for e in engines))
    finally:
        await asyncio.gather(*(e.dispose() for e in engines))
    assert await _revision(store_url) == HEAD_REVISION


async def test_a_first_schema_database_holding_data_is_upgraded(store_url: str) -> None:
    engine = create_engine(store_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_alembic, "0001")
            await conn.execute(sa.text(
                "INSERT INTO entries (id, data, status, version, changed_at, changed_by) "
                "VALUES ('e1', :data, 'published', 1, CURRENT_TIMESTAMP, 'alice')"),
                {"data": '{"id": "e1", "title": "Printer jams", "questions": ["why jam"], '
                         '"topics": ["hardware-and-parts"], "status": "published", '
                         '"body": "Paper.", "audience": "client", "tenants": "all", '
                         '"updated": "2026-11-01"}'})
            await conn.execute(sa.text(
                "INSERT INTO interactions (at, platform, tenant, user_id, question, normalized,"
                " action, reason, confidence, closest_entry, entries_used, composer) VALUES "
                "(CURRENT_TIMESTAMP, 'slack', 'acme', 'U1', 'reset my password', 'reset my "
                "password', 'escalate', 'staff-only', 1.0, NULL, '[]', 'curated')"))
            for value in ("helpful", "not_helpful"):  # one person voting twice, old style
                await conn.execute(sa.text(
                    "INSERT INTO feedback (at, interaction_id, user_id, value) "
                    "VALUES (CURRENT_TIMESTAMP, 1, 'U1', :value)"), {"value": value})
    finally:
        await engine.dispose()
    store = await Store.open(store_url)  # upgrades from 0001 to the head
    try:
        assert await _revision(store_url) == HEAD_REVISION
        kept = await store.knowledge.get("e1")
        assert kept is not None and kept.body == "Paper."
        (row,) = await store.interactions.rows()
        assert (row.question, row.reason, row.key, row.prompt_tokens) == (
            "reset my password", "request", None, 0)
        assert await store.interactions.votes(row.id) == {"U1": "not_helpful"}  # the last
        assert (await store.interactions.vote(row.id, "U1", "helpful")).recorded
        assert await store.interactions.votes(row.id) == {"U1": "helpful"}
    finally:
        await store.close()
