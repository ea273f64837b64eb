"""Bad input on every endpoint: a 4xx that says what was wrong, the server stays up, and
nothing is written (no interaction, no claimed delivery, nothing sent to Slack or Teams).

The requests go over real HTTP to the server `mspbot serve` builds; Slack requests are
signed with the test secret unless the test is about the signature.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from bot.core.replies import TOO_LONG
from bot.service import metrics
from bot.store import schema
from tests import dbpeek
from tests.service.conftest import Service
from tests.slack.conftest import payload, sign
from tests.teams.harness import payload as teams_payload

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
TOO_BIG = 300 * 1024
LONG = ("My laptop will not connect to the VPN and I have tried everything. " * 800)[:50_000]


async def nothing_written(service: Service) -> None:
    await service.settle()
    assert await service.app.store.interactions.rows() == []
    assert await dbpeek.count(service.app.settings.database_url, schema.processed_events) == 0
    assert service.fake.of("chat.postMessage") == []
    assert service.connector.sent == []
    async with service.session.get(f"{service.url}/healthz") as response:
        assert response.status == 200


def errors() -> float:
    return metrics.ERRORS.labels("http")._value.get()


@pytest.fixture
async def no_500s() -> AsyncIterator[None]:
    before = errors()
    yield
    assert errors() == before, "a bad request became an unhandled server error"


SLACK_CASES = [
    ("malformed JSON", b'{"type": "event_callback", "event": {', JSON, 400, "JSON object"),
    ("JSON that is not an object", b"[1, 2, 3]", JSON, 400, "JSON object"),
    ("JSON null", b"null", JSON, 400, "JSON object"),
    ("malformed interactive payload", b"payload=%7Bnot-json", FORM, 400, "'payload'"),
    ("interactive payload not an object", b"payload=%5B%5D", FORM, 400, "'payload'"),
    ("missing fields", b"{}", JSON, 404, "unhandled request"),
    ("event without its event", b'{"type": "event_callback"}', JSON, 404, "unhandled"),
    ("form without a payload", b"token=x&team_id=T1", FORM, 404, "unhandled"),
    ("empty body", b"", JSON, 400, "empty request body"),
    ("wrong content type", b"{}", "text/plain", 415, "unsupported content type"),
    ("XML", b"<event/>", "application/xml", 415, "unsupported content type"),
    ("invalid UTF-8", b'{"text": "\xff\xfe\xfd"}', JSON, 400, "not valid UTF-8"),
    ("oversize body", b'{"text": "' + b"x" * TOO_BIG + b'"}', JSON, 413, "too large"),
]


@pytest.mark.parametrize(("body", "content_type", "status", "message"),
                         [case[1:] for case in SLACK_CASES], ids=[c[0] for c in SLACK_CASES])
@pytest.mark.usefixtures("no_500s")
async def test_slack_bad_input_is_a_clear_4xx(
    service: Service, body: bytes, content_type: str, status: int, message: str
) -> None:
    headers = sign(body.decode("utf-8", errors="replace"))
    got, reply = await service.post("/slack/events", body, content_type, headers)
    assert got == status
    assert isinstance(reply, dict) and message in reply["error"]
    await nothing_written(service)


TEAMS_CASES = [
    ("malformed JSON", b'{"type": "message", "text": ', JSON, 400, "Invalid JSON"),
    ("JSON that is not an object", b"[1, 2]", JSON, 400, "not a valid activity"),
    ("JSON string", b'"message"', JSON, 400, "not a valid activity"),
    ("missing fields", b"{}", JSON, 400, "not a valid activity"),
    ("message without a conversation", b'{"type": "message", "text": "hi"}', JSON, 400,
     "conversation"),
    ("wrong field types", b'{"type": 5, "conversation": []}', JSON, 400, "not a valid activity"),
    ("empty body", b"", JSON, 400, "empty request body"),
    ("wrong content type", b'{"type": "message"}', "text/plain", 415, "application/json"),
    ("form instead of JSON", b"type=message", FORM, 415, "unsupported content type"),
    ("invalid UTF-8", b'{"type": "message", "text": "\xc3\x28"}', JSON, 400, "not valid UTF-8"),
    ("oversize body", b'{"text": "' + b"x" * TOO_BIG + b'"}', JSON, 413, "too large"),
]


@pytest.mark.parametrize(("body", "content_type", "status", "message"),
                         [case[1:] for case in TEAMS_CASES], ids=[c[0] for c in TEAMS_CASES])
@pytest.mark.usefixtures("no_500s")
async def test_teams_bad_input_is_a_clear_4xx(
    service: Service, body: bytes, content_type: str, status: int, message: str
) -> None:
    got, reply = await service.post("/api/messages", body, content_type)
    assert got == status
    assert isinstance(reply, dict) and message in reply["error"]
    await nothing_written(service)


@pytest.mark.usefixtures("no_500s")
async def test_slack_signature_is_checked_before_the_body_is_parsed(service: Service) -> None:
    malformed = b'{"type": "event_callback", "event": {'
    unsigned, reply = await service.post("/slack/events", malformed, JSON)
    assert unsigned == 401 and "signature" in str(reply)
    forged, _ = await service.post("/slack/events", malformed, JSON, sign("something else"))
    garbage_ts, _ = await service.post("/slack/events", malformed, JSON, {
        "X-Slack-Request-Timestamp": "not-a-number", "X-Slack-Signature": "v0=00"})
    huge_ts, _ = await service.post("/slack/events", malformed, JSON, {
        "X-Slack-Request-Timestamp": "9" * 400, "X-Slack-Signature": "v0=00"})
    assert (forged, garbage_ts, huge_ts) == (401, 401, 401)
    await nothing_written(service)


@pytest.mark.usefixtures("no_500s")
async def test_a_chunked_body_without_a_length_is_cut_at_the_limit(service: Service) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(TOO_BIG // 1024):
            yield b"x" * 1024

    for path in ("/slack/events", "/api/messages"):
        async with service.session.post(f"{service.url}{path}", data=chunks(),
                                        headers={"Content-Type": JSON}) as response:
            assert response.status == 413
            assert "too large" in (await response.json())["error"]
    await nothing_written(service)


@pytest.mark.usefixtures("no_500s")
async def test_methods_and_paths_that_do_not_exist(service: Service) -> None:
    for method, path, status in (("POST", "/healthz", 405), ("POST", "/metrics", 405),
                                 ("GET", "/slack/events", 405), ("GET", "/nowhere", 404),
                                 ("DELETE", "/api/messages", 405)):
        async with service.session.request(method, f"{service.url}{path}") as response:
            assert response.status == status, (method, path)
    await nothing_written(service)


@pytest.mark.usefixtures("no_500s")
async def test_a_50000_character_slack_message_gets_a_short_polite_reply(
    service: Service,
) -> None:
    event = payload("app_mention")
    event["event"]["text"] = f"<@UBOT0001> {LONG}"
    posted = await service.send.event(event)
    assert posted.status == 200
    await service.settle()
    [answer] = service.fake.posts("C0ACMESUPP")
    assert answer.params["text"].startswith(TOO_LONG[:40])
    [row] = await service.app.store.interactions.rows()
    assert row.reason == "too-long" and len(row.question) <= 4000


@pytest.mark.usefixtures("no_500s")
async def test_a_50000_character_teams_message_gets_a_short_polite_reply(
    service: Service,
) -> None:
    activity = teams_payload("personal_message", service.connector.url, text=LONG)
    got, _ = await service.post("/api/messages", json.dumps(activity).encode(), JSON)
    assert got in (200, 202)
    await service.settle()
    [reply] = service.connector.messages()
    assert TOO_LONG[:40] in reply.shown  # the reply's text, above its card
    [row] = await service.app.store.interactions.rows()
    assert row.reason == "too-long" and len(row.question) <= 4000
