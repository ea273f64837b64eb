"""Time to first progress, first text and the final message of a streamed answer, from
the inbound request, on Teams (personal chat) and Slack (a thread), LLM composer, guarded
streaming.

One process on 127.0.0.1: the real aiohttp server with the platform's adapter, its fake
(the Bot Connector from tests/teams/harness.py; the Slack Web API from
tests/slack/fake_slack.py, with events signed as Slack signs them), and the fake
OpenAI-compatible server streaming its default answer piece by piece (--first-token-s
before the first piece, --piece-s between pieces). Questions are sent one at a time, each
in its own conversation; times are taken when the fake receives the call.

Progress is the informative update (Teams) or the thread status (Slack); first text is
the first activity or stream call carrying answer text; final is the final message
(Teams) or chat.stopStream (Slack).

    python bench/stream_bench.py [--platform teams|slack|both] [--questions 20]
        [--first-token-s 0.8] [--piece-s 0.15]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from adapters.teams.config import TeamsSettings  # noqa: E402
from bench.benchkit import percentile  # noqa: E402
from bot.llm.fakeserver import FakeOpenAI  # noqa: E402
from bot.service.app import open_app  # noqa: E402
from bot.service.settings import LLMSettings, Settings  # noqa: E402
from bot.tenants.agreement import load_tenant_file  # noqa: E402
from tests.teams.harness import FakeConnector, Sent, payload, teams_endpoint  # noqa: E402

QUESTIONS = [
    "Why isn't my problem fixed in 4 hours?",
    "What happens if I email you at the weekend?",
    "Why can't I install software on my laptop?",
    "What does my monthly fee actually cover?",
]


def first(sent: list[Sent], conversation: str, kind: str) -> float | None:
    for s in sent:
        info = s.stream
        if s.conversation_id != conversation:
            continue
        if kind == "progress" and info and info.get("streamType") == "informative":
            return s.at
        if kind == "text" and info and info.get("streamType") in ("streaming", "final") \
                and s.activity.get("text"):
            return s.at
        if kind == "final" and s.type == "message":
            return s.at
    return None


def summary(rows: list[dict[str, float]], key: str) -> dict[str, float]:
    values = [r[key] for r in rows]
    return {"p50_ms": round(percentile(values, 0.5) * 1000, 1),
            "p90_ms": round(percentile(values, 0.9) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1)}


def llm_settings(url: str, tmp: str, name: str) -> Settings:
    # no answer cache: every question is written afresh
    return Settings(database_url=f"sqlite:///{Path(tmp) / name}", composer="llm",
                    llm=LLMSettings(model="fake-model", base_url=url, cache=False))


async def run_slack(questions: int, first_token_s: float, piece_s: float) -> dict[str, Any]:
    from adapters.slack.server import install
    from tests.slack.conftest import SlackSender, make_config, serving
    from tests.slack.conftest import payload as slack_payload
    from tests.slack.fake_slack import FakeSlack

    logging.disable(logging.WARNING)
    fake = FakeSlack()
    await fake.start()
    arrived: list[float] = []

    class Timed(list[Any]):
        def append(self, item: Any) -> None:
            arrived.append(time.perf_counter())
            super().append(item)

    fake.calls = Timed()
    rows: list[dict[str, float]] = []
    async with FakeOpenAI(latency_s=first_token_s, chunk_delay_s=piece_s) as llm:
        with tempfile.TemporaryDirectory() as tmp:
            async with open_app(llm_settings(llm.url, tmp, "slack.db")) as app:
                for path in sorted((ROOT / "examples" / "tenants").glob("*.yaml")):
                    await app.store.tenants.put(load_tenant_file(path))
                await app.bot.knowledge.index()
                web_app = web.Application()
                slack = install(web_app, app, make_config(fake))
                async with serving(web_app) as base, aiohttp.ClientSession() as session:
                    sender = SlackSender(session, f"{base}/slack/events")
                    for n in range(questions):
                        event = slack_payload("app_mention")
                        ts = f"{1700001000 + n}.000100"
                        event["event_id"] = f"EvStreamBench{n:04d}"
                        event["event"].update(ts=ts, event_ts=ts, text="<@UBOT0001> "
                                              + QUESTIONS[n % len(QUESTIONS)])
                        mark = len(fake.calls)
                        started = time.perf_counter()
                        await sender.event(event)
                        await slack.service.tasks.join()
                        times: dict[str, float] = {}
                        for call, at in zip(fake.calls[mark:], arrived[mark:], strict=True):
                            if call.params.get("thread_ts") not in (ts, None):
                                continue
                            kind = {"assistant.threads.setStatus": "progress",
                                    "chat.stopStream": "final",
                                    "chat.postMessage": "final"}.get(call.method)
                            if call.method in ("chat.startStream", "chat.appendStream") \
                                    and (call.params.get("markdown_text")
                                         or call.params.get("chunks")):
                                kind = "text"
                            if kind and kind not in times:
                                times[kind] = at - started
                        times.setdefault("text", times.get("final", 0.0))
                        rows.append({k: times.get(k, 0.0) for k in ("progress", "text",
                                                                    "final")})
    await fake.stop()
    return {
        "platform": "slack (channel thread, chat.startStream/appendStream/stopStream)",
        "questions": questions,
        "first_progress": summary(rows, "progress"),
        "first_text": summary(rows, "text"),
        "final_message": summary(rows, "final"),
    }


async def run(questions: int, first_token_s: float, piece_s: float) -> dict[str, Any]:
    logging.disable(logging.WARNING)
    connector = await FakeConnector().start()
    async with FakeOpenAI(latency_s=first_token_s, chunk_delay_s=piece_s) as llm:
        with tempfile.TemporaryDirectory() as tmp:
            settings = llm_settings(llm.url, tmp, "teams.db")
            async with open_app(settings) as app:
                for path in sorted((ROOT / "examples" / "tenants").glob("*.yaml")):
                    await app.store.tenants.put(load_tenant_file(path))
                await app.bot.knowledge.index()
                async with teams_endpoint(app, TeamsSettings(dev_anonymous=True)) as (_, base):
                    url = f"{base}/api/messages"
                    rows: list[dict[str, float]] = []
                    async with aiohttp.ClientSession() as session:
                        for n in range(questions):
                            conversation = f"a:1stream-bench-{n}"
                            body = payload("personal_message", connector.url,
                                           id=f"{1772470000000 + n}",
                                           text=QUESTIONS[n % len(QUESTIONS)])
                            body["conversation"]["id"] = conversation
                            started = time.perf_counter()
                            async with session.post(url, json=body) as response:
                                await response.read()
                            def finished(sent: list[Sent], c: str = conversation) -> bool:
                                return first(sent, c, "final") is not None

                            await connector.wait_for(finished, timeout_s=60)
                            times = {k: first(connector.sent, conversation, k)
                                     for k in ("progress", "text", "final")}
                            rows.append({k: (v or started) - started for k, v in times.items()})
    await connector.stop()
    refused = len(connector.refused)

    return {
        "platform": "teams (personal chat, StreamingResponse)",
        "questions": questions,
        "llm_first_token_s": first_token_s,
        "llm_piece_s": piece_s,
        "first_progress": summary(rows, "progress"),
        "first_text": summary(rows, "text"),
        "final_message": summary(rows, "final"),
        "connector_refusals": refused,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", choices=("teams", "slack", "both"), default="both")
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--first-token-s", type=float, default=0.8,
                        help="the fake model's wait before its first piece")
    parser.add_argument("--piece-s", type=float, default=0.15,
                        help="the fake model's wait between pieces (three words each)")
    args = parser.parse_args()
    if args.questions < 1:
        parser.error("--questions must be at least 1")
    results = []
    if args.platform in ("teams", "both"):
        results.append(asyncio.run(run(args.questions, args.first_token_s, args.piece_s)))
    if args.platform in ("slack", "both"):
        results.append(asyncio.run(run_slack(args.questions, args.first_token_s,
                                             args.piece_s)))
    print(json.dumps(results, indent=2))
