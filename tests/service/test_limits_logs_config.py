"""Rate limits (core and over Slack), structured logs without message text or secrets,
and the TOML configuration file."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.sections import KNOWN, SECTIONS
from bot.core.models import Action, InboundMessage, Reason
from bot.core.ratelimit import Limit, RateLimiter
from bot.service import config_file, logging_setup
from bot.service.app import App
from bot.service.settings import Settings, SettingsError
from tests.service.conftest import Service
from tests.slack.conftest import payload

QUESTION = "Why isn't my ticket fixed yet?"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def ask(user: str = "U1", tenant: str | None = "acme-dental") -> InboundMessage:
    return InboundMessage(QUESTION, platform="slack", user_id=user, tenant=tenant)


# -- rate limits ---------------------------------------------------------------------


def test_buckets_refill_and_a_refusal_costs_nothing() -> None:
    clock = Clock()
    limiter = RateLimiter(Limit(per_minute=6, burst=2), Limit(per_minute=60, burst=3), clock)
    assert [limiter.check("u1", "t") for _ in range(3)] == [None, None, "user"]
    assert limiter.check("u2", "t") is None  # the tenant has 1 of 3 left
    assert limiter.check("u3", "t") == "tenant"
    assert limiter.user.retry_after("u1") == pytest.approx(10.0)
    clock.now += 10  # one user token back (6 a minute), one tenant token back
    assert limiter.check("u1", "t") is None
    assert limiter.check("u1", "t") == "user"


def test_a_limit_of_zero_is_off() -> None:
    base = Settings(database_url="sqlite://")
    assert RateLimiter.from_settings(
        Settings(database_url="sqlite://", rate_user_per_min=0, rate_tenant_per_min=0)) is None
    only_tenant = RateLimiter.from_settings(Settings(database_url="sqlite://",
                                                     rate_user_per_min=0, rate_tenant_burst=2))
    assert only_tenant is not None and RateLimiter.from_settings(base) is not None
    assert [only_tenant.check("u", "t") for _ in range(3)] == [None, None, "tenant"]


async def test_the_core_refuses_politely_and_records_nothing(app: App) -> None:
    clock = Clock()
    app.bot.limiter = RateLimiter(Limit(6, 2), Limit(600, 100), clock)
    first = [await app.bot.handle(ask()) for _ in range(2)]
    assert [r.action for r in first] == [Action.ANSWER, Action.ANSWER]
    refused = await app.bot.handle(ask())
    assert refused.action is Action.DECLINE and refused.reason is Reason.RATE_LIMITED_USER
    assert "wait a minute" in refused.text
    assert "call +1 312 555 0142" in refused.text  # the client's own line to reach a person
    assert len(await app.store.interactions.rows()) == 2  # the refusal wrote nothing
    other = await app.bot.handle(ask(user="U2"))
    assert other.action is Action.ANSWER  # one person's flood is not the others' problem


async def test_unknown_organisations_share_a_bucket_per_platform_identity(app: App) -> None:
    app.bot.limiter = RateLimiter(Limit(600, 100), Limit(6, 2), Clock())
    def stranger(user: str, team: str) -> InboundMessage:
        return InboundMessage(QUESTION, platform="slack", user_id=user, org=f"slack:{team}")

    assert (await app.bot.handle(stranger("U1", "T0EVIL"))).reason is not Reason.RATE_LIMITED_TENANT
    await app.bot.handle(stranger("U2", "T0EVIL"))
    assert (await app.bot.handle(stranger("U3", "T0EVIL"))).reason is Reason.RATE_LIMITED_TENANT
    other = await app.bot.handle(stranger("U4", "T0OTHER"))
    assert other.reason is not Reason.RATE_LIMITED_TENANT


async def test_slack_flood_gets_the_friendly_reply(service: Service) -> None:
    service.app.bot.limiter = RateLimiter(Limit(6, 1), Limit(600, 100), Clock())
    for n in range(2):
        event = payload("app_mention")
        event["event_id"] = f"Ev{n}"
        event["event"]["ts"] = event["event"]["event_ts"] = f"1700000100.00010{n}"
        assert (await service.send.event(event)).status == 200
    await service.settle()
    texts = [str(c.params["text"]) for c in service.fake.posts("C0ACMESUPP")]
    assert len(texts) == 2  # answered concurrently: one of them is the refusal
    assert sum("faster than I can answer" in text for text in texts) == 1


# -- logs ------------------------------------------------------------------------------


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    env = {"SLACK_BOT_TOKEN": "xoxb-123456-abcdef", "MICROSOFT_APP_PASSWORD": "pa55-w0rd~secret",
           "MSPBOT_DATABASE_URL": "postgresql://mspbot:db-s3cret-pw@db:5432/mspbot"}
    handler = logging_setup.configure("info", "json", env=env, sections=SECTIONS, stream=stream)
    yield stream
    logging.getLogger().removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_reply_log_line_has_no_message_text_unless_enabled(
    app: App, captured: io.StringIO
) -> None:
    await app.bot.handle(ask())
    [line] = [entry for entry in lines(captured) if entry.get("event") == "reply"]
    assert line["level"] == "info" and line["action"] == "answer"
    assert line["platform"] == "slack" and line["tenant"] == "acme-dental"
    assert "text" not in line and QUESTION not in captured.getvalue()
    app.bot.log_text = True
    await app.bot.handle(ask())
    assert [e.get("text") for e in lines(captured) if e.get("event") == "reply"] == [
        None, QUESTION]


def test_secrets_are_masked_wherever_they_appear(captured: io.StringIO) -> None:
    log = logging.getLogger("tests.secrets")
    log.info("token %s and password %s", "xoxb-123456-abcdef", "pa55-w0rd~secret")
    log.warning("connecting to postgresql://mspbot:db-s3cret-pw@db:5432/mspbot")
    log.info("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig")
    log.info("another slack token xoxp-99999-88888 and app token xapp-1-A0-123456")
    try:
        raise RuntimeError("failed with xoxb-123456-abcdef")
    except RuntimeError:
        log.exception("boom")
    text = captured.getvalue()
    for secret in ("xoxb-123456-abcdef", "pa55-w0rd~secret", "db-s3cret-pw", "eyJhbGciOiJSUzI1NiJ9",
                   "xoxp-99999-88888", "xapp-1-A0-123456"):
        assert secret not in text
    assert "postgresql://mspbot:[redacted]@db:5432/mspbot" in text
    assert all(isinstance(entry, dict) for entry in lines(captured))  # still JSON lines


def test_settings_repr_hides_secrets() -> None:
    from adapters.slack.config import SlackConfig

    settings = Settings.from_env({"MSPBOT_DATABASE_URL": "postgresql://u:pw-123456@h/db",
                                  "MSPBOT_EMBEDDINGS_API_KEY": "sk-embed-123456",
                                  "MSPBOT_LLM_API_KEY": "sk-llm-123456"})
    slack = SlackConfig.from_env({"SLACK_BOT_TOKEN": "xoxb-1-2-3", "SLACK_SIGNING_SECRET": "sig-42",
                                  "SLACK_APP_TOKEN": "xapp-1-2"})
    shown = repr(settings) + repr(slack)
    for secret in ("pw-123456", "sk-embed-123456", "sk-llm-123456", "xoxb-1-2-3", "sig-42",
                   "xapp-1-2"):
        assert secret not in shown


# -- the configuration file --------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mspbot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_file_values_become_settings_and_the_environment_wins(tmp_path: Path) -> None:
    path = write(tmp_path, 'MSPBOT_MSP_NAME = "Northwind IT"\nMSPBOT_RATE_USER_PER_MIN = 30\n'
                           'MSPBOT_LOG_MESSAGE_TEXT = true\n'
                           'MSPBOT_SLACK_STAFF_USERS = ["U1", "U2"]\n'
                           'MSPBOT_DATABASE_URL = "sqlite:///from-file.db"\n')
    env = {"MSPBOT_DATABASE_URL": "sqlite:///from-env.db"}
    applied = config_file.apply(config_file.load(path, SECTIONS), env)
    assert "MSPBOT_DATABASE_URL" not in applied
    settings = Settings.from_env(env)
    assert settings.msp_name == "Northwind IT" and settings.rate_user_per_min == 30
    assert settings.log_message_text is True
    assert settings.database_url == "sqlite:///from-env.db"
    assert env["MSPBOT_SLACK_STAFF_USERS"] == "U1,U2"


@pytest.mark.parametrize(("text", "message"), [
    ("MSPBOT_DATABSE_URL = 'x'", "did you mean MSPBOT_DATABASE_URL?"),
    ("[slack]\nbot_token = 'x'", "tables are not used"),
    ("MSPBOT_MSP_NAME = ", "not valid TOML"),
    ("MSPBOT_RATE_USER_PER_MIN = {a = 1}", "must be a string, number"),
    ("MSPBOT_SLACK_STAFF_USERS = [1, 2]", "must be a string, number"),
])
def test_config_file_mistakes_are_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message.replace("?", r"\?")):
        config_file.load(write(tmp_path, text), SECTIONS)


def test_config_file_missing_or_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no such configuration file"):
        config_file.load(tmp_path / "absent.toml", SECTIONS)
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"MSPBOT_MSP_NAME = '\xff'")
    with pytest.raises(SettingsError, match="cannot be read"):
        config_file.load(bad, SECTIONS)


def test_every_setting_the_code_reads_is_known_to_the_config_file() -> None:
    import re

    root = Path(__file__).resolve().parents[2]
    names = set()
    for folder in ("bot", "adapters"):
        for source in (root / folder).rglob("*.py"):
            names |= set(re.findall(r'"((?:MSPBOT|SLACK|MICROSOFT|OPENAI|AZURE_OPENAI)_[A-Z_]+)"',
                                    source.read_text(encoding="utf-8")))
    names -= {"MSPBOT_CONFIG", "SLACK_KEY"}  # the file's own name; an aiohttp app key
    names = {name for name in names if not name.endswith("_")}  # sections' env_prefix
    assert names - KNOWN == set()
