"""Reading connector settings from the environment. Every error names its variable."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from bot.psa.types import Priority, State
from bot.service import sections
from bot.service.settings import SettingsError

TIMEOUT_VAR = "MSPBOT_PSA_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 10.0
T = TypeVar("T")


def required(env: Mapping[str, str], name: str) -> str:
    value = (env.get(name) or "").strip()
    if not value:
        raise SettingsError(f"{name} is required")
    return value


def optional(env: Mapping[str, str], name: str) -> str | None:
    value = (env.get(name) or "").strip()
    return value or None


def _parsed(name: str, parse: Callable[[str], T], raw: str) -> T:
    try:
        return parse(raw)
    except ValueError as exc:  # the shared parsers say "must be ..."
        raise SettingsError(f"{name} {exc}") from None


def http_url(env: Mapping[str, str], name: str, *, default: str | None = None) -> str:
    """An http(s) URL without a trailing slash; required unless a default is given."""
    raw = optional(env, name)
    if raw is None:
        if default is None:
            raise SettingsError(f"{name} is required")
        return default
    url = _parsed(name, sections.http_url, raw)
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        raise SettingsError(f"{name} must not carry a query or fragment, got {raw!r}")
    return url


def whole_number(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    """A positive whole number (a PSA record id), or the default when unset."""
    raw = optional(env, name)
    return default if raw is None else _parsed(name, sections.positive_int, raw)


def required_number(env: Mapping[str, str], name: str) -> int:
    value = whole_number(env, name, None)
    if value is None:
        raise SettingsError(f"{name} is required")
    return value


def timeout_s(env: Mapping[str, str]) -> float:
    raw = optional(env, TIMEOUT_VAR)
    return DEFAULT_TIMEOUT_S if raw is None else _parsed(TIMEOUT_VAR, sections.seconds, raw)


def _pairs(env: Mapping[str, str], name: str, separator: str) -> list[tuple[str, str]]:
    raw = optional(env, name) or ""
    pairs = []
    for item in raw.split(separator):
        if not item.strip():
            continue
        left, eq, right = item.partition("=")
        if not eq or not left.strip() or not right.strip():
            raise SettingsError(
                f"{name} must be a {separator!r}-separated list of NAME=VALUE, got {item!r}"
            )
        pairs.append((left.strip(), right.strip()))
    return pairs


def priority_values(
    env: Mapping[str, str], name: str, default: Mapping[Priority, str], *, separator: str = ","
) -> dict[Priority, str]:
    """A P1..P4 -> vendor value map ("P1=4,P2=1"); unnamed priorities keep the default."""
    result = dict(default)
    for left, right in _pairs(env, name, separator):
        try:
            priority = Priority(left.upper())
        except ValueError:
            raise SettingsError(
                f"{name}: {left!r} is not a priority (use P1, P2, P3 or P4)"
            ) from None
        result[priority] = right
    if len(set(result.values())) != len(result):
        raise SettingsError(f"{name} maps two priorities to the same value: {result}")
    return result


def priority_ids(env: Mapping[str, str], name: str,
                 default: Mapping[Priority, int]) -> dict[Priority, int]:
    values = priority_values(env, name, {p: str(v) for p, v in default.items()})
    result = {}
    for priority, raw in values.items():
        try:
            result[priority] = int(raw)
        except ValueError:
            raise SettingsError(f"{name}: {priority} must map to a whole number id, "
                                f"got {raw!r}") from None
    return result


def status_overrides(env: Mapping[str, str], name: str) -> dict[str, State]:
    """Explicit "<PSA status name>=<state>" entries separated by ';' (names may hold commas)."""
    result = {}
    for left, right in _pairs(env, name, ";"):
        try:
            state = State(right.lower())
        except ValueError:
            raise SettingsError(
                f"{name}: {right!r} is not a state (use one of "
                f"{', '.join(s.value for s in State)})"
            ) from None
        result[left.casefold()] = state
    return result


def id_set(env: Mapping[str, str], name: str, default: frozenset[int]) -> frozenset[int]:
    raw = optional(env, name)
    if raw is None:
        return default
    ids = set()
    for item in raw.split(","):
        try:
            ids.add(int(item.strip()))
        except ValueError:
            raise SettingsError(f"{name} must be a comma-separated list of ids, "
                                f"got {raw!r}") from None
    return frozenset(ids)


def seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = optional(env, name)
    return default if raw is None else _parsed(name, sections.seconds, raw)


@dataclass(frozen=True)
class OutboxConfig:
    """How the outbox worker paces itself (MSPBOT_PSA_* settings)."""

    reply_wait_s: float = 1.0  # the client's reply waits this long for the PSA's number
    retry_min_s: float = 1.0  # first wait after a temporary failure; doubles (with jitter)
    retry_max_s: float = 300.0  # ... up to this; a longer Retry-After is still honoured
    lease_s: float = 120.0  # a claimed row is another worker's again after this
    poll_s: float = 5.0  # how often due rows (other replicas', retries) are looked for
    batch: int = 10  # rows claimed, and sent concurrently, at once

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> OutboxConfig:
        config = cls(
            reply_wait_s=seconds(env, "MSPBOT_PSA_REPLY_WAIT_S", 1.0),
            retry_min_s=seconds(env, "MSPBOT_PSA_RETRY_MIN_S", 1.0),
            retry_max_s=seconds(env, "MSPBOT_PSA_RETRY_MAX_S", 300.0),
            lease_s=seconds(env, "MSPBOT_PSA_LEASE_S", 120.0),
            poll_s=seconds(env, "MSPBOT_PSA_POLL_S", 5.0),
            batch=whole_number(env, "MSPBOT_PSA_BATCH", 10) or 10,
        )
        if config.retry_min_s > config.retry_max_s:
            raise SettingsError("MSPBOT_PSA_RETRY_MIN_S must not exceed MSPBOT_PSA_RETRY_MAX_S")
        if config.lease_s <= 2 * timeout_s(env):
            raise SettingsError("MSPBOT_PSA_LEASE_S must be more than twice "
                                f"{TIMEOUT_VAR} (a create is a lookup and a POST)")
        return config
