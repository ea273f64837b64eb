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
            self._tenants = {t.slug: t for t in await self.store.list_tenants()}
            self._loaded = time.monotonic()
        return self._tenants

    async def get(self, slug: str) -> Tenant | None:
        return (await self._all()).get(slug)

    async def resolve(self, message: InboundMessage) -> Tenant | None:
        tenants = await self._all()
        if message.tenant is not None:
            return tenants.get(message.tenant)
        for tenant in tenants.values():
            if message.channel and message.channel in tenant.slack_channels:
                return tenant
        for tenant in tenants.values():
            if message.slack_team_id and message.slack_team_id in tenant.slack_team_ids:
                return tenant
            if message.teams_tenant_id and message.teams_tenant_id in tenant.teams_tenant_ids:
                return tenant
        return None
