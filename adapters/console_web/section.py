"""The web console's names in the settings sections (so the TOML file accepts them and the
logs mask its client secrets). `config.ConsoleSettings` still parses the values."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bot.service.sections import Section, Text


class ConsoleSection(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_CONSOLE_")

    enabled: Text = Field(default=None, validation_alias="MSPBOT_CONSOLE")  # on/off
    base_url: Text = None
    entra_client_id: Text = None
    entra_client_secret: SecretStr | None = None
    entra_issuer: Text = None
    login_attempts: Text = None
    screenshots: Text = None
    secure_cookies: Text = None
    session_hours: Text = None
    slack_client_id: Text = None
    slack_client_secret: SecretStr | None = None
    slack_issuer: Text = None
