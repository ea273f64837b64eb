"""Whether a message in a conversation with an open ticket is about that ticket or a new
problem. A Teams personal chat or a Slack DM is one conversation for life, so "every file
on the server has a strange extension" after "the printer stopped" is its own ticket, not
a note on the printer's."""

from __future__ import annotations

import re

from bot.policy import flatten
from bot.policy.patterns.words import THING
from bot.retrieval import text as tx
from bot.store import Ticket

_NAMED = re.compile(rf"\b{THING}\b", re.X)


def things(text: str) -> set[str]:
    """The devices, apps and services a text names, as stems ("printers" -> "printer")."""
    return {tx.stem(found.group(0).replace(" ", "")) for found in _NAMED.finditer(flatten(text))}


def new_problem(text: str, ticket: Ticket) -> bool:
    """The message names something, and nothing it names is in the ticket's report. A
    message that names nothing ("it's getting worse", "error 49 now") is about the ticket,
    and so is anything said about a ticket whose report named nothing either."""
    named = things(text)
    reported = things(f"{ticket.summary} {ticket.description}")
    return bool(named and reported and not named & reported)
