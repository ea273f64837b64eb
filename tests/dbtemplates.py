"""Databases made once per test session and copied per test.

Migrating a new database and importing the bundled knowledge into it takes seconds; a
copy takes milliseconds. SQLite: a file copy of a database made once. PostgreSQL:
`CREATE DATABASE ... TEMPLATE` of one migrated once (see tests/pg.py). Each test still
gets its own database; only the work of filling it is shared.
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.live import ensure_bundled_knowledge
from bot.store import Store
from bot.tenants.agreement import load_tenant_file


@dataclass(frozen=True)
class SqliteTemplates:
    migrated: Path  # the schema at head, no rows
    seeded: Path  # ...plus the bundled knowledge and the example agreements

    @classmethod
    def build(cls, folder: Path, tenant_files: list[Path]) -> SqliteTemplates:
        folder.mkdir(parents=True, exist_ok=True)
        templates = cls(folder / "migrated.db", folder / "seeded.db")
        asyncio.run(templates._fill(tenant_files))
        return templates

    async def _fill(self, tenant_files: list[Path]) -> None:
        store = await Store.open(f"sqlite:///{self.migrated}")
        await store.close()
        copy_sqlite(self.migrated, self.seeded)
        await seed(f"sqlite:///{self.seeded}", tenant_files)


async def seed(url: str, tenant_files: list[Path]) -> None:
    """Import the bundled knowledge and `tenant_files` into the database at `url`."""
    store = await Store.open(url)
    try:
        await ensure_bundled_knowledge(store)
        for path in tenant_files:
            await store.tenants.put(load_tenant_file(path))
    finally:
        await store.close()


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a closed SQLite database (its write-ahead log too, if one was left)."""
    for suffix in ("", "-wal"):
        extra = source.with_name(source.name + suffix)
        if extra.exists():
            shutil.copyfile(extra, target.with_name(target.name + suffix))
