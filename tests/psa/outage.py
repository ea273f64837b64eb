"""The fault scenario the test and bench/psa_outage.py share: reports arrive while the PSA
refuses connections, then it comes back and the outbox drains.

The outage lasts until every report is in and at least `outage_s` has passed. The pending
gauge (mspbot_psa_outbox_items{state="pending"}) is sampled throughout.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from prometheus_client import REGISTRY

from bot.core.models import Reply
from bot.service.app import App
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.psa_app import Messages, slack_message

SAMPLE_EVERY_S = 0.05


@dataclass
class Figures:
    reports: int
    outage_s: float = 0.0  # how long the PSA refused connections
    reply_s: list[float] = field(default_factory=list)  # each report's reply time
    pending_at_return: float = 0.0  # the gauge when the PSA came back
    drain_s: float = 0.0  # from the PSA's return to an empty backlog
    samples: list[tuple[float, float]] = field(default_factory=list)  # (t from return, gauge)
    replies: list[Reply] = field(default_factory=list)


def pending_gauge() -> float:
    return REGISTRY.get_sample_value("mspbot_psa_outbox_items", {"state": "pending"}) or 0.0


def report_text(n: int) -> str:
    return f"the printer in room {n} stopped printing"


async def run_outage(app: App, fake: FakeConnectWise, messages: Messages, *, reports: int,
                     outage_s: float = 0.0, concurrency: int = 10,
                     patience_s: float = 600.0) -> Figures:
    assert app.psa is not None
    figures = Figures(reports=reports)
    returned_at: list[float] = []
    stop = asyncio.Event()

    async def sample() -> None:
        while not stop.is_set():
            if returned_at:
                figures.samples.append((time.monotonic() - returned_at[0], pending_gauge()))
            await asyncio.sleep(SAMPLE_EVERY_S)

    sampler = asyncio.create_task(sample())
    gate = asyncio.Semaphore(concurrency)

    async def one(n: int) -> Reply:
        async with gate:
            started = time.perf_counter()
            reply = await app.bot.handle(slack_message(report_text(n), n))
            figures.reply_s.append(time.perf_counter() - started)
            return reply

    await fake.refuse_connections()
    down_at = time.monotonic()
    figures.replies = list(await asyncio.gather(*(one(n) for n in range(reports))))
    left = outage_s - (time.monotonic() - down_at)
    if left > 0:
        await asyncio.sleep(left)  # the outage itself, not a wait for a result
    await app.psa.worker.refresh_metrics()
    figures.pending_at_return = pending_gauge()
    await fake.accept_connections()
    returned_at.append(time.monotonic())
    figures.outage_s = returned_at[0] - down_at
    deadline = time.monotonic() + patience_s

    async def drained() -> bool:
        return not (await app.store.outbox.counts()).pending

    async def all_told() -> bool:  # the follow-ups with the numbers
        return len(messages.posts) >= reports

    await _until(drained, deadline)
    figures.drain_s = time.monotonic() - returned_at[0]
    await _until(all_told, deadline)
    await app.psa.worker.refresh_metrics()
    figures.samples.append((time.monotonic() - returned_at[0], pending_gauge()))
    stop.set()
    await sampler
    return figures


async def _until(condition: Callable[[], Awaitable[bool]], deadline: float) -> None:
    """Check `condition` every SAMPLE_EVERY_S until it holds or the deadline passes."""
    for _ in range(int((deadline - time.monotonic()) / SAMPLE_EVERY_S) + 1):
        if await condition() or time.monotonic() >= deadline:
            return
        await asyncio.sleep(SAMPLE_EVERY_S)


def tickets_per_key(fake: FakeConnectWise) -> Counter[str]:
    return Counter(str(t["externalXRef"]) for t in fake.tickets.values())
