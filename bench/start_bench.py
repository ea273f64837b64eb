"""Benchmark start-up: how long until the first answer, without and with the saved index.

For knowledge bases of 55 (the bundled entries), 1,000 and 10,000 entries (synthetic ones
as in answer_bench.py), each in a fresh SQLite database:

- `mspbot ask "..."`: wall time of the whole process, cold (an empty MSPBOT_INDEX_DIR,
  so every index part is fitted and saved) and warm (the saved parts loaded);
- `mspbot serve`: from starting the process to the first answer reaching a fake Slack
  Web API on 127.0.0.1 (the event is re-delivered until the server acks it), cold and
  warm, and the server's resident memory (VmRSS, and the part of it that is file-backed,
  i.e. the memory-mapped index shared with other processes) once it has answered.

Cold figures are one run each by default (a cold start at 10,000 entries takes a
minute); warm figures are the median of `--runs`.

    .venv/bin/python bench/start_bench.py [--sizes 55,1000,10000] [--runs 5] [--cold-runs 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.answer_bench import seed, synthetic  # noqa: E402
from bench.benchkit import FakeSlackWebApi  # noqa: E402
from tests.replicas.harness import (  # noqa: E402
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

MSPBOT = [sys.executable, "-m", "bot"]
QUESTION = "Why isn't my email fixed yet? It's been 4 hours."


def ask_seconds(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*MSPBOT, "ask", QUESTION], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, RssFile) of a process, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields.get("RssFile", "0 kB").split()[0])


async def serve_first_answer(env: dict[str, str], log: Path, n: int) -> tuple[float, int, int]:
    """Seconds from starting `mspbot serve` to its first answer; and its memory then."""
    fake = FakeSlackWebApi(BOT_USER, MSP_TEAM, CHANNEL)
    await fake.start()
    env = {**env, "MSPBOT_SLACK_API_URL": fake.url}
    ts, body = slack_event(n, QUESTION, prefix="EvStart")
    start = time.perf_counter()
    replica = await Replica.start(env, log)
    try:
        async with aiohttp.ClientSession() as session:
            attempt = 0
            while await post_event(session, replica.url, body, attempt or None) // 100 != 2:
                if replica.proc.returncode is not None:
                    raise RuntimeError(f"serve exited:\n{replica.tail()}")
                attempt += 1
                await asyncio.sleep(0.02)
            while ts not in fake.answered_at:
                if time.perf_counter() - start > 600:
                    raise RuntimeError(f"no answer in 600 s:\n{replica.tail()}")
                await asyncio.sleep(0.01)
        elapsed = fake.answered_at[ts][0] - start
        rss, rss_file = memory_kb(replica.proc.pid)
        return elapsed, rss, rss_file
    finally:
        await replica.stop()
        await fake.stop()


async def bench_size(size: int, tmp: Path, runs: int, cold_runs: int) -> dict[str, float]:
    home = tmp / f"kb{size}"
    env = replica_env(f"sqlite:///{home / 'mspbot.db'}", "http://127.0.0.1:9/api/", home)
    if size != 55:
        print(f"  seeding {size} entries...", file=sys.stderr, flush=True)
        await seed(env["MSPBOT_DATABASE_URL"], synthetic(size))
    await cli({**env, "MSPBOT_INDEX_DIR": "off"}, "tenants", "import", *map(str, TENANT_FILES))
    result: dict[str, float] = {}
    cold_ask, cold_serve = [], []
    for i in range(cold_runs):
        print(f"  {size}: cold ask {i + 1}/{cold_runs}...", file=sys.stderr, flush=True)
        cold_ask.append(ask_seconds({**env, "MSPBOT_INDEX_DIR": str(tmp / f"cold-ask{size}-{i}")}))
        print(f"  {size}: cold serve {i + 1}/{cold_runs}...", file=sys.stderr, flush=True)
        cold_env = {**env, "MSPBOT_INDEX_DIR": str(tmp / f"cold-serve{size}-{i}")}
        cold_serve.append((await serve_first_answer(cold_env, tmp / "serve.log", i))[0])
    warm_env = {**env, "MSPBOT_INDEX_DIR": str(tmp / f"cold-ask{size}-0")}
    print(f"  {size}: warm ask x{runs}...", file=sys.stderr, flush=True)
    warm_ask = [ask_seconds(warm_env) for _ in range(runs)]
    print(f"  {size}: warm serve x{runs}...", file=sys.stderr, flush=True)
    warm = [await serve_first_answer(warm_env, tmp / "serve.log", 100 + i) for i in range(runs)]
    result["cold_ask"] = statistics.median(cold_ask)
    result["warm_ask"] = statistics.median(warm_ask)
    result["cold_serve"] = statistics.median(cold_serve)
    result["warm_serve"] = statistics.median(w[0] for w in warm)
    result["rss_mb"] = statistics.median(w[1] for w in warm) / 1024
    result["rss_file_mb"] = statistics.median(w[2] for w in warm) / 1024
    return result


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="55,1000,10000")
    parser.add_argument("--runs", type=int, default=5, help="warm runs (median)")
    parser.add_argument("--cold-runs", type=int, default=1, help="cold runs (median)")
    args = parser.parse_args()
    print(f"{'entries':>8} {'ask cold s':>11} {'ask warm s':>11} {'serve cold s':>13} "
          f"{'serve warm s':>13} {'serve RSS MB':>13} {'of it mapped':>13}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            r = await bench_size(size, Path(tmp), args.runs, args.cold_runs)
            print(f"{size:>8} {r['cold_ask']:>11.2f} {r['warm_ask']:>11.2f} "
                  f"{r['cold_serve']:>13.2f} {r['warm_serve']:>13.2f} {r['rss_mb']:>13.0f} "
                  f"{r['rss_file_mb']:>13.0f}", flush=True)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
