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
from collections.abc import Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from bot.service.sections import Section, SettingsError, env_names

ENV_VAR = "MSPBOT_CONFIG"


def _value(name: str, raw: Any, source: str) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int | float | str):
        return str(raw)
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return ",".join(raw)
    raise SettingsError(f"{source}: {name} must be a string, number, true/false or a list of "
                        f"strings, got {type(raw).__name__}")


def load(path: Path, sections: Iterable[type[Section]]) -> dict[str, str]:
    """The file's settings as environment-style strings; SettingsError says what is wrong.
    The names allowed are those of `sections` (the composition root lists them all)."""
    known = env_names(sections)
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
        if name not in known:
            close = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.75)
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
