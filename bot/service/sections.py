"""The shared base of every settings section, and the one parser for each kind of value.

A section is a pydantic-settings model whose fields are named after their environment
variables (`env_prefix` + field name, or the field's `validation_alias` when the name is
fixed by a vendor, such as SLACK_BOT_TOKEN). From the models derive the names the TOML
file may hold (`env_names`) and the names whose values logs must mask (`secret_names`).
Every error reads "NAME must be ...", naming the variable that was actually set.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Annotated, Any, ClassVar, Self, get_args
from urllib.parse import urlparse

from pydantic import AliasChoices, BeforeValidator, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict


class SettingsError(ValueError):
    pass


TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


def on_off(raw: object) -> bool:
    """The one on/off parser: 1/true/yes/on and 0/false/no/off, any case."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"must be on or off (1/true/yes/on or 0/false/no/off), got {raw!r}")


def _whole(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    try:
        return int(str(raw).strip())
    except ValueError:
        raise ValueError(f"must be a whole number, got {raw!r}") from None


def positive_int(raw: object) -> int:
    value = _whole(raw)
    if value <= 0:
        raise ValueError(f"must be positive, got {value}")
    return value


def count(raw: object) -> int:
    """A whole number >= 0; 0 switches the limit off."""
    value = _whole(raw)
    if value < 0:
        raise ValueError(f"must be 0 (off) or more, got {value}")
    return value


def seconds(raw: object) -> float:
    try:
        value = float(raw) if isinstance(raw, int | float) else float(str(raw).strip())
    except ValueError:
        raise ValueError(f"must be a number of seconds, got {raw!r}") from None
    if not value > 0 or not math.isfinite(value):
        raise ValueError(f"must be a positive number, got {raw!r}")
    return value


def http_url(raw: object) -> str:
    text = str(raw).strip()
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"must be an http(s) URL, got {raw!r}")
    return text.rstrip("/")


def names(raw: object) -> frozenset[str]:
    """A comma- (or semicolon-) separated list of ids."""
    if isinstance(raw, frozenset | set | list | tuple):
        return frozenset(str(item).strip() for item in raw if str(item).strip())
    return frozenset(part.strip() for part in str(raw).replace(";", ",").split(",")
                     if part.strip())


def text(raw: object) -> str | None:
    if raw is None:
        return None
    stripped = str(raw).strip()
    return stripped or None


def choice(*allowed: str) -> Callable[[object], str]:
    shown = " or ".join(repr(a) for a in allowed) if len(allowed) <= 2 else (
        "one of " + ", ".join(allowed))

    def parse(raw: object) -> str:
        value = str(raw).strip().lower()
        if value not in allowed:
            raise ValueError(f"must be {shown}, got {value!r}")
        return value
    return parse


class HoldsPassword:
    """Marks a URL setting whose password (scheme://user:password@host) logs must mask."""


OnOff = Annotated[bool, BeforeValidator(on_off)]
PositiveInt = Annotated[int, BeforeValidator(positive_int)]
Count = Annotated[int, BeforeValidator(count)]
Seconds = Annotated[float, BeforeValidator(seconds)]
HttpUrl = Annotated[str, BeforeValidator(http_url)]
Names = Annotated[frozenset[str], BeforeValidator(names)]
Text = Annotated[str | None, BeforeValidator(text)]


class Section(BaseSettings):
    """One section of the settings. Build it with `from_env`; direct construction (tests)
    takes field names and reads nothing from the environment."""

    model_config = SettingsConfigDict(frozen=True, extra="forbid", validate_by_name=True,
                                      validate_by_alias=True)
    # old variable name -> its new name; the old one keeps working, with a warning
    RENAMED: ClassVar[Mapping[str, str]] = {}

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # `from_env` does the environment lookup, so that a test can hand in a mapping
        return (init_settings,)

    @classmethod
    def field_env_names(cls) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Each field that comes from the environment, with its variable names (first wins)."""
        prefix = str(cls.model_config.get("env_prefix") or "")
        for name, info in cls.model_fields.items():
            if isinstance(info.annotation, type) and issubclass(info.annotation, Section):
                continue  # a nested section reads its own names
            alias = info.validation_alias
            if isinstance(alias, AliasChoices):
                yield name, tuple(str(choice) for choice in alias.choices)
            elif isinstance(alias, str):
                yield name, (alias,)
            else:
                yield name, (f"{prefix}{name}".upper(),)

    @classmethod
    def env_names(cls) -> frozenset[str]:
        return frozenset(n for _, names_ in cls.field_env_names() for n in names_) | frozenset(
            cls.RENAMED)

    @classmethod
    def secret_names(cls) -> frozenset[str]:
        """Variables whose values are secrets (SecretStr fields)."""
        secret = {name for name, info in cls.model_fields.items()
                  if info.annotation is SecretStr or SecretStr in get_args(info.annotation)}
        return frozenset(n for field, names_ in cls.field_env_names() if field in secret
                         for n in names_)

    @classmethod
    def password_url_names(cls) -> frozenset[str]:
        marked = {name for name, info in cls.model_fields.items()
                  if any(isinstance(m, HoldsPassword) or m is HoldsPassword
                         for m in info.metadata)}
        return frozenset(n for field, names_ in cls.field_env_names() if field in marked
                         for n in names_)

    @classmethod
    def raw_values(cls, env: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """The non-empty values set for this section by field, and the variable each came from."""
        renamed_to = {new: old for old, new in cls.RENAMED.items()}
        values: dict[str, str] = {}
        used: dict[str, str] = {}
        for field, var_names in cls.field_env_names():
            for var in var_names:
                raw = env.get(var)
                if (raw is None or not raw.strip()) and var in renamed_to:
                    old = renamed_to[var]
                    raw = env.get(old)
                    if raw is not None and raw.strip():
                        # FutureWarning: Python shows it to users by default
                        warnings.warn(f"{old} is deprecated: use {var}", FutureWarning,
                                      stacklevel=3)
                        var = old
                if raw is not None and raw.strip():
                    values[field] = raw
                    for alias in var_names:
                        used[alias] = var
                    used[field] = var
                    break
        return values, used

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **defaults: Any) -> Self:
        """The section from `env` (default: the process environment); `defaults` fill the
        fields the environment leaves unset. SettingsError names the variable at fault."""
        env = os.environ if env is None else env
        values, used = cls.raw_values(env)
        data: dict[str, Any] = {**defaults, **values}
        try:
            section = cls(**data)
        except ValidationError as exc:
            error = exc.errors()[0]
            loc = str(error["loc"][0]) if error["loc"] else ""
            var = used.get(loc) or dict(cls.field_env_names()).get(loc, (loc,))[0]
            message = str(error["msg"]).removeprefix("Value error, ")
            raise SettingsError(f"{var} {message}") from None
        section.check()
        return section

    def check(self) -> None:
        """Rules across fields; raise SettingsError naming the variables."""


def env_names(sections: Iterable[type[Section]]) -> frozenset[str]:
    return frozenset().union(*(section.env_names() for section in sections))


def secret_names(sections: Iterable[type[Section]]) -> frozenset[str]:
    return frozenset().union(*(section.secret_names() for section in sections))


def password_url_names(sections: Iterable[type[Section]]) -> frozenset[str]:
    return frozenset().union(*(section.password_url_names() for section in sections))


def reveal(secret: SecretStr | None) -> str | None:
    return None if secret is None else secret.get_secret_value()
