"""Per-user and per-tenant rate limits: token buckets kept in memory, per process.

A bucket holds up to `burst` messages and refills at `per_minute` a minute. With several
replicas each keeps its own buckets, so the effective limit is at most N times the
setting; the limits are there to stop floods (a script, a loop between two bots), not
to meter fairly to the message.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from bot.service.settings import Settings

MAX_KEYS = 50_000  # buckets kept; the least recently used are forgotten (= full again)


@dataclass(frozen=True)
class Limit:
    per_minute: float
    burst: int

    @property
    def per_second(self) -> float:
        return self.per_minute / 60.0


class Buckets:
    def __init__(self, limit: Limit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.clock = clock
        self._state: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at

    def _tokens(self, key: str, now: float) -> float:
        tokens, at = self._state.get(key, (float(self.limit.burst), now))
        return min(float(self.limit.burst), tokens + (now - at) * self.limit.per_second)

    def available(self, key: str) -> bool:
        return self._tokens(key, self.clock()) >= 1.0

    def take(self, key: str) -> None:
        now = self.clock()
        self._state[key] = (self._tokens(key, now) - 1.0, now)
        self._state.move_to_end(key)
        while len(self._state) > MAX_KEYS:
            self._state.popitem(last=False)

    def retry_after(self, key: str) -> float:
        """Seconds until one message is allowed again."""
        missing = 1.0 - self._tokens(key, self.clock())
        return max(0.0, missing / self.limit.per_second)


class RateLimiter:
    """Both limits must allow a message; a refused message uses up neither."""

    def __init__(self, user: Limit, tenant: Limit,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.user = Buckets(user, clock)
        self.tenant = Buckets(tenant, clock)

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimiter | None:
        """The configured limits; None when both are off (0 a minute)."""
        if settings.rate_user_per_min <= 0 and settings.rate_tenant_per_min <= 0:
            return None
        return cls(Limit(settings.rate_user_per_min, settings.rate_user_burst),
                   Limit(settings.rate_tenant_per_min, settings.rate_tenant_burst))

    def check(self, user_key: str, tenant_key: str) -> str | None:
        """None when allowed (and counted); else the scope that refused: 'user' or 'tenant'."""
        scopes = [(name, buckets, key) for name, buckets, key in
                  (("user", self.user, user_key), ("tenant", self.tenant, tenant_key))
                  if buckets.limit.per_minute > 0]
        for name, buckets, key in scopes:
            if not buckets.available(key):
                return name
        for _name, buckets, key in scopes:
            buckets.take(key)
        return None

