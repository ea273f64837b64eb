"""Benchmark the batch path: answers per second and per-question latency through
`mspbot ask --jsonl`, for knowledge bases of 100, 1,000 and 10,000 entries, plus CLI start-up.

Synthetic entries are generated here (bundled entries plus filler made from the bundled
vocabulary), imported into a fresh SQLite database per size, and the bundled evaluation
questions are replayed through one `mspbot ask --jsonl` process. Latency per question is the
gap between consecutive result lines (the batch answers strictly in order), after the
first line (which includes start-up and index building).

    python bench/answer_bench.py [--sizes 100,1000,10000] [--questions 600]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchkit import percentile  # noqa: E402
from bot.data.resources import bundled_eval, bundled_knowledge  # noqa: E402
from bot.knowledge.entries import Entry, load_directory  # noqa: E402
from bot.knowledge.topics import TOPICS  # noqa: E402
from bot.retrieval.text import content_words  # noqa: E402
from bot.store import Store  # noqa: E402

MSPBOT = [sys.executable, "-m", "bot"]


def synthetic(count: int, seed: int = 7) -> list[Entry]:
    real = load_directory(bundled_knowledge())
    vocab = sorted({w for e in real for w in content_words(" ".join([e.body, *e.questions]))})
    rng = random.Random(seed)
    entries = list(real)
    topics = list(TOPICS)

    def words(n: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(n))

    for i in range(max(0, count - len(real))):
        entries.append(Entry.model_validate({
            "id": f"synthetic-{i:05d}",
            "title": words(6).capitalize(),
            "questions": [words(rng.randint(5, 12)) + "?" for _ in range(8)],
            "topics": [rng.choice(topics)],
            "status": "published",
            "body": words(rng.randint(90, 160)),
        }))
    return entries[:count]


async def seed(db_url: str, entries: list[Entry]) -> None:
    store = await Store.open(db_url)
    try:
        await store.knowledge.put_entries(entries, "bench", "import")
    finally:
        await store.close()


def run_batch(env: dict[str, str], questions: list[str]) -> dict[str, float]:
    stdin = "".join(json.dumps({"id": str(i), "text": q}) + "\n" for i, q in enumerate(questions))
    start = time.perf_counter()
    proc = subprocess.Popen([*MSPBOT, "ask", "--jsonl"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    stamps = []
    for line in proc.stdout:
        stamps.append(time.perf_counter())
        json.loads(line)
    proc.wait()
    total = time.perf_counter() - start
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]
    answering = stamps[-1] - stamps[0]
    return {
        "first_answer_s": stamps[0] - start,
        "answers_per_s": (len(stamps) - 1) / answering if answering else 0.0,
        "p50_ms": statistics.median(gaps),
        "p99_ms": percentile(gaps, 0.99),
        "total_s": total,
    }


def startup(env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*MSPBOT, "--help"], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--questions", type=int, default=600)
    args = parser.parse_args()
    cases = [json.loads(line)["text"] for line in
             (bundled_eval() / "questions.jsonl").read_text().splitlines() if line.strip()]
    questions = [cases[i % len(cases)] for i in range(args.questions)]
    print(f"{'entries':>8} {'answers/s':>10} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'first answer s':>15}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            home = Path(tmp) / f"kb{size}"
            env = {**os.environ, "MSPBOT_HOME": str(home)}
            env.pop("MSPBOT_DATABASE_URL", None)
            print(f"  seeding {size} entries...", file=sys.stderr, flush=True)
            asyncio.run(seed(f"sqlite:///{home / 'mspbot.db'}", synthetic(size)))
            r = run_batch(env, questions)
            print(f"{size:>8} {r['answers_per_s']:>10.0f} {r['p50_ms']:>8.2f} "
                  f"{r['p99_ms']:>8.2f} {r['first_answer_s']:>15.2f}", flush=True)
        print(f"CLI start-up (mspbot --help, median of 5): {startup(env):.2f} s")


if __name__ == "__main__":
    main()
