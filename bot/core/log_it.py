"""A question that also mentions a fault still working now ("The phone system isn't working.
Is it part of what you look after?") is answered, and the answer offers to log the fault;
"log it" in reply raises the ticket from that earlier message."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.context import Turn
from bot.policy import flatten, not_over
from bot.policy import patterns as p

OFFER = ("If it isn't working right now, reply \"log it\" and I'll raise a ticket from your "
         "message for a technician.")

_LOG_IT = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|yup|ok|okay|sure|please|pls)\W+){0,3}"
    r"(?:(?:can|could|would|will)\s+you\s+|(?:go\s+ahead\s+and|please)\s+)?"
    r"(?:log|raise|open|create|report|lodge)\s+"
    r"(?:it|that|this|one|a\s+ticket(?:\s+for\s+(?:it|that|me))?)"
    r"(?:[\s,]+(?:please|pls|then|for\s+me|thanks|thank\s+you|as\s+a\s+ticket))*\W*$",
    re.IGNORECASE)


def asks_to_log(text: str) -> bool:
    """ "log it", "yes please raise a ticket", "can you log that?" """
    return bool(_LOG_IT.match(text.strip()))


def names_live_fault(text: str) -> bool:
    """The message names something not working, and not in the past or as a what-if."""
    flat = flatten(text)
    if not p.FAULT.search(flat) or p.HYPOTHETICAL.search(flat):
        return False
    return not_over(flat)


def report_to_log(history: Sequence[Turn]) -> str | None:
    """The client's message before "log it": the bot's answer offered to log it."""
    for number in range(len(history) - 1, 0, -1):
        speaker, text = history[number]
        if speaker == "bot":
            earlier_speaker, earlier = history[number - 1]
            if OFFER in text and earlier_speaker == "client":
                return earlier
            return None
    return None
