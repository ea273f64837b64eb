"""The PSA outbox on SQLite and PostgreSQL against the fake ConnectWise: the PSA down, a
crash between the PSA's answer and "done", two replicas on one database, a permanent
refusal, Retry-After."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from prometheus_client import REGISTRY

from bot.core.models import OutboxKind, OutboxState
from bot.psa.config import OutboxConfig
from bot.psa.connectwise import ConnectWise
from bot.psa.types import PsaTemporaryError
from bot.store import NewTicket, Store, Ticket
from bot.store.outbox import PsaTarget
from bot.workflows.outbox_worker import OutboxWorker, psa_key
from tests.pg import pg_database, postgres  # noqa: F401  (fixtures)
from tests.psa.conftest import cw_config
from tests.psa.fakes.connectwise import FakeConnectWise
from tests.psa.psa_app import Messages

FAST = OutboxConfig(reply_wait_s=0.05, retry_min_s=0.05, retry_max_s=0.2, lease_s=30.0,
                    poll_s=0.05, batch=5)
ACME = PsaTarget("connectwise", "250")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'outbox.db'}"
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[Store]:
    opened = await Store.open(db_url)
    yield opened
    await opened.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeConnectWise]:
    server = FakeConnectWise()
    await server.start()
    yield server
    await server.stop()


async def report(store: Store, n: int, target: PsaTarget | None = ACME) -> Ticket:
    return await store.tickets.create(NewTicket(
        key=f"slack:Ev{n}", tenant="acme-dental", platform="slack",
        conversation=f"slack:C1:{n}.0", requester="U1", requester_name="Dana Reyes",
        summary=f"printer {n} is offline", description=f"The printer in room {n} is offline.",
        reason="request", priority="P3", response_due=None), target)


def worker_on(store: Store, fake: FakeConnectWise, owner: str,
              config: OutboxConfig = FAST, messages: Messages | None = None,
              ) -> tuple[OutboxWorker, ConnectWise]:
    system = ConnectWise(cw_config(fake))
    return OutboxWorker(store, system, config,
                        {"slack": messages} if messages else {}, owner=owner), system


async def until(condition: Callable[[], Awaitable[bool]], step: Callable[[], Awaitable[object]],
                what: str, attempts: int = 400) -> None:
    """Run `step` until `condition` holds (a bounded number of times, never a timing)."""
    for _ in range(attempts):
        if await condition():
            return
        with contextlib.suppress(PsaTemporaryError):
            await step()
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


async def nothing_pending(store: Store) -> bool:
    return (await store.outbox.counts()).pending == 0


def keys_in(fake: FakeConnectWise) -> list[str]:
    return sorted(t["externalXRef"] for t in fake.tickets.values())


def gauge(state: str) -> float | None:
    return REGISTRY.get_sample_value("mspbot_psa_outbox_items", {"state": state})


async def test_the_ticket_row_and_its_outbox_row_commit_together(store: Store) -> None:
    ticket = await report(store, 1)
    [item] = await store.outbox.find(ticket_id=ticket.id)
    assert item.kind is OutboxKind.CREATE and item.state is OutboxState.PENDING
    assert item.company_id == "250" and item.system == "connectwise"
    again = await report(store, 1)  # the same report again: no second ticket, no second row
    assert again.id == ticket.id and len(await store.outbox.find()) == 1
    plain = await report(store, 2, target=None)  # an unmapped tenant: nothing to send
    assert await store.outbox.find(ticket_id=plain.id) == []


async def test_while_the_psa_refuses_connections_nothing_is_lost_or_doubled(
        store: Store, fake: FakeConnectWise) -> None:
    tickets = [await report(store, n) for n in range(7)]
    worker, system = worker_on(store, fake, "a")
    try:
        await fake.refuse_connections()
        with pytest.raises(PsaTemporaryError):
            await worker.send_due()
        counts = await store.outbox.counts()
        assert counts.pending == 7 and counts.failed == 0
        assert gauge("pending") == 7
        attempted = [i for i in await store.outbox.find() if i.attempts]
        assert len(attempted) == 1  # one probe while the PSA is away, the rest untouched
        assert attempted[0].last_error is not None
        await fake.accept_connections()
        await until(lambda: nothing_pending(store), worker.send_due, "the backlog drains")
        assert gauge("pending") == 0
        assert keys_in(fake) == sorted(psa_key(t) for t in tickets)
        for ticket in tickets:
            stored = await store.tickets.get(ticket.id)
            assert stored is not None and stored.psa_system == "connectwise"
            assert stored.psa_number is not None and int(stored.psa_number) in fake.tickets
    finally:
        await worker.close()
        await system.close()


async def test_a_crash_between_the_psa_answer_and_done_makes_no_duplicate(
        db_url: str, store: Store, fake: FakeConnectWise) -> None:
    ticket = await report(store, 1)
    # long enough that the survivor's first look comes before it runs out, even on a
    # loaded machine; short enough to wait out
    short_lease = OutboxConfig(**{**FAST.__dict__, "lease_s": 1.5})
    crashing, system_a = worker_on(store, fake, "a", short_lease)

    async def crash(*_args: object) -> bool:
        raise RuntimeError("the process died here")

    crashing.store = await Store.open(db_url)  # replica a, whose "done" never happens
    crashing.store.outbox.complete = crash  # type: ignore[method-assign]
    survivor, system_b = worker_on(store, fake, "b")
    try:
        with pytest.raises(RuntimeError):
            await crashing.send_due()
        assert len(fake.tickets) == 1  # the PSA has it, the outbox does not know
        assert (await store.outbox.counts()).pending == 1
        assert await survivor.send_due() == 0  # still leased to the crashed worker
        await until(lambda: nothing_pending(store), survivor.send_due,
                    "the lease runs out and the row is replayed")
        assert len(fake.tickets) == 1 and keys_in(fake) == [psa_key(ticket)]
        assert len(fake.requests_to("POST", "/service/tickets")) == 1
        stored = await store.tickets.get(ticket.id)
        [remote] = fake.tickets.values()
        assert stored is not None and stored.psa_number == str(remote["id"])
    finally:
        await crashing.close()
        await survivor.close()
        await crashing.store.close()
        await system_a.close()
        await system_b.close()


async def test_two_replicas_on_one_database_send_each_row_once(
        db_url: str, store: Store, fake: FakeConnectWise) -> None:
    tickets = [await report(store, n) for n in range(30)]
    other = await Store.open(db_url)  # the second replica's own engine and pool
    first, system_a = worker_on(store, fake, "replica-a")
    second, system_b = worker_on(other, fake, "replica-b")
    try:
        async def drain(worker: OutboxWorker) -> None:
            await until(lambda: nothing_pending(store), worker.send_due, "drained")

        await asyncio.gather(drain(first), drain(second))
        assert keys_in(fake) == sorted(psa_key(t) for t in tickets)
        assert len(fake.requests_to("POST", "/service/tickets")) == 30
        done = await store.outbox.find(state=OutboxState.DONE)
        assert len(done) == 30
    finally:
        await first.close()
        await second.close()
        await other.close()
        await system_a.close()
        await system_b.close()


async def test_a_permanent_refusal_fails_the_row_tells_staff_and_is_not_retried(
        store: Store, fake: FakeConnectWise) -> None:
    ticket = await report(store, 1)
    await store.tickets.add_note(ticket.id, "also the scanner", "U1", ACME)
    messages = Messages()
    worker, system = worker_on(store, fake, "a", messages=messages)
    fake.fail_next(401, path="/service/tickets")  # e.g. the API keys were revoked
    try:
        # the reply waiting for the PSA's number hears at once that none is coming
        waiting = asyncio.ensure_future(worker.number_for(ticket.id, timeout_s=30.0))
        await asyncio.sleep(0)
        assert await worker.send_due() == 0
        assert await asyncio.wait_for(waiting, 5.0) is None
        items = await store.outbox.find(ticket_id=ticket.id)
        assert [i.state for i in items] == [OutboxState.FAILED, OutboxState.FAILED]
        assert items[0].error_status == 401
        assert await worker.send_due() == 0  # nothing is claimable: never retried
        assert len(fake.requests_to("POST", "/service/tickets")) == 0
        assert (await store.outbox.counts()).failed == 2 and gauge("failed") == 2
        await until(lambda: _true(bool(messages.staff)), _noop, "staff are told")
        [notice] = messages.staff
        assert f"#{ticket.id}" in notice and "401" in notice
        assert f"mspbot tickets resend {ticket.id}" in notice
        # staff fixed the cause: the ticket, then its note, go through
        assert await store.outbox.requeue(ticket.id) == 2
        await until(lambda: nothing_pending(store), worker.send_due, "resent")
        [remote] = fake.tickets.values()
        assert [n["text"] for n in fake.notes[remote["id"]][1:]] == ["also the scanner"]
    finally:
        await worker.close()
        await system.close()


async def test_a_note_waits_for_its_ticket_and_lands_on_it(
        store: Store, fake: FakeConnectWise) -> None:
    ticket = await report(store, 1)
    await store.tickets.add_note(ticket.id, "it prints blank pages now", "U1", ACME)
    worker, system = worker_on(store, fake, "a")
    try:
        await until(lambda: nothing_pending(store), worker.send_due, "both sent")
        [remote] = fake.tickets.values()
        notes = fake.notes[remote["id"]]
        assert [n["text"] for n in notes[1:]] == ["it prints blank pages now"]
    finally:
        await worker.close()
        await system.close()


async def test_retry_after_from_the_psa_is_honoured(store: Store,
                                                    fake: FakeConnectWise) -> None:
    await report(store, 1)
    worker, system = worker_on(store, fake, "a")
    fake.fail_next(429, retry_after="7")
    try:
        before = dt.datetime.now(dt.UTC)
        with pytest.raises(PsaTemporaryError):
            await worker.send_due()
        [item] = await store.outbox.find()
        assert item.state is OutboxState.PENDING and item.error_status == 429
        assert item.next_attempt_at >= before + dt.timedelta(seconds=7)
        assert await worker.send_due() == 0  # not due yet: no request is made
        assert len(fake.requests) == 1  # the lookup of the key, refused; nothing since
    finally:
        await worker.close()
        await system.close()


async def _true(value: bool) -> bool:
    return value


async def _noop() -> None:
    await asyncio.sleep(0)
