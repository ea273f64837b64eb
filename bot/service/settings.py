"""The core's settings sections (service and LLM), validated once at start.

Each field's environment variable is `env_prefix` + its name unless an alias is given;
see bot/service/sections.py for the parsers and how the allow-list and secrets derive.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import AliasChoices, BeforeValidator, Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from bot.service.sections import (
    Count,
    HoldsPassword,
    HttpUrl,
    OnOff,
    PositiveInt,
    Seconds,
    Section,
    SettingsError,
    Text,
    choice,
)

__all__ = ["LLMSettings", "Settings", "SettingsError", "default_database_url", "home_directory",
           "index_directory"]


def home_directory(env: Mapping[str, str]) -> Path:
    return Path(env.get("MSPBOT_HOME") or os.path.join(
        env.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share"), "mspbot"
    ))


def default_database_url(env: Mapping[str, str]) -> str:
    return f"sqlite:///{home_directory(env) / 'mspbot.db'}"


def index_directory(env: Mapping[str, str]) -> Path | None:
    """Where built index parts are kept: MSPBOT_INDEX_DIR, default MSPBOT_HOME/index;
    "off" builds in memory only."""
    raw = (env.get("MSPBOT_INDEX_DIR") or "").strip()
    if raw.lower() == "off":
        return None
    return Path(raw) if raw else home_directory(env) / "index"


def _index_dir(raw: object) -> Path | None:
    if raw is None or isinstance(raw, Path):
        return raw
    text = str(raw).strip()
    return None if text.lower() == "off" else Path(text)


def _temperature(raw: object) -> float:
    try:
        value = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
    except ValueError:
        raise ValueError(f"must be a number, got {raw!r}") from None
    if not 0.0 <= value <= 2.0:
        raise ValueError(f"must be between 0 and 2, got {value}")
    return value


ComposerName = Literal["curated", "llm"]
LogFormat = Literal["json", "text"]
LOG_LEVELS = ("debug", "info", "warning", "error")


class LLMSettings(Section):
    """The LLM endpoint: OpenAI, Azure OpenAI, or any OpenAI-compatible server."""

    model_config = SettingsConfigDict(env_prefix="MSPBOT_LLM_")

    base_url: HttpUrl | None = Field(
        default=None, validation_alias=AliasChoices("MSPBOT_LLM_BASE_URL", "OPENAI_BASE_URL"))
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("MSPBOT_LLM_API_KEY", "OPENAI_API_KEY"))
    # Azure's own key name; used only with an Azure endpoint (see _azure_key)
    azure_openai_api_key: SecretStr | None = Field(
        default=None, validation_alias="AZURE_OPENAI_API_KEY")
    model: str = "gpt-4o-mini"
    azure_endpoint: HttpUrl | None = Field(
        default=None,
        validation_alias=AliasChoices("MSPBOT_LLM_AZURE_ENDPOINT", "AZURE_OPENAI_ENDPOINT"))
    azure_deployment: Text = None
    azure_api_version: str = Field(
        default="2024-10-21",
        validation_alias=AliasChoices("MSPBOT_LLM_AZURE_API_VERSION", "OPENAI_API_VERSION"))
    deadline_s: Seconds = 20.0  # one overall budget per answer, retries included
    request_timeout_s: Seconds = Field(default=10.0, validation_alias="MSPBOT_LLM_TIMEOUT_S")
    max_attempts: PositiveInt = 4
    max_tokens: PositiveInt = 500
    temperature: Annotated[float, BeforeValidator(_temperature)] = 0.2
    breaker_failures: PositiveInt = 5  # consecutive failed calls that open the circuit
    breaker_cooldown_s: Seconds = 30.0
    cache_ttl_s: Seconds = 86400.0
    cache: OnOff = True
    top_k: PositiveInt = 3

    @model_validator(mode="before")
    @classmethod
    def _azure_key(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("api_key") and data.get("azure_endpoint"):
            azure_key = data.get("azure_openai_api_key")
            if azure_key:
                data = {**data, "api_key": azure_key}
        return data

    @property
    def is_azure(self) -> bool:
        return self.azure_endpoint is not None

    @property
    def configured(self) -> bool:
        return bool(self.base_url or self.api_key or self.azure_endpoint)

    def check(self) -> None:
        if self.azure_endpoint and self.base_url:
            raise SettingsError(
                "set either MSPBOT_LLM_AZURE_ENDPOINT (Azure OpenAI) or MSPBOT_LLM_BASE_URL "
                "(OpenAI or a compatible server), not both"
            )
        if self.azure_endpoint and not self.azure_deployment:
            raise SettingsError(
                "MSPBOT_LLM_AZURE_DEPLOYMENT is required with MSPBOT_LLM_AZURE_ENDPOINT "
                "(the name of your model deployment in Azure OpenAI)"
            )


class Settings(Section):
    """The service: database, the MSP's identity, composer, abuse limits, logs, shutdown."""

    model_config = SettingsConfigDict(env_prefix="MSPBOT_")

    # where the default SQLite database lives (read by default_database_url)
    home: Text = None
    database_url: Annotated[str, HoldsPassword] = Field(repr=False)  # may hold a password
    msp_name: str = "the support team"
    # built index parts (see bot/knowledge/fitting.py); None ("off") keeps them in memory
    index_dir: Annotated[Path | None, BeforeValidator(_index_dir)] = None
    emergency_contact: Text = None  # the MSP's own line, for clients it cannot identify
    max_message_chars: PositiveInt = 4000
    # the one grace period: background answers in flight get this long at shutdown
    shutdown_grace_s: Seconds = 20.0
    embeddings_base_url: Text = None
    embeddings_api_key: SecretStr | None = None
    embeddings_model: str = "text-embedding-3-small"
    composer: Annotated[ComposerName, BeforeValidator(choice("curated", "llm"))] = "curated"
    llm: LLMSettings = Field(default_factory=lambda: LLMSettings())
    # abuse limits (per process): messages a minute and burst; 0 turns a limit off
    rate_user_per_min: Count = 20
    rate_user_burst: PositiveInt = 10
    rate_tenant_per_min: Count = 1200
    rate_tenant_burst: PositiveInt = 600
    # logs: JSON lines by default; message text only when switched on
    log_level: Annotated[str, BeforeValidator(choice(*LOG_LEVELS))] = "info"
    log_format: Annotated[LogFormat, BeforeValidator(choice("json", "text"))] = "json"
    log_message_text: OnOff = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **defaults: Any) -> Self:
        env = os.environ if env is None else env
        defaults.setdefault("llm", LLMSettings.from_env(env))
        defaults.setdefault("database_url", default_database_url(env))
        defaults.setdefault("index_dir", index_directory(env))
        return super().from_env(env, **defaults)

    def check(self) -> None:
        if self.composer == "llm" and not self.llm.configured:
            raise SettingsError(
                "MSPBOT_COMPOSER=llm needs an endpoint: MSPBOT_LLM_BASE_URL (a local "
                "OpenAI-compatible server), MSPBOT_LLM_API_KEY or OPENAI_API_KEY (OpenAI), "
                "or MSPBOT_LLM_AZURE_ENDPOINT (Azure OpenAI)"
            )
