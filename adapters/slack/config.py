"""The Slack section of the settings (tokens come from the environment or the file)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from bot.service.sections import Names, OnOff, PositiveInt, Section, SettingsError, Text, choice

SLACK_API_URL = "https://slack.com/api/"
Mode = Literal["http", "socket"]


def _api_url(raw: object) -> str:
    url = str(raw).strip() or SLACK_API_URL
    return url if url.endswith("/") else url + "/"


class SlackConfig(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_SLACK_")

    bot_token: SecretStr = Field(validation_alias="SLACK_BOT_TOKEN")
    signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    # unset: socket when only an app token is given, else http (see _default_mode)
    mode: Annotated[Mode, BeforeValidator(choice("http", "socket"))] = "http"
    api_url: Annotated[str, BeforeValidator(_api_url)] = SLACK_API_URL
    staff_channel: Text = None
    # both names are documented: one workspace, or a list of them
    staff_team_id: Names = frozenset()
    staff_team_ids: Names = frozenset()
    staff_user_ids: Names = Field(default=frozenset(), validation_alias="MSPBOT_SLACK_STAFF_USERS")
    concurrency: PositiveInt = 16
    msp_name: str = Field(default="the support team", validation_alias="MSPBOT_MSP_NAME")
    streaming: OnOff = True  # LLM answers streamed into threads

    @model_validator(mode="before")
    @classmethod
    def _default_mode(cls, data: Any) -> Any:
        if isinstance(data, dict) and not str(data.get("mode") or "").strip():
            socket = data.get("app_token") and not data.get("signing_secret")
            data = {**data, "mode": "socket" if socket else "http"}
        return data

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None,  # type: ignore[override]
                 **defaults: Any) -> SlackConfig | None:
        """The Slack settings, or None when Slack is not configured at all."""
        env = os.environ if env is None else env
        if not (env.get("SLACK_BOT_TOKEN") or "").strip():
            if env.get("SLACK_SIGNING_SECRET") or env.get("SLACK_APP_TOKEN"):
                raise SettingsError("SLACK_BOT_TOKEN is missing (the xoxb- token from "
                                    "OAuth & Permissions); the other Slack settings are set")
            return None
        return super().from_env(env, **defaults)

    def check(self) -> None:
        if self.mode == "http" and self.signing_secret is None:
            raise SettingsError("SLACK_SIGNING_SECRET is required for the HTTP Events API "
                                "(or set MSPBOT_SLACK_MODE=socket with SLACK_APP_TOKEN)")
        app_token = self.app_token.get_secret_value() if self.app_token else ""
        if self.mode == "socket" and not app_token.startswith("xapp-"):
            raise SettingsError("Socket Mode needs SLACK_APP_TOKEN, an app-level token "
                                "starting with xapp- (scope connections:write)")

    @property
    def staff_workspaces(self) -> frozenset[str]:
        return self.staff_team_id | self.staff_team_ids

    def is_staff(self, user_id: str | None, team_id: str | None) -> bool:
        """Staff = a member of the MSP's own workspace, or a listed user. Nobody is staff
        by default: a guest in the MSP's workspace must not get staff powers by accident."""
        if user_id and user_id in self.staff_user_ids:
            return True
        return bool(team_id) and team_id in self.staff_workspaces
