"""Benchmark the LLM composer against the fake OpenAI-compatible server.

The server answers every completion after a fixed latency (300 ms by default), so the
figures measure the bot, not a model: answers per second with N questions in flight
(the core must not serialise LLM calls: 50 concurrent 300 ms calls should take about
300 ms, not 15 s), per-answer latency, and prompt tokens per answer (estimated by the
fake from the prompt length, four characters a token, close to OpenAI's tokenizers on
English). A second pass replays the same questions to measure cache hits.

    python bench/llm_bench.py [--concurrency 50] [--questions 50] [--latency 0.3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cli.stats import collect  # noqa: E402
from bot.core.models import Action, InboundMessage, Reply  # noqa: E402
from bot.data.evaluation import load_cases  # noqa: E402
from bot.data.resources import bundled_eval  # noqa: E402
from bot.service.app import open_app  # noqa: E402
from bot.service.settings import LLMSettings, Settings  # noqa: E402
from bot.tenants.agreement import load_tenant_file  # noqa: E402


async def timed(limit: asyncio.Semaphore, bot_handle: object, message: InboundMessage,
                ) -> tuple[Reply, float]:
    async with limit:
        started = time.perf_counter()
        reply = await bot_handle(message)  # type: ignore[operator]
        return reply, time.perf_counter() - started


async def run_pass(app: object, questions: list[InboundMessage], concurrency: int,
                   ) -> tuple[float, list[Reply], list[float]]:
    limit = asyncio.Semaphore(concurrency)
    started = time.perf_counter()
    results = await asyncio.gather(*(timed(limit, app.bot.handle, q)  # type: ignore[attr-defined]
                                     for q in questions))
    return time.perf_counter() - started, [r for r, _ in results], [t for _, t in results]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(args: argparse.Namespace, url: str) -> dict[str, object]:
    cases = [c for c in load_cases(bundled_eval() / "questions.jsonl")
             if c.action is Action.ANSWER]
    texts = [c.text for c in cases][: args.questions]
    while len(texts) < args.questions:  # more questions than the set: vary them
        texts.append(f"{cases[len(texts) % len(cases)].text} ({len(texts)})")
    tenants = sorted((ROOT / "examples" / "tenants").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            database_url=f"sqlite:///{Path(tmp) / 'bench.db'}", composer="llm",
            llm=LLMSettings(base_url=url, model="fake", deadline_s=20),
        )
        async with open_app(settings) as app:
            for path in tenants:
                await app.store.tenants.put(load_tenant_file(path))
            slugs = [load_tenant_file(p).slug for p in tenants] + [None]
            questions = [InboundMessage(text=t, tenant=slugs[i % len(slugs)],
                                        platform="bench", user_id=f"u{i}")
                         for i, t in enumerate(texts)]
            await app.bot.knowledge.index()  # build the index outside the timing
            fresh_s, replies, latencies = await run_pass(app, questions, args.concurrency)
            cached_s, again, _ = await run_pass(app, questions, args.concurrency)
            figures = await collect(app.store)
    answered = [r for r in replies if r.action is Action.ANSWER]
    llm_answers = sum(1 for r in answered if r.composer == "llm")
    return {
        "questions": len(questions),
        "concurrency": args.concurrency,
        "server_latency_s": args.latency,
        "fresh": {
            "wall_s": round(fresh_s, 3),
            "answers_per_s": round(len(questions) / fresh_s, 1),
            "latency_p50_s": round(statistics.median(latencies), 3),
            "latency_p95_s": round(pct(latencies, 0.95), 3),
            "serial_would_take_s": round(args.latency * llm_answers, 1),
            "llm_answers": llm_answers,
            "answers": len(answered),
        },
        "cached": {
            "wall_s": round(cached_s, 3),
            "answers_per_s": round(len(questions) / cached_s, 1),
            "cache_hits": sum(1 for r in again if r.composer == "llm-cached"),
        },
        "prompt_tokens_per_answer": figures["prompt_tokens_per_llm_answer"],
        "completion_tokens_total": figures["completion_tokens"],
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.3)
    args = parser.parse_args()
    # The fake runs in its own process, so its CPU does not count against the bot's.
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.llm.fakeserver", "--port", "0", "--latency",
         str(args.latency), "--count"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split(" on ")[1].split(" ")[0]
        result = asyncio.run(measure(args, url))
    finally:
        server.terminate()
        out = server.communicate(timeout=10)[0]
    result["chat_requests"] = int(out.split("requests:")[-1].split()[0])
    print(json.dumps(result, indent=2))
