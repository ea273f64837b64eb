"""Teams settings from the environment, validated once when the server starts.

The names are the ones the issue fixes (MICROSOFT_APP_ID, ...); `auth.py` maps them onto
the Agents SDK's own configuration object. Nothing here imports the SDK.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.service.settings import SettingsError

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, got {env.get(name)!r}")


def _guid(env: Mapping[str, str], name: str) -> str | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not _GUID.match(raw):
        raise SettingsError(f"{name} must be a Microsoft Entra ID (a GUID), got {raw!r}")
    return raw.lower()


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 < value <= 12:
        raise SettingsError(f"{name} must be between 0 and 12 seconds (Teams waits 15), got {raw}")
    return value


@dataclass(frozen=True)
class TeamsSettings:
    """Who the bot is (app registration) and who the MSP's staff are."""

    app_id: str | None = None
    app_password: str | None = field(default=None, repr=False)
    app_tenant_id: str | None = None
    dev_anonymous: bool = False
    staff_tenant_id: str | None = None
    staff_user_ids: frozenset[str] = frozenset()
    staff_conversation_id: str | None = None
    # Answer inside the HTTP request when the core is this quick; otherwise acknowledge
    # (typing) and answer proactively, so Teams' 15-second window is never at risk.
    reply_budget_s: float = 5.0

    @property
    def enabled(self) -> bool:
        return self.app_id is not None or self.dev_anonymous

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> TeamsSettings:
        env = os.environ if env is None else env
        app_id = (env.get("MICROSOFT_APP_ID") or "").strip() or None
        dev_anonymous = _flag(env, "MSPBOT_TEAMS_DEV_ANONYMOUS")
        if dev_anonymous and app_id:
            raise SettingsError(
                "MSPBOT_TEAMS_DEV_ANONYMOUS=true is for local testing without credentials and "
                "is refused when MICROSOFT_APP_ID is set: unset one of them"
            )
        password = env.get("MICROSOFT_APP_PASSWORD") or None
        if app_id and not password:
            raise SettingsError(
                "MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not (the client secret "
                "of the bot's app registration)"
            )
        staff_users = frozenset(
            part.strip().lower()
            for part in (env.get("MSPBOT_TEAMS_STAFF_USER_IDS") or "").split(",")
            if part.strip()
        )
        return cls(
            app_id=app_id,
            app_password=password,
            app_tenant_id=_guid(env, "MICROSOFT_APP_TENANT_ID"),
            dev_anonymous=dev_anonymous,
            staff_tenant_id=_guid(env, "MSPBOT_TEAMS_STAFF_TENANT_ID"),
            staff_user_ids=staff_users,
            staff_conversation_id=(env.get("MSPBOT_TEAMS_STAFF_CONVERSATION_ID") or "").strip()
            or None,
            reply_budget_s=_seconds(env, "MSPBOT_TEAMS_REPLY_BUDGET_S", 5.0),
        )
