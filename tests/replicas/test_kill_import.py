"""SIGKILL in the middle of `mspbot kb import`: the database holds the old knowledge or the
new, never half of it (the import is one transaction), on PostgreSQL and on SQLite."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
import time
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.store import Store
from tests.dbtemplates import SqliteTemplates, copy_sqlite
from tests.replicas.harness import ROOT, cli_in_process, replica_env

# Enough that the import is still writing well after the kill (here it writes about 200
# entries a second on SQLite and 400 on PostgreSQL under load), few enough to stay cheap.
ENTRIES = 800


def write_folder(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"bulk-{i:05d}.md").write_text(
            "---\n"
            f"id: bulk-{i:05d}\n"
            f"title: Bulk entry {i} about printer model {i}\n"
            f"questions:\n  - Why does printer model {i} jam?\n"
            "topics: [hardware-and-parts]\naudience: client\ntenants: all\n"
            "status: published\nupdated: 2026-11-28\n"
            "---\n"
            f"Printer model {i} jams when the tray is overfilled. Use fewer sheets.\n",
            encoding="utf-8",
        )


async def writing_pg(url: str) -> bool:
    """Is another session holding a write lock on the entry history (an import under way)?"""
    parsed = make_url(url)
    conn = await asyncpg.connect(host=parsed.host, port=parsed.port, user=parsed.username,
                                 database=parsed.database)
    try:
        return bool(await conn.fetchval(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'entry_history' AND l.mode = 'RowExclusiveLock' "
            "AND l.pid <> pg_backend_pid()"))
    finally:
        await conn.close()


async def writing_sqlite(url: str) -> bool:
    """Does another connection hold SQLite's write lock (an import under way)?"""
    conn = sqlite3.connect(str(make_url(url).database), timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


async def snapshot(url: str) -> tuple[int, int, int]:
    """(entries, bulk entries, knowledge version)."""
    store = await Store.open(url)
    try:
        entries = await store.knowledge.list_entries()
        bulk = sum(e.id.startswith("bulk-") for e in entries)
        return len(entries), bulk, await store.knowledge.version()
    finally:
        await store.close()


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database holding the bundled knowledge, as any first `mspbot` command leaves it."""
    if request.param == "sqlite":
        templates: SqliteTemplates = request.getfixturevalue("sqlite_templates")
        copy_sqlite(templates.seeded, tmp_path / "kill.db")
        return f"sqlite:///{tmp_path / 'kill.db'}"
    return str(request.getfixturevalue("pg_seeded"))


async def test_sigkill_during_import_leaves_old_or_new_never_half(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no saved index: the test is about the transaction, and refitting the index for the
    # imported entries after the last import would cost seconds
    env = replica_env(database_url, "http://127.0.0.1:9/api/", tmp_path / "home",
                      MSPBOT_INDEX_DIR="off")
    old_count, old_bulk, old_version = await snapshot(database_url)
    assert old_count > 0 and old_bulk == 0
    folder = tmp_path / "bulk"
    write_folder(folder, ENTRIES)
    writing = writing_pg if database_url.startswith("postgresql") else writing_sqlite

    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "kb", "import", str(folder), env=env, cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not await writing(database_url):
        assert proc.returncode is None, "the import finished before it was seen writing"
        assert time.monotonic() < deadline, "the import never started writing"
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.3)  # well into the transaction: some hundreds of entries written
    assert proc.returncode is None, "the import finished before the kill"
    proc.send_signal(signal.SIGKILL)
    assert await proc.wait() == -signal.SIGKILL

    count, bulk, version = await snapshot(database_url)
    assert (count, bulk, version) == (old_count, 0, old_version), "half an import is visible"

    # and the same import, run again to the end, lands whole
    await cli_in_process(monkeypatch, env, "kb", "import", str(folder))
    count, bulk, version = await snapshot(database_url)
    assert (count, bulk) == (old_count + ENTRIES, ENTRIES)
    assert version > old_version
