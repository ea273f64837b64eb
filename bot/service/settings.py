"""Settings from the environment, validated once at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse


class SettingsError(ValueError):
    pass


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


def _whole_number(env: Mapping[str, str], name: str, default: int, *, zero_is_off: bool) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if zero_is_off and value < 0:
        raise SettingsError(f"{name} must be 0 (off) or more, got {value}")
    if not zero_is_off and value <= 0:
        raise SettingsError(f"{name} must be positive, got {value}")
    return value


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    return _whole_number(env, name, default, zero_is_off=False)


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not value > 0 or value == float("inf"):
        raise SettingsError(f"{name} must be a positive number, got {raw!r}")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be on or off, got {raw!r}")


def _url(env: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        raw = env.get(name)
        if raw:
            parsed = urlparse(raw)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise SettingsError(f"{name} must be an http(s) URL, got {raw!r}")
            return raw.rstrip("/")
    return None


def _first(env: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        if env.get(name):
            return env[name]
    return None


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    """A whole number >= 0 (0 switches the limit off)."""
    return _whole_number(env, name, default, zero_is_off=True)


ComposerName = Literal["curated", "llm"]
LogFormat = Literal["json", "text"]
LOG_LEVELS = ("debug", "info", "warning", "error")


@dataclass(frozen=True)
class LLMSettings:
    """The LLM endpoint: OpenAI, Azure OpenAI, or any OpenAI-compatible server."""

    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model: str = "gpt-4o-mini"
    azure_endpoint: str | None = None
    azure_deployment: str | None = None
    azure_api_version: str = "2024-10-21"
    deadline_s: float = 20.0  # one overall budget per answer, retries included
    request_timeout_s: float = 10.0  # one HTTP attempt
    max_attempts: int = 4
    max_tokens: int = 500
    temperature: float = 0.2
    breaker_failures: int = 5  # consecutive failed calls that open the circuit
    breaker_cooldown_s: float = 30.0
    cache_ttl_s: float = 86400.0
    cache: bool = True
    top_k: int = 3

    @property
    def is_azure(self) -> bool:
        return self.azure_endpoint is not None

    @property
    def configured(self) -> bool:
        return bool(self.base_url or self.api_key or self.azure_endpoint)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> LLMSettings:
        raw_temperature = env.get("MSPBOT_LLM_TEMPERATURE") or "0.2"
        try:
            temperature = float(raw_temperature)
        except ValueError:
            raise SettingsError(
                f"MSPBOT_LLM_TEMPERATURE must be a number, got {raw_temperature!r}"
            ) from None
        if not 0.0 <= temperature <= 2.0:
            raise SettingsError(
                f"MSPBOT_LLM_TEMPERATURE must be between 0 and 2, got {temperature}"
            )
        azure_endpoint = _url(env, "MSPBOT_LLM_AZURE_ENDPOINT", "AZURE_OPENAI_ENDPOINT")
        settings = cls(
            base_url=_url(env, "MSPBOT_LLM_BASE_URL", "OPENAI_BASE_URL"),
            api_key=_first(env, "MSPBOT_LLM_API_KEY", "OPENAI_API_KEY")
            or (_first(env, "AZURE_OPENAI_API_KEY") if azure_endpoint else None),
            model=env.get("MSPBOT_LLM_MODEL") or "gpt-4o-mini",
            azure_endpoint=azure_endpoint,
            azure_deployment=_first(env, "MSPBOT_LLM_AZURE_DEPLOYMENT"),
            azure_api_version=_first(env, "MSPBOT_LLM_AZURE_API_VERSION", "OPENAI_API_VERSION")
            or "2024-10-21",
            deadline_s=_positive_float(env, "MSPBOT_LLM_DEADLINE_S", 20.0),
            request_timeout_s=_positive_float(env, "MSPBOT_LLM_TIMEOUT_S", 10.0),
            max_attempts=_positive_int(env, "MSPBOT_LLM_MAX_ATTEMPTS", 4),
            max_tokens=_positive_int(env, "MSPBOT_LLM_MAX_TOKENS", 500),
            temperature=temperature,
            breaker_failures=_positive_int(env, "MSPBOT_LLM_BREAKER_FAILURES", 5),
            breaker_cooldown_s=_positive_float(env, "MSPBOT_LLM_BREAKER_COOLDOWN_S", 30.0),
            cache_ttl_s=_positive_float(env, "MSPBOT_LLM_CACHE_TTL_S", 86400.0),
            cache=_flag(env, "MSPBOT_LLM_CACHE", True),
            top_k=_positive_int(env, "MSPBOT_LLM_TOP_K", 3),
        )
        if settings.azure_endpoint and settings.base_url:
            raise SettingsError(
                "set either MSPBOT_LLM_AZURE_ENDPOINT (Azure OpenAI) or MSPBOT_LLM_BASE_URL "
                "(OpenAI or a compatible server), not both"
            )
        if settings.azure_endpoint and not settings.azure_deployment:
            raise SettingsError(
                "MSPBOT_LLM_AZURE_DEPLOYMENT is required with MSPBOT_LLM_AZURE_ENDPOINT "
                "(the name of your model deployment in Azure OpenAI)"
            )
        return settings


@dataclass(frozen=True)
class Settings:
    database_url: str = field(repr=False)  # may hold a password
    msp_name: str = "the support team"
    emergency_contact: str | None = None  # the MSP's own line, for clients it cannot identify
    max_message_chars: int = 4000
    shutdown_grace_s: float = 20.0  # answers in flight get this long to finish at shutdown
    embeddings_base_url: str | None = None
    embeddings_api_key: str | None = field(default=None, repr=False)
    embeddings_model: str = "text-embedding-3-small"
    composer: ComposerName = "curated"
    llm: LLMSettings = field(default_factory=LLMSettings)
    # abuse limits (per process): messages a minute and burst; 0 turns a limit off
    rate_user_per_min: int = 20
    rate_user_burst: int = 10
    rate_tenant_per_min: int = 1200
    rate_tenant_burst: int = 600
    # logs: JSON lines by default; message text only when switched on
    log_level: str = "info"
    log_format: LogFormat = "json"
    log_message_text: bool = False
    # built index parts (see bot/knowledge/fitting.py); None keeps them in memory only
    index_dir: Path | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        composer = (env.get("MSPBOT_COMPOSER") or "curated").strip().lower()
        if composer not in ("curated", "llm"):
            raise SettingsError(f"MSPBOT_COMPOSER must be 'curated' or 'llm', got {composer!r}")
        llm = LLMSettings.from_env(env)
        if composer == "llm" and not llm.configured:
            raise SettingsError(
                "MSPBOT_COMPOSER=llm needs an endpoint: MSPBOT_LLM_BASE_URL (a local "
                "OpenAI-compatible server), MSPBOT_LLM_API_KEY or OPENAI_API_KEY (OpenAI), "
                "or MSPBOT_LLM_AZURE_ENDPOINT (Azure OpenAI)"
            )
        log_level = (env.get("MSPBOT_LOG_LEVEL") or "info").strip().lower()
        if log_level not in LOG_LEVELS:
            raise SettingsError(f"MSPBOT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, "
                                f"got {log_level!r}")
        log_format = (env.get("MSPBOT_LOG_FORMAT") or "json").strip().lower()
        if log_format not in ("json", "text"):
            raise SettingsError(f"MSPBOT_LOG_FORMAT must be 'json' or 'text', got {log_format!r}")
        return cls(
            database_url=env.get("MSPBOT_DATABASE_URL") or default_database_url(env),
            msp_name=env.get("MSPBOT_MSP_NAME") or "the support team",
            emergency_contact=(env.get("MSPBOT_EMERGENCY_CONTACT") or "").strip() or None,
            shutdown_grace_s=_positive_float(env, "MSPBOT_SHUTDOWN_GRACE_S", 20.0),
            max_message_chars=_positive_int(env, "MSPBOT_MAX_MESSAGE_CHARS", 4000),
            embeddings_base_url=env.get("MSPBOT_EMBEDDINGS_BASE_URL") or None,
            embeddings_api_key=env.get("MSPBOT_EMBEDDINGS_API_KEY") or None,
            embeddings_model=env.get("MSPBOT_EMBEDDINGS_MODEL") or "text-embedding-3-small",
            composer="llm" if composer == "llm" else "curated",
            llm=llm,
            rate_user_per_min=_count(env, "MSPBOT_RATE_USER_PER_MIN", 20),
            rate_user_burst=_positive_int(env, "MSPBOT_RATE_USER_BURST", 10),
            rate_tenant_per_min=_count(env, "MSPBOT_RATE_TENANT_PER_MIN", 1200),
            rate_tenant_burst=_positive_int(env, "MSPBOT_RATE_TENANT_BURST", 600),
            log_level=log_level,
            log_format="text" if log_format == "text" else "json",
            log_message_text=_flag(env, "MSPBOT_LOG_MESSAGE_TEXT", False),
            index_dir=index_directory(env),
        )
