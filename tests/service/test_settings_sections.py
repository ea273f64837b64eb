"""The settings sections: the names the TOML file accepts and the secrets the logs mask
both derive from the section models; every documented name is accepted; one on/off parser."""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic_settings import SettingsConfigDict

from adapters.sections import KNOWN, SECRETS, SECTIONS
from adapters.slack.config import SlackConfig
from adapters.teams.config import TeamsSettings
from bot.psa import build_ticket_system
from bot.service import config_file, logging_setup
from bot.service.sections import OnOff, Section, SettingsError
from bot.service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SETTING = re.compile(r"\b((?:MSPBOT|SLACK|MICROSOFT|OPENAI|AZURE_OPENAI)_[A-Z0-9_]*[A-Z0-9])\b")
# names in the docs that are not settings: the file's own variable, the README's typo
# example, and the test suite's PostgreSQL URL
NOT_SETTINGS = {"MSPBOT_CONFIG", "MSPBOT_DATABSE_URL", "MSPBOT_TEST_POSTGRES_URL"}


def documented_names() -> set[str]:
    names: set[str] = set()
    for doc in (ROOT / "README.md", ROOT / "bot" / "psa" / "README.md"):
        text = doc.read_text(encoding="utf-8")
        names |= set(SETTING.findall(text))
        # the README's shorthand: `MSPBOT_RATE_USER_PER_MIN` / `_BURST`
        for stem, suffix in re.findall(r"`([A-Z_]+?)_PER_MIN` / `_([A-Z]+)`", text):
            names.add(f"{stem}_{suffix}")
    return names - NOT_SETTINGS


def test_every_documented_setting_is_accepted_by_the_file() -> None:
    documented = documented_names()
    assert {"MSPBOT_RATE_USER_BURST", "SLACK_BOT_TOKEN", "MSPBOT_CW_PRIVATE_KEY",
            "MICROSOFT_APP_PASSWORD", "MSPBOT_LLM_TOP_K"} <= documented  # the scan works
    assert documented - KNOWN == set()


