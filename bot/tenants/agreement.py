"""Client agreements: one YAML file per client organisation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.core.models import channel_identity, org_identity
from bot.knowledge.entries import ID_PATTERN, describe_validation


# The agreement files' platform keys, kept as they are and translated into identities.
def _slack_channel(value: str) -> str:
    return channel_identity("slack", value)


def _slack_team(value: str) -> str:
    return org_identity("slack", value)


def _teams_tenant(value: str) -> str:
    return org_identity("teams", value)


_PLATFORM_KEYS: dict[str, Callable[[str], str]] = {
    "slack_channels": _slack_channel,
    "slack_team_ids": _slack_team,
    "teams_tenant_ids": _teams_tenant,
}


class TenantError(ValueError):
    """An agreement file that cannot be accepted; the message names the file and the problem."""


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    business_hours: str = Field(min_length=1)
    after_hours: str = Field(min_length=1)


class Tenant(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: str = Field(pattern=ID_PATTERN.pattern)
    name: str = Field(min_length=1)
    plan: str = Field(min_length=1)
    timezone: str = "UTC"
    coverage: Coverage
    response_targets: dict[str, str] = Field(min_length=1)
    included: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    emergency_contact: str = Field(min_length=1)
    # The client's platform identities ("slack:T0123", "slack:channel:C0456",
    # "teams:<tenant id>"): a channel, or the workspace / Microsoft tenant of the sender.
    identities: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _platform_keys(cls, data: Any) -> Any:
        """`slack_team_ids`, `slack_channels` and `teams_tenant_ids` become identities."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        found = list(data.get("identities") or ())
        for key, identity in _PLATFORM_KEYS.items():
            values = data.pop(key, None) or ()
            if isinstance(values, str):
                values = [values]
            if not isinstance(values, list | tuple):
                raise ValueError(f"{key} must be a list")
            found += [identity(str(v)) for v in values if str(v).strip()]
        data["identities"] = tuple(dict.fromkeys(found))
        return data


def parse_tenant(text: str, source: str) -> Tenant:
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TenantError(f"{source}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise TenantError(f"{source}: an agreement must be a mapping of fields")
    try:
        return Tenant.model_validate(data)
    except ValidationError as exc:
        raise TenantError(f"{source}: {describe_validation(exc)}") from exc


def load_tenant_file(path: Path) -> Tenant:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise TenantError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise TenantError(f"{path}: not valid UTF-8") from exc
    return parse_tenant(text, str(path))
