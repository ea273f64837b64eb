"""The CLI with MSPBOT_PSA=connectwise: `mspbot ask` hands a report to the fake ConnectWise
before it exits; a refused hand-off shows in `mspbot tickets outbox` and `tickets resend`
queues it again."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from tests.conftest import TENANT_FILES
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.psa_app import cw_env


def mspbot(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


class Background:
    """The fake ConnectWise on its own event loop in a thread (the CLI runs its own)."""

    def __init__(self) -> None:
        self.fake = FakeConnectWise()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> FakeConnectWise:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.fake.start(), self.loop).result(10)
        return self.fake

    def __exit__(self, *_exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.fake.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def connectwise(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeConnectWise]:
    with Background() as fake:
        for name, value in cw_env(fake).items():
            monkeypatch.setenv(name, value)
        imported = mspbot("tenants", "import", *map(str, TENANT_FILES))
        assert imported.exit_code == 0, imported.output
        yield fake


def test_a_cli_report_becomes_one_connectwise_ticket(connectwise: FakeConnectWise) -> None:
    asked = mspbot("ask", "--json", "--tenant", "acme-dental",
                   "the printer in reception stopped printing")
    ticket = json.loads(asked.stdout)["ticket"]
    [remote] = connectwise.tickets.values()
    assert (remote["company"]["id"], remote["board"]["name"], remote["priority"]["name"]) == \
        (250, "Service Board", "Priority 3 - Normal Response")
    assert ticket["number"] == str(remote["id"])
    shown = json.loads(mspbot("tickets", "show", str(ticket["id"]), "--json").stdout)
    assert shown["psa"] == f"connectwise {remote['id']}"
    assert [h["state"] for h in shown["psa_handoffs"]] == ["done"]


def test_a_refused_handoff_is_listed_and_can_be_resent(connectwise: FakeConnectWise) -> None:
    connectwise.fail_next(401, path="/service/tickets")
    asked = mspbot("ask", "--json", "--tenant", "acme-dental",
                   "the printer in reception stopped printing")
    ticket = json.loads(asked.stdout)["ticket"]
    assert "number" not in ticket and connectwise.tickets == {}
    [failed] = [json.loads(line) for line in
                mspbot("tickets", "outbox", "--state", "failed", "--json").stdout.splitlines()]
    assert failed["ticket"] == ticket["id"] and failed["error_status"] == 401
    resent = mspbot("tickets", "resend", str(ticket["id"]))
    assert resent.exit_code == 0 and "queued 1 hand-off(s)" in resent.stdout
    [pending] = [json.loads(line) for line in
                 mspbot("tickets", "outbox", "--json").stdout.splitlines()]
    assert pending["state"] == "pending" and pending["attempts"] == 0
    again = mspbot("tickets", "resend", str(ticket["id"]))
    assert again.exit_code == 1 and "no refused hand-off" in again.output
    missing = mspbot("tickets", "resend", "999")
    assert missing.exit_code == 1 and "no ticket #999" in missing.output
