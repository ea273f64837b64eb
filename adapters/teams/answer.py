"""A reply as Teams' native AI message (pure): the answer in the activity's `text` with
[n] markers, one root schema.org Message entity carrying the citations (and the "AI
generated" label when an LLM wrote it), `channelData.feedbackLoop` for the thumbs, and a
small card only for the buttons Teams has no native form of ("Talk to a person").

The same parts go into a streamed answer (adapters/teams/stream.py) and a single message,
so a personal chat and a channel show the same thing.
"""

from __future__ import annotations

import re
from typing import Any

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AIEntity,
    Attachment,
    ClientCitation,
    ClientCitationAppearance,
)
from microsoft_agents.hosting.core.app.streaming import Citation as SdkCitation

from adapters.teams import render
from bot.core.models import Button, Citation, Reply

AI_LABEL = "AIGeneratedContent"
_MARKER = re.compile(r"\[(\d+)\]")
# The buttons the card keeps: votes go through Teams' own feedback loop instead.
CARD_BUTTONS = (Button.TALK_TO_PERSON, Button.MORE_URGENT)


def feedback_loop(reply: Reply) -> bool:
    """Thumbs up/down under this reply: an answer that was recorded (votes need its id)."""
    return Button.HELPFUL in reply.buttons and reply.interaction_id is not None


def markers(reply: Reply) -> str:
    """What to append so every citation is referenced: a curated answer's text names no
    [n], and Teams shows only the citations the text refers to."""
    used = {int(n) for n in _MARKER.findall(reply.text)}
    missing = [n for n in range(1, len(reply.citations) + 1) if n not in used]
    return "".join(f" [{n}]" for n in missing)


def abstract(citation: Citation) -> str:
    topics = ", ".join(citation.topics)
    return f"From the knowledge base: {citation.title}" + (f" (about {topics})" if topics
                                                           else "")


def sdk_citations(reply: Reply) -> list[SdkCitation]:
    """For StreamingResponse.set_citations (it numbers them from 1 in this order)."""
    return [SdkCitation(content=abstract(c), title=c.title) for c in reply.citations]


def client_citations(reply: Reply) -> list[ClientCitation]:
    """The same citations as StreamingResponse makes of `sdk_citations`, for one message."""
    return [ClientCitation(position=n, appearance=ClientCitationAppearance(
                name=c.title, abstract=abstract(c)))
            for n, c in enumerate(reply.citations, start=1)]


def message_entity(reply: Reply) -> AIEntity | None:
    """One root Message entity: the AI label when an LLM wrote the text, the citations."""
    ai = reply.composer.by_llm
    if not ai and not reply.citations:
        return None
    return AIEntity(id="", additional_type=[AI_LABEL] if ai else [],
                    citation=client_citations(reply) or None)


def buttons_card(reply: Reply, question: str) -> dict[str, Any] | None:
    """The card under the text: only "Talk to a person" / "It's more urgent"."""
    shown = tuple(b for b in reply.buttons if b in CARD_BUTTONS)
    if not shown:
        return None
    kept = Reply(text=reply.text, action=reply.action, confidence=reply.confidence,
                 buttons=shown, interaction_id=reply.interaction_id, ticket=reply.ticket)
    rendered = render.render_reply(kept, question)
    hint = ("Not what you needed? A person can take it from here." if feedback_loop(reply)
            or Button.HELPFUL in reply.buttons else "A person can take it from here.")
    if reply.ticket is not None:
        hint = f"Ticket #{reply.ticket.id}, {reply.ticket.priority}."
    return render.small_card([render.text_block(hint, size="Small", isSubtle=True)],
                             rendered.card.get("actions"), fallback=hint)


def card_attachments(reply: Reply, question: str) -> list[Attachment]:
    card = buttons_card(reply, question)
    return [Attachment(content_type=render.CARD_CONTENT_TYPE, content=card)] if card else []


def summary(reply: Reply) -> str:
    """What the chat list and notifications show for a message that has a card."""
    return reply.text[:200]


def message(reply: Reply, question: str) -> Activity:
    """The whole reply as one message (group chats and channels, where Teams does not
    stream)."""
    activity = Activity(type=ActivityTypes.message, text=reply.text + markers(reply),
                        text_format="markdown", summary=summary(reply))
    attachments = card_attachments(reply, question)
    if attachments:
        activity.attachments = attachments
    entity = message_entity(reply)
    if entity is not None:
        activity.entities = [entity]
    if feedback_loop(reply):
        activity.channel_data = {"feedbackLoop": {"type": "default"}}
    return activity
