"""The two or three details that let a technician start at once, asked only when the
report does not already say them."""

from __future__ import annotations

import re

from bot.tickets.priority import Assessed, Impact, Urgency

_THING = re.compile(
    r"\b(?:printer|printing|print|scanner|scan\w*|laptop|pc|computer|desktop|mac|imac|macbook|"
    r"monitor|screen|keyboard|mouse|headset|dock|phone|iphone|ipad|tablet|outlook|e-?mail|"
    r"inbox|mailbox|teams|zoom|excel|word|onedrive|sharepoint|drive|folder|server|wi-?fi|"
    r"internet|vpn|network|router|till|card (?:machine|reader)|software|app|program|system|"
    r"website|calendar|voicemail|login|account|password|browser|chrome|edge|adobe|acrobat|"
    r"quickbooks|sage|xero|dentrix|clio)\b")
_ERROR = re.compile(r"\b(?:error|says|saying|said|message|code|pop-?up|screenshot|warning|"
                    r"0x[0-9a-f]+|\d{3,})\b|[\"“'‘].{3,}[\"”'’]")
_SINCE = re.compile(
    r"\b(?:since|started|starting|began|this (?:morning|afternoon|week)|today|yesterday|last "
    r"(?:night|week|friday|monday)|ago|after (?:the|an?|i|we)|when i|for (?:\d+|a|two|three) "
    r"(?:days?|hours?|weeks?|minutes?)|again|always|every (?:day|morning|time))\b")
_WHEN_NEEDED = re.compile(
    r"\b(?:by|before|on|next|this) (?:monday|tuesday|wednesday|thursday|friday|weekend|week|"
    r"month|\d)|\b(?:tomorrow|today|asap|urgent|no rush|whenever|start(?:s|ing)? on)\b")

MAX_ASKED = 3


def missing(text: str, assessed: Assessed) -> list[str]:
    """What to ask for, most useful first (at most three)."""
    flat = " ".join(text.lower().split())
    if assessed.urgency is Urgency.REQUEST:
        asks = []
        if not _WHEN_NEEDED.search(flat):
            asks.append("when you need it done by")
        if not _THING.search(flat) and len(flat.split()) <= 3:
            asks.append("exactly what you need (the program, device or access)")
        return asks[:MAX_ASKED]
    asks = []
    if not _THING.search(flat):
        asks.append("which computer, device or program it is")
    if not _ERROR.search(flat):
        asks.append("a screenshot of the error (or its exact words)")
    if not _SINCE.search(flat):
        asks.append("when it started")
    if assessed.impact is Impact.ONE and not re.search(
            r"\b(?:only me|just me|anyone else|everyone|nobody else|others)\b", flat):
        asks.append("whether anyone else is affected")
    return asks[:MAX_ASKED]
