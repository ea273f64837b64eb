"""The LLM tests: a local fake OpenAI-compatible server that the real `openai` client calls."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.llm.fakeserver import FakeOpenAI
from bot.service.app import App, open_app
from bot.service.settings import LLMSettings, Settings
from bot.tenants.agreement import load_tenant_file
from tests.dbtemplates import SqliteTemplates, copy_sqlite

ROOT = Path(__file__).resolve().parents[2]
TENANT_FILES = sorted((ROOT / "examples" / "tenants").glob("*.yaml"))

# Short budgets so failure paths finish quickly; the logic is the same at 20 s.
FAST = LLMSettings(
    model="fake-model", deadline_s=2.0, request_timeout_s=1.0, max_attempts=4,
    breaker_failures=50, breaker_cooldown_s=0.5,
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


@pytest.fixture
def llm_settings(tmp_path: Path, fake: FakeOpenAI, sqlite_templates: SqliteTemplates,
                 index_dir: Path) -> Settings:
    copy_sqlite(sqlite_templates.seeded, tmp_path / "llm.db")  # imported once per session
    return Settings(database_url=f"sqlite:///{tmp_path / 'llm.db'}", composer="llm",
                    llm=FAST.model_copy(update={"base_url": fake.url}), index_dir=index_dir)


@pytest.fixture
async def llm_app(llm_settings: Settings) -> AsyncIterator[App]:
    async with open_app(llm_settings) as opened:
        for path in TENANT_FILES:
            await opened.store.tenants.put(load_tenant_file(path))
        await opened.bot.knowledge.index()  # built now, so timings measure answering only
        yield opened


@pytest.fixture
async def app_fake(llm_app: App, fake: FakeOpenAI) -> tuple[App, FakeOpenAI]:
    return llm_app, fake
