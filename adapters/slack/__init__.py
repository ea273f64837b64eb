"""The Slack adapter: Events API over HTTP (POST /slack/events) or Socket Mode.

`register(web_app, app)` is what the server calls; it does nothing when Slack is not
configured (no SLACK_BOT_TOKEN).
"""

from __future__ import annotations

from adapters.slack.server import SLACK_KEY, install, register

__all__ = ["SLACK_KEY", "install", "register"]
