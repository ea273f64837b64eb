"""The terminal adapter: a line of text in, plain text out."""

from __future__ import annotations

import textwrap

from bot.core.models import Action, Button, InboundMessage, Reply

_BUTTON_HINTS = {
    Button.HELPFUL: "/helpful",
    Button.NOT_HELPFUL: "/unhelpful",
    Button.TALK_TO_PERSON: "/person",
    Button.MORE_URGENT: "/urgent",
}


def translate(line: str, tenant: str | None, user: str = "console-user") -> InboundMessage | None:
    text = line.strip()
    if not text:
        return None
    return InboundMessage(text=text, platform="console", user_id=user, tenant=tenant,
                          channel="console", thread="console")


def render(reply: Reply, width: int = 88) -> str:
    paragraphs = [textwrap.fill(p, width) if p.strip() else "" for p in reply.text.split("\n")]
    lines = ["\n".join(paragraphs)]
    if reply.citations:
        sources = "; ".join(f"{c.title} [{c.id}]" for c in reply.citations)
        lines.append(textwrap.fill(f"Sources: {sources}", width, subsequent_indent="  "))
    meta = f"({reply.action.value}, confidence {reply.confidence:.2f}"
    if reply.ticket is not None:
        meta += f", ticket #{reply.ticket.id} {reply.ticket.priority}"
    if reply.action is Action.ESCALATE:
        meta += ", staff notified" if reply.staff_notified else ", nobody was alerted"
    lines.append(meta + ")")
    if reply.buttons:
        lines.append("Options: " + "  ".join(_BUTTON_HINTS[b] for b in reply.buttons))
    return "\n".join(lines)
