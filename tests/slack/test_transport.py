"""Transport and wiring: Socket Mode against a local fake WebSocket, the server's
register() from the environment, settings, shutdown, and the manifest command."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
import yaml
from aiohttp import web
from click.testing import CliRunner

from adapters import server
from adapters.server import build
from adapters.slack import SLACK_KEY
from adapters.slack.config import SlackConfig
from adapters.slack.manifest import build_manifest
from adapters.slack.server import install
from bot.cli import cli
from bot.service.app import App
from bot.service.settings import SettingsError
from tests.slack.conftest import SlackSender, make_config, payload, serving
from tests.slack.fake_slack import FakeSlack


async def test_socket_mode_answers_through_the_same_dispatch(app: App, fake: FakeSlack) -> None:
    config = make_config(fake, mode="socket", app_token="xapp-1-A0001-test", signing_secret=None)
    web_app = web.Application()
    slack = install(web_app, app, config)
    async with serving(web_app) as base_url:
        async with aiohttp.ClientSession() as session, session.post(
            f"{base_url}/slack/events", data=b"{}"
        ) as resp:
            assert resp.status == 404  # no HTTP endpoint in Socket Mode
        [opened] = fake.of("apps.connections.open")
        assert opened.headers["authorization"] == "Bearer xapp-1-A0001-test"
        envelope = {"envelope_id": "57d6a792-4d35-4d0b-b6aa-3361493e1caf", "type": "events_api",
                    "accepts_response_payload": False, "retry_attempt": 0, "retry_reason": "",
                    "payload": payload("app_mention")}
        await fake.send_envelope(envelope)
        await fake.send_envelope({**envelope, "envelope_id": "retry-1", "retry_attempt": 1})
        await fake.wait_for(lambda: {m.get("envelope_id") for m in fake.ws_received}
                            >= {"57d6a792-4d35-4d0b-b6aa-3361493e1caf", "retry-1"})
        await fake.wait_for(lambda: len(fake.posts("C0ACMESUPP")) == 1)
        await slack.service.tasks.join()
        assert len(fake.posts("C0ACMESUPP")) == 1


async def test_register_reads_the_environment(
    app: App, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-from-env")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    monkeypatch.setenv("MSPBOT_SLACK_API_URL", fake.api_url.rstrip("/"))
    monkeypatch.delenv("MSPBOT_SLACK_MODE", raising=False)
    web_app = build(app)
    slack = web_app[SLACK_KEY]
    assert slack.service.config.api_url == fake.api_url
    async with serving(web_app) as base_url, aiohttp.ClientSession() as session:
        sender = SlackSender(session, f"{base_url}/slack/events")
        assert (await sender.event(payload("app_mention"), secret="s3cret")).status == 200
        await slack.service.tasks.join()
    assert fake.posts()[0].headers["authorization"] == "Bearer xoxb-from-env"


async def test_no_slack_settings_no_route(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    web_app = build(app)
    assert SLACK_KEY not in web_app
    assert all(r.resource is None or r.resource.canonical != "/slack/events"
               for r in web_app.router.routes())


async def test_shutdown_waits_for_answers_in_flight(app: App, fake: FakeSlack) -> None:
    fake.delay_s = 0.3  # Slack is slow today
    web_app = server.build(app)  # the shared server: it drains answers at shutdown
    slack = install(web_app, app, make_config(fake))
    async with serving(web_app) as base_url, aiohttp.ClientSession() as session:
        sender = SlackSender(session, f"{base_url}/slack/events")
        assert (await sender.event(payload("app_mention"))).status == 200
        assert len(slack.service.tasks) == 1
    # leaving `serving` ran on_shutdown, which awaited the answer before returning
    assert len(slack.service.tasks) == 0
    assert len(fake.posts("C0ACMESUPP")) == 1


def test_settings_from_env() -> None:
    assert SlackConfig.from_env({}) is None
    http = SlackConfig.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
                                 "MSPBOT_SLACK_STAFF_TEAM_ID": "T1",
                                 "MSPBOT_SLACK_STAFF_USERS": "U1, U2",
                                 "MSPBOT_SLACK_STAFF_CHANNEL": "C9"})
    assert http is not None and http.mode == "http" and http.api_url == "https://slack.com/api/"
    assert http.is_staff("U2", None) and http.is_staff("U7", "T1") and not http.is_staff("U7", "T2")
    socket = SlackConfig.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert socket is not None and socket.mode == "socket" and socket.streaming
    quiet = SlackConfig.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1",
                                  "MSPBOT_SLACK_STREAMING": "off"})
    assert quiet is not None and not quiet.streaming
    for bad in ({"SLACK_SIGNING_SECRET": "s"},
                {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1",
                 "MSPBOT_SLACK_STREAMING": "sometimes"},
                {"SLACK_BOT_TOKEN": "xoxb-1"},
                {"SLACK_BOT_TOKEN": "xoxb-1", "MSPBOT_SLACK_MODE": "socket",
                 "SLACK_APP_TOKEN": "xoxb-wrong"},
                {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s",
                 "MSPBOT_SLACK_MODE": "carrier-pigeon"}):
        with pytest.raises(SettingsError):
            SlackConfig.from_env(bad)


def test_manifest_command_http_and_socket() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["slack", "manifest", "--mode", "http", "--url",
                                 "https://bot.example.com/"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.output)
    settings = data["settings"]
    assert settings["event_subscriptions"]["request_url"] == "https://bot.example.com/slack/events"
    assert settings["interactivity"]["request_url"] == "https://bot.example.com/slack/events"
    assert settings["socket_mode_enabled"] is False
    assert {"app_mention", "message.im", "message.channels"} <= set(
        settings["event_subscriptions"]["bot_events"])
    commands = {c["command"]: c for c in data["features"]["slash_commands"]}
    assert set(commands) == {"/ask", "/kb"}
    assert data["features"]["shortcuts"][0]["callback_id"] == "mspbot_save_to_kb"
    assert "chat:write" in data["oauth_config"]["scopes"]["bot"]

    socket = yaml.safe_load(runner.invoke(cli, ["slack", "manifest"]).output)
    assert socket["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in socket["settings"]["event_subscriptions"]
    assert runner.invoke(cli, ["slack", "manifest", "--mode", "http"]).exit_code != 0


def test_manifest_assistant_adds_scope_events_and_prompts() -> None:
    data = build_manifest(assistant=True)
    scopes = data["oauth_config"]["scopes"]["bot"]
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert "assistant:write" in scopes
    assert {"assistant_thread_started", "assistant_thread_context_changed"} <= set(events)
    assert {"im:history", "chat:write"} <= set(scopes)
    view = data["features"]["assistant_view"]
    assert view["assistant_description"]
    assert 1 <= len(view["suggested_prompts"]) <= 4
    assert data["features"]["app_home"]["messages_tab_enabled"] is True
    plain = build_manifest()
    assert "assistant_view" not in plain["features"]
    assert "assistant_thread_started" not in plain["settings"]["event_subscriptions"][
        "bot_events"]


def test_manifest_covers_group_dms_and_the_messages_tab() -> None:
    data = build_manifest()
    assert "mpim:history" in data["oauth_config"]["scopes"]["bot"]
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert {"message.mpim", "message.im", "app_home_opened"} <= set(events)


async def test_progress_uses_assistant_status_in_dm_threads(app: App, fake: FakeSlack) -> None:
    web_app = web.Application()
    slack = install(web_app, app, make_config(fake))
    async with serving(web_app) as base_url, aiohttp.ClientSession() as session:
        event = payload("message_im")
        event["event"]["thread_ts"] = "1700000290.000290"
        await SlackSender(session, f"{base_url}/slack/events").event(event)
        await slack.service.tasks.join()
    statuses = [c.params["status"] for c in fake.of("assistant.threads.setStatus")]
    assert statuses == ["is looking into it…", ""]
    assert fake.of("reactions.add") == []
    assert fake.posts("D0CLIENT01")[0].params["thread_ts"] == "1700000290.000290"


async def test_without_assistant_status_a_reaction_is_used(app: App, fake: FakeSlack) -> None:
    fake.fail("assistant.threads.setStatus", body={"ok": False, "error": "missing_scope"})
    web_app = web.Application()
    slack = install(web_app, app, make_config(fake))
    async with serving(web_app) as base_url, aiohttp.ClientSession() as session:
        event = payload("message_im")
        event["event"]["thread_ts"] = "1700000290.000290"
        await SlackSender(session, f"{base_url}/slack/events").event(event)
        await slack.service.tasks.join()
    assert len(fake.of("reactions.add")) == 1 and len(fake.of("reactions.remove")) == 1
    assert len(fake.posts("D0CLIENT01")) == 1


async def test_ack_is_fast_even_when_slack_is_slow(app: App, fake: FakeSlack) -> None:
    fake.delay_s = 0.5
    web_app = web.Application()
    slack = install(web_app, app, make_config(fake))
    async with serving(web_app) as base_url, aiohttp.ClientSession() as session:
        sender = SlackSender(session, f"{base_url}/slack/events")
        # bolt checks the token (auth.test) once, on the first event: warm it up
        await sender.event(payload("channel_join"))
        posted = await sender.event(payload("app_mention"))
        assert posted.status == 200
        assert posted.elapsed_s < fake.delay_s  # acked before any Web API call finished
        await asyncio.wait_for(slack.service.tasks.join(), 10)
