"""An optional TOML configuration file: the same names as the environment variables.

    # mspbot.toml
    MSPBOT_DATABASE_URL = "postgresql://mspbot@db/mspbot"
    MSPBOT_MSP_NAME = "Northwind IT"
    MSPBOT_SLACK_STAFF_USERS = ["U012ABC", "U034DEF"]
    MSPBOT_RATE_USER_PER_MIN = 20

The environment wins over the file, so a deployment can keep the file in the image and
override one value. Unknown names are refused (with the closest known name), so a typo
never silently falls back to a default. Values are strings, numbers, booleans or lists
of strings (joined with commas, as the environment variables take them).
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from bot.service.settings import SettingsError

ENV_VAR = "MSPBOT_CONFIG"
KNOWN = frozenset({
    # core
    "MSPBOT_HOME", "MSPBOT_DATABASE_URL", "MSPBOT_MSP_NAME", "MSPBOT_MSP_WEBSITE",
    "MSPBOT_EMERGENCY_CONTACT",
    "MSPBOT_MAX_MESSAGE_CHARS", "MSPBOT_COMPOSER",
    "MSPBOT_EMBEDDINGS_BASE_URL", "MSPBOT_EMBEDDINGS_API_KEY", "MSPBOT_EMBEDDINGS_MODEL",
    # server: limits and logs
    "MSPBOT_RATE_USER_PER_MIN", "MSPBOT_RATE_USER_BURST", "MSPBOT_RATE_TENANT_PER_MIN",
    "MSPBOT_RATE_TENANT_BURST", "MSPBOT_LOG_LEVEL", "MSPBOT_LOG_FORMAT",
    "MSPBOT_LOG_MESSAGE_TEXT", "MSPBOT_SHUTDOWN_GRACE_S",
    # LLM
    "MSPBOT_LLM_API_KEY", "MSPBOT_LLM_AZURE_API_VERSION", "MSPBOT_LLM_AZURE_DEPLOYMENT",
    "MSPBOT_LLM_AZURE_ENDPOINT", "MSPBOT_LLM_BASE_URL", "MSPBOT_LLM_BREAKER_COOLDOWN_S",
    "MSPBOT_LLM_BREAKER_FAILURES", "MSPBOT_LLM_CACHE", "MSPBOT_LLM_CACHE_TTL_S",
    "MSPBOT_LLM_DEADLINE_S", "MSPBOT_LLM_MAX_ATTEMPTS", "MSPBOT_LLM_MAX_TOKENS",
    "MSPBOT_LLM_MODEL", "MSPBOT_LLM_TEMPERATURE", "MSPBOT_LLM_TIMEOUT_S", "MSPBOT_LLM_TOP_K",
    "OPENAI_API_KEY", "OPENAI_API_VERSION", "OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    # Slack
    "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "MSPBOT_SLACK_API_URL",
    "MSPBOT_SLACK_CONCURRENCY", "MSPBOT_SLACK_MODE", "MSPBOT_SLACK_STAFF_CHANNEL",
    "MSPBOT_SLACK_STAFF_TEAM_ID", "MSPBOT_SLACK_STAFF_TEAM_IDS", "MSPBOT_SLACK_STAFF_USERS",
    # Teams
    "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID",
    "MSPBOT_TEAMS_DEV_ANONYMOUS", "MSPBOT_TEAMS_REPLY_BUDGET_S",
    "MSPBOT_TEAMS_STAFF_CONVERSATION_ID", "MSPBOT_TEAMS_STAFF_TENANT_ID",
    "MSPBOT_TEAMS_STAFF_USER_IDS",
    # PSA hand-off (bot/psa)
    "MSPBOT_PSA", "MSPBOT_PSA_TIMEOUT_S",
    "MSPBOT_PSA_REPLY_WAIT_S", "MSPBOT_PSA_RETRY_MIN_S", "MSPBOT_PSA_RETRY_MAX_S",
    "MSPBOT_PSA_LEASE_S", "MSPBOT_PSA_POLL_S", "MSPBOT_PSA_BATCH",
    "MSPBOT_CW_URL", "MSPBOT_CW_COMPANY", "MSPBOT_CW_PUBLIC_KEY", "MSPBOT_CW_PRIVATE_KEY",
    "MSPBOT_CW_CLIENT_ID", "MSPBOT_CW_BOARD", "MSPBOT_CW_PRIORITY_NAMES",
    "MSPBOT_CW_STATUS_MAP",
    "MSPBOT_AUTOTASK_USERNAME", "MSPBOT_AUTOTASK_SECRET", "MSPBOT_AUTOTASK_INTEGRATION_CODE",
    "MSPBOT_AUTOTASK_QUEUE_ID", "MSPBOT_AUTOTASK_ZONE_URL", "MSPBOT_AUTOTASK_DISCOVERY_URL",
    "MSPBOT_AUTOTASK_NEW_STATUS_ID", "MSPBOT_AUTOTASK_COMPLETE_STATUS_ID",
    "MSPBOT_AUTOTASK_PRIORITY_IDS", "MSPBOT_AUTOTASK_NOTE_TYPE_ID",
    "MSPBOT_AUTOTASK_STATUS_MAP",
    "MSPBOT_HALO_URL", "MSPBOT_HALO_AUTH_URL", "MSPBOT_HALO_CLIENT_ID",
    "MSPBOT_HALO_CLIENT_SECRET", "MSPBOT_HALO_TENANT", "MSPBOT_HALO_TICKET_TYPE_ID",
    "MSPBOT_HALO_PRIORITY_IDS", "MSPBOT_HALO_CLOSED_STATUS_IDS", "MSPBOT_HALO_NOTE_OUTCOME_ID",
    "MSPBOT_HALO_STATUS_MAP",
    "MSPBOT_SMTP_URL", "MSPBOT_TICKET_EMAIL_TO", "MSPBOT_TICKET_EMAIL_FROM",
})


def _value(name: str, raw: Any, source: str) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int | float | str):
        return str(raw)
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return ",".join(raw)
    raise SettingsError(f"{source}: {name} must be a string, number, true/false or a list of "
                        f"strings, got {type(raw).__name__}")


def load(path: Path) -> dict[str, str]:
    """The file's settings as environment-style strings; SettingsError says what is wrong."""
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{source}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{source}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{source}: not valid TOML: {exc}") from None
    values: dict[str, str] = {}
    for name, raw in data.items():
        if name not in KNOWN:
            close = difflib.get_close_matches(name.upper(), KNOWN, n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]}?)" if close else ""
            if isinstance(raw, dict):
                hint = " (tables are not used: write the settings at the top level)"
            raise SettingsError(f"{source}: unknown setting {name!r}{hint}")
        values[name] = _value(name, raw, source)
    return values


def apply(values: Mapping[str, str], environ: MutableMapping[str, str]) -> list[str]:
    """Put the file's values into `environ` where the environment has none; the names set."""
    applied = []
    for name, value in values.items():
        if not environ.get(name):
            environ[name] = value
            applied.append(name)
    return applied
