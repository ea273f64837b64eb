"""Two `mspbot serve` processes on one PostgreSQL database, Slack against a fake Web API.

- the same signed event delivered to both replicas is answered exactly once;
- a knowledge change made with the CLI (`kb edit`, `kb import`) against the database is in
  both replicas' next answers within a few seconds.

The two tests share one pair of replicas (starting them is most of the cost): the first
counts answers to its own messages only, and the second only looks for its markers.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from tests.pg import create_database, drop_database
from tests.replicas.harness import (
    CHANNEL,
    Replica,
    cli_in_process,
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


pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.xdist_group("replicas")]


@pytest.fixture(scope="module")
def cluster_database(pg_seeded_template: str) -> Iterator[str]:
    """One database for the module, as `mspbot tenants import examples/tenants/*.yaml`
    leaves a new one (migrated, the bundled knowledge, the agreements)."""
    name, url = create_database(template=pg_seeded_template)
    try:
        yield url
    finally:
        drop_database(name)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cluster(cluster_database: str, index_dir: Path,
                  tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Cluster]:
    folder = tmp_path_factory.mktemp("cluster")
    fake = FakeSlack()
    await fake.start()
    # set before the per-test autouse fixture that sets MSPBOT_INDEX_DIR: passed here
    env = replica_env(cluster_database, fake.api_url, folder / "home",
                      MSPBOT_INDEX_DIR=str(index_dir))
    replicas = await asyncio.gather(*(Replica.start(env, folder / f"replica{i}.log")
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


async def dedup_hits(cluster: Cluster) -> float:
    counts = await asyncio.gather(*(r.metric(cluster.session,
                                             'mspbot_dedup_hits_total{platform="slack"}')
                                    for r in cluster.replicas))
    return sum(counts)


async def test_the_same_event_sent_to_both_replicas_is_answered_once(cluster: Cluster) -> None:
    sent = [slack_event(n, QUESTION) for n in range(12)]
    hits_before = await dedup_hits(cluster)
    statuses = await asyncio.gather(*(
        post_event(cluster.session, replica.url, body)
        for _, body in sent for replica in cluster.replicas
    ))
    assert set(statuses) == {200}

    async def settled() -> int:
        """Deliveries accounted for: answered (a post) or refused as already claimed."""
        answered = sum(len(cluster.answers(ts)) for ts, _ in sent)
        return answered + int(await dedup_hits(cluster) - hits_before)

    deadline = time.monotonic() + 30
    while await settled() < len(statuses):  # every delivery answered or deduplicated
        assert time.monotonic() < deadline, {ts: cluster.answers(ts) for ts, _ in sent}
        await asyncio.sleep(0.1)
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
    cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = f"{QUESTION}"
    for i, replica in enumerate(cluster.replicas):  # both have built their index already
        ts, body = slack_event(100 + i, before)
        assert await post_event(cluster.session, replica.url, body) == 200
        await cluster.fake.wait_for(lambda ts=ts: bool(cluster.answers(ts)), 15)  # type: ignore[misc]
        assert "MARKER" not in cluster.answers(ts)[0]

    # the CLI in this process: the same commands on the same database as a terminal's
    original = (await cli_in_process(monkeypatch, cluster.env, "kb", "show", ENTRY)).stdout
    edited = tmp_path / "edited.md"
    edited.write_text(original.rstrip() + "\n\nEDIT-MARKER-7731: call us first.\n")
    await cli_in_process(monkeypatch, cluster.env, "kb", "edit", ENTRY, "--file", str(edited),
                         "--actor", "test")
    took = await asyncio.gather(*(ask_until(cluster, r, "EDIT-MARKER-7731", 200 + 100 * i, 8)
                                  for i, r in enumerate(cluster.replicas)))
    assert max(took) < 8

    folder = tmp_path / "import"
    folder.mkdir()
    (folder / f"{ENTRY}.md").write_text(original.rstrip() + "\n\nIMPORT-MARKER-5512.\n")
    await cli_in_process(monkeypatch, cluster.env, "kb", "import", str(folder),
                         "--actor", "test")
    took = await asyncio.gather(*(ask_until(cluster, r, "IMPORT-MARKER-5512", 600 + 100 * i, 8)
                                  for i, r in enumerate(cluster.replicas)))
    assert max(took) < 8
