"""PSA status names -> `State`.

Every PSA lets the MSP name its own statuses, so the name alone decides, after the vendor's
own "closed" signal (ConnectWise closedFlag, Autotask Complete, Halo's closed status ids):

1. an explicit override from the connector's *_STATUS_MAP setting (exact name, any case);
2. closed by the PSA -> CLOSED;
3. words in the name, first match wins: resolved/completed/fixed -> RESOLVED ("Resolved -
   awaiting customer" is resolved); third party (vendor, supplier, parts, ...) ->
   WAITING_THIRD_PARTY; waiting on the client (waiting/pending/with + client/customer/
   user/...) -> WAITING_CLIENT; new/unassigned -> NEW;
4. anything else is being worked on -> IN_PROGRESS.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.psa.types import State

_THIRD_PARTY = re.compile(
    r"\b(vendor|supplier|third[ -]?party|3rd[ -]?party|parts?|materials?|manufacturer|"
    r"carrier|isp|external|outsourced|rma)\b"
)
_WAITING = re.compile(r"\b(wait\w*|await\w*|pending|on hold|hold|with|needs?|reply needed)\b")
_CLIENT = re.compile(r"\b(client|customer|user|contact|requester|end user|you|approval)\b")
_RESOLVED = re.compile(r"\b(resolved|completed?|fixed|done)\b")
_NEW = re.compile(r"\b(new|unassigned|not responded)\b")


def normalise(name: str, *, closed: bool, overrides: Mapping[str, State] | None = None) -> State:
    key = name.strip().casefold()
    if overrides and key in overrides:
        return overrides[key]
    if closed:
        return State.CLOSED
    if _RESOLVED.search(key):
        return State.RESOLVED
    if _THIRD_PARTY.search(key):
        return State.WAITING_THIRD_PARTY
    if _WAITING.search(key) and _CLIENT.search(key):
        return State.WAITING_CLIENT
    if _NEW.search(key):
        return State.NEW
    return State.IN_PROGRESS
