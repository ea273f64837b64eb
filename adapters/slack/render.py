"""Pure rendering: Reply -> Slack messages (Block Kit), and the staff alert.

Limits (docs.slack.dev/reference/block-kit): a section's text <= 3000 characters, a
message <= 50 blocks, a button value <= 2000 characters, context text <= 3000. Slack also
refuses a message whose text adds up to much more than about 12,000 characters
(msg_too_long), so a long answer becomes several messages, each counted in full: its
notification text, every block's text, labels and button values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from adapters.slack import mrkdwn
from bot.core import replies
from bot.core.models import Button, Reason, Reply
from bot.core.ports import StaffAlert
from bot.workflows.feedback import VoteResult

SECTION_LIMIT = 3000
MESSAGE_CHARS = 12_000  # every string of a message together (see message_chars)
MESSAGE_BLOCKS = 50
FALLBACK_LIMIT = 1000  # the notification / screen-reader summary of a message
VALUE_LIMIT = 2000
FEEDBACK_ACTION_ID = "mspbot_feedback"  # the native feedback_buttons element
REPLY_ACTIONS_BLOCK = "mspbot_reply_actions"
FEEDBACK_BLOCK = "mspbot_reply_feedback"

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


AI_NOTE = ("🤖 AI-generated from our knowledge base, so it can be wrong: check anything "
           "important with a person.")
_SETTLED_VOTE = {Button.HELPFUL: "👍 {who} found this helpful.",
                 Button.NOT_HELPFUL: "👎 {who} found this unhelpful."}


def button_value(reply: Reply) -> str:
    """What a click needs later: the answer's interaction (and ticket). The click's own
    user and team say who clicked; nothing in the value is trusted beyond naming them."""
    data: dict[str, Any] = {"i": reply.interaction_id, "t": reply.tenant}
    if reply.ticket is not None:
        data["k"] = reply.ticket.id
    return json.dumps(data, ensure_ascii=False)


def feedback_value(reply: Reply, vote: Button) -> str:
    return json.dumps({"i": reply.interaction_id, "v": vote.value})


def parse_value(value: str | None) -> dict[str, Any]:
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def render_reply(
    reply: Reply,
    *,
    share_key: str | None = None,
    preface: str | None = None,
) -> list[SlackMessage]:
    """The answer as one or more messages; sources and buttons go under the last one."""
    chunks = mrkdwn.split_blocks(mrkdwn.to_blocks(reply.text), SECTION_LIMIT) or ["…"]
    if preface:
        chunks.insert(0, preface)
    return pack(chunks, footer(reply, share_key))


def pack(chunks: list[str], tail: list[Block]) -> list[SlackMessage]:
    """Sections into messages within MESSAGE_CHARS and MESSAGE_BLOCKS; `tail` under the
    last one (sections move to a further message until it fits there)."""
    groups: list[list[str]] = [[]]
    for chunk in chunks:
        if groups[-1] and not _fits(groups[-1] + [chunk], []):
            groups.append([])
        groups[-1].append(chunk)
    while not _fits(groups[-1], tail):
        if len(groups[-1]) == 1:
            raise ValueError("a message's footer does not fit beside one section")
        groups.append([groups[-1].pop()])
    return [_message(group, tail if number == len(groups) else [])
            for number, group in enumerate(groups, start=1)]


def _message(group: list[str], tail: list[Block]) -> SlackMessage:
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}}
                           for chunk in group]
    return SlackMessage(text=_clip("\n\n".join(group), FALLBACK_LIMIT), blocks=blocks + tail)


def _fits(group: list[str], tail: list[Block]) -> bool:
    message = _message(group, tail)
    return message_chars(message) <= MESSAGE_CHARS and len(message.blocks) <= MESSAGE_BLOCKS


def message_chars(message: SlackMessage) -> int:
    """Every string a message carries (its text, and each block's texts, labels, ids and
    values): the size Slack's length check may count."""
    return len(message.text) + _chars(message.blocks)


def _chars(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_chars(v) for v in value.values())
    if isinstance(value, list):
        return sum(_chars(v) for v in value)
    return 0


def footer(reply: Reply, share_key: str | None = None) -> list[Block]:
    """What goes under an answer: the AI disclosure and sources, native feedback buttons,
    then "Talk to a person" (and the other buttons) on their own."""
    blocks: list[Block] = []
    notes: list[Block] = []
    if reply.composer.by_llm:
        notes.append({"type": "mrkdwn", "text": AI_NOTE})
    if reply.citations:
        titles = " · ".join(mrkdwn.escape(c.title) for c in reply.citations)
        notes.append({"type": "mrkdwn", "text": _clip(f"Sources: {titles}", 2000)})
    if notes:
        blocks.append({"type": "context", "elements": notes})
    buttons: list[Block] = []
    if reply.interaction_id is not None:
        if Button.HELPFUL in reply.buttons and Button.NOT_HELPFUL in reply.buttons:
            blocks.append({"type": "context_actions", "block_id": FEEDBACK_BLOCK, "elements": [{
                "type": "feedback_buttons", "action_id": FEEDBACK_ACTION_ID,
                "positive_button": {"text": plain("Helpful", 75),
                                    "accessibility_label": "This answer was helpful",
                                    "value": feedback_value(reply, Button.HELPFUL)},
                "negative_button": {"text": plain("Not helpful", 75),
                                    "accessibility_label": "This answer was not helpful",
                                    "value": feedback_value(reply, Button.NOT_HELPFUL)},
            }]})
        value = button_value(reply)
        for button in reply.buttons:
            if button in (Button.HELPFUL, Button.NOT_HELPFUL):
                continue
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
        blocks.append({"type": "actions", "block_id": REPLY_ACTIONS_BLOCK, "elements": buttons})
    return blocks


def settled(blocks: list[Block], clicked: Button, note: str) -> list[Block]:
    """A message's blocks after a click took effect: the clicked control gone (a vote
    takes both feedback buttons away) and a line saying what happened."""
    gone = {ACTION_IDS[clicked]}
    if clicked in (Button.HELPFUL, Button.NOT_HELPFUL):
        gone |= {FEEDBACK_ACTION_ID, ACTION_IDS[Button.HELPFUL], ACTION_IDS[Button.NOT_HELPFUL]}
    out: list[Block] = []
    for block in blocks:
        if block.get("type") in ("actions", "context_actions"):
            kept = [e for e in block.get("elements") or [] if e.get("action_id") not in gone]
            if not kept:
                continue
            block = {**block, "elements": kept}
        out.append(block)
    out.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(note, 2000)}]})
    return out


def vote_note(button: Button, user_id: str) -> str:
    return _SETTLED_VOTE[button].format(who=f"<@{user_id}>")


def person_note(user_id: str, msp_name: str) -> str:
    return f"🙋 <@{user_id}> asked for a person: {mrkdwn.escape(msp_name)} has been alerted."


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
    if alert.resolved:
        emergency = False
        headline = "✅ A client says their urgent ticket is sorted"
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
        {"type": "section", "text": {"type": "mrkdwn",
                                     "text": f"*{'They said' if alert.resolved else 'Question'}:*"
                                             f"\n{quoted}"}},
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
        return replies.VOTE_REFUSED
    return replies.vote_thanks(button is Button.HELPFUL)
