"""Wiring: settings -> store -> knowledge -> bot. Used by the CLI and the server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.core import Bot
from bot.knowledge import Knowledge, ensure_bundled_knowledge
from bot.settings import Settings
from bot.store import Store


@dataclass
class App:
    settings: Settings
    store: Store
    bot: Bot


@asynccontextmanager
async def open_app(settings: Settings | None = None, *, record: bool = True) -> AsyncIterator[App]:
    settings = settings or Settings.from_env()
    store = await Store.open(settings.database_url)
    try:
        await ensure_bundled_knowledge(store)
        bot = Bot(
            store,
            Knowledge(store),
            msp_name=settings.msp_name,
            max_message_chars=settings.max_message_chars,
            record=record,
        )
        yield App(settings, store, bot)
    finally:
        await store.close()
