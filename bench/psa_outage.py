"""PSA outage run: reports arrive while ConnectWise refuses connections, then it returns.

An mspbot App in this process (SQLite by default, or --postgres) with MSPBOT_PSA=connectwise
against the fake ConnectWise REST API on 127.0.0.1 (tests/psa/fakes). The fake refuses
connections, N reports arrive through Bot.handle (C at a time), the outage lasts at least
--outage seconds, then the fake accepts connections again and the outbox drains. The
outbox settings are the defaults (reply wait 1 s, retries from 1 s doubling to 300 s)
unless MSPBOT_PSA_* variables are set.

It prints: reply times (p50/p95), the pending backlog when the PSA came back, the time
until it was empty, the gauge every few seconds while it drained, and how many PSA tickets
exist per report. Exit status 1 if any report has no PSA ticket or more than one.

    .venv/bin/python bench/psa_outage.py [--reports 100] [--outage 60] [--concurrency 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchkit import percentile
from bot.workflows.outbox_worker import psa_key
from tests.pg import create_database, drop_database, unreachable_reason
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.outage import run_outage, tickets_per_key
from tests.psa.psa_app import Messages, cw_env, psa_app


async def main(args: argparse.Namespace, database_url: str) -> int:
    fake = FakeConnectWise()
    await fake.start()
    # the defaults, unless the caller set MSPBOT_PSA_* themselves
    env = cw_env(fake)
    for name in ("MSPBOT_PSA_REPLY_WAIT_S", "MSPBOT_PSA_RETRY_MIN_S", "MSPBOT_PSA_RETRY_MAX_S",
                 "MSPBOT_PSA_POLL_S", "MSPBOT_PSA_LEASE_S", "MSPBOT_PSA_TIMEOUT_S"):
        env.pop(name)
        if os.environ.get(name):
            env[name] = os.environ[name]
    messages = Messages()
    try:
        async with psa_app(database_url, env, messages) as app:
            print(f"{args.reports} reports, {args.concurrency} at a time, while the PSA "
                  f"refuses connections for at least {args.outage:.0f} s ...", flush=True)
            figures = await run_outage(app, fake, messages, reports=args.reports,
                                       outage_s=args.outage, concurrency=args.concurrency)
            tickets = [await app.store.tickets.get(r.ticket.id) for r in figures.replies
                       if r.ticket is not None]
    finally:
        await fake.stop()
    per_key = tickets_per_key(fake)
    expected = [psa_key(t) for t in tickets if t is not None]
    missing = sum(1 for key in expected if per_key[key] == 0)
    doubled = sum(1 for key in expected if per_key[key] > 1)
    print(f"outage: {figures.outage_s:.1f} s; replies p50 {percentile(figures.reply_s, .5):.2f}"
          f" s, p95 {percentile(figures.reply_s, .95):.2f} s")
    print(f"pending when the PSA returned: {figures.pending_at_return:.0f}; empty after "
          f"{figures.drain_s:.1f} s")
    step = max(1, len(figures.samples) // 12)
    print("drain (s after return: pending): " + ", ".join(
        f"{t:.1f}: {v:.0f}" for t, v in figures.samples[::step]))
    print(f"PSA tickets: {len(fake.tickets)} for {len(expected)} reports; missing {missing}, "
          f"doubled {doubled}; numbers told afterwards: {len(messages.posts)}")
    return 1 if missing or doubled else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--outage", type=float, default=60.0, help="seconds (at least)")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--postgres", action="store_true",
                        help="a throw-away PostgreSQL database instead of SQLite")
    parsed = parser.parse_args()
    if parsed.reports < 1 or parsed.concurrency < 1 or parsed.outage < 0:
        parser.error("--reports and --concurrency must be positive, --outage not negative")
    if parsed.postgres:
        reason = unreachable_reason()
        if reason:
            parser.error(reason)
        name, url = create_database("mspbot_bench")
        try:
            sys.exit(asyncio.run(main(parsed, url)))
        finally:
            drop_database(name)
    with tempfile.TemporaryDirectory() as tmp:
        sys.exit(asyncio.run(main(parsed, f"sqlite:///{tmp}/bench.db")))
