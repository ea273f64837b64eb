"""Who is asking: client agreements looked up by slug or by platform identity."""

from __future__ import annotations

import time

from bot.core.models import InboundMessage
from bot.store import Store
from bot.tenants.agreement import Tenant


class TenantDirectory:
    """A short-lived cache of all agreements (there are few; they change rarely)."""

    def __init__(self, store: Store, ttl_s: float = 5.0) -> None:
        self.store = store
        self.ttl_s = ttl_s
        self._tenants: dict[str, Tenant] = {}
        self._loaded = float("-inf")

    async def _all(self) -> dict[str, Tenant]:
        if time.monotonic() - self._loaded > self.ttl_s:
            self._tenants = {t.slug: t for t in await self.store.tenants.all()}
            self._loaded = time.monotonic()
        return self._tenants

    async def get(self, slug: str) -> Tenant | None:
        return (await self._all()).get(slug)

    async def resolve(self, message: InboundMessage) -> Tenant | None:
        """The client by slug when the message names one, else by its identities (a
        channel that belongs to a client wins over the sender's organisation)."""
        tenants = await self._all()
        if message.tenant is not None:
            return tenants.get(message.tenant)
        for identity in message.identities:
            for tenant in tenants.values():
                if identity in tenant.identities:
                    return tenant
        return None
