"""`mspbot staff` (passwords from stdin, never arguments), `mspbot serve` mounting the
console under /console/, and the console's settings."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner, Result

from adapters import server
from adapters.console_web.config import ConsoleSettings
from adapters.console_web.passwords import verify
from bot.cli import cli
from bot.service.app import App
from bot.service.settings import SettingsError
from tests.console.conftest import serve


def mspbot(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_staff_add_reads_the_password_from_stdin_and_stores_a_hash(home: Path) -> None:
    added = mspbot("staff", "add", "Ada@Example.com", "--role", "admin", "--name", "Ada",
                   stdin="a long enough password\n")
    assert added.exit_code == 0, added.output
    listed = mspbot("staff", "list")
    assert "ada@example.com" in listed.output and "admin" in listed.output
    assert "a long enough password" not in listed.output
    again = mspbot("staff", "add", "ada@example.com", stdin="a long enough password\n")
    assert again.exit_code != 0 and "exists already" in again.output
    short = mspbot("staff", "add", "bob@example.com", stdin="short\n")
    assert short.exit_code != 0 and "at least 12" in short.output
    assert mspbot("staff", "add", "sso@example.com", "--sso-only").exit_code == 0
    assert "sso-only" in mspbot("staff", "list").output
    assert mspbot("staff", "set-role", "sso@example.com", "editor").exit_code == 0
    assert mspbot("staff", "remove", "sso@example.com").exit_code == 0
    assert mspbot("staff", "remove", "sso@example.com").exit_code != 0


def test_there_is_no_password_option() -> None:
    result = mspbot("staff", "add", "x@example.com", "--password", "secret-secret")
    assert result.exit_code == 2 and "No such option" in result.output


def test_argon2_hashes_verify_only_the_right_password() -> None:
    from adapters.console_web.passwords import hash_password

    stored = hash_password("a long enough password")
    assert stored.startswith("$argon2id$")
    assert verify(stored, "a long enough password")
    assert not verify(stored, "a long enough passworD")
    assert not verify(None, "a long enough password")


def test_console_settings_are_checked() -> None:
    assert ConsoleSettings.from_env({}).providers == {}
    with pytest.raises(SettingsError, match="MSPBOT_CONSOLE_BASE_URL is required"):
        ConsoleSettings.from_env({"MSPBOT_CONSOLE_ENTRA_CLIENT_ID": "x",
                                  "MSPBOT_CONSOLE_ENTRA_CLIENT_SECRET": "y",
                                  "MSPBOT_CONSOLE_ENTRA_ISSUER": "https://i.example/v2.0"})
    with pytest.raises(SettingsError, match="ENTRA_ISSUER is required"):
        ConsoleSettings.from_env({"MSPBOT_CONSOLE_ENTRA_CLIENT_ID": "x",
                                  "MSPBOT_CONSOLE_BASE_URL": "https://bot.example.com"})
    slack = ConsoleSettings.from_env({"MSPBOT_CONSOLE_SLACK_CLIENT_ID": "1.2",
                                      "MSPBOT_CONSOLE_SLACK_CLIENT_SECRET": "s",
                                      "MSPBOT_CONSOLE_BASE_URL": "https://bot.example.com/"})
    assert slack.providers["slack"].issuer == "https://slack.com"
    assert slack.base_url == "https://bot.example.com"
    with pytest.raises(SettingsError, match="on or off"):
        ConsoleSettings.from_env({"MSPBOT_CONSOLE": "maybe"})


async def test_serve_mounts_the_console_and_keeps_its_other_endpoints(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
                 "MSPBOT_TEAMS_APP_ID", "MicrosoftAppId"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MSPBOT_CONSOLE", "on")
    root = server.build(app)
    async for s in serve(app, lambda url: ConsoleSettings(), root=root):
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{s.url}/console/login") as login:
                assert login.status == 200 and "Staff sign-in" in await login.text()
                assert "Secure" in login.headers["Set-Cookie"]  # secure by default
            async with http.get(f"{s.url}/console/figures", allow_redirects=False) as closed:
                assert closed.status == 303
            async with http.get(f"{s.url}/healthz") as health:
                assert health.status == 200


async def test_the_console_can_be_switched_off(app: App,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MSPBOT_CONSOLE", "off")
    root = server.build(app)
    async for s in serve(app, lambda url: ConsoleSettings(), root=root):
        async with aiohttp.ClientSession() as http, \
                http.get(f"{s.url}/console/login") as login:
            assert login.status == 404
