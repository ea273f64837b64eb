"""The Slack app manifest: everything the app needs, so an MSP creates it in one paste."""

from __future__ import annotations

from typing import Any

from adapters.slack.curation import SHORTCUT_ID
from adapters.slack.server import EVENTS_PATH
from bot.core.replies import STARTER_PROMPTS

BOT_SCOPES = [
    "app_mentions:read",  # @mentions in channels
    "channels:history",  # thread follow-ups in public channels, the question behind a shortcut
    "groups:history",  # the same in private channels
    "im:history",  # direct messages to the bot (App Home's messages tab)
    "mpim:history",  # group DMs the bot was added to (answered when mentioned)
    "chat:write",  # answers (streamed too), staff alerts, acknowledgements, thread status
    "commands",  # /ask and /kb, and the message shortcut
    "reactions:write",  # the "working on it" reaction
    "users:read",  # the workspace of a slash command's user (staff or client?)
]
BOT_EVENTS = ["app_mention", "app_home_opened", "message.channels", "message.groups",
              "message.im", "message.mpim"]
# Slack's AI assistant (agent) surface: the split view, its threads and their context.
ASSISTANT_SCOPES = ["assistant:write"]
ASSISTANT_EVENTS = ["assistant_thread_started", "assistant_thread_context_changed"]


def build_manifest(
    *, name: str = "MSP Helper", mode: str = "socket", base_url: str | None = None,
    assistant: bool = False,
) -> dict[str, Any]:
    """Socket Mode needs no public URL; HTTP mode needs `base_url` (https://host)."""
    if mode not in ("socket", "http"):
        raise ValueError("mode must be 'socket' or 'http'")
    if mode == "http" and not base_url:
        raise ValueError("HTTP mode needs the public base URL, e.g. https://bot.example.com")
    url = f"{base_url.rstrip('/')}{EVENTS_PATH}" if mode == "http" and base_url else None
    with_url: dict[str, Any] = {"url": url} if url else {}
    request_url: dict[str, Any] = {"request_url": url} if url else {}
    scopes = list(BOT_SCOPES)
    events = list(BOT_EVENTS)
    features: dict[str, Any] = {
        "app_home": {"home_tab_enabled": False, "messages_tab_enabled": True,
                     "messages_tab_read_only_enabled": False},
        "bot_user": {"display_name": name, "always_online": True},
        "slash_commands": [
            {"command": "/ask", "description": "Ask a question privately",
             "usage_hint": "why isn't my ticket fixed yet?", "should_escape": False, **with_url},
            {"command": "/kb", "description": "Add or edit a knowledge entry (staff)",
             "usage_hint": "[edit <entry-id>]", "should_escape": False, **with_url},
        ],
        "shortcuts": [
            {"name": "Save to knowledge base", "type": "message", "callback_id": SHORTCUT_ID,
             "description": "Turn this answer into a knowledge entry (staff)"},
        ],
    }
    if assistant:
        scopes.extend(ASSISTANT_SCOPES)
        events.extend(ASSISTANT_EVENTS)
        features["assistant_view"] = {
            "assistant_description": "Answers questions about your IT service, candidly.",
            "suggested_prompts": [{"title": title, "message": message}
                                  for title, message in STARTER_PROMPTS],
        }
    return {
        "display_information": {
            "name": name,
            "description": "Answers clients' questions about their IT service and agreement.",
            "background_color": "#2c3e50",
        },
        "features": features,
        "oauth_config": {"scopes": {"bot": scopes}},
        "settings": {
            "event_subscriptions": {**request_url, "bot_events": events},
            "interactivity": {"is_enabled": True, **request_url},
            "org_deploy_enabled": False,
            "socket_mode_enabled": mode == "socket",
            "token_rotation_enabled": False,
        },
    }
