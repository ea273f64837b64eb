"""Votes on answers, checked in one place for every platform.

A click names its answer by an interaction id that travels in the message's buttons
and comes back from the client, so it proves nothing: the vote is accepted only from
someone of the answer's own organisation on the same platform (staff may rate any
answer). One vote per person per answer; the last one counts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.core.models import Button, InboundMessage, Role
from bot.store import Store
from bot.tenants.directory import TenantDirectory

log = logging.getLogger(__name__)
VOTES = (Button.HELPFUL, Button.NOT_HELPFUL)


class VoteResult(StrEnum):
    RECORDED = "recorded"  # a new or changed vote
    UNCHANGED = "unchanged"  # the same vote again (a double click)
    REFUSED = "refused"  # not this person's answer to rate, or no such answer


@dataclass(frozen=True)
class Clicker:
    """Who clicked, as the platform identifies them (translated by the adapter)."""

    platform: str
    user_id: str
    role: Role
    org: str | None = None
    channel: str | None = None
    user_name: str | None = None  # shown to staff when the click hands off to a person

    def as_message(self) -> InboundMessage:
        return InboundMessage(text="", platform=self.platform, user_id=self.user_id,
                              role=self.role, org=self.org, channel=self.channel,
                              user_name=self.user_name)


async def clicker_tenant(directory: TenantDirectory, clicker: Clicker) -> str | None:
    """The client the person who clicked belongs to. Their organisation decides, not the
    channel: in a client's shared channel (Slack Connect) a member of another
    organisation is not that client. Only a platform that names no organisation falls
    back on the channel."""
    who = clicker.as_message()
    if clicker.org is not None:
        who = replace(who, channel=None)
    tenant = await directory.resolve(who)
    return tenant.slug if tenant else None


async def may_act_on(store: Store, directory: TenantDirectory, interaction_id: int,
                     clicker: Clicker) -> bool:
    """True when `clicker` may rate (or ask a person about) this answer."""
    row = await store.interactions.get(interaction_id)
    if row is None or row.platform != clicker.platform:
        return False
    if clicker.role is Role.STAFF:
        return True
    return row.tenant == await clicker_tenant(directory, clicker)


class Feedback:
    def __init__(self, store: Store, directory: TenantDirectory) -> None:
        self.store = store
        self.directory = directory

    async def vote(self, interaction_id: int | None, clicker: Clicker,
                   value: Button) -> VoteResult:
        if value not in VOTES:
            raise ValueError(f"not a vote: {value}")
        if interaction_id is None or not await may_act_on(self.store, self.directory,
                                                          interaction_id, clicker):
            log.warning("refused a vote on answer %s from %s:%s", interaction_id,
                        clicker.platform, clicker.user_id)
            return VoteResult.REFUSED
        outcome = await self.store.interactions.vote(interaction_id, clicker.user_id,
                                                     value.value)
        return VoteResult.RECORDED if outcome.recorded else VoteResult.UNCHANGED
