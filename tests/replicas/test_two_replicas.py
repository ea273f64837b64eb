"""Two `mspbot serve` processes on one PostgreSQL database, Slack against a fake Web API.

- the same signed event delivered to both replicas is answered exactly once;
- a knowledge change made with the CLI (`kb edit`, `kb import`) against the database is in
  both replicas' next answers within a few seconds.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from tests.replicas.harness import (
    CHANNEL,
    TENANT_FILES,
    Replica,
    cli,
    post_event,
    replica_env,
    slack_event,
)
from tests.slack.fake_slack import FakeSlack

QUESTION = "How should I report a problem so it gets fixed fastest?"
ENTRY = "how-to-report-a-problem"  # the bundled entry that answers QUESTION


@dataclass
class Cluster:
    fake: FakeSlack
    replicas: list[Replica]
    env: dict[str, str]
    session: aiohttp.ClientSession

    def answers(self, ts: str) -> list[str]:
        """Every message posted in reply to the client's message `ts` (as JSON text)."""
        return [json.dumps(c.params) for c in self.fake.posts(CHANNEL)
                if c.params.get("thread_ts") == ts]


@pytest.fixture
async def cluster(pg_database: str, tmp_path: Path) -> AsyncIterator[Cluster]:
    fake = FakeSlack()
    await fake.start()
    env = replica_env(pg_database, fake.api_url, tmp_path / "home")
    await cli(env, "tenants", "import", *map(str, TENANT_FILES))  # migrates, imports knowledge
    replicas = await asyncio.gather(*(Replica.start(env, tmp_path / f"replica{i}.log")
                                      for i in range(2)))
    async with aiohttp.ClientSession() as session:
        try:
            await asyncio.gather(*(r.wait_ready(session) for r in replicas))
            yield Cluster(fake, list(replicas), env, session)
        finally:
            await asyncio.gather(*(r.stop() for r in replicas))
            await fake.stop()
    for replica in replicas:
        assert "Traceback" not in replica.tail(400), replica.tail(400)


async def test_the_same_event_sent_to_both_replicas_is_answered_once(cluster: Cluster) -> None:
    sent = [slack_event(n, QUESTION) for n in range(12)]
    statuses = await asyncio.gather(*(
        post_event(cluster.session, replica.url, body)
        for _, body in sent for replica in cluster.replicas
    ))
    assert set(statuses) == {200}
    await cluster.fake.wait_for(lambda: all(cluster.answers(ts) for ts, _ in sent), 30)
    await asyncio.sleep(1.5)  # a twin answer would have arrived by now
    counts = {ts: len(cluster.answers(ts)) for ts, _ in sent}
    assert set(counts.values()) == {1}, counts


async def ask_until(cluster: Cluster, replica: Replica, marker: str, first: int,
                    within_s: float) -> float:
    """Ask `replica` again and again until its answer contains `marker`; the seconds taken."""
    started = time.monotonic()
    n = first
    while True:
        ts, body = slack_event(n, QUESTION)
        assert await post_event(cluster.session, replica.url, body) == 200
        await cluster.fake.wait_for(lambda ts=ts: bool(cluster.answers(ts)), 15)  # type: ignore[misc]
        if any(marker in answer for answer in cluster.answers(ts)):
            return time.monotonic() - started
        assert time.monotonic() - started < within_s, f"{replica.url} still answers old text"
        n += 1
        await asyncio.sleep(0.2)


async def test_a_cli_knowledge_change_reaches_both_replicas(
    cluster: Cluster, tmp_path: Path
) -> None:
    before = f"{QUESTION}"
    for i, replica in enumerate(cluster.replicas):  # both have built their index already
        ts, body = slack_event(100 + i, before)
        assert await post_event(cluster.session, replica.url, body) == 200
        await cluster.fake.wait_for(lambda ts=ts: bool(cluster.answers(ts)), 15)  # type: ignore[misc]
        assert "MARKER" not in cluster.answers(ts)[0]

    original = (await cli(cluster.env, "kb", "show", ENTRY)).stdout
    edited = tmp_path / "edited.md"
    edited.write_text(original.rstrip() + "\n\nEDIT-MARKER-7731: call us first.\n")
    await cli(cluster.env, "kb", "edit", ENTRY, "--file", str(edited), "--actor", "test")
    took = await asyncio.gather(*(ask_until(cluster, r, "EDIT-MARKER-7731", 200 + 100 * i, 8)
                                  for i, r in enumerate(cluster.replicas)))
    assert max(took) < 8

    folder = tmp_path / "import"
    folder.mkdir()
    (folder / f"{ENTRY}.md").write_text(original.rstrip() + "\n\nIMPORT-MARKER-5512.\n")
    await cli(cluster.env, "kb", "import", str(folder), "--actor", "test")
    took = await asyncio.gather(*(ask_until(cluster, r, "IMPORT-MARKER-5512", 600 + 100 * i, 8)
                                  for i, r in enumerate(cluster.replicas)))
    assert max(took) < 8
