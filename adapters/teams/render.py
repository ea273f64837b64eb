"""Reply -> Adaptive Card (pure). Cards are plain dicts in the Adaptive Card 1.5 schema.

Buttons use Action.Execute (Universal Actions: Teams answers with an `adaptiveCard/action`
invoke and we can replace the card in place). Every action's `data` also carries the
`verb`, so an older client that turns the button into Action.Submit still works.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from bot.core import replies
from bot.core.models import Button, Reason, Reply
from bot.core.ports import StaffAlert

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
QUESTION_CHARS = 500  # how much of the question rides along in a button's data

VERB_HELPFUL = "helpful"
VERB_NOT_HELPFUL = "not_helpful"
VERB_PERSON = "talk_to_person"
VERB_MORE_URGENT = "more_urgent"
FEEDBACK_VERBS = {VERB_HELPFUL: Button.HELPFUL, VERB_NOT_HELPFUL: Button.NOT_HELPFUL}

_BUTTON_TITLES = {
    Button.HELPFUL: "Helpful",
    Button.NOT_HELPFUL: "Not helpful",
    Button.TALK_TO_PERSON: "Talk to a person",
    Button.MORE_URGENT: "It's more urgent",
}
_BUTTON_VERBS = {
    Button.HELPFUL: VERB_HELPFUL,
    Button.NOT_HELPFUL: VERB_NOT_HELPFUL,
    Button.TALK_TO_PERSON: VERB_PERSON,
    Button.MORE_URGENT: VERB_MORE_URGENT,
}
AI_NOTE = "AI-generated from our knowledge base. Check anything important with a person."


@dataclass(frozen=True)
class Rendered:
    """What the agent sends: one card, plus whether to label the message as AI-generated."""

    card: dict[str, Any]
    ai_generated: bool
    fallback: str


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None,
         fallback: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if actions:
        out["actions"] = actions
    if fallback:
        out["fallbackText"] = fallback
    return out


def small_card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None,
               fallback: str = "") -> dict[str, Any]:
    """A card under a message's text: its own width, not the full width of the chat."""
    out = card(body, actions, fallback)
    del out["msteams"]
    return out


