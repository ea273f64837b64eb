"""Load test for the Slack adapter: N signed events over loopback, answers counted.

Starts, in one process: a minimal fake Slack Web API (records every chat.postMessage),
the real mspbot aiohttp server with the Slack adapter on 127.0.0.1 (curated composer,
a temporary SQLite database), and a client that POSTs signed `app_mention` events to
/slack/events with bounded concurrency, plus a share of Slack-style retries of events
already sent. It stops by itself (a deadline), then prints events/s, p50/p99 from POST
to HTTP ack and from POST to the answer reaching the fake Web API, and how many events
were lost or answered twice. Exit status 1 if any was lost or duplicated.

    .venv/bin/python bench/slack_load.py [--events 1000] [--rate 100] [--retries 0.1]
    .venv/bin/python bench/slack_load.py --rate 0 --concurrency 50   # saturate: max events/s
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.slack.config import SlackConfig
from adapters.slack.server import install
from bench.benchkit import FakeSlackWebApi, percentile
from bot.service.app import open_app
from bot.service.settings import Settings
from bot.tenants.agreement import load_tenant_file

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret"
BOT_USER = "UBOTBENCH1"
CHANNEL = "C0ACMESUPP"  # mapped to acme-dental in examples/tenants
QUESTIONS = [
    "Why isn't my ticket fixed in 4 hours?",
    "What happens if something breaks on a Saturday?",
    "Why do updates keep breaking things?",
    "Why can't I install software on my own laptop?",
    "Is Microsoft 365 down? Outlook won't load.",
    "Why did we get an invoice for the office move?",
    "Why do I have to use MFA every time?",
    "How should I report a problem so it gets fixed fastest?",
    "Why does it take so long to find the cause of an intermittent problem?",
    "What does my monthly agreement include?",
]


def event(i: int) -> tuple[str, str]:
    ts = f"1700100000.{i:06d}"
    body = {
        "token": "bench", "team_id": "T0MSPTEAM", "api_app_id": "A0BENCH",
        "type": "event_callback", "event_id": f"Ev{i:010d}", "event_time": 1700100000,
        "authorizations": [{"team_id": "T0MSPTEAM", "user_id": BOT_USER, "is_bot": True,
                            "enterprise_id": None, "is_enterprise_install": False}],
        "event": {"type": "app_mention", "user": f"U{i % 97:08d}", "team": "T0ACMEDENT",
                  "user_team": "T0ACMEDENT", "channel": CHANNEL, "ts": ts, "event_ts": ts,
                  "text": f"<@{BOT_USER}> {QUESTIONS[i % len(QUESTIONS)]}"},
    }
    return ts, json.dumps(body)


async def run(events: int, concurrency: int, rate: float, retry_share: float,
              deadline_s: float) -> int:
    fake = FakeSlackWebApi(BOT_USER, "T0MSPTEAM", CHANNEL)
    await fake.start()
    verifier = SignatureVerifier(SECRET)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'bench.db'}")
        async with open_app(settings) as app:
            for path in sorted((ROOT / "examples" / "tenants").glob("*.yaml")):
                await app.store.tenants.put(load_tenant_file(path))
            await app.bot.knowledge.index()  # build the index before the clock starts
            config = SlackConfig(bot_token="xoxb-bench", signing_secret=SECRET,
                                 api_url=fake.url, staff_channel="C0STAFF")
            web_app = web.Application()
            slack = install(web_app, app, config)
            runner = web.AppRunner(web_app, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            host, port = runner.addresses[0][:2]
            url = f"http://{host}:{port}/slack/events"

            sent_at: dict[str, float] = {}
            ack_ms: list[float] = []
            statuses: Counter[int] = Counter()
            gate = asyncio.Semaphore(concurrency)
            rng = random.Random(7)
            retries = rng.sample(range(events), int(events * retry_share))

            async def post(session: aiohttp.ClientSession, i: int, retry: int | None,
                           at_s: float) -> None:
                if rate > 0:  # open loop: Slack delivers on its own schedule, not ours
                    await asyncio.sleep(max(0.0, began + at_s - time.perf_counter()))
                ts, body = event(i)
                async with gate:
                    stamp = str(int(time.time()))
                    headers = {"Content-Type": "application/json",
                               "X-Slack-Request-Timestamp": stamp,
                               "X-Slack-Signature": verifier.generate_signature(
                                   timestamp=stamp, body=body)}
                    if retry is not None:
                        headers["X-Slack-Retry-Num"] = str(retry)
                        headers["X-Slack-Retry-Reason"] = "http_timeout"
                    start = time.perf_counter()
                    sent_at.setdefault(ts, start)
                    async with session.post(url, data=body.encode(), headers=headers) as resp:
                        await resp.read()
                        ack_ms.append((time.perf_counter() - start) * 1000)
                        statuses[resp.status] += 1

            connector = aiohttp.TCPConnector(limit=concurrency)
            began = time.perf_counter()
            try:
                async with aiohttp.ClientSession(connector=connector) as session:
                    step = 1 / rate if rate > 0 else 0.0
                    jobs = [post(session, i, None, i * step) for i in range(events)]
                    jobs += [post(session, i, 1, (i + 0.5 + events * 0.01) * step)
                             for i in retries]
                    await asyncio.wait_for(asyncio.gather(*jobs), deadline_s)
                    posted = time.perf_counter()
                    remaining = max(1.0, deadline_s - (posted - began))
                    await asyncio.wait_for(slack.service.tasks.join(), remaining)
            except TimeoutError:
                print(f"stopped at the {deadline_s:.0f} s deadline", file=sys.stderr)
            finished = time.perf_counter()
            await runner.cleanup()
    await fake.stop()

    answer_ms = [(arrivals[0] - sent_at[ts]) * 1000
                 for ts, arrivals in fake.answered_at.items() if ts in sent_at]
    lost = events - len(fake.answered_at)
    duplicated = sum(len(a) - 1 for a in fake.answered_at.values())
    total = events + len(retries)
    load = f"open loop at {rate:.0f}/s" if rate > 0 else f"closed loop, {concurrency} in flight"
    print(f"events: {events} (+{len(retries)} Slack-style retries), {load}")
    print(f"HTTP statuses: {dict(statuses)}")
    print(f"throughput: {total / (posted - began):.0f} events/s acked, "
          f"{events / (finished - began):.0f} answers/s end to end "
          f"({finished - began:.2f} s total)")
    print(f"ack latency (POST -> HTTP 200): p50 {percentile(ack_ms, 0.5):.1f} ms, "
          f"p99 {percentile(ack_ms, 0.99):.1f} ms, max {max(ack_ms):.1f} ms")
    print(f"answer latency (POST -> chat.postMessage at the fake API): "
          f"p50 {percentile(answer_ms, 0.5):.0f} ms, p99 {percentile(answer_ms, 0.99):.0f} ms")
    print(f"answered: {len(fake.answered_at)}, lost: {lost}, duplicated: {duplicated}")
    print(f"Web API calls: {dict(fake.calls)}")
    return 1 if lost or duplicated else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100.0,
                        help="events per second sent on a fixed schedule (0: as fast as "
                             "--concurrency allows)")
    parser.add_argument("--concurrency", type=int, default=200,
                        help="most requests in flight at once")
    parser.add_argument("--retries", type=float, default=0.1,
                        help="share of events delivered a second time with X-Slack-Retry-Num")
    parser.add_argument("--deadline", type=float, default=300.0, help="stop after this many s")
    args = parser.parse_args()
    sys.exit(asyncio.run(run(args.events, args.concurrency, args.rate, args.retries,
                             args.deadline)))


if __name__ == "__main__":
    main()
