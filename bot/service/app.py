"""Wiring: settings -> store -> knowledge -> bot. Used by the CLI and the server."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field

from bot.core.bot import Bot
from bot.core.composer import Composer, CuratedComposer
from bot.core.ports import Messenger
from bot.core.ratelimit import RateLimiter
from bot.core.replies import Voice
from bot.knowledge.live import Knowledge, ensure_bundled_knowledge
from bot.llm.rewrite import Rewriter
from bot.llm.types import LLMError
from bot.psa.config import OutboxConfig
from bot.psa.factory import build_ticket_system
from bot.retrieval.artifacts import ArtifactCache
from bot.service.settings import Settings
from bot.store import Store
from bot.workflows.handoff import Handoff
from bot.workflows.outbox_worker import OutboxWorker
from bot.workflows.psa_link import PsaLink
from bot.workflows.tasks import TaskSet

log = logging.getLogger(__name__)


@dataclass
class App:
    settings: Settings
    store: Store
    bot: Bot
    tasks: TaskSet  # work that outlives a request (answers after the ack), drained at shutdown
    psa: PsaLink | None = None  # MSPBOT_PSA: the connector, its outbox worker
    # platform -> its way to post outside a delivery (adapters add theirs when they start)
    messengers: dict[str, Messenger] = field(default_factory=dict)


async def _knowledge(settings: Settings, store: Store, stack: AsyncExitStack) -> Knowledge:
    """Hybrid retrieval, with dense embeddings when MSPBOT_EMBEDDINGS_BASE_URL is set."""
    cache = ArtifactCache(settings.index_dir) if settings.index_dir is not None else None
    if not settings.embeddings_base_url:
        return Knowledge(store, cache=cache)
    from bot.llm.factory import build_embedder  # imports openai: only when switched on

    embed, client = build_embedder(settings)
    stack.push_async_callback(client.close)
    knowledge = Knowledge(store, embed=embed, cache=cache)
    try:
        await knowledge.index()  # embeds the entries now, and learns the vector size
    except LLMError as exc:
        log.warning("embeddings endpoint unavailable (%s): sparse retrieval only", exc)
        return Knowledge(store, cache=cache)
    return knowledge


def _composer(settings: Settings, store: Store, knowledge: Knowledge,
              stack: AsyncExitStack) -> tuple[Composer, Rewriter | None]:
    curated = CuratedComposer()
    if settings.composer != "llm":
        return curated, None
    from bot.llm.factory import build_llm  # imports openai: only when switched on

    parts = build_llm(settings, store, curated, lambda: knowledge.version)
    stack.push_async_callback(parts.client.close)
    return parts.composer, parts.rewriter


async def _psa(env: Mapping[str, str], store: Store, messengers: dict[str, Messenger],
               stack: AsyncExitStack, flush_s: float) -> PsaLink | None:
    """The PSA connector and its outbox worker (one task per process), when configured."""
    system = build_ticket_system(env)
    if system is None:
        return None
    config = OutboxConfig.from_env(env)
    stack.push_async_callback(system.close)
    worker = OutboxWorker(store, system, config, messengers)
    task = asyncio.get_running_loop().create_task(worker.run(), name="psa-outbox")
    stack.push_async_callback(worker.stop, task, flush_s)
    log.info("tickets are handed to %s through the outbox", system.name)
    return PsaLink(store, system, config, worker)


@asynccontextmanager
async def open_app(settings: Settings | None = None, *, record: bool = True,
                   limits: bool = False, env: Mapping[str, str] | None = None,
                   ) -> AsyncIterator[App]:
    """`limits`: apply the per-user and per-tenant rate limits (the server does; the CLI
    and evaluations do not). `env`: where MSPBOT_PSA and its settings are read (default:
    the process environment); an evaluation (`record=False`) never hands off."""
    settings = settings or Settings.from_env()
    store = await Store.open(settings.database_url)
    messengers: dict[str, Messenger] = {}
    async with AsyncExitStack() as stack:
        stack.push_async_callback(store.close)
        psa = None
        if record:  # at shutdown the worker gets a short while to send what is due
            psa = await _psa(os.environ if env is None else env, store, messengers, stack,
                             min(settings.shutdown_grace_s, 10.0))
        await ensure_bundled_knowledge(store)
        knowledge = await _knowledge(settings, store, stack)
        composer, rewriter = _composer(settings, store, knowledge, stack)
        voice = Voice(settings.msp_name, settings.emergency_contact)
        bot = Bot(
            store,
            knowledge,
            composer,
            voice=voice,
            handoff=Handoff(store, voice, psa=psa),
            max_message_chars=settings.max_message_chars,
            record=record,
            rewriter=rewriter,
            limiter=RateLimiter.from_settings(settings) if limits else None,
            log_text=settings.log_message_text,
        )
        tasks = TaskSet()
        try:
            yield App(settings, store, bot, tasks, psa, messengers)
        finally:  # whoever started background work had the chance to drain it first
            await tasks.drain(settings.shutdown_grace_s)
