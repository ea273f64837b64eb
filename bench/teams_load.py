"""Load the Teams endpoint: N real-shaped activities over loopback HTTP, replies collected
by a fake Bot Connector; checks every activity is answered exactly once and reports p50/p99
time to the HTTP response and to the reply reaching the connector.

Everything runs in one process on 127.0.0.1: the real aiohttp server (`adapters.server`)
with the Teams adapter, a fresh SQLite database with the bundled knowledge, and the fake
connector from tests/teams/harness.py. With --auth every request carries a JWT that the SDK
validates against a JWKS served from a thread, and replies use a local token provider.

    python bench/teams_load.py [--activities 500] [--concurrency 20] [--auth]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from microsoft_agents.hosting.core.authorization._entra_issuers import (  # noqa: E402
    BOTFRAMEWORK_JWKS_URIS,
)

from adapters.teams.config import TeamsSettings  # noqa: E402
from bench.benchkit import percentile  # noqa: E402
from bot.service.app import open_app  # noqa: E402
from bot.service.settings import Settings  # noqa: E402
from bot.tenants.agreement import load_tenant_file  # noqa: E402
from tests.teams.harness import (  # noqa: E402
    APP_ID,
    BOT_FRAMEWORK_ISSUER,
    FakeConnector,
    KeyServer,
    mint,
    new_key,
    payload,
    teams_endpoint,
)

QUESTIONS = [
    "Why isn't my problem fixed in 4 hours?",
    "why is the internet down again",
    "What happens if I email you at the weekend?",
    "Why can't I install software on my laptop?",
    "Why do updates keep breaking things?",
    "What does my monthly fee actually cover?",
    "Can you just guarantee 99.9% uptime?",
    "I want to talk to a real person",
    "help",
    "who won the football last night?",
]


async def run(activities: int, concurrency: int, use_auth: bool) -> dict[str, Any]:
    logging.disable(logging.WARNING)  # escalations log "no staff channel"; not measured
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        key = new_key()
        if use_auth:
            keys = stack.enter_context(KeyServer(key))
            BOTFRAMEWORK_JWKS_URIS[BOT_FRAMEWORK_ISSUER] = keys.jwks_url
            settings = TeamsSettings(app_id=APP_ID, app_password="bench")
        else:
            settings = TeamsSettings(dev_anonymous=True)
        connector = await FakeConnector().start()
        async with open_app(Settings(database_url=f"sqlite:///{Path(tmp) / 'bench.db'}")) as app:
            for path in sorted((ROOT / "examples" / "tenants").glob("*.yaml")):
                await app.store.tenants.put(load_tenant_file(path))
            async with teams_endpoint(app, settings) as (_, base):
                url = f"{base}/api/messages"
                token = mint(key, service_url=connector.url) if use_auth else None
                headers = {"Authorization": f"Bearer {token}"} if token else {}
                # warm-up: build the retrieval index before timing
                await app.bot.knowledge.index()

                started: dict[str, float] = {}
                http_s: dict[str, float] = {}
                statuses: Counter[int] = Counter()
                gate = asyncio.Semaphore(concurrency)

                async def send(session: aiohttp.ClientSession, n: int) -> None:
                    activity_id = f"{1772460000000 + n}"
                    body = payload("personal_message", connector.url, id=activity_id,
                                   text=QUESTIONS[n % len(QUESTIONS)])
                    body["conversation"]["id"] = f"a:1bench-conversation-{n % 50}"
                    async with gate:
                        started[activity_id] = time.perf_counter()
                        async with session.post(url, json=body, headers=headers) as response:
                            await response.read()
                            http_s[activity_id] = time.perf_counter() - started[activity_id]
                            statuses[response.status] += 1

                wall = time.perf_counter()
                async with aiohttp.ClientSession() as session:
                    await asyncio.gather(*(send(session, n) for n in range(activities)))
                await connector.wait_messages(activities, timeout_s=120)
                await asyncio.sleep(0.5)  # anything late or duplicated would show up now
                wall = time.perf_counter() - wall
        await connector.stop()
        if use_auth:
            BOTFRAMEWORK_JWKS_URIS[BOT_FRAMEWORK_ISSUER] = "https://login.botframework.com/v1/.well-known/keys"

    replies = Counter(s.reply_to for s in connector.messages())
    reply_s = {}
    for sent in connector.messages():
        if sent.reply_to in started and sent.reply_to not in reply_s:
            reply_s[sent.reply_to] = sent.at - started[sent.reply_to]
    answered_once = sum(1 for aid in started if replies.get(aid) == 1)
    http = list(http_s.values())
    reply = list(reply_s.values())
    return {
        "activities": activities,
        "concurrency": concurrency,
        "auth": use_auth,
        "http_statuses": dict(statuses),
        "answered_exactly_once": answered_once,
        "duplicates": sum(1 for c in replies.values() if c > 1),
        "unexpected_replies": sum(1 for aid in replies if aid not in started),
        "typing_sent": sum(1 for s in connector.sent if s.type == "typing"),
        "http_p50_ms": round(statistics.median(http) * 1000, 1),
        "http_p99_ms": round(percentile(http, 0.99) * 1000, 1),
        "reply_p50_ms": round(statistics.median(reply) * 1000, 1),
        "reply_p99_ms": round(percentile(reply, 0.99) * 1000, 1),
        "wall_s": round(wall, 2),
        "activities_per_s": round(activities / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--auth", action="store_true", help="send JWTs and validate them")
    args = parser.parse_args()
    result = asyncio.run(run(args.activities, args.concurrency, args.auth))
    for name, value in result.items():
        print(f"{name:>22}: {value}")
    ok = (result["answered_exactly_once"] == args.activities and not result["duplicates"]
          and not result["unexpected_replies"])
    print("OK: every activity answered exactly once" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
