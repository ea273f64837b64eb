"""Retries (tenacity) under one deadline, and a circuit breaker.

One answer gets one overall deadline. Within it, an attempt that fails with a
retryable error (429, 5xx, timeout, connection) is retried after an exponential,
jittered back-off, or after the server's `Retry-After` when it sent one; no attempt
starts that could not finish in time. A circuit breaker stops calling an endpoint
that keeps failing, for a cool-down, then lets one trial call through.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)
from tenacity.stop import stop_base

from bot.llm.types import LLMError

log = logging.getLogger(__name__)
T = TypeVar("T")
Clock = Callable[[], float]
BreakerState = Literal["closed", "open", "half-open"]


class Deadline:
    """An absolute point in (monotonic) time by which an answer must be ready."""

    def __init__(self, seconds: float, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self.at - self._clock())


class CircuitOpen(LLMError):
    def __init__(self, retry_in: float) -> None:
        super().__init__(f"circuit open: endpoint failing, next trial in {retry_in:.1f}s",
                         retryable=False, kind="circuit-open")


class CircuitBreaker:
    """Closed -> (N consecutive failures) -> open -> (cool-down) -> half-open: one trial call;
    its success closes the circuit, its failure opens it for another cool-down."""

    def __init__(self, failures: int = 5, cooldown_s: float = 30.0,
                 clock: Clock = time.monotonic) -> None:
        self.threshold = failures
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False

    @property
    def state(self) -> BreakerState:
        if self._opened_at is None:
            return "closed"
        if self._trial or self._clock() - self._opened_at >= self.cooldown_s:
            return "half-open"
        return "open"

    def acquire(self) -> None:
        """Before a call: raise `CircuitOpen` unless calls may go through now."""
        if self._opened_at is None:
            return
        waited = self._clock() - self._opened_at
        if waited < self.cooldown_s:
            raise CircuitOpen(self.cooldown_s - waited)
        if self._trial:  # one trial at a time while half-open
            raise CircuitOpen(0.0)
        self._trial = True
        log.info("circuit half-open: trying the LLM endpoint again")

    def success(self) -> None:
        if self._opened_at is not None:
            log.info("circuit closed: the LLM endpoint answered")
        self._failures, self._opened_at, self._trial = 0, None, False

    def failure(self) -> None:
        self._failures += 1
        if self._trial or (self._opened_at is None and self._failures >= self.threshold):
            log.warning("circuit open for %.0fs after %d failure(s)", self.cooldown_s,
                        self._failures)
            self._opened_at = self._clock()
        self._trial = False

    def release(self) -> None:
        """A call ended without a verdict (cancelled): let another trial through."""
        self._trial = False


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    request_timeout_s: float = 10.0
    initial_wait_s: float = 0.25
    max_wait_s: float = 8.0
    min_attempt_s: float = 0.05  # never start an attempt with less time than this left


class _OutOfTime(stop_base):
    def __init__(self, deadline: Deadline, min_attempt_s: float) -> None:
        self.deadline = deadline
        self.min_attempt_s = min_attempt_s

    def __call__(self, retry_state: RetryCallState) -> bool:
        return self.deadline.remaining() < retry_state.upcoming_sleep + self.min_attempt_s


class _CircuitOpened(stop_base):
    """No point waiting to retry once the breaker has opened."""

    def __init__(self, breaker: CircuitBreaker) -> None:
        self.breaker = breaker

    def __call__(self, retry_state: RetryCallState) -> bool:
        return self.breaker.state == "open"


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, LLMError) and exc.retryable


class Resilience:
    """Runs LLM calls through the breaker and the retry policy, within a deadline."""

    def __init__(self, policy: RetryPolicy, breaker: CircuitBreaker,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.policy = policy
        self.breaker = breaker
        self._sleep = sleep
        # Exponential back-off plus up to one initial wait of jitter, so that many
        # clients turned away together do not come back together.
        self._backoff = wait_exponential(multiplier=policy.initial_wait_s,
                                         max=policy.max_wait_s) + wait_random(
            0, policy.initial_wait_s)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, LLMError) and exc.retry_after is not None:
            return exc.retry_after + random.uniform(0, 0.1 * exc.retry_after)
        return float(self._backoff(state))

    async def call(self, fn: Callable[[float], Awaitable[T]], deadline: Deadline) -> T:
        """`fn(request_timeout)` with retries; raises `LLMError` when out of attempts or time."""
        retrying = AsyncRetrying(
            retry=retry_if_exception(_retryable),
            stop=stop_after_attempt(self.policy.max_attempts)
            | _OutOfTime(deadline, self.policy.min_attempt_s)
            | _CircuitOpened(self.breaker),
            wait=self._wait,
            sleep=self._sleep,
            before_sleep=_log_retry,
            reraise=True,
        )
        try:
            async with asyncio.timeout(deadline.remaining()):
                return await retrying(self._attempt, fn, deadline)
        except TimeoutError:
            raise LLMError("the answer deadline passed", retryable=False,
                           kind="deadline") from None

    async def _attempt(self, fn: Callable[[float], Awaitable[T]], deadline: Deadline) -> T:
        budget = deadline.remaining()
        if budget < self.policy.min_attempt_s:
            raise LLMError("the answer deadline passed", retryable=False, kind="deadline")
        self.breaker.acquire()
        timeout = min(self.policy.request_timeout_s, budget)
        try:
            async with asyncio.timeout(timeout):
                result = await fn(timeout)
        except TimeoutError:
            self.breaker.failure()
            raise LLMError(f"no answer within {timeout:.1f}s", retryable=True,
                           kind="timeout") from None
        except LLMError:
            self.breaker.failure()
            raise
        except BaseException:
            self.breaker.release()
            raise
        self.breaker.success()
        return result


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    log.warning("LLM attempt %d failed (%s); retrying in %.2fs", state.attempt_number,
                exc, state.upcoming_sleep)
