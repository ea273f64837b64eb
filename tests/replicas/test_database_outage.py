"""PostgreSQL goes away during a load run and comes back.

The replica reaches PostgreSQL through a TCP proxy in this test process. Cutting the proxy
resets every open database connection and refuses new ones, which is what a replica sees
when PostgreSQL restarts or fails over; restoring it is the database coming back. A proxy
rather than `pg_ctlcluster restart`: the PostgreSQL server on this machine is shared by
every test (and other sessions) running at the same time, and restarting it would fail them.

Expected: /readyz says 503 during the outage while /healthz stays 200 and the process stays
up; every event Slack delivered (acked 200, or retried until acked) is answered exactly
once after the database is back.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import aiohttp
from sqlalchemy.engine import make_url

from tests.replicas.harness import (
    CHANNEL,
    Replica,
    TcpProxy,
    deliver,
    replica_env,
    slack_event,
)
from tests.slack.fake_slack import FakeSlack

EVENTS = 60
RATE = 10.0  # events per second: the run lasts 6 s, the outage about 3 s of it
QUESTIONS = [
    "How should I report a problem so it gets fixed fastest?",
    "Why isn't my ticket fixed in 4 hours?",
    "What happens if something breaks on a Saturday?",
]


async def wait_status(replica: Replica, session: aiohttp.ClientSession, path: str,
                      status: int, within_s: float) -> float:
    started = time.monotonic()
    while (got := await replica.status(session, path)) != status:
        assert time.monotonic() - started < within_s, f"{path}: {got}, expected {status}"
        await asyncio.sleep(0.1)
    return time.monotonic() - started


async def test_postgres_outage_during_load_loses_and_duplicates_nothing(
    pg_seeded: str, tmp_path: Path
) -> None:
    url = make_url(pg_seeded)  # as `mspbot tenants import examples/tenants/*.yaml` leaves it
    proxy = TcpProxy(target_port=url.port or 5432, target_host=url.host or "127.0.0.1")
    await proxy.start()
    fake = FakeSlack()
    await fake.start()
    proxied = url.set(port=proxy.port).render_as_string(hide_password=False)
    env = replica_env(proxied, fake.api_url, tmp_path / "home")
    replica = await Replica.start(env, tmp_path / "replica.log")
    accepted_at: dict[str, float] = {}

    async def one(session: aiohttp.ClientSession, n: int) -> None:
        await asyncio.sleep(n / RATE)
        ts, body = slack_event(n, QUESTIONS[n % len(QUESTIONS)])
        await deliver(session, replica.url, body)  # Slack retries until acked
        accepted_at[ts] = time.monotonic()

    try:
        async with aiohttp.ClientSession() as session:
            await replica.wait_ready(session)
            load = asyncio.gather(*(one(session, n) for n in range(EVENTS)))
            await asyncio.sleep(1.5)

            cut_at = time.monotonic()
            await proxy.cut()
            noticed = await wait_status(replica, session, "/readyz", 503, within_s=10)
            assert await replica.status(session, "/healthz") == 200
            await asyncio.sleep(max(0.0, 3.0 - noticed))
            assert await replica.status(session, "/readyz") == 503
            restored_at = time.monotonic()
            await proxy.restore()
            await wait_status(replica, session, "/readyz", 200, within_s=20)
            await load

            def answers(ts: str) -> int:
                return sum(c.params.get("thread_ts") == ts for c in fake.posts(CHANNEL))

            await fake.wait_for(lambda: all(answers(ts) for ts in accepted_at), 60)
            await asyncio.sleep(1.5)  # a duplicate would have arrived by now
            counts = {ts: answers(ts) for ts in accepted_at}
            assert len(counts) == EVENTS
            assert set(counts.values()) == {1}, counts
            during = [ts for ts, at in accepted_at.items() if cut_at < at < restored_at]
            assert len(during) >= 10, "the outage did not overlap the load"
            assert replica.proc.returncode is None, "the replica died"
    finally:
        await replica.stop()
        await proxy.stop()
        await fake.stop()
    log = replica.tail(2000)
    assert "database unavailable" in log and "Traceback" not in log, log
