"""The Teams section of the settings, validated once when the server starts.

The names are the ones the issue fixes (MICROSOFT_APP_ID, ...); `auth.py` maps them onto
the Agents SDK's own configuration object. Nothing here imports the SDK.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bot.service.sections import OnOff, Section, SettingsError, Text, names

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def _guid(raw: object) -> str | None:
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None
    if not _GUID.match(text):
        raise ValueError(f"must be a Microsoft Entra ID (a GUID), got {text!r}")
    return text.lower()


def _reply_budget(raw: object) -> float:
    try:
        value = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
    except ValueError:
        raise ValueError(f"must be a number of seconds, got {raw!r}") from None
    if not 0 < value <= 12:
        raise ValueError(f"must be between 0 and 12 seconds (Teams waits 15), got {raw}")
    return value


def _lower_names(raw: object) -> frozenset[str]:
    return frozenset(name.lower() for name in names(raw))


Guid = Annotated[str | None, BeforeValidator(_guid)]


class TeamsSettings(Section):
    """Who the bot is (app registration) and who the MSP's staff are."""

    model_config = SettingsConfigDict(env_prefix="MSPBOT_TEAMS_")

    app_id: Text = Field(default=None, validation_alias="MICROSOFT_APP_ID")
    app_password: SecretStr | None = Field(default=None, validation_alias="MICROSOFT_APP_PASSWORD")
    app_tenant_id: Guid = Field(default=None, validation_alias="MICROSOFT_APP_TENANT_ID")
    dev_anonymous: OnOff = False
    staff_tenant_id: Guid = None
    staff_user_ids: Annotated[frozenset[str], BeforeValidator(_lower_names)] = frozenset()
    staff_conversation_id: Text = None
    # Answer inside the HTTP request when the core is this quick; otherwise acknowledge
    # (typing) and answer proactively, so Teams' 15-second window is never at risk.
    reply_budget_s: Annotated[float, BeforeValidator(_reply_budget)] = 5.0
    # the website the app package links to (`mspbot teams package --website`)
    msp_website: Text = Field(default=None, validation_alias="MSPBOT_MSP_WEBSITE")

    @property
    def enabled(self) -> bool:
        return self.app_id is not None or self.dev_anonymous

    def check(self) -> None:
        if self.dev_anonymous and self.app_id:
            raise SettingsError(
                "MSPBOT_TEAMS_DEV_ANONYMOUS=true is for local testing without credentials and "
                "is refused when MICROSOFT_APP_ID is set: unset one of them"
            )
        if self.app_id and not self.app_password:
            raise SettingsError(
                "MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not (the client secret "
                "of the bot's app registration)"
            )
