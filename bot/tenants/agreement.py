"""Client agreements: one YAML file per client organisation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.core.models import channel_identity, org_identity
from bot.knowledge.entries import ID_PATTERN, describe_validation
from bot.schedule import (
    ScheduleError,
    ServiceTerms,
    parse_business_hours,
    parse_target,
    service_terms,
)


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

    business_hours: str = Field(min_length=1)  # free text, or the structured form's wording
    after_hours: str = Field(min_length=1)

    @field_validator("business_hours", mode="before")
    @classmethod
    def _structured_hours(cls, value: Any) -> Any:
        """A structured form ({days: [...], open:, close:}) reads as its wording."""
        if isinstance(value, dict):
            try:
                hours, _zone = parse_business_hours(value)
            except ScheduleError as exc:
                raise ValueError(str(exc)) from None
            return str(hours)
        return value


class PsaLink(BaseModel):
    """Which company this client is in the MSP's PSA (ConnectWise, Autotask, HaloPSA)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    company_id: str = Field(min_length=1)

    @field_validator("company_id", mode="before")
    @classmethod
    def _number_or_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _target_text(value: Any) -> Any:
    """A structured target ({amount: 4, unit: hours, basis: business}) reads as words."""
    if not isinstance(value, dict):
        return value
    try:
        target = parse_target(value)
    except ScheduleError as exc:
        raise ValueError(str(exc)) from None
    unit = target.unit if target.amount != 1 else target.unit.rstrip("s")
    if target.basis == "business":
        return f"{target.amount} business {unit}"
    return f"{target.amount} {unit}, around the clock"


class Tenant(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: str = Field(pattern=ID_PATTERN.pattern)
    name: str = Field(min_length=1)
    plan: str = Field(min_length=1)
    timezone: str | None = None  # IANA name; when absent, the zone the business hours name
    coverage: Coverage
    response_targets: dict[str, str] = Field(min_length=1)
    holidays: str | list[str] | dict[str, str] | None = None  # None: the zone's country
    psa: PsaLink | None = None
    included: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    emergency_contact: str = Field(min_length=1)
    # The client's platform identities ("slack:T0123", "slack:channel:C0456",
    # "teams:<tenant id>"): a channel, or the workspace / Microsoft tenant of the sender.
    identities: tuple[str, ...] = ()
    _terms: ServiceTerms = PrivateAttr()

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
        targets = data.get("response_targets")
        if isinstance(targets, dict):
            data["response_targets"] = {str(k): _target_text(v) for k, v in targets.items()}
        if isinstance(data.get("holidays"), bool) and not data["holidays"]:
            data["holidays"] = "none"  # YAML reads `holidays: no` as false
        if isinstance(data.get("holidays"), list):
            data["holidays"] = [str(day) for day in data["holidays"]]
        return data

    @model_validator(mode="after")
    def _readable_terms(self) -> Tenant:
        """The calendar and targets must be readable, or the agreement is refused now
        rather than when a ticket needs a due time."""
        holidays = self.holidays
        if holidays is None and (self.timezone or "").upper() in ("UTC", "ETC/UTC"):
            holidays = "none"  # a plain UTC agreement names no country to take holidays from
        try:
            terms = service_terms(timezone=self.timezone,
                                  business_hours=self.coverage.business_hours,
                                  after_hours=self.coverage.after_hours,
                                  response_targets=self.response_targets,
                                  holidays=holidays)
        except ScheduleError as exc:
            raise ValueError(str(exc)) from None
        tenant = self
        if self.timezone is None:  # the zone named in the hours, stated from now on
            tenant = self.model_copy(update={"timezone": getattr(terms.calendar.tz, "key",
                                                                 str(terms.calendar.tz))})
        tenant._terms = terms
        return tenant

    @property
    def terms(self) -> ServiceTerms:
        """The agreement's calendar, response targets and after-hours cover, parsed."""
        return self._terms


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