def test_the_file_accepts_each_section_name_and_refuses_others(tmp_path: Path) -> None:
    path = tmp_path / "mspbot.toml"
    path.write_text("".join(f'{name} = "x"\n' for name in sorted(KNOWN)), encoding="utf-8")
    assert set(config_file.load(path, SECTIONS)) == KNOWN
    path.write_text('MSPBOT_SHUTDOWN_GRACE = "5"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"did you mean MSPBOT_SHUTDOWN_GRACE_S\?"):
        config_file.load(path, SECTIONS)


def test_the_secrets_are_the_secret_fields_of_every_section() -> None:
    # written out by hand: a section that declares a key as plain text fails here
    assert {
        "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "MICROSOFT_APP_PASSWORD",
        "MSPBOT_LLM_API_KEY", "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY",
        "MSPBOT_EMBEDDINGS_API_KEY", "MSPBOT_CW_PRIVATE_KEY", "MSPBOT_AUTOTASK_SECRET",
        "MSPBOT_AUTOTASK_INTEGRATION_CODE", "MSPBOT_HALO_CLIENT_SECRET",
        "MSPBOT_CONSOLE_ENTRA_CLIENT_SECRET", "MSPBOT_CONSOLE_SLACK_CLIENT_SECRET",
    } == SECRETS


@pytest.fixture
def root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("root_logger")
@pytest.mark.parametrize("name", sorted(SECRETS))
def test_each_secret_is_redacted_in_the_logs(name: str) -> None:
    value = f"v4lue-of-{name.lower()}-9f3c"
    stream = io.StringIO()
    logging_setup.configure("info", "json", env={name: value}, sections=SECTIONS, stream=stream)
    logging.getLogger("tests.secrets").warning("calling out with %s", value)
    text = stream.getvalue()
    assert value not in text
    assert "calling out with [redacted]" in text


@pytest.mark.usefixtures("root_logger")
@pytest.mark.parametrize("name", ["MSPBOT_DATABASE_URL", "MSPBOT_SMTP_URL"])
def test_passwords_inside_url_settings_are_redacted(name: str) -> None:
    stream = io.StringIO()
    env = {name: "scheme://user:Pw-not-shown-77@host:1/x"}
    logging_setup.configure("info", "text", env=env, sections=SECTIONS, stream=stream)
    logging.getLogger("tests.secrets").warning("the password is Pw-not-shown-77")
    assert "Pw-not-shown-77" not in stream.getvalue()
    assert "the password is [redacted]" in stream.getvalue()


@pytest.mark.parametrize(("raw", "expected"), [
    ("1", True), ("true", True), ("YES", True), (" On ", True),
    ("0", False), ("False", False), ("no", False), ("OFF", False),
])
def test_one_on_off_parser_for_every_section(raw: str, expected: bool) -> None:
    assert Settings.from_env({"MSPBOT_LOG_MESSAGE_TEXT": raw}).log_message_text is expected
    assert Settings.from_env({"MSPBOT_LLM_CACHE": raw}).llm.cache is expected
    assert TeamsSettings.from_env({"MSPBOT_TEAMS_DEV_ANONYMOUS": raw}).dev_anonymous is expected
    smtp = {"MSPBOT_PSA": "email", "MSPBOT_SMTP_URL": f"smtp://relay.example:587?starttls={raw}",
            "MSPBOT_TICKET_EMAIL_TO": "help@psa.example",
            "MSPBOT_TICKET_EMAIL_FROM": "bot@msp.example"}
    assert build_ticket_system(smtp) is not None


@pytest.mark.parametrize("name", ["MSPBOT_LOG_MESSAGE_TEXT", "MSPBOT_LLM_CACHE",
                                  "MSPBOT_TEAMS_DEV_ANONYMOUS"])
def test_a_bad_on_off_value_names_the_variable(name: str) -> None:
    section = TeamsSettings if "TEAMS" in name else Settings
    with pytest.raises(SettingsError, match=f"^{name} must be on or off .*got 'maybe'$"):
        section.from_env({name: "maybe"})


def test_slack_values_come_from_their_documented_names() -> None:
    config = SlackConfig.from_env({
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
        "MSPBOT_SLACK_STAFF_TEAM_ID": "T1", "MSPBOT_SLACK_STAFF_TEAM_IDS": "T2; T3",
        "MSPBOT_SLACK_STAFF_USERS": "U1,U2", "MSPBOT_SLACK_CONCURRENCY": "4",
        "MSPBOT_SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert config is not None
    assert config.is_staff(None, "T1") and config.is_staff(None, "T3")
    assert config.is_staff("U2", "T9") and not config.is_staff("U3", "T9")
    assert config.concurrency == 4 and config.api_url == "http://127.0.0.1:9/api/"
    with pytest.raises(SettingsError, match=r"^MSPBOT_SLACK_CONCURRENCY must be positive"):
        SlackConfig.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
                              "MSPBOT_SLACK_CONCURRENCY": "0"})


class Renamed(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_EXAMPLE_")
    RENAMED: ClassVar[Mapping[str, str]] = {"MSPBOT_OLD_SWITCH": "MSPBOT_EXAMPLE_SWITCH"}

    switch: OnOff = False


def test_a_renamed_setting_keeps_its_old_name_with_a_warning() -> None:
    assert "MSPBOT_OLD_SWITCH" in Renamed.env_names()
    with pytest.warns(FutureWarning, match="MSPBOT_OLD_SWITCH is deprecated: use "
                                                "MSPBOT_EXAMPLE_SWITCH"):
        assert Renamed.from_env({"MSPBOT_OLD_SWITCH": "on"}).switch is True
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Renamed.from_env({"MSPBOT_EXAMPLE_SWITCH": "on",
                                 "MSPBOT_OLD_SWITCH": "off"}).switch is True
    with pytest.raises(SettingsError, match=r"^MSPBOT_OLD_SWITCH must be on or off"), \
            pytest.warns(FutureWarning, match="MSPBOT_OLD_SWITCH"):
        Renamed.from_env({"MSPBOT_OLD_SWITCH": "maybe"})
