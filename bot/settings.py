"""Settings from the environment, validated once at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class SettingsError(ValueError):
    pass


def default_database_url(env: Mapping[str, str]) -> str:
    home = env.get("MSPBOT_HOME") or os.path.join(
        env.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share"), "mspbot"
    )
    return f"sqlite:///{Path(home) / 'mspbot.db'}"


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str
    msp_name: str = "the support team"
    max_message_chars: int = 4000
    embeddings_base_url: str | None = None
    embeddings_api_key: str | None = None
    embeddings_model: str = "text-embedding-3-small"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            database_url=env.get("MSPBOT_DATABASE_URL") or default_database_url(env),
            msp_name=env.get("MSPBOT_MSP_NAME") or "the support team",
            max_message_chars=_positive_int(env, "MSPBOT_MAX_MESSAGE_CHARS", 4000),
            embeddings_base_url=env.get("MSPBOT_EMBEDDINGS_BASE_URL") or None,
            embeddings_api_key=env.get("MSPBOT_EMBEDDINGS_API_KEY") or None,
            embeddings_model=env.get("MSPBOT_EMBEDDINGS_MODEL") or "text-embedding-3-small",
        )
