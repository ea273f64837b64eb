"""Prometheus metrics: one place that names them; callers only increment and observe.

The metrics live in prometheus-client's process-wide registry, which `GET /metrics`
serves. Labels are small fixed sets (routes, actions, platforms, error kinds): never a
user, a tenant or message text, so the series count stays bounded.
"""

from __future__ import annotations

import re

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

from bot.core.models import Reply

_FALLBACK_KINDS = frozenset({"timeout", "connection", "deadline", "circuit-open", "bad-response",
                             "empty", "guard", "error"})
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 60.0)

HTTP_REQUESTS = Counter(
    "mspbot_http_requests_total", "HTTP requests served, by route and status code.",
    ["route", "method", "status"],
)
HTTP_SECONDS = Histogram(
    "mspbot_http_request_seconds", "Time to respond to an HTTP request (the ack, for Slack).",
    ["route"], buckets=_LATENCY_BUCKETS,
)
ANSWERS = Counter(
    "mspbot_answers_total", "Replies from the core, by platform, action and composer.",
    ["platform", "action", "composer"],
)
ANSWER_SECONDS = Histogram(
    "mspbot_answer_seconds", "Time the core took to produce a reply.",
    ["platform"], buckets=_LATENCY_BUCKETS,
)
IN_FLIGHT = Gauge("mspbot_answers_in_flight", "Replies the core is working on now.")
FALLBACKS = Counter(
    "mspbot_fallbacks_total", "LLM answers replaced by the curated answer, by reason kind.",
    ["kind"],
)
LLM_SECONDS = Histogram(
    "mspbot_llm_request_seconds", "LLM endpoint calls (one attempt each), by call and outcome.",
    ["call", "outcome"], buckets=_LATENCY_BUCKETS,
)
LLM_TOKENS = Counter("mspbot_llm_tokens_total", "Tokens reported by the LLM endpoint.", ["kind"])
DEDUP_HITS = Counter(
    "mspbot_dedup_hits_total", "Deliveries already claimed (platform retries, other replicas).",
    ["platform"],
)
RATE_LIMITED = Counter(
    "mspbot_rate_limited_total", "Messages refused by a rate limit, by scope.", ["scope"],
)
ERRORS = Counter(
    "mspbot_errors_total", "Failures: unhandled HTTP errors and replies that could not be made.",
    ["where"],
)
PSA_OUTBOX = Gauge(
    "mspbot_psa_outbox_items",
    "PSA hand-offs in the outbox (every replica's): pending = not sent yet, failed = refused "
    "by the PSA for good (staff must act).", ["state"],
)
PSA_OUTBOX_OLDEST = Gauge(
    "mspbot_psa_outbox_oldest_pending_seconds",
    "Age of the oldest PSA hand-off not sent yet (0 when none is waiting).",
)
PSA_SENDS = Counter(
    "mspbot_psa_sends_total",
    "Attempts to hand a ticket or note to the PSA, by kind and outcome "
    "(sent, temporary: will be retried, permanent: refused for good).", ["kind", "outcome"],
)


def reply_observed(platform: str, reply: Reply, seconds: float) -> None:
    ANSWERS.labels(platform, reply.action.value, reply.composer.value).inc()
    ANSWER_SECONDS.labels(platform).observe(seconds)
    note = reply.extras.get("composer_note", "")
    if reply.composer.is_fallback:
        FALLBACKS.labels(fallback_kind(note)).inc()


def fallback_kind(note: str) -> str:
    """'llm timeout: ...' -> 'timeout', 'guard: ...' -> 'guard', 'error: X' -> 'error';
    anything unexpected -> 'other' (a label must never carry free text)."""
    head = note.split(":", 1)[0].strip().removeprefix("llm ").strip()
    if not head:
        return "unknown"
    if head in _FALLBACK_KINDS or re.fullmatch(r"http-\d{3}", head):
        return head
    return "other"


def exposition() -> tuple[bytes, str]:
    """The text format for `GET /metrics`, and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
