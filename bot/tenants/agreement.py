"""Client agreements: one YAML file per client organisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.knowledge.entries import ID_PATTERN, describe_validation


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
    slack_team_ids: tuple[str, ...] = ()
    slack_channels: tuple[str, ...] = ()
    teams_tenant_ids: tuple[str, ...] = ()


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
