"""Time to first progress, first text and the finished answer on Slack, from the inbound
request, for LLM answers.

Starts, in one process: the fake OpenAI-compatible server (the real openai client calls
it; a first-token latency and a writing pace stand in for a model, and an answer that is
not streamed takes as long to write as one that is), a fake Slack Web API on 127.0.0.1
that stamps each call as it arrives, and the real mspbot server with the Slack adapter
(LLM composer with its answer cache off, a temporary SQLite database). It POSTs signed
`app_mention` events one at a time and reports, from the start of each POST: the first
progress (the thread status, or a reaction), the first answer text (chat.startStream, or
chat.postMessage when nothing is streamed) and the finished answer (chat.stopStream, or
that post). `--no-stream` answers the same questions with streaming off
(MSPBOT_SLACK_STREAMING=off: the status, then one message) for comparison.

    .venv/bin/python bench/slack_stream_bench.py [--questions 20] [--latency 0.4]
        [--pace 0.04] [--no-stream]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.slack.config import SlackConfig
from adapters.slack.server import install
from bench.benchkit import percentile
from bot.llm.fakeserver import FakeOpenAI
from bot.service.app import open_app
from bot.service.settings import LLMSettings, Settings
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
    "Why do I have to use MFA every time?",
    "How should I report a problem so it gets fixed fastest?",
    "What does my monthly agreement include?",
]
PROGRESS = ("assistant.threads.setStatus", "reactions.add")
FIRST_TEXT = ("chat.startStream", "chat.postMessage")
FINISHED = ("chat.stopStream", "chat.postMessage")


class StampingSlack:
    """Enough of the Slack Web API for an answer; stamps calls per question thread."""

    def __init__(self) -> None:
        self.stamps: dict[str, dict[str, float]] = {}  # thread -> method -> first arrival
        self._stream_thread: dict[str, str] = {}  # streamed message ts -> its thread
        self.runner: web.AppRunner | None = None
        self.url = ""
        self._ts = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        host, port = self.runner.addresses[0][:2]
        self.url = f"http://{host}:{port}/api/"

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    def _stamp(self, thread: str | None, method: str) -> None:
        if thread:
            self.stamps.setdefault(thread, {}).setdefault(method, time.perf_counter())

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        params = dict(request.query)
        if request.content_type == "application/json":
            params.update(json.loads(raw or "{}"))
        else:
            params.update(parse_qsl(raw))
        self._ts += 1
        ts = f"1700200000.{self._ts:06d}"
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": BOT_USER, "bot_id": "BBENCH",
                                      "team_id": "T0MSPTEAM", "team": "MSP", "user": "bot",
                                      "url": "https://msp.slack.com/"})
        if method == "assistant.threads.setStatus" and params.get("status"):
            self._stamp(params.get("thread_ts"), method)
        elif method == "reactions.add":
            self._stamp(params.get("timestamp"), method)
        elif method == "chat.startStream":
            self._stream_thread[ts] = str(params.get("thread_ts"))
            self._stamp(params.get("thread_ts"), method)
        elif method == "chat.stopStream":
            self._stamp(self._stream_thread.get(str(params.get("ts"))), method)
        elif method == "chat.postMessage" and params.get("channel") == CHANNEL:
            self._stamp(params.get("thread_ts"), method)
        return web.json_response({"ok": True, "ts": ts, "channel": params.get("channel")})


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


def first(stamps: dict[str, float], methods: tuple[str, ...]) -> float | None:
    found = [stamps[m] for m in methods if m in stamps]
    return min(found) if found else None


async def run(questions: int, latency_s: float, pace_s: float, stream: bool) -> int:
    llm = FakeOpenAI(latency_s=latency_s, chunk_delay_s=pace_s, pace_whole=True)
    await llm.start()
    slack_api = StampingSlack()
    await slack_api.start()
    verifier = SignatureVerifier(SECRET)
    # The answer cache is off: every question goes to the model, as a new question does.
    llm_settings = LLMSettings(model="fake-model", base_url=llm.url, deadline_s=30.0,
                               cache=False)
    results: dict[str, list[float]] = {"progress": [], "first text": [], "finished": []}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'bench.db'}",
                            composer="llm", llm=llm_settings)
        async with open_app(settings) as app:
            for path in sorted((ROOT / "examples" / "tenants").glob("*.yaml")):
                await app.store.tenants.put(load_tenant_file(path))
            await app.bot.knowledge.index()  # built before the clock starts
            config = SlackConfig(bot_token="xoxb-bench", signing_secret=SECRET,
                                 api_url=slack_api.url, staff_channel="C0STAFF",
                                 streaming=stream)
            web_app = web.Application()
            slack = install(web_app, app, config)
            runner = web.AppRunner(web_app, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            host, port = runner.addresses[0][:2]
            url = f"http://{host}:{port}/slack/events"
            async with aiohttp.ClientSession() as session:
                for i in range(-1, questions):  # the first (-1) warms up bolt's auth.test
                    ts, body = event(i % 1_000_000)
                    stamp = str(int(time.time()))
                    headers = {"Content-Type": "application/json",
                               "X-Slack-Request-Timestamp": stamp,
                               "X-Slack-Signature": verifier.generate_signature(
                                   timestamp=stamp, body=body)}
                    began = time.perf_counter()
                    async with session.post(url, data=body.encode(), headers=headers) as resp:
                        await resp.read()
                    await slack.service.tasks.join()
                    if i < 0:
                        continue
                    stamps = slack_api.stamps.get(ts, {})
                    for name, methods in (("progress", PROGRESS), ("first text", FIRST_TEXT),
                                          ("finished", FINISHED)):
                        at = first(stamps, methods)
                        if at is not None:
                            results[name].append((at - began) * 1000)
                    print(f"\r{i + 1}/{questions} questions", end="", file=sys.stderr,
                          flush=True)
            print(file=sys.stderr)
            await runner.cleanup()
    await slack_api.stop()
    await llm.stop()
    mode = "streamed" if stream else "one message"
    print(f"Slack, LLM answers ({mode}); model: {latency_s * 1000:.0f} ms to first token, "
          f"{pace_s * 1000:.0f} ms between pieces of 3 words; {questions} questions")
    print(f"{'from the inbound POST to':<28}{'p50 ms':>10}{'p95 ms':>10}{'n':>6}")
    for name, values in results.items():
        print(f"{name:<28}{percentile(values, 0.5):>10.0f}{percentile(values, 0.95):>10.0f}"
              f"{len(values):>6}")
    missing = questions - len(results["first text"])
    if missing:
        print(f"{missing} questions got no answer text", file=sys.stderr)
    return 1 if missing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=20, help="questions to ask")
    parser.add_argument("--latency", type=float, default=0.4,
                        help="the model's time to first token, seconds")
    parser.add_argument("--pace", type=float, default=0.04,
                        help="seconds between streamed pieces (3 words each)")
    parser.add_argument("--no-stream", dest="stream", action="store_false",
                        help="turn streaming off: the status, then one message")
    args = parser.parse_args()
    if args.questions < 1 or args.latency < 0 or args.pace < 0:
        parser.error("--questions must be positive; --latency and --pace not negative")
    sys.exit(asyncio.run(run(args.questions, args.latency, args.pace, args.stream)))


if __name__ == "__main__":
    main()
