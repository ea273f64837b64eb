"""Whose answer is it? Feedback is accepted only for an answer given to the same
organisation on the same platform (staff may rate any answer).

A click names its answer by an interaction id that travels in the card's data; a Teams
client sends that data back itself, so it is checked here before anything is written.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.core.models import Role
from bot.store import Store, schema


async def may_rate(store: Store, interaction_id: int, *, platform: str, role: Role,
                   tenant: str | None) -> bool:
    """`tenant`: the clicker's organisation as the core resolves it (None: unknown)."""
    table = schema.interactions
    async with store.engine.connect() as conn:  # read-only; Store has no lookup by id yet
        row = (await conn.execute(sa.select(table.c.platform, table.c.tenant)
                                  .where(table.c.id == interaction_id))).first()
    if row is None or row.platform != platform:
        return False
    return role is Role.STAFF or row.tenant == tenant
