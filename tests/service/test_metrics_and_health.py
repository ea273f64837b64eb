"""GET /metrics (Prometheus text), /healthz, /readyz, and what the counters count."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from bot.llm.metered import MeteredClient
from bot.llm.types import ChatMessage, Completion, Delta, LLMError, Usage
from bot.service import metrics
from bot.store import Store
from bot.store.engine import create_engine
from tests.service.conftest import Service
from tests.slack.conftest import payload


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def scrape(service: Service) -> dict[str, float]:
    async with service.session.get(f"{service.url}/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            key = sample.name + "".join(f",{k}={v}" for k, v in sorted(sample.labels.items()))
            samples[key] = sample.value
    return samples


async def test_metrics_count_requests_answers_and_dedup_hits(service: Service) -> None:
    before = await scrape(service)
    event = payload("app_mention")
    for retry in (None, 1):
        assert (await service.send.event(event, retry_num=retry)).status == 200
    await service.settle()
    after = await scrape(service)

    def delta(key: str) -> float:
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert delta("mspbot_http_requests_total,method=POST,route=/slack/events,status=200") == 2
    assert delta("mspbot_answers_total,action=answer,composer=curated,platform=slack") == 1
    assert delta("mspbot_dedup_hits_total,platform=slack") == 1
    assert delta("mspbot_answer_seconds_count,platform=slack") == 1
    assert after["mspbot_answers_in_flight"] == 0
    # a scrape is a request too, and a 404 is counted under one label, not one per path
    assert delta("mspbot_http_requests_total,method=GET,route=/metrics,status=200") == 1
    async with service.session.get(f"{service.url}/no/such/{id(service)}") as response:
        assert response.status == 404
    assert value("mspbot_http_requests_total", route="unmatched", method="GET",
                 status="404") >= 1


async def test_health_and_readiness(service: Service) -> None:
    async with service.session.get(f"{service.url}/healthz") as response:
        assert (response.status, await response.json()) == (200, {"status": "ok"})
    async with service.session.get(f"{service.url}/readyz") as response:
        body = await response.json()
        assert response.status == 200 and body["status"] == "ready"


async def test_readiness_fails_while_the_database_is_gone(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = Store(create_engine("sqlite:////nonexistent/dir/x.db"))  # cannot be opened
    monkeypatch.setattr(service.app.store, "ping", gone.ping)
    try:
        async with service.session.get(f"{service.url}/readyz") as response:
            body = await response.json()
            assert response.status == 503 and body["status"] == "unavailable"
            assert body["reason"] == "OperationalError"  # the kind, never the details
    finally:
        await gone.close()
    async with service.session.get(f"{service.url}/healthz") as response:
        assert response.status == 200  # alive, only not ready


class ScriptedLLM:
    model = "fake"

    def __init__(self) -> None:
        self.fail = False

    async def complete(self, messages: Sequence[ChatMessage], *,
                       request_timeout: float) -> Completion:
        if self.fail:
            raise LLMError("boom", retryable=True, kind="timeout")
        return Completion("ok [1]", Usage(120, 30))

    async def stream(self, messages: Sequence[ChatMessage], *, request_timeout: float):  # type: ignore[no-untyped-def]
        yield Delta("ok")
        yield Delta("", Usage(100, 5))

    async def close(self) -> None:
        pass


async def test_llm_calls_are_timed_and_their_tokens_counted() -> None:
    inner = ScriptedLLM()
    client = MeteredClient(inner)
    prompt = value("mspbot_llm_tokens_total", kind="prompt")
    completion = value("mspbot_llm_tokens_total", kind="completion")
    ok = value("mspbot_llm_request_seconds_count", call="complete", outcome="ok")
    timeouts = value("mspbot_llm_request_seconds_count", call="complete", outcome="timeout")
    streams = value("mspbot_llm_request_seconds_count", call="stream", outcome="ok")

    assert (await client.complete([], request_timeout=1)).text == "ok [1]"
    inner.fail = True
    try:
        await client.complete([], request_timeout=1)
    except LLMError:
        pass
    else:
        raise AssertionError("the error must reach the caller")
    assert [d.text async for d in client.stream([], request_timeout=1)] == ["ok", ""]

    assert value("mspbot_llm_tokens_total", kind="prompt") - prompt == 220
    assert value("mspbot_llm_tokens_total", kind="completion") - completion == 35
    assert value("mspbot_llm_request_seconds_count", call="complete", outcome="ok") - ok == 1
    assert value("mspbot_llm_request_seconds_count", call="complete",
                 outcome="timeout") - timeouts == 1
    assert value("mspbot_llm_request_seconds_count", call="stream", outcome="ok") - streams == 1


def test_fallback_kinds_are_a_small_fixed_set() -> None:
    assert metrics.fallback_kind("llm timeout: timed out: read") == "timeout"
    assert metrics.fallback_kind("llm http-503: HTTP 503: busy") == "http-503"
    assert metrics.fallback_kind("guard: cites [4] but only 3 entries") == "guard"
    assert metrics.fallback_kind("error: KeyError") == "error"
    assert metrics.fallback_kind("") == "unknown"
    assert metrics.fallback_kind("llm circuit-open: cooling down") == "circuit-open"
    assert metrics.fallback_kind("who knows / what: x") == "other"
    assert metrics.fallback_kind("http-5000: x") == "other"
