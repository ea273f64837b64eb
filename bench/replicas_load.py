"""Load run against real `mspbot serve` processes: two replicas on PostgreSQL vs one on SQLite.

For each layout it starts the replicas (subprocesses on 127.0.0.1, curated composer, Slack
over HTTP against a fake Slack Web API in this process), imports the example tenants with
the CLI, warms the replicas up, then sends N signed `app_mention` events on a fixed schedule
(open loop, like Slack: it does not wait for us). With two replicas the events are spread
round-robin (a load balancer), and a share of them is delivered a second time to the OTHER
replica (a Slack retry landing elsewhere), which the database-wide claim must absorb.

It stops by itself (a deadline), then prints one row per layout: sustained events/s, p50/p99
from POST to HTTP ack, p50/p99 from POST to the answer reaching the fake Web API, and how
many events were lost or answered twice. Exit status 1 if any was lost or duplicated.

    .venv/bin/python bench/replicas_load.py [--events 600] [--rate 60] [--duplicates 0.2]
    .venv/bin/python bench/replicas_load.py --layouts postgresql:2    # one layout only

PostgreSQL: a throw-away database on 127.0.0.1:5432 (MSPBOT_TEST_POSTGRES_URL to change).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchkit import FakeSlackWebApi, percentile
from tests.pg import ADMIN_URL, database_url, unreachable_reason
from tests.replicas.harness import (
    BOT_USER,
    CHANNEL,
    MSP_TEAM,
    TENANT_FILES,
    Replica,
    cli,
    post_event,
    replica_env,
    slack_event,
)

QUESTIONS = [
    "Why isn't my ticket fixed in 4 hours?",
    "What happens if something breaks on a Saturday?",
    "Why do updates keep breaking things?",
    "Why can't I install software on my own laptop?",
    "Why did we get an invoice for the office move?",
    "Why do I have to use MFA every time?",
    "How should I report a problem so it gets fixed fastest?",
    "What does my monthly agreement include?",
]


@dataclass
class Result:
    layout: str
    events: int
    deliveries: int
    seconds: float
    ack_ms: list[float]
    answer_ms: list[float]
    lost: int
    duplicated: int
    refused: int


@contextlib.asynccontextmanager
async def layout(backend: str, replicas: int, fake: FakeSlackWebApi,
                 tmp: Path) -> AsyncIterator[list[Replica]]:
    """Start `replicas` servers on a fresh database of `backend`; stop and drop afterwards."""
    name = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp / 'bench.db'}"
    else:
        import asyncpg

        name = f"mspbot_bench_{int(time.time() * 1000)}"
        conn = await asyncpg.connect(ADMIN_URL)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        url = database_url(name)
    env = replica_env(url, fake.url, tmp / "home")
    started: list[Replica] = []
    try:
        await cli(env, "tenants", "import", *map(str, TENANT_FILES))
        started = list(await asyncio.gather(*(
            Replica.start(env, tmp / f"{backend}-{i}.log") for i in range(replicas))))
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(*(r.wait_ready(session) for r in started))
        yield started
    finally:
        await asyncio.gather(*(r.stop() for r in started))
        if name is not None:
            import asyncpg

            conn = await asyncpg.connect(ADMIN_URL)
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.close()


async def load(replicas: list[Replica], fake: FakeSlackWebApi, label: str, events: int,
               rate: float, duplicates: float, deadline_s: float, first: int) -> Result:
    rng = random.Random(7)
    twice = set(rng.sample(range(events), int(events * duplicates))) if len(replicas) > 1 else set()
    sent_at: dict[str, float] = {}
    ack_ms: list[float] = []
    refused = 0

    async def one(session: aiohttp.ClientSession, i: int, began: float) -> None:
        nonlocal refused
        await asyncio.sleep(max(0.0, began + i / rate - time.perf_counter()))
        ts, body = slack_event(first + i, QUESTIONS[i % len(QUESTIONS)], prefix="EvB")
        targets = [replicas[i % len(replicas)]]
        if i in twice:
            targets.append(replicas[(i + 1) % len(replicas)])
        sent_at[ts] = time.perf_counter()
        for attempt, replica in enumerate(targets):
            start = time.perf_counter()
            status = await post_event(session, replica.url, body, attempt or None)
            ack_ms.append((time.perf_counter() - start) * 1000)
            refused += status != 200

    fake.reset()
    connector = aiohttp.TCPConnector(limit=400)
    async with aiohttp.ClientSession(connector=connector) as session:
        began = time.perf_counter()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(
                asyncio.gather(*(one(session, i, began) for i in range(events))), deadline_s)
            while len(fake.answered_at) < len(sent_at):
                if time.perf_counter() - began > deadline_s:
                    print(f"{label}: stopped at the {deadline_s:.0f} s deadline", file=sys.stderr)
                    break
                await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)  # late duplicates
    arrivals = {ts: a for ts, a in fake.answered_at.items() if ts in sent_at}
    last = max((a[0] for a in arrivals.values()), default=time.perf_counter())
    return Result(
        layout=label, events=events, deliveries=events + len(twice),
        seconds=last - began, ack_ms=ack_ms,
        answer_ms=[(a[0] - sent_at[ts]) * 1000 for ts, a in arrivals.items()],
        lost=events - len(arrivals), duplicated=sum(len(a) - 1 for a in arrivals.values()),
        refused=refused,
    )


def table(results: list[Result], rate: float) -> str:
    head = (f"{'layout':<26}{'events':>7}{'deliv.':>7}{'events/s':>9}{'ack p50':>9}"
            f"{'ack p99':>9}{'ans p50':>9}{'ans p99':>9}{'lost':>6}{'dup':>5}{'non-200':>8}")
    lines = [f"offered load: {rate:.0f} events/s, open loop; latencies in ms", head,
             "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.layout:<26}{r.events:>7}{r.deliveries:>7}{r.events / r.seconds:>9.1f}"
            f"{percentile(r.ack_ms, .5):>9.1f}{percentile(r.ack_ms, .99):>9.1f}"
            f"{percentile(r.answer_ms, .5):>9.0f}{percentile(r.answer_ms, .99):>9.0f}"
            f"{r.lost:>6}{r.duplicated:>5}{r.refused:>8}")
    return "\n".join(lines)


async def run(layouts: list[tuple[str, int]], events: int, rate: float, duplicates: float,
              deadline_s: float) -> int:
    fake = FakeSlackWebApi(BOT_USER, MSP_TEAM, CHANNEL)
    await fake.start()
    results: list[Result] = []
    try:
        for n, (backend, count) in enumerate(layouts):
            label = f"{count} replica{'s' if count > 1 else ''} on {backend}"
            with tempfile.TemporaryDirectory() as tmp:
                async with layout(backend, count, fake, Path(tmp)) as replicas:
                    # warm-up: every replica builds its index and opens its pools
                    await load(replicas, fake, label, 4 * count, 20, 0, 60, 900_000 + n * 1000)
                    print(f"{label}: running {events} events at {rate:.0f}/s", file=sys.stderr)
                    results.append(await load(replicas, fake, label, events, rate, duplicates,
                                              deadline_s, n * 100_000))
    finally:
        await fake.stop()
    print(table(results, rate))
    return 1 if any(r.lost or r.duplicated for r in results) else 0


def parse_layout(raw: str) -> tuple[str, int]:
    backend, _, count = raw.partition(":")
    if backend not in ("sqlite", "postgresql") or not count.isdigit() or int(count) < 1:
        raise argparse.ArgumentTypeError(f"expected sqlite:N or postgresql:N, got {raw!r}")
    return backend, int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=600)
    parser.add_argument("--rate", type=float, default=60.0, help="events per second offered")
    parser.add_argument("--duplicates", type=float, default=0.2,
                        help="share of events also delivered to another replica")
    parser.add_argument("--deadline", type=float, default=180.0,
                        help="stop each layout's run after this many seconds")
    parser.add_argument("--layouts", nargs="+", type=parse_layout,
                        default=[("postgresql", 2), ("sqlite", 1)])
    args = parser.parse_args()
    if any(b == "postgresql" for b, _ in args.layouts) and (why := unreachable_reason()):
        sys.exit(why)
    sys.exit(asyncio.run(run(args.layouts, args.events, args.rate, args.duplicates,
                             args.deadline)))


if __name__ == "__main__":
    main()
