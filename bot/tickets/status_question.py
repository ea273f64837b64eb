"""Is the client asking about a ticket's progress? "what's happening with my ticket?",
"any news on 48213?", and, in a conversation tied to a ticket, "why isn't this fixed yet?".

A "why isn't X fixed" question with no ticket in sight (no number, not in a ticket's
conversation) stays a question for the knowledge base: it is usually about response
versus resolution, which an entry explains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# what a PSA shows as a ticket number: 48213, #48213, T20260315.0012 (Autotask)
_NUMBER = r"[A-Za-z]?\d{%d,12}(?:\.\d{1,6})?"
_REFERRED = re.compile(
    r"(?:#\s*|\b(?:ticket|case|request|reference|ref)\s*(?:number|no\.?|#|:)?\s*)"
    rf"({_NUMBER % 1})\b", re.I)
_BARE = re.compile(rf"(?<![\w.,:/-])({_NUMBER % 2})(?![\w,:/-]|\.\d)")  # "news on 48213?"
_STATUS = re.compile(
    r"\b(?:news|updates?|progress|status|happening|going on|eta|latest|heard anything|"
    r"any word|where (?:are|is) (?:we|it|things)|how(?:'s| is) (?:it|my|our|the) \w+ going|"
    r"been (?:looked at|picked up)|anyone (?:looking|working) on|"
    # chasing: "heard nothing", "hasn't moved in a week", "is someone on the scanner thing?"
    r"heard nothing|not heard (?:back|anything)|not a peep|has ?n[o']?t moved|no reply|"
    r"nobody'?s said|still (?:open|with someone)|(?:someone|anyone) on (?:it|the|my)|"
    r"get lost|gone quiet|chas(?:e|ing))\b", re.I)
# a ticket, or a job the client reported: "my ticket", "the scanner ticket", "my laptop issue"
_TICKET = re.compile(r"\b(?:my|our|the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:ticket|case|"
                     r"support request|request|issue|job|repair|thing)\b", re.I)
_NOT_FIXED = re.compile(
    r"\b(?:why|how come|when)\b[^.?!]*?(?:\bnot\b|n't|\bstill\b)[^.?!]*?"
    r"\b(?:fixed|sorted|resolved|solved|done|working|looked at|finished|back up)\b"
    r"|\bstill (?:not|waiting|broken|nothing)\b|\bhow (?:much )?long (?:will|is|does)\b",
    re.I)


@dataclass(frozen=True)
class StatusQuestion:
    number: str | None  # the ticket named, if any
    why: bool  # "why isn't it fixed yet?": the open-system explanation belongs in the answer


def ticket_number(text: str) -> str | None:
    found = _REFERRED.search(text)
    if found:
        return found.group(1).lstrip("#")
    return None


def status_question(text: str, *, in_ticket: bool) -> StatusQuestion | None:
    """`in_ticket`: the conversation is tied to an open ticket."""
    number = ticket_number(text)
    status = bool(_STATUS.search(text))
    if number is None and status:
        bare = _BARE.findall(text)
        number = bare[0] if len(bare) == 1 else None
    why = bool(_NOT_FIXED.search(text))
    names_ticket = number is not None or bool(_TICKET.search(text))
    if status and (names_ticket or in_ticket):
        return StatusQuestion(number, why)
    if why and (number is not None or in_ticket):
        return StatusQuestion(number, why)
    return None
