"""Pure rendering: Reply -> Slack messages (Block Kit), and the staff alert.

Limits (api.slack.com/reference/block-kit): a section's text <= 3000 characters, a
message <= 50 blocks, a button value <= 2000 characters, context text <= 3000.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from adapters.slack import mrkdwn
from bot.core.models import Button, Reason, Reply
from bot.core.ports import StaffAlert
from bot.workflows.feedback import VoteResult

SECTION_LIMIT = 3000
SECTIONS_PER_MESSAGE = 20  # well below 50 blocks, leaves room for context and actions
FALLBACK_LIMIT = 3000
VALUE_LIMIT = 2000

ACTION_IDS = {
    Button.HELPFUL: "mspbot_helpful",
    Button.NOT_HELPFUL: "mspbot_not_helpful",
    Button.TALK_TO_PERSON: "mspbot_talk_to_person",
    Button.MORE_URGENT: "mspbot_more_urgent",
}
SHARE_ACTION_ID = "mspbot_share"
_LABELS = {
    Button.HELPFUL: "👍 Helpful",
    Button.NOT_HELPFUL: "👎 Not helpful",
    Button.TALK_TO_PERSON: "Talk to a person",
    Button.MORE_URGENT: "It's more urgent",
}

Block = dict[str, Any]


@dataclass(frozen=True)
class SlackMessage:
    text: str  # notification / accessibility fallback
    blocks: list[Block]


def plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": _clip(text, limit), "emoji": True}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def button_value(reply: Reply, question: str) -> str:
    """What a click needs later: the interaction, the client and (for escalation) the
    question, kept under Slack's 2000-character value limit."""
    data: dict[str, Any] = {"i": reply.interaction_id, "t": reply.tenant}
    if reply.ticket is not None:
        data["k"] = reply.ticket.id
    base = len(json.dumps(data, ensure_ascii=False)) + 10
    data["q"] = _clip(question, max(0, (VALUE_LIMIT - base) // 2))  # JSON may escape chars
    return json.dumps(data, ensure_ascii=False)


def parse_value(value: str | None) -> dict[str, Any]:
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def render_reply(
    reply: Reply,
    question: str = "",
    *,
    share_key: str | None = None,
    preface: str | None = None,
) -> list[SlackMessage]:
    """The answer as one or more messages; sources and buttons go under the last one."""
    chunks = mrkdwn.split_blocks(mrkdwn.to_blocks(reply.text), SECTION_LIMIT) or ["…"]
    if preface:
        chunks.insert(0, preface)
    groups = [chunks[i : i + SECTIONS_PER_MESSAGE]
              for i in range(0, len(chunks), SECTIONS_PER_MESSAGE)]
    messages = []
    for number, group in enumerate(groups, start=1):
        blocks: list[Block] = [
            {"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in group
        ]
        if number == len(groups):
            blocks.extend(_footer(reply, question, share_key))
        messages.append(SlackMessage(text=_clip("\n\n".join(group), FALLBACK_LIMIT), blocks=blocks))
    return messages


def _footer(reply: Reply, question: str, share_key: str | None) -> list[Block]:
    blocks: list[Block] = []
    if reply.citations:
        titles = " · ".join(mrkdwn.escape(c.title) for c in reply.citations)
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": _clip(f"Sources: {titles}", 2000)}
        ]})
    buttons: list[Block] = []
    if reply.interaction_id is not None:
        value = button_value(reply, question)
        for button in reply.buttons:
            element: Block = {
                "type": "button",
                "action_id": ACTION_IDS[button],
                "text": plain(_LABELS[button], 75),
                "value": value,
            }
            if button is Button.TALK_TO_PERSON:
                element["style"] = "primary"
            buttons.append(element)
    if share_key is not None:
        buttons.append({"type": "button", "action_id": SHARE_ACTION_ID,
                        "text": plain("Share in channel", 75), "value": share_key})
    if buttons:
        blocks.append({"type": "actions", "block_id": "mspbot_reply_actions", "elements": buttons})
    return blocks


_HEADLINES = {
    Reason.EMERGENCY: "🚨 EMERGENCY: a client needs a person now",
    Reason.HUMAN: "🙋 A client asked for a person",
    Reason.REQUEST: "🛠️ A client request needs staff",
}


def render_staff_alert(alert: StaffAlert, permalink: str | None) -> SlackMessage:
    """The post in the staff channel: who, what they asked, what the bot said, where."""
    message = alert.message
    emergency = alert.reason is Reason.EMERGENCY
    headline = ("🙋 A client clicked “Talk to a person”" if alert.clicked
                else _HEADLINES.get(alert.reason, "🙋 A client needs a person"))
    who = f"<@{message.user_id}>" if message.user_id else "someone"
    facts = f"*Client:* {mrkdwn.escape(alert.client)}\n*From:* {who}"
    if message.channel and message.platform == "slack":
        facts += f" in <#{message.channel}>"
    if alert.ticket is not None:
        facts += f"\n*Ticket:* #{alert.ticket.id}, provisional {alert.ticket.priority}"
        if alert.due_text:
            facts += f", reply due {mrkdwn.escape(alert.due_text)}"
    quoted = "\n".join(f"> {line}" for line in _clip(mrkdwn.escape(message.text), 2500).split("\n"))
    blocks: list[Block] = [
        {"type": "header", "text": plain(headline, 150)},
        {"type": "section", "text": {"type": "mrkdwn", "text": facts}},
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Question:*\n{quoted}"}},
    ]
    if alert.answer:
        said = _clip(mrkdwn.to_mrkdwn(alert.answer), 2800)
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                   "text": f"*The bot answered:*\n{said}"}})
    if permalink:
        blocks.append({"type": "actions", "elements": [{
            "type": "button", "text": plain("Open the thread", 75), "url": permalink,
            "action_id": "mspbot_open_thread",
            **({"style": "danger"} if emergency else {}),
        }]})
    fallback = f"{headline}. {alert.client}: {_clip(message.text, 300)}"
    return SlackMessage(text=fallback, blocks=blocks)


def vote_acknowledgement(button: Button, result: VoteResult) -> str:
    """What the clicker sees (only them) after a vote."""
    if result is VoteResult.REFUSED:
        return "Sorry, I couldn't record that: it isn't an answer I gave your team."
    if button is Button.HELPFUL:
        return "Thanks, glad it helped. Your feedback is recorded."
    return ("Thanks for telling me; that's recorded, and it helps us improve the answers. "
            "If you still need help, press “Talk to a person”.")
