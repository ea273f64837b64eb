"""Slack settings, read from the environment (tokens never come from files or flags)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from bot.service.settings import SettingsError

SLACK_API_URL = "https://slack.com/api/"
Mode = Literal["http", "socket"]


def _split(raw: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (raw or "").replace(";", ",").split(",")
                     if part.strip())


@dataclass(frozen=True)
class SlackConfig:
    bot_token: str = field(repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    mode: Mode = "http"
    api_url: str = SLACK_API_URL
    staff_channel: str | None = None
    staff_team_ids: frozenset[str] = frozenset()
    staff_user_ids: frozenset[str] = frozenset()
    concurrency: int = 16
    msp_name: str = "the support team"
    streaming: bool = True  # LLM answers streamed into threads (MSPBOT_SLACK_STREAMING)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SlackConfig | None:
        """The Slack settings, or None when Slack is not configured at all."""
        env = os.environ if env is None else env
        token = env.get("SLACK_BOT_TOKEN") or None
        secret = env.get("SLACK_SIGNING_SECRET") or None
        app_token = env.get("SLACK_APP_TOKEN") or None
        if token is None:
            if secret or app_token:
                raise SettingsError("SLACK_BOT_TOKEN is missing (the xoxb- token from "
                                    "OAuth & Permissions); the other Slack settings are set")
            return None
        raw_mode = (env.get("MSPBOT_SLACK_MODE") or "").strip().lower()
        if raw_mode == "":
            raw_mode = "socket" if app_token and not secret else "http"
        if raw_mode not in ("http", "socket"):
            raise SettingsError(f"MSPBOT_SLACK_MODE must be 'http' or 'socket', got {raw_mode!r}")
        mode: Mode = "socket" if raw_mode == "socket" else "http"
        if mode == "http" and secret is None:
            raise SettingsError("SLACK_SIGNING_SECRET is required for the HTTP Events API "
                                "(or set MSPBOT_SLACK_MODE=socket with SLACK_APP_TOKEN)")
        if mode == "socket" and (app_token is None or not app_token.startswith("xapp-")):
            raise SettingsError("Socket Mode needs SLACK_APP_TOKEN, an app-level token "
                                "starting with xapp- (scope connections:write)")
        api_url = env.get("MSPBOT_SLACK_API_URL") or SLACK_API_URL
        if not api_url.endswith("/"):
            api_url += "/"
        team = env.get("MSPBOT_SLACK_STAFF_TEAM_ID")
        raw_concurrency = env.get("MSPBOT_SLACK_CONCURRENCY") or "16"
        if not raw_concurrency.isdigit() or int(raw_concurrency) < 1:
            raise SettingsError(f"MSPBOT_SLACK_CONCURRENCY must be a positive whole number, "
                                f"got {raw_concurrency!r}")
        raw_streaming = (env.get("MSPBOT_SLACK_STREAMING") or "on").strip().lower()
        if raw_streaming not in ("on", "off", "true", "false", "1", "0"):
            raise SettingsError(f"MSPBOT_SLACK_STREAMING must be 'on' or 'off', "
                                f"got {raw_streaming!r}")
        return cls(
            bot_token=token,
            signing_secret=secret,
            app_token=app_token,
            mode=mode,
            api_url=api_url,
            staff_channel=env.get("MSPBOT_SLACK_STAFF_CHANNEL") or None,
            staff_team_ids=_split(team) | _split(env.get("MSPBOT_SLACK_STAFF_TEAM_IDS")),
            staff_user_ids=_split(env.get("MSPBOT_SLACK_STAFF_USERS")),
            concurrency=int(raw_concurrency),
            msp_name=env.get("MSPBOT_MSP_NAME") or "the support team",
            streaming=raw_streaming in ("on", "true", "1"),
        )

    def is_staff(self, user_id: str | None, team_id: str | None) -> bool:
        """Staff = a member of the MSP's own workspace, or a listed user. Nobody is staff
        by default: a guest in the MSP's workspace must not get staff powers by accident."""
        if user_id and user_id in self.staff_user_ids:
            return True
        return bool(team_id) and team_id in self.staff_team_ids
