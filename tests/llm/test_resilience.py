"""Retries under one deadline, Retry-After, and the circuit breaker."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.core.models import InboundMessage
from bot.llm.client import OpenAIClient, retry_after
from bot.llm.fakeserver import Fail, FakeOpenAI, Say
from bot.llm.resilience import CircuitBreaker, CircuitOpen, Deadline, Resilience, RetryPolicy
from bot.llm.types import LLMError
from bot.service.app import App

FIX_TIME = "Why isn't my email fixed yet? It's been 4 hours."


def state(breaker: CircuitBreaker) -> str:
    return breaker.state


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_after_consecutive_failures_and_closes_after_a_good_trial() -> None:
    clock = Clock()
    breaker = CircuitBreaker(failures=3, cooldown_s=30, clock=clock)
    for _ in range(2):
        breaker.acquire()
        breaker.failure()
    breaker.acquire()
    breaker.success()  # a success resets the count
    for _ in range(3):
        breaker.acquire()
        breaker.failure()
    assert state(breaker) == "open"
    with pytest.raises(CircuitOpen):
        breaker.acquire()
    clock.now += 30
    assert state(breaker) == "half-open"
    breaker.acquire()  # the one trial
    with pytest.raises(CircuitOpen):
        breaker.acquire()  # nobody else while it runs
    breaker.failure()
    assert state(breaker) == "open"  # a failed trial re-opens at once
    clock.now += 30
    breaker.acquire()
    breaker.success()
    assert state(breaker) == "closed"
    breaker.acquire()


async def test_retries_stop_at_the_deadline_and_respect_retry_after() -> None:
    calls: list[float] = []
    policy = RetryPolicy(max_attempts=10, request_timeout_s=1.0, initial_wait_s=0.01)
    resilience = Resilience(policy, CircuitBreaker(100))

    async def too_long_to_wait(seconds: float) -> str:
        calls.append(seconds)
        raise LLMError("busy", retryable=True, retry_after=5.0, kind="http-429")

    started = time.monotonic()
    with pytest.raises(LLMError, match="busy"):
        await resilience.call(too_long_to_wait, Deadline(1.0))
    assert len(calls) == 1  # a 5 s Retry-After cannot fit in a 1 s budget: no wait at all
    assert time.monotonic() - started < 0.2

    async def not_retryable(seconds: float) -> str:
        calls.append(seconds)
        raise LLMError("bad key", retryable=False, kind="http-401")

    calls.clear()
    with pytest.raises(LLMError, match="bad key"):
        await resilience.call(not_retryable, Deadline(1.0))
    assert len(calls) == 1


async def test_each_attempt_gets_at_most_the_time_left() -> None:
    timeouts: list[float] = []
    resilience = Resilience(RetryPolicy(max_attempts=3, request_timeout_s=5.0,
                                        initial_wait_s=0.01), CircuitBreaker(100))

    async def slow(seconds: float) -> str:
        timeouts.append(seconds)
        await asyncio.sleep(10)
        return "never"

    started = time.monotonic()
    with pytest.raises(LLMError) as caught:
        await resilience.call(slow, Deadline(0.3))
    assert caught.value.kind in ("timeout", "deadline")
    assert time.monotonic() - started < 0.5
    assert timeouts[0] <= 0.3


@pytest.mark.parametrize(("headers", "seconds"), [
    ({"retry-after": "2"}, 2.0),
    ({"retry-after-ms": "250"}, 0.25),
    ({"retry-after": "soon"}, None),
    ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # a date in the past
    ({}, None),
])
def test_retry_after_header_forms(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after(headers) == seconds


async def test_the_circuit_opens_and_closes_through_the_bot(
    app_fake: tuple[App, FakeOpenAI],
) -> None:
    app, fake = app_fake
    breaker = app.bot.composer.resilience.breaker  # type: ignore[attr-defined]
    breaker.threshold = 2
    fake.enqueue(Fail(503), Fail(503))
    first = await app.bot.handle(InboundMessage(text=FIX_TIME))
    assert first.composer == "curated-fallback" and breaker.state == "open"
    calls = len(fake.chat_requests())
    started = time.monotonic()
    second = await app.bot.handle(InboundMessage(text=FIX_TIME + " Still?"))
    assert second.composer == "curated-fallback"
    assert len(fake.chat_requests()) == calls  # the endpoint was not called at all
    assert time.monotonic() - started < 0.3  # and nobody waited for it
    assert "circuit-open" in (await app.store.interactions.rows())[-1].fallback
    await asyncio.sleep(breaker.cooldown_s)
    fake.enqueue(Say("Back again [1]."))
    third = await app.bot.handle(InboundMessage(text=FIX_TIME + " Anyone?"))
    assert third.composer == "llm" and breaker.state == "closed"


async def test_client_errors_say_whether_to_retry(fake: FakeOpenAI) -> None:
    client = OpenAIClient("m", base_url=fake.url)
    try:
        for status, retryable in ((429, True), (500, True), (503, True), (400, False),
                                  (401, False), (404, False)):
            fake.enqueue(Fail(status, {"Retry-After": "1"}))
            with pytest.raises(LLMError) as caught:
                await client.complete([{"role": "user", "content": "hi"}], request_timeout=2)
            assert (caught.value.kind, caught.value.retryable) == (f"http-{status}", retryable)
        fake.enqueue(Fail(429, {"Retry-After": "0.75"}))
        with pytest.raises(LLMError) as caught:
            await client.complete([{"role": "user", "content": "hi"}], request_timeout=2)
        assert caught.value.retry_after == 0.75
        assert len(fake.chat_requests()) == 7  # the openai client's own retries are off
    finally:
        await client.close()


async def test_connection_refused_is_retryable() -> None:
    async with FakeOpenAI() as gone:
        url = gone.url
    client = OpenAIClient("m", base_url=url)
    try:
        with pytest.raises(LLMError) as caught:
            await client.complete([{"role": "user", "content": "hi"}], request_timeout=1)
        assert caught.value.kind == "connection" and caught.value.retryable
    finally:
        await client.close()
