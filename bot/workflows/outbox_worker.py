"""Sending the PSA outbox: one worker task per process, leased rows, backoff while the PSA
is away.

Each round claims a batch of due rows. The first is sent alone (a probe): while the PSA is
down only that one attempt is made, and the rest are given back untouched. A temporary
failure ends the round; tenacity then waits, doubling with jitter from MSPBOT_PSA_RETRY_MIN_S
up to MSPBOT_PSA_RETRY_MAX_S, and never less than the PSA's Retry-After. A permanent refusal
fails the row for good and tells staff. A crash between the PSA's answer and "done" leaves
the row leased; when the lease runs out another worker sends it again and the connector finds
the ticket by its idempotency key instead of creating a second one.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
import os
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    wait_exponential,
    wait_random,
)
from tenacity.wait import wait_base

from bot.core.models import OutboxKind
from bot.core.ports import Messenger
from bot.psa.config import OutboxConfig
from bot.psa.types import (
    NewTicket,
    Priority,
    PsaError,
    PsaPermanentError,
    PsaTemporaryError,
    TicketSystem,
)
from bot.service import metrics
from bot.store import Store, Ticket
from bot.store.common import now
from bot.store.outbox import OutboxItem
from bot.workflows.outbox_notices import follow_up, tell_staff
from bot.workflows.tasks import TaskSet

log = logging.getLogger(__name__)
RETRY_AFTER_CAP_S = 3600.0  # a Retry-After beyond an hour is read as an hour


def psa_key(ticket: Ticket) -> str:
    """The idempotency key the PSA ticket carries: stable for one report, 39 characters."""
    return "mspbot-" + hashlib.sha256(ticket.key.encode()).hexdigest()[:32]


def psa_ticket(ticket: Ticket, company_id: str) -> NewTicket:
    description = (f"{ticket.description}\n\nLogged by mspbot as #{ticket.id} from "
                   f"{ticket.platform}, provisional priority {ticket.priority} ({ticket.reason}).")
    return NewTicket(key=psa_key(ticket), company_id=company_id, summary=ticket.summary,
                     description=description, priority=Priority(ticket.priority),
                     requester_name=ticket.requester_name or ticket.requester)


@dataclass(frozen=True)
class Attempt:
    sent: bool
    retry: PsaTemporaryError | None = None  # met a temporary failure: try again later


class _BackoffOrRetryAfter(wait_base):
    """tenacity's exponential wait plus jitter, but never shorter than the server's hint."""

    def __init__(self, first_s: float, max_s: float) -> None:
        self._backoff = wait_exponential(multiplier=first_s, max=max_s) + \
            wait_random(0, first_s)

    def __call__(self, retry_state: RetryCallState) -> float:
        delay = float(self._backoff(retry_state))
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None else None
        hint = getattr(error, "retry_after", None)
        if isinstance(hint, int | float) and hint > 0:
            return max(delay, min(float(hint), RETRY_AFTER_CAP_S))
        return delay


class OutboxWorker:
    def __init__(self, store: Store, system: TicketSystem, config: OutboxConfig,
                 messengers: Mapping[str, Messenger], *, owner: str | None = None) -> None:
        self.store = store
        self.system = system
        self.config = config
        self.messengers = messengers
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.announces = system.name != "email"  # an email gets no number back
        self.last_error: str | None = None
        self.psa_away = False  # the last attempt met a temporary failure
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._flushing = False
        self._waiters: dict[int, list[asyncio.Future[str | None]]] = {}
        self._side = TaskSet()  # follow-up messages and staff notices

    # -- for the hand-off ----------------------------------------------------------------

    def wake(self) -> None:
        self._wake.set()

    async def number_for(self, ticket_id: int, timeout_s: float) -> str | None:
        """The PSA's number for the ticket if this process sends it within `timeout_s`;
        None at once when the PSA refuses it."""
        future: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(ticket_id, []).append(future)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout_s)
        except TimeoutError:
            return None
        finally:
            waiting = self._waiters.get(ticket_id, [])
            if future in waiting:
                waiting.remove(future)
            if not waiting:
                self._waiters.pop(ticket_id, None)

    # -- the loop ------------------------------------------------------------------------

    async def run(self) -> None:
        """Until `stop`: send what is due, then wait for a wake-up or the poll interval."""
        while not self._stop.is_set():
            try:
                await self._drain()
            except PsaTemporaryError:
                pass  # stopping while the PSA was away: the rows wait for the next start
            except Exception:  # the database is away, or a bug: keep the loop alive
                log.exception("the PSA outbox worker failed; trying again shortly")
                await self._sleep(self.config.poll_s)
            if self._flushing:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.config.poll_s)
            self._wake.clear()

    async def stop(self, task: asyncio.Task[None], flush_s: float) -> None:
        """Send what is due for up to `flush_s` seconds, then stop (the rest waits in the
        database for the next worker)."""
        self._flushing = True
        self._wake.set()
        done, _ = await asyncio.wait({task}, timeout=flush_s)
        self._stop.set()
        if not done:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(task, timeout=max(1.0, self.system_timeout_s()))
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.close(min(flush_s, 5.0))

    async def close(self, grace_s: float = 5.0) -> None:
        """Let the follow-up messages and staff notices under way finish (within grace)."""
        await self._side.drain(grace_s)

    def system_timeout_s(self) -> float:
        timeout = getattr(getattr(self.system, "cfg", None), "timeout_s", 10.0)
        return float(timeout) if isinstance(timeout, int | float) else 10.0

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    async def _drain(self) -> None:
        retrying = AsyncRetrying(
            retry=retry_if_exception_type(PsaTemporaryError),
            wait=_BackoffOrRetryAfter(self.config.retry_min_s, self.config.retry_max_s),
            stop=lambda _state: self._stop.is_set(),
            sleep=self._sleep, reraise=True)
        async for attempt in retrying:
            with attempt:
                await self.send_due()

    async def send_due(self) -> int:
        """Send every due row, batch by batch; how many were sent. Raises the first
        PsaTemporaryError (after giving the round's unsent rows back)."""
        sent = 0
        try:
            while not self._stop.is_set():
                items = await self.store.outbox.claim(self.owner, self.config.lease_s,
                                                      self.config.batch)
                if not items:
                    return sent
                probe = await self.send(items[0])
                if probe.retry is not None:
                    await self._give_back(items[1:])
                    raise probe.retry
                results = [probe, *await asyncio.gather(*(self.send(i) for i in items[1:]))]
                sent += sum(1 for r in results if r.sent)
                await self.refresh_metrics()  # the backlog, visibly draining
                problems = [r.retry for r in results if r.retry is not None]
                if problems:
                    raise problems[0]
            return sent
        finally:
            await self.refresh_metrics()

    async def _give_back(self, items: list[OutboxItem]) -> None:
        for item in items:
            await self.store.outbox.release(item, self.owner)

    async def send(self, item: OutboxItem) -> Attempt:
        """One attempt at one claimed row."""
        ticket = await self.store.tickets.get(item.ticket_id)
        assert ticket is not None  # rows reference their ticket (a foreign key)
        try:
            number = await self._hand_over(item, ticket)
        except PsaPermanentError as exc:
            await self._refused(item, ticket, exc)
            return Attempt(sent=False)
        except PsaError as exc:  # PsaTemporaryError, or a failure not classified
            error = exc if isinstance(exc, PsaTemporaryError) else PsaTemporaryError(str(exc))
            self.last_error = f"{type(exc).__name__}: {exc}"[:500]
            self.psa_away = True
            metrics.PSA_SENDS.labels(item.kind.value, "temporary").inc()
            hint = error.retry_after or self.config.retry_min_s
            until = now() + dt.timedelta(seconds=min(hint, RETRY_AFTER_CAP_S))
            await self.store.outbox.postpone(item, self.owner, until, self.last_error,
                                             error.status)
            log.info("PSA hand-off of ticket #%d postponed: %s", ticket.id, exc)
            return Attempt(sent=False, retry=error)
        # the PSA has it: a crash from here to "done" is replayed onto the same ticket
        await self.store.outbox.complete(item, number)
        metrics.PSA_SENDS.labels(item.kind.value, "sent").inc()
        self.last_error = None
        self.psa_away = False
        if item.kind is OutboxKind.CREATE and number is not None:
            self._answer_waiters(ticket.id, number)
            if self.announces:
                self._side.spawn(follow_up(self.store, self.messengers, item, ticket, number,
                                           self.config.reply_wait_s),
                                 name=f"psa-follow-up-{ticket.id}")
        return Attempt(sent=True)

    async def _hand_over(self, item: OutboxItem, ticket: Ticket) -> str | None:
        if item.kind is OutboxKind.CREATE:
            remote = await self.system.create(psa_ticket(ticket, item.company_id))
            return remote.number
        assert ticket.psa_number is not None  # claim() waits for the ticket to be sent
        await self.system.add_note(ticket.psa_number, item.company_id,
                                   str(item.payload.get("text") or ""))
        return None

    def _answer_waiters(self, ticket_id: int, number: str | None) -> None:
        for future in self._waiters.pop(ticket_id, []):
            if not future.done():
                future.set_result(number)

    async def _refused(self, item: OutboxItem, ticket: Ticket, exc: PsaPermanentError) -> None:
        failed = await self.store.outbox.fail(item, f"{type(exc).__name__}: {exc}", exc.status)
        if item.kind is OutboxKind.CREATE:  # no number is coming: the reply need not wait
            self._answer_waiters(ticket.id, None)
        metrics.PSA_SENDS.labels(item.kind.value, "permanent").inc()
        log.error("the PSA refused the %s for ticket #%d (status %s): %s; not retried",
                  item.kind.value, ticket.id, exc.status, exc)
        if failed:
            self._side.spawn(tell_staff(self.messengers, self.system.name, item, ticket, exc),
                             name=f"psa-refused-{item.id}")

    async def refresh_metrics(self) -> None:
        try:
            counts = await self.store.outbox.counts()
        except Exception:  # the database is away: keep the last figures
            return
        metrics.PSA_OUTBOX.labels("pending").set(counts.pending)
        metrics.PSA_OUTBOX.labels("failed").set(counts.failed)
        oldest = counts.oldest_pending_at
        metrics.PSA_OUTBOX_OLDEST.set((now() - oldest).total_seconds() if oldest else 0.0)
