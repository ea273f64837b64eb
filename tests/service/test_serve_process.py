"""`mspbot serve` as a real process: start-up validation and graceful shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.store import schema
from tests.dbpeek import rows
from tests.replicas.harness import free_port
from tests.slack.conftest import SECRET, SlackSender, payload
from tests.slack.fake_slack import MSP_TEAM, FakeSlack

ROOT = Path(__file__).resolve().parents[2]


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MSPBOT_", "SLACK_", "MICROSOFT_", "OPENAI_", "AZURE_"))}
    env.update({"MSPBOT_HOME": str(home), "MSPBOT_LOG_FORMAT": "json",
                "MSPBOT_EMERGENCY_CONTACT": "+1 555 0100 (Northwind IT, 24/7)"}, **extra)
    return env


@contextlib.contextmanager
def only_environment(env: dict[str, str]) -> Iterator[None]:
    """os.environ is exactly `env` inside (serve's config file writes into it), as it
    was before afterwards."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def serve_check(env: dict[str, str], *args: str) -> Result:
    """`mspbot serve --check ARGS` in this process, with exactly `env` as its environment:
    the same code path as the console script up to the exit status (a process costs about
    1.5 s of CPU; one real process is started by the test after this one)."""
    with only_environment(env):
        return CliRunner().invoke(cli, ["serve", "--check", *args], catch_exceptions=False)


@pytest.mark.parametrize(("extra", "message"), [
    ({"MSPBOT_RATE_USER_PER_MIN": "lots"}, "MSPBOT_RATE_USER_PER_MIN must be a whole number"),
    ({"MSPBOT_LOG_LEVEL": "loud"}, "MSPBOT_LOG_LEVEL must be one of"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is required"),
    ({"MICROSOFT_APP_ID": "not-a-guid-but-set"}, "MICROSOFT_APP_PASSWORD"),
    ({"MSPBOT_COMPOSER": "llm"}, "MSPBOT_COMPOSER=llm needs an endpoint"),
    ({"MSPBOT_EMERGENCY_CONTACT": ""}, "MSPBOT_EMERGENCY_CONTACT is required by mspbot serve"),
])
def test_bad_settings_stop_the_start_with_one_clear_line(
    tmp_path: Path, extra: dict[str, str], message: str
) -> None:
    done = serve_check(environment(tmp_path, **extra))
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: configuration: ") and message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "mspbot.db").exists()  # nothing opened before the check


def test_a_bad_setting_stops_the_real_process_before_it_opens_anything(tmp_path: Path) -> None:
    """The console process itself (not --check): status 1, one line, no database."""
    done = subprocess.run([sys.executable, "-m", "bot", "serve", "--port", str(free_port())],
                          env=environment(tmp_path, MSPBOT_LOG_LEVEL="loud"), cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: configuration: MSPBOT_LOG_LEVEL must be one of")
    assert done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "mspbot.db").exists()


def test_config_file_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / "mspbot.toml"
    config.write_text('SLACK_BOT_TOKEN = "xoxb-from-file"\nSLACK_SIGNING_SECRET = "s"\n'
                      'MSPBOT_TEAMS_DEV_ANONYMOUS = true\n', encoding="utf-8")
    ok = serve_check(environment(tmp_path), "--config", str(config))
    assert ok.exit_code == 0, ok.stderr
    assert "platforms: slack (http), teams" in ok.stdout
    via_env = serve_check(environment(tmp_path, MSPBOT_CONFIG=str(config)))
    assert "platforms: slack (http), teams" in via_env.stdout
    config.write_text('SLACK_BOT_TOKN = "x"\n', encoding="utf-8")
    bad = serve_check(environment(tmp_path), "--config", str(config))
    assert bad.exit_code == 1 and "did you mean SLACK_BOT_TOKEN?" in bad.stderr


def contents(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")


async def wait_for_line(log: Path, text: str, within_s: float) -> None:
    deadline = time.monotonic() + within_s
    while text not in contents(log):
        assert time.monotonic() < deadline, f"no {text!r} in {within_s} s:\n{contents(log)}"
        await asyncio.sleep(0.05)


async def test_sigterm_finishes_answers_in_flight_then_exits_cleanly(tmp_path: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    # Slack is slow: the answer's post is held by the fake until SIGTERM has been handled
    release = fake.held["chat.postMessage"] = asyncio.Event()
    port = free_port()
    env = environment(tmp_path, SLACK_BOT_TOKEN="xoxb-test-token", SLACK_SIGNING_SECRET=SECRET,
                      MSPBOT_SLACK_API_URL=fake.api_url, MSPBOT_SLACK_STAFF_TEAM_ID=MSP_TEAM,
                      MSPBOT_INDEX_DIR=os.environ["MSPBOT_INDEX_DIR"])  # the session's index
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port),
            env=env, cwd=ROOT, stdin=asyncio.subprocess.DEVNULL, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with contextlib.suppress(aiohttp.ClientError, OSError):
                    async with session.get(f"{url}/readyz") as response:
                        if response.status == 200:
                            break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError(log.read_text())
            posted = await SlackSender(session, f"{url}/slack/events").event(
                payload("app_mention"))
            assert posted.status == 200
        await fake.wait_for(lambda: "chat.postMessage" in fake.arrived, 30)  # in flight
        proc.send_signal(signal.SIGTERM)
        await wait_for_line(log, '"event": "stop"', 30)
        assert proc.returncode is None, log.read_text()  # still waiting for the answer
        release.set()
        assert await asyncio.wait_for(proc.wait(), 30) == 0, log.read_text()
        assert len(fake.posts("C0ACMESUPP")) == 1, log.read_text()  # answered before exit
        claims = await rows(f"sqlite:///{tmp_path / 'mspbot.db'}", schema.processed_events)
        assert claims and all(c.done_at is not None for c in claims), claims  # completed
        text = log.read_text()
        assert "xoxb-test-token" not in text and SECRET not in text
    finally:
        release.set()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await fake.stop()
