"""Real `mspbot serve` processes on loopback, a cuttable TCP proxy, and signed Slack events.

Used by the replica and fault tests and by bench/replicas_load.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import aiohttp
from slack_sdk.signature import SignatureVerifier

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[2]
TENANT_FILES = sorted((ROOT / "examples" / "tenants").glob("*.yaml"))
SECRET = "replica-signing-secret"
BOT_USER = "UBOT0001"  # the fake Slack API's auth.test user
MSP_TEAM = "T0MSPTEAM"
CLIENT_TEAM = "T0ACMEDENT"
CHANNEL = "C0ACMESUPP"  # acme-dental's support channel in examples/tenants
STAFF_CHANNEL = "C0STAFF001"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def replica_env(database_url: str, slack_api_url: str, home: Path,
                **extra: str) -> dict[str, str]:
    """The environment of a replica (and of the CLI run against the same database)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MSPBOT_", "SLACK_")) or k == "MSPBOT_INDEX_DIR"}
    env.update({
        "MSPBOT_HOME": str(home),
        "MSPBOT_DATABASE_URL": database_url,
        "MSPBOT_EMERGENCY_CONTACT": "+1 555 0100 (Northwind IT, 24/7)",
        "SLACK_BOT_TOKEN": "xoxb-replica-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "MSPBOT_SLACK_API_URL": slack_api_url,
        "MSPBOT_SLACK_STAFF_CHANNEL": STAFF_CHANNEL,
        "MSPBOT_SLACK_STAFF_TEAM_ID": MSP_TEAM,
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


async def cli(env: dict[str, str], *args: str, check: bool = True) -> CliResult:
    """`mspbot ARGS` in a subprocess (without blocking the event loop)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    result = CliResult(proc.returncode or 0, out.decode(), err.decode())
    if check and result.returncode != 0:
        raise AssertionError(f"mspbot {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


async def cli_in_process(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                         *args: str) -> CliResult:
    """`mspbot ARGS` with `env`'s MSPBOT_ and SLACK_ settings, run in this process (in a
    thread, as the CLI runs its own event loop): the commands `cli` runs, without starting
    an interpreter (about a second of CPU). For a command that must be its own process (a
    kill, a race), use `cli`."""
    for name in list(os.environ):
        if name.startswith(("MSPBOT_", "SLACK_")):
            monkeypatch.delenv(name)
    for name, value in env.items():
        if name.startswith(("MSPBOT_", "SLACK_")):
            monkeypatch.setenv(name, value)
    from click.testing import CliRunner

    from bot.cli import cli as command

    done = await asyncio.to_thread(CliRunner().invoke, command, list(args),
                                   catch_exceptions=False)
    if done.exit_code != 0:
        raise AssertionError(f"mspbot {' '.join(args)} failed ({done.exit_code}):\n"
                             f"{done.output}")
    return CliResult(done.exit_code, done.stdout, done.stderr)


@dataclass
class Replica:
    """One `mspbot serve` process on 127.0.0.1."""

    proc: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    async def start(cls, env: dict[str, str], log: Path) -> Replica:
        port = free_port()
        handle = log.open("wb")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port),
            env=env, cwd=ROOT, stdin=asyncio.subprocess.DEVNULL, stdout=handle, stderr=handle,
        )
        handle.close()
        return cls(proc, port, log)

    async def wait_ready(self, session: aiohttp.ClientSession, within_s: float = 60.0) -> None:
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            if self.proc.returncode is not None:
                raise AssertionError(f"replica exited ({self.proc.returncode}):\n{self.tail()}")
            with contextlib.suppress(aiohttp.ClientError, OSError):
                async with session.get(f"{self.url}/readyz") as resp:
                    if resp.status == 200:
                        return
            await asyncio.sleep(0.2)
        raise AssertionError(f"replica on {self.port} not ready in {within_s} s:\n{self.tail()}")

    async def status(self, session: aiohttp.ClientSession, path: str) -> int:
        try:
            async with session.get(f"{self.url}{path}",
                                   timeout=aiohttp.ClientTimeout(total=15)) as resp:
                return resp.status
        except (aiohttp.ClientError, OSError, TimeoutError):
            return 0

    async def stop(self, grace_s: float = 25.0) -> None:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), grace_s)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()

    async def metric(self, session: aiohttp.ClientSession, sample: str) -> float:
        """The value of one sample of /metrics (`name{labels}` exactly as exposed), 0 if
        it is not there yet."""
        async with session.get(f"{self.url}/metrics",
                               timeout=aiohttp.ClientTimeout(total=15)) as resp:
            text = await resp.text()
        for line in text.splitlines():
            name, _, value = line.rpartition(" ")
            if name == sample:
                return float(value)
        return 0.0

    def tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


# -- Slack events -------------------------------------------------------------------------


def slack_event(n: int, text: str, *, prefix: str = "Ev") -> tuple[str, str]:
    """A signed-ready app_mention: (its ts, the JSON body). Distinct n, distinct message."""
    ts = f"1700200000.{n:06d}"
    body = {
        "token": "test", "team_id": MSP_TEAM, "api_app_id": "A0MSPBOT01",
        "type": "event_callback", "event_id": f"{prefix}{n:010d}", "event_time": 1700200000,
        "authorizations": [{"team_id": MSP_TEAM, "user_id": BOT_USER, "is_bot": True,
                            "enterprise_id": None, "is_enterprise_install": False}],
        "event": {"type": "app_mention", "user": f"U{n % 89:08d}", "team": CLIENT_TEAM,
                  "user_team": CLIENT_TEAM, "channel": CHANNEL, "ts": ts, "event_ts": ts,
                  "text": f"<@{BOT_USER}> {text}"},
    }
    return ts, json.dumps(body)


def signed_headers(body: str, retry_num: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts,
                                                                          body=body),
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_error"
    return headers


async def post_event(session: aiohttp.ClientSession, url: str, body: str,
                     retry_num: int | None = None) -> int:
    """POST one delivery; the HTTP status, or 0 when the connection failed."""
    try:
        async with session.post(f"{url}/slack/events", data=body.encode(),
                                headers=signed_headers(body, retry_num),
                                timeout=aiohttp.ClientTimeout(total=10)) as resp:
            await resp.read()
            return resp.status
    except (aiohttp.ClientError, OSError, TimeoutError):
        return 0


async def deliver(session: aiohttp.ClientSession, url: str, body: str,
                  attempts: int = 30, pause_s: float = 0.5) -> int:
    """Deliver the way Slack does: retried (with X-Slack-Retry-Num) until a 2xx ack.
    Returns the number of the attempt that was accepted; raises if none was."""
    for attempt in range(attempts):
        status = await post_event(session, url, body, attempt or None)
        if 200 <= status < 300:
            return attempt
        await asyncio.sleep(pause_s)
    raise AssertionError(f"no delivery accepted in {attempts} attempts")


# -- a TCP proxy that can be cut --------------------------------------------------------


@dataclass
class TcpProxy:
    """127.0.0.1:port -> target. `cut()` resets every connection and refuses new ones (a
    database that went away); `restore()` listens again on the same port."""

    target_port: int
    target_host: str = "127.0.0.1"
    port: int = field(default_factory=free_port)
    _server: asyncio.Server | None = None
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", self.port)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(self.target_host,
                                                                 self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            self._writers.discard(writer)
            writer.transport.abort()

    async def cut(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()  # refuse new connections
        for writer in list(self._writers):
            writer.transport.abort()  # reset the open ones
        self._writers.clear()
        if server is not None:
            await server.wait_closed()

    async def restore(self) -> None:
        if self._server is None:
            await self.start()

    async def stop(self) -> None:
        await self.cut()
