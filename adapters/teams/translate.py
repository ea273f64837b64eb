"""Teams activity -> the core's InboundMessage (pure: no I/O, the activity is not changed)."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes

from bot.core.models import Button, InboundMessage, Role, org_identity

PLATFORM = "teams"
_WS = re.compile(r"\s+")
_TAG = re.compile(r"</?(?:p|div|span|br|b|i|strong|em|at)\b[^>]*>", re.I)


@dataclass(frozen=True)
class StaffPolicy:
    """Who counts as the MSP's staff: its own Microsoft tenant, plus listed users."""

    tenant_id: str | None = None
    user_ids: frozenset[str] = frozenset()

    def role(self, tenant_id: str | None, user_ids: tuple[str, ...]) -> Role:
        if self.tenant_id is not None and tenant_id == self.tenant_id:
            return Role.STAFF
        if any(uid.lower() in self.user_ids for uid in user_ids if uid):
            return Role.STAFF
        return Role.CLIENT


@dataclass(frozen=True)
class Who:
    user_id: str
    name: str
    role: Role
    tenant_id: str | None


@dataclass(frozen=True)
class CardAction:
    """A click on one of our cards, from Action.Execute (invoke) or Action.Submit (message)."""

    verb: str
    data: dict[str, Any]
    who: Who

    @property
    def interaction_id(self) -> int | None:
        raw = self.data.get("interaction_id")
        if isinstance(raw, bool):
            return None
        if isinstance(raw, int):
            return raw
        if isinstance(raw, str) and raw.isdigit():
            return int(raw)
        return None


def tenant_id(activity: Activity) -> str | None:
    """The Microsoft tenant of the sender: channelData.tenant.id, else conversation.tenantId."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = data.get("tenant")
    if isinstance(tenant, dict) and isinstance(tenant.get("id"), str) and tenant["id"]:
        return str(tenant["id"]).lower()
    conversation = activity.conversation
    raw = getattr(conversation, "tenant_id", None) if conversation is not None else None
    return raw.lower() if isinstance(raw, str) and raw else None


def who(activity: Activity, staff: StaffPolicy) -> Who | None:
    sender = activity.from_property
    if sender is None or not sender.id:
        return None
    tid = tenant_id(activity)
    user_id = sender.aad_object_id or sender.id
    return Who(
        user_id=user_id,
        name=sender.name or "",
        role=staff.role(tid, (sender.aad_object_id or "", sender.id)),
        tenant_id=tid,
    )


def split_conversation(conversation_id: str) -> tuple[str, str | None]:
    """'19:x@thread.tacv2;messageid=17' -> ('19:x@thread.tacv2', '17') (a channel thread)."""
    base, _, rest = conversation_id.partition(";messageid=")
    return base, (rest or None)


def clean_text(activity: Activity) -> str:
    """The message text without the bot's @mention, Teams' light HTML, or extra spaces."""
    text = activity.text or ""
    recipient = activity.recipient
    if recipient is not None and recipient.id:
        needles = [f"<at>{recipient.name}</at>"] if recipient.name else []
        for mention in activity.get_mentions():
            if mention.mentioned is not None and mention.mentioned.id == recipient.id:
                needles.append(mention.text or f"<at>{mention.mentioned.name}</at>")
        for needle in needles:
            text = re.sub(re.escape(needle), " ", text, flags=re.I)
    text = _TAG.sub(" ", text)
    return _WS.sub(" ", html.unescape(text)).strip()


def is_from_bot(activity: Activity) -> bool:
    sender = activity.from_property
    return sender is not None and (sender.role or "").lower() == "bot"


def translate(activity: Activity, staff: StaffPolicy) -> InboundMessage | None:
    """A user's text message -> InboundMessage; anything else (or nothing to say) -> None."""
    if activity.type != ActivityTypes.message or is_from_bot(activity):
        return None
    if activity.conversation is None or not activity.conversation.id:
        return None
    sender = who(activity, staff)
    if sender is None:
        return None
    text = clean_text(activity)
    if not text:
        return None
    channel, thread = split_conversation(activity.conversation.id)
    return InboundMessage(
        text=text,
        platform=PLATFORM,
        user_id=sender.user_id,
        role=sender.role,
        channel=channel,
        thread=thread,
        org=org_identity(PLATFORM, sender.tenant_id) if sender.tenant_id else None,
        user_name=sender.name or None,
        key=activity_key(activity),
    )


def activity_key(activity: Activity) -> str | None:
    """The delivery's identity: the same for the Bot Framework's retries."""
    if not activity.id or activity.conversation is None:
        return None
    return f"teams:{activity.conversation.id}:{activity.id}"


def card_action(activity: Activity, staff: StaffPolicy) -> CardAction | None:
    """Action.Execute (invoke 'adaptiveCard/action') or Action.Submit (message with value)."""
    sender = who(activity, staff)
    if sender is None or not isinstance(activity.value, dict):
        return None
    value: dict[str, Any] = activity.value
    if activity.type == ActivityTypes.invoke and activity.name == "adaptiveCard/action":
        action = value.get("action")
        if not isinstance(action, dict):
            return None
        raw = action.get("data")
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        verb = action.get("verb") or data.get("verb")
    elif activity.type == ActivityTypes.message and not clean_text(activity):
        data = value
        verb = value.get("verb")
    else:
        return None
    if not isinstance(verb, str) or not verb:
        return None
    return CardAction(verb=verb, data=dict(data), who=sender)


FEEDBACK_INVOKE = "message/submitAction"  # Teams' feedback loop: thumbs on a message
LATEST_ANSWER = "latest"  # stands for the newest answer in a conversation
_REACTIONS = {"like": Button.HELPFUL, "dislike": Button.NOT_HELPFUL}


@dataclass(frozen=True)
class FeedbackVote:
    """A thumbs up or down from Teams' feedback loop, on the message `message_id`."""

    button: Button
    comment: str
    message_id: str | None
    who: Who


def feedback_vote(activity: Activity, staff: StaffPolicy) -> FeedbackVote | None:
    """`message/submitAction` with actionName "feedback" -> the vote; anything else None."""
    if activity.type != ActivityTypes.invoke or activity.name != FEEDBACK_INVOKE:
        return None
    sender = who(activity, staff)
    value = activity.value if isinstance(activity.value, dict) else {}
    action = value.get("actionValue")
    if sender is None or value.get("actionName") != "feedback" or not isinstance(action, dict):
        return None
    button = _REACTIONS.get(str(action.get("reaction")))
    if button is None:
        return None
    comment = ""
    raw = action.get("feedback")  # a JSON string, or (some clients) the object itself
    parsed: Any = raw
    if isinstance(raw, str) and raw:
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = raw
    text = parsed.get("feedbackText") if isinstance(parsed, dict) else parsed
    comment = text if isinstance(text, str) else ""
    return FeedbackVote(button, comment, activity.reply_to_id or None, sender)


def answer_ref_key(conversation_id: str, message_id: str) -> str:
    """Where the answer behind one of the bot's messages is remembered."""
    return f"teams:answer:{split_conversation(conversation_id)[0]}:{message_id}"


def mentions_bot(activity: Activity) -> bool:
    """The message @mentions the bot (in a personal chat every message is for it)."""
    conversation = activity.conversation
    if conversation is not None and conversation.conversation_type == "personal":
        return True
    recipient = activity.recipient
    if recipient is None or not recipient.id:
        return False
    return any(m.mentioned is not None and m.mentioned.id == recipient.id
               for m in activity.get_mentions())
