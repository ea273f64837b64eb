"""The console's settings (environment), validated at start like every other setting."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from bot.service.settings import SettingsError

PROVIDERS = {"entra": "Microsoft Entra ID", "slack": "Slack"}
DEFAULT_ISSUERS = {"slack": "https://slack.com"}
# Scopes each provider needs for an email claim in the ID token.
SCOPES = {"entra": "openid email profile", "slack": "openid email profile"}


@dataclass(frozen=True)
class OidcProvider:
    name: str  # entra | slack
    issuer: str
    client_id: str
    client_secret: str

    @property
    def label(self) -> str:
        return PROVIDERS[self.name]


@dataclass(frozen=True)
class ConsoleSettings:
    enabled: bool = True
    base_url: str | None = None  # the public address, for OpenID Connect redirects
    session_hours: float = 12.0
    secure_cookies: bool = True
    login_attempts: int = 5  # failed sign-ins per email per window before refusing
    address_attempts: int = 20  # ...and per client address
    login_window_s: float = 900.0
    providers: dict[str, OidcProvider] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ConsoleSettings:
        env = os.environ if env is None else env
        enabled = _flag(env, "MSPBOT_CONSOLE", True)
        base_url = env.get("MSPBOT_CONSOLE_BASE_URL") or None
        if base_url is not None:
            parsed = urlparse(base_url)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise SettingsError(f"MSPBOT_CONSOLE_BASE_URL must be an http(s) URL, "
                                    f"got {base_url!r}")
            base_url = base_url.rstrip("/")
        providers = {}
        for name in PROVIDERS:
            prefix = f"MSPBOT_CONSOLE_{name.upper()}_"
            client_id = env.get(prefix + "CLIENT_ID")
            if not client_id:
                continue
            issuer = env.get(prefix + "ISSUER") or DEFAULT_ISSUERS.get(name)
            secret = env.get(prefix + "CLIENT_SECRET")
            if not issuer:
                raise SettingsError(f"{prefix}ISSUER is required with {prefix}CLIENT_ID (for "
                                    "Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0)")
            if not secret:
                raise SettingsError(f"{prefix}CLIENT_SECRET is required with {prefix}CLIENT_ID")
            if base_url is None:
                raise SettingsError(f"MSPBOT_CONSOLE_BASE_URL is required for {PROVIDERS[name]} "
                                    "sign-in (the redirect address registered with it)")
            providers[name] = OidcProvider(name, issuer.rstrip("/"), client_id, secret)
        return cls(
            enabled=enabled, base_url=base_url,
            session_hours=_number(env, "MSPBOT_CONSOLE_SESSION_HOURS", 12.0),
            secure_cookies=_flag(env, "MSPBOT_CONSOLE_SECURE_COOKIES", True),
            login_attempts=int(_number(env, "MSPBOT_CONSOLE_LOGIN_ATTEMPTS", 5)),
            providers=providers,
        )


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be on or off, got {raw!r}")


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None
    if not value > 0 or value == float("inf"):
        raise SettingsError(f"{name} must be positive, got {raw!r}")
    return value
