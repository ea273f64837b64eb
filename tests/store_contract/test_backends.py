"""Every store backend passes the whole contract (tests/store_contract/contracts.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store import Store
from tests.dbtemplates import SqliteTemplates, copy_sqlite
from tests.store_contract.contracts import StoreContract


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    opened = await Store.open(store_url)
    yield opened
    await opened.close()


class TestSQLite(StoreContract):
    @pytest.fixture
    def store_url(self, tmp_path: Path, sqlite_templates: SqliteTemplates) -> str:
        copy_sqlite(sqlite_templates.migrated, tmp_path / "s.db")
        return f"sqlite:///{tmp_path / 's.db'}"


class TestPostgreSQL(StoreContract):
    @pytest.fixture
    def store_url(self, pg_migrated: str) -> str:
        return pg_migrated
