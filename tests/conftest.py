"""Shared fixtures. Every test gets its own SQLite database and no network but loopback."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from microsoft_agents.hosting.core.app.streaming import StreamingResponse

from bot.data.resources import bundled_knowledge
from bot.knowledge.entries import load_directory
from bot.knowledge.live import Snapshot
from bot.retrieval.artifacts import ArtifactCache
from bot.service.app import App, open_app
from bot.service.settings import Settings
from bot.tenants.agreement import load_tenant_file
from tests.dbtemplates import SqliteTemplates, copy_sqlite

ROOT = Path(__file__).resolve().parent.parent
TENANT_FILES = sorted((ROOT / "examples" / "tenants").glob("*.yaml"))

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            allowed = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = False
        if not allowed:
            raise ConnectionRefusedError(f"tests may not reach the network ({host})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(autouse=True)
def quick_teams_stream_pace(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Agents SDK sleeps its streaming interval (1 s in Teams, which accepts about one
    update a second) after every streamed activity. The tests check what is sent and in
    what order, not the pace, so the pause is taken out: about 2 s per streamed answer."""
    set_defaults = StreamingResponse._set_defaults

    def without_pause(self: StreamingResponse, context: Any) -> None:
        set_defaults(self, context)
        self._interval = 0.0

    monkeypatch.setattr(StreamingResponse, "_set_defaults", without_pause)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One saved-index directory for the whole session (shared by xdist workers: writes
    are atomic and content-addressed), so the bundled index is fitted once, not per test.
    A test that needs a cold build gives its own directory."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return base / "mspbot-index"


@pytest.fixture(autouse=True)
def shared_index(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MSPBOT_INDEX_DIR", str(index_dir))  # CLI runs and subprocesses too


@pytest.fixture(scope="session")
def fitted(index_dir: Path) -> Snapshot:
    """The bundled knowledge with its classifiers, built once per test session."""
    return Snapshot.fit(load_directory(bundled_knowledge()), cache=ArtifactCache(index_dir))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated MSPBOT_HOME (so the default SQLite database lives in tmp_path)."""
    monkeypatch.setenv("MSPBOT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MSPBOT_DATABASE_URL", raising=False)
    return tmp_path / "home"


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    """Migrated (and seeded) SQLite databases, made once per test process."""
    return SqliteTemplates.build(tmp_path_factory.mktemp("db-templates"), TENANT_FILES)


@pytest.fixture
def settings(tmp_path: Path, index_dir: Path, sqlite_templates: SqliteTemplates) -> Settings:
    """The test's own SQLite database, already migrated (empty), and the shared index."""
    copy_sqlite(sqlite_templates.migrated, tmp_path / "test.db")
    return Settings(database_url=f"sqlite:///{tmp_path / 'test.db'}", index_dir=index_dir)


@pytest.fixture
async def app(settings: Settings, tmp_path: Path,
              sqlite_templates: SqliteTemplates) -> AsyncIterator[App]:
    if settings.database_url == f"sqlite:///{tmp_path / 'test.db'}":  # not overridden
        # what open_app would import (the bundled knowledge, the agreements), copied in
        copy_sqlite(sqlite_templates.seeded, tmp_path / "test.db")
    async with open_app(settings) as opened:
        for path in TENANT_FILES:
            await opened.store.tenants.put(load_tenant_file(path))
        await opened.bot.knowledge.index()  # built before the test's clock starts
        yield opened


@pytest.fixture
def entry_text() -> str:
    return (
        "---\n"
        "id: test-entry\n"
        "title: A test entry about printers\n"
        "questions:\n  - Why is the printer jammed again?\n  - printer keeps jamming\n"
        "topics: [hardware-and-parts]\n"
        "audience: client\n"
        "tenants: all\n"
        "status: published\n"
        "updated: 2026-11-28\n"
        "---\n"
        "Printers jam. {% if tenant %}{{ tenant.name }} has cover.{% else %}Ask us.{% endif %}\n"
    )
