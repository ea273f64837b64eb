"""The store: one object per concern over one engine, the same code on SQLite and PostgreSQL.

Nothing outside `bot/store/` touches the engine; each part is typed by its Protocol in
`protocols.py`, whose docstrings state what it must guarantee.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.cache import SqlAnswerCache
from bot.store.conversations import SqlConversationStore
from bot.store.deliveries import SqlDeliveryStore
from bot.store.engine import create_engine, migrate
from bot.store.interactions import SqlInteractionStore, insert_reply
from bot.store.knowledge import SqlKnowledgeStore
from bot.store.outbox import SqlOutbox
from bot.store.protocols import (
    AnswerCacheStore,
    ConversationStore,
    DeliveryStore,
    InteractionStore,
    KnowledgeStore,
    LabelStore,
    OutboxStore,
    StaffStore,
    TenantStore,
    TicketStore,
)
from bot.store.records import ReplyRecord
from bot.store.staff import SqlLabelStore, SqlStaffStore
from bot.store.tenants import SqlTenantStore
from bot.store.tickets import SqlTicketStore


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self.knowledge: KnowledgeStore = SqlKnowledgeStore(engine)
        self.tenants: TenantStore = SqlTenantStore(engine)
        self.interactions: InteractionStore = SqlInteractionStore(engine)
        self.deliveries: DeliveryStore = SqlDeliveryStore(engine)
        self.conversations: ConversationStore = SqlConversationStore(engine)
        self.answer_cache: AnswerCacheStore = SqlAnswerCache(engine)
        self.tickets: TicketStore = SqlTicketStore(engine)
        self.outbox: OutboxStore = SqlOutbox(engine)  # hand-offs waiting for the PSA
        self.staff: StaffStore = SqlStaffStore(engine)
        self.labels: LabelStore = SqlLabelStore(engine)

    @classmethod
    async def open(cls, url: str) -> Store:
        engine = create_engine(url)
        await migrate(engine)
        return cls(engine)

    async def close(self) -> None:
        await self._engine.dispose()

    async def ping(self) -> None:
        """Raise unless the database answers (readiness)."""
        await self.knowledge.version()

    async def record_reply(self, record: ReplyRecord) -> int:
        """The interaction and the turns of one reply, in one transaction."""
        async with self._engine.begin() as conn:
            return await insert_reply(conn, record)
