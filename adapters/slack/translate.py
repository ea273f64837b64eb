"""Pure translation: a Slack Events API payload -> an InboundMessage (or None to ignore it).

No network, no clock, no store: everything needed is in the payload and the arguments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.models import InboundMessage, Role, org_identity

# Message subtypes that are still a person writing something new.
_PERSON_SUBTYPES = {None, "file_share", "thread_broadcast"}
_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")
_SPACES = re.compile(r"[ \t]+")

StaffCheck = Callable[[str | None, str | None], bool]


@dataclass(frozen=True)
class SlackInbound:
    """An InboundMessage plus the Slack facts the adapter needs to answer it."""

    message: InboundMessage
    key: str  # identity of the post: the same for retries and for app_mention + message
    ts: str  # the post itself (progress reaction, permalink)
    reply_thread: str | None  # where the answer goes (None: top level of a DM)
    follow_up: bool  # an unmentioned reply in a thread: answer only if the bot spoke there
    dm: bool = False
    event_id: str | None = None
    team: str | None = None  # the asking user's own workspace (Slack Connect: theirs)

    @property
    def channel(self) -> str:
        assert self.message.channel is not None
        return self.message.channel


def clean_text(text: str, bot_user_id: str | None) -> str:
    """Slack's wire format -> what the person typed: mentions of the bot removed, links
    and channel/user references made readable, entities unescaped."""

    def link(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            return "" if target[1:] == bot_user_id else f"@{label or 'someone'}"
        if target.startswith("#"):
            return f"#{label or 'channel'}"
        if target.startswith("!"):
            return f"@{label or target[1:].split('^')[0]}"
        return f"{label} ({target})" if label and label != target else target

    text = _LINK.sub(link, text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def user_team(event: Mapping[str, Any], body: Mapping[str, Any]) -> str | None:
    """The asking user's own workspace. In a Slack Connect channel `user_team` is the
    external person's team; `team` / the envelope's `team_id` is where the app lives."""
    for value in (event.get("user_team"), event.get("source_team"), event.get("team")):
        if isinstance(value, str) and value:
            return value
    team = body.get("team_id")
    return team if isinstance(team, str) and team else None


def translate(
    body: Mapping[str, Any], *, bot_user_id: str | None, is_staff: StaffCheck
) -> SlackInbound | None:
    """`app_mention` and `message` events that a person wrote and the bot should consider."""
    if body.get("type") != "event_callback":
        return None
    event = body.get("event")
    if not isinstance(event, Mapping) or event.get("type") not in ("app_mention", "message"):
        return None
    subtype = event.get("subtype")
    if not (subtype is None or isinstance(subtype, str)) or subtype not in _PERSON_SUBTYPES \
            or event.get("bot_id"):
        return None  # edits, deletions, joins, bots (including this one)
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    raw = event.get("text")
    if not (isinstance(user, str) and isinstance(channel, str) and isinstance(ts, str)
            and user and channel and ts):
        return None
    if user == bot_user_id or not isinstance(raw, str):
        return None
    thread_ts = event.get("thread_ts")
    thread_ts = thread_ts if isinstance(thread_ts, str) and thread_ts else None
    is_dm = event.get("channel_type") == "im" or (event["type"] == "message" and channel[:1] == "D")
    mentioned = event["type"] == "app_mention" or (
        bot_user_id is not None and f"<@{bot_user_id}" in raw
    )
    follow_up = False
    if not is_dm and not mentioned:
        if thread_ts is None or thread_ts == ts:
            return None  # channel chatter not addressed to the bot
        follow_up = True
    team = user_team(event, body)
    text = clean_text(raw, bot_user_id)
    if not text and not mentioned:
        return None
    reply_thread = thread_ts if is_dm else (thread_ts or ts)
    event_id = body.get("event_id")
    key = f"slack:post:{channel}:{ts}"
    message = InboundMessage(
        text=text,
        platform="slack",
        user_id=user,
        role=Role.STAFF if is_staff(user, team) else Role.CLIENT,
        channel=channel,
        thread=reply_thread,
        org=org_identity("slack", team) if team else None,
        key=key,
    )
    return SlackInbound(
        message=message,
        key=key,
        ts=ts,
        reply_thread=reply_thread,
        follow_up=follow_up,
        dm=is_dm,
        event_id=event_id if isinstance(event_id, str) else None,
        team=team,
    )


def slash_message(
    payload: Mapping[str, Any], *, user_team: str | None, is_staff: StaffCheck
) -> InboundMessage:
    """`/ask question`: a private conversation of this user in this channel.

    A slash command's `team_id` is the workspace the command ran in, which in a Slack
    Connect channel need not be the user's own; the caller passes the user's real team.
    """
    user = str(payload.get("user_id", ""))
    team = user_team
    channel = str(payload.get("channel_id", "")) or None
    return InboundMessage(
        text=clean_text(str(payload.get("text", "")), None),
        platform="slack",
        user_id=user,
        role=Role.STAFF if is_staff(user, team) else Role.CLIENT,
        channel=channel,
        thread=f"ask-{user}",
        org=org_identity("slack", team) if team else None,
    )