def text_block(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def execute(title: str, verb: str, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "type": "Action.Execute",
        "title": title,
        "verb": verb,
        "data": {"verb": verb, **data},
        **extra,
    }


def render_reply(reply: Reply, question: str) -> Rendered:
    """The answer, its sources, and the feedback / "Talk to a person" buttons."""
    body: list[dict[str, Any]] = [text_block(reply.text)]
    ai = reply.composer.by_llm
    if reply.citations:
        body.append(
            {
                "type": "Container",
                "spacing": "Medium",
                "separator": True,
                "items": [text_block("Sources", weight="Bolder", size="Small")]
                + [
                    text_block(f"{n}. {c.title}", size="Small", isSubtle=True, spacing="None")
                    for n, c in enumerate(reply.citations, start=1)
                ],
            }
        )
    if ai:
        body.append(text_block(AI_NOTE, size="Small", isSubtle=True, spacing="Small"))
    data: dict[str, Any] = {"interaction_id": reply.interaction_id,
                            "question": question[:QUESTION_CHARS]}
    if reply.ticket is not None:
        data["ticket_id"] = reply.ticket.id
    actions = [
        execute(_BUTTON_TITLES[b], _BUTTON_VERBS[b], data,
                **({"style": "positive"} if b is Button.TALK_TO_PERSON else {}))
        for b in reply.buttons
    ]
    return Rendered(card(body, actions, fallback=reply.text), ai_generated=ai,
                    fallback=reply.text)


def feedback_thanks(value: Button) -> dict[str, Any]:
    """Replaces the answer card's buttons once feedback is in (Action.Execute response)."""
    text = replies.vote_thanks(value is Button.HELPFUL)
    return card([text_block(text, isSubtle=True)], fallback=text)


def handed_off(text: str, *, retry: bool, data: dict[str, Any]) -> dict[str, Any]:
    """What replaces the buttons card after "Talk to a person": what happened, and the
    button again only when nobody could be alerted (so a later click may try again)."""
    actions = [execute(_BUTTON_TITLES[Button.TALK_TO_PERSON], VERB_PERSON,
                       {k: v for k, v in data.items() if k != "verb"}, style="positive")] \
        if retry else None
    return small_card([text_block(text, size="Small")], actions, fallback=text)


def welcome(msp_name: str) -> dict[str, Any]:
    text = (
        f"Hi, I'm the help assistant for {msp_name}. Ask me how support works: what your "
        "agreement covers, why a fix can take longer than the response time, what happens "
        "after hours. If something is broken or urgent, just say so and I'll get a person."
    )
    return card(
        [text_block("Hello!", weight="Bolder", size="Medium"), text_block(text)], fallback=text
    )


def staff_welcome() -> dict[str, Any]:
    text = (
        "This is the staff channel: I'll post client hand-offs here (emergencies, requests "
        "for a person and logged reports), each with the client, the priority and the "
        "response due time, and a link to the conversation where Teams gives one (a channel "
        "or group chat; a personal chat has none)."
    )
    return card(
        [text_block("Hello, team", weight="Bolder", size="Medium"), text_block(text)],
        fallback=text,
    )


def notice(text: str) -> dict[str, Any]:
    return card([text_block(text)], fallback=text)


def message_link(
    conversation_id: str, message_id: str | None, tenant_id: str | None,
    group_id: str | None = None,
) -> str | None:
    """A Teams deep link to the client's message in a channel or group chat, when one exists.

    Personal (1:1) chats have no link that the staff could open, so those get None.
    """
    base, parent = conversation_id.partition(";messageid=")[::2]
    if not message_id or not base.startswith("19:"):
        return None
    params: dict[str, str] = {}
    if tenant_id:
        params["tenantId"] = tenant_id
    if group_id:
        params["groupId"] = group_id
    if parent:
        params["parentMessageId"] = parent
    if not base.endswith(("@thread.tacv2", "@thread.skype")):
        params["context"] = '{"contextType":"chat"}'
    query = f"?{urlencode(params)}" if params else ""
    return f"https://teams.microsoft.com/l/message/{quote(base, safe='')}/{message_id}{query}"


_WHY = {Reason.EMERGENCY: "emergency (business down or a security incident)",
        Reason.HUMAN: "asked for a person", Reason.REQUEST: "a fault report or work request"}


def staff_alert(alert: StaffAlert, link: str | None) -> dict[str, Any]:
    """The proactive message to the staff channel when a client needs a person."""
    urgent = alert.reason is Reason.EMERGENCY and not alert.resolved
    title = {Reason.EMERGENCY: "Emergency: a client needs a person now",
             Reason.REQUEST: "A client request needs staff"}.get(
        alert.reason, "A client asked for a person")
    if alert.clicked:
        title = "A client clicked \u201cTalk to a person\u201d"
    if alert.resolved:
        title = "A client says their urgent ticket is sorted"
    facts = [
        {"title": "Client", "value": alert.client},
        {"title": "From", "value": alert.message.user_name or alert.message.user_id},
        {"title": "Why", "value": _WHY.get(alert.reason, alert.reason.value)},
    ]
    if alert.ticket is not None:
        due = f", reply due {alert.due_text}" if alert.due_text else ""
        facts.append({"title": "Ticket",
                      "value": f"#{alert.ticket.id}, provisional {alert.ticket.priority}{due}"})
    body: list[dict[str, Any]] = [
        text_block(title, weight="Bolder", size="Medium",
                   color="Attention" if urgent else "Default"),
        {"type": "FactSet", "facts": facts},
        text_block("They said" if alert.resolved else "They asked", weight="Bolder",
                   spacing="Medium"),
        text_block(alert.message.text[:2000]),
    ]
    if alert.answer:
        body.append(text_block("The bot had answered", weight="Bolder", spacing="Medium"))
        body.append(text_block(alert.answer[:2000], isSubtle=True))
    actions = [{"type": "Action.OpenUrl", "title": "Open the conversation", "url": link}] if link \
        else []
    return card(body, actions, fallback=f"{title}: {alert.message.text[:300]}")
