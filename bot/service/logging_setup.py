"""Structured logs for the server: one JSON object a line, secrets masked.

Fields given as `extra={"fields": {...}}` become top-level keys. Message text appears
only where the core adds it, which it does only when MSPBOT_LOG_MESSAGE_TEXT is on.
Every line passes through `Redactor`: the configured secrets (tokens, passwords, keys)
and anything shaped like a Slack token, a bearer token or a URL password are masked,
whatever logged them (our code, an SDK, a traceback).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from bot.service.sections import Section, password_url_names, secret_names

MASK = "[redacted]"
_PATTERNS = (
    re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{6,}"),  # Slack bot/user/app tokens
    re.compile(r"\bxapp-[A-Za-z0-9-]{6,}"),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]+(@)"),  # scheme://user:pw@host
)


class Redactor:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # longest first, so a secret containing another is masked whole
        self.secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    @classmethod
    def from_env(cls, env: Mapping[str, str], sections: Iterable[type[Section]]) -> Redactor:
        """Masks the values of the sections' secret settings (SecretStr fields) and the
        passwords inside their URL settings that may hold one."""
        sections = tuple(sections)
        secrets = [env[name] for name in secret_names(sections) if env.get(name)]
        for name in password_url_names(sections):
            password = urlsplit(env.get(name) or "").password
            if password:
                secrets.append(password)
        return cls(secrets)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        for pattern in _PATTERNS:
            text = pattern.sub(_masked, text)
        return text


def _masked(match: re.Match[str]) -> str:
    groups = [g for g in match.groups() if g is not None]
    if len(groups) == 2:
        return f"{groups[0]}{MASK}{groups[1]}"
    if len(groups) == 1:
        return f"{groups[0]}{MASK}"
    return MASK


class JsonFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, Mapping):
            for key, value in fields.items():
                data.setdefault(str(key), value)
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(data, ensure_ascii=False, default=str))


class TextFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


def configure(level: str = "info", fmt: str = "json", *, env: Mapping[str, str],
              sections: Iterable[type[Section]], stream: Any = None) -> logging.Handler:
    """Send the root logger's records to stderr (or `stream`) in `fmt`, masking the secrets
    of `sections` (the composition root lists them all); returns the handler."""
    redact = Redactor.from_env(env, sections)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(redact) if fmt == "json" else TextFormatter(redact))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_mspbot", False)]:
        root.removeHandler(old)
    handler._mspbot = True  # type: ignore[attr-defined]
    handler.setLevel(level.upper())  # also for libraries that set their own logger to DEBUG
    root.addHandler(handler)
    root.setLevel(level.upper())
    if level != "debug":
        # per-request access lines and migration chatter are noise next to the metrics
        for name in ("aiohttp.access", "alembic"):
            logging.getLogger(name).setLevel(logging.WARNING)
    return handler
