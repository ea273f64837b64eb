"""LLM answers on Slack through bolt, slack-sdk and the real openai client, against the
fake Slack Web API and the fake LLM server: the thread status first, then the guarded
answer streamed (chat.startStream / appendStream / stopStream) to the asking user and
their own team; the streamed text is always the final reply, the guard's fallback
included; what Slack refuses is not sent again."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.stream import STREAM_CHARS, ThreadStream
from bot.llm.fakeserver import FakeOpenAI, Say
from bot.service.app import App, open_app
from bot.service.settings import LLMSettings, Settings
from bot.tenants.agreement import load_tenant_file
from tests.conftest import TENANT_FILES
from tests.dbtemplates import SqliteTemplates, copy_sqlite
from tests.slack.conftest import Harness, payload
from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.test_native import click, vote

CHANNEL = "C0ACMESUPP"
THREAD = "1700000100.000100"
CONVERSATION = f"slack:{CHANNEL}:{THREAD}"
PROMISE = "fixed within 2 hours"
FAST = LLMSettings(model="fake-model", deadline_s=2.0, request_timeout_s=1.0, max_attempts=2,
                   breaker_failures=50, breaker_cooldown_s=0.5)


@pytest.fixture
async def llm() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as server:
        yield server


@pytest.fixture
async def app(tmp_path: Path, llm: FakeOpenAI,
              sqlite_templates: SqliteTemplates, index_dir: Path) -> AsyncIterator[App]:
    """The Slack harness's app, answering with the LLM composer (overrides tests/conftest)."""
    copy_sqlite(sqlite_templates.seeded, tmp_path / "slack-llm.db")  # imported once
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'slack-llm.db'}", composer="llm",
                        index_dir=index_dir,
                        llm=FAST.model_copy(update={"base_url": llm.url}))
    async with open_app(settings) as opened:
        for path in TENANT_FILES:
            await opened.store.tenants.put(load_tenant_file(path))
        await opened.bot.knowledge.index()
        yield opened


def stream_calls(harness: Harness) -> list[Call]:
    return [c for c in harness.fake.calls
            if c.method in ("chat.startStream", "chat.appendStream", "chat.stopStream")]


def streamed_text(calls: list[Call]) -> str:
    """What the stream calls carried, in order (markdown_text and markdown chunks)."""
    out = ""
    for call in calls:
        out += str(call.params.get("markdown_text") or "")
        out += "".join(str(c.get("text", "")) for c in call.params.get("chunks") or []
                       if c.get("type") == "markdown_text")
    return out


async def final_text(harness: Harness, conversation: str = CONVERSATION) -> str:
    turns = await harness.app.store.conversations.recent(conversation, "acme-dental", 6)
    [said] = [text for speaker, text in turns if speaker == "bot"]
    return said


async def test_an_llm_answer_shows_a_status_then_streams_then_finishes_with_the_footer(
    harness: Harness, llm: FakeOpenAI,
) -> None:
    llm.enqueue(Say("Response time is when a person starts work on it [2]. The fix itself "
                    "depends on what is wrong [2]. Tell me if anyone else is affected [1]."))
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    methods = [c.method for c in harness.fake.calls if c.ok]
    status = methods.index("assistant.threads.setStatus")
    start = methods.index("chat.startStream")
    assert status < start
    calls = stream_calls(harness)
    assert calls[0].method == "chat.startStream" and calls[-1].method == "chat.stopStream"
    assert "chat.appendStream" in [c.method for c in calls]  # sentence by sentence
    assert all(c.ok for c in calls)
    started = calls[0].params
    assert started["channel"] == CHANNEL and started["thread_ts"] == THREAD
    assert started["recipient_user_id"] == "U0CLIENT01"
    assert started["recipient_team_id"] == "T0ACMEDENT"
    said = await final_text(harness)
    assert streamed_text(calls) == said
    [message] = harness.fake.messages[CHANNEL]
    assert message["text"] == said and message["streaming_state"] == "completed"
    footer = json.dumps(calls[-1].params["blocks"])
    assert "AI-generated" in footer and "Sources:" in footer
    assert "feedback_buttons" in footer and "mspbot_talk_to_person" in footer
    assert harness.fake.posts(CHANNEL) == []  # one streamed message, nothing posted besides


async def test_a_refused_llm_answer_streams_only_the_curated_fallback(
    harness: Harness, llm: FakeOpenAI,
) -> None:
    llm.enqueue(Say(f"Relax, it will be {PROMISE} [1]. Response time is the start [2]."))
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    calls = stream_calls(harness)
    said = await final_text(harness)
    assert streamed_text(calls) == said
    assert PROMISE not in json.dumps([c.params for c in harness.fake.calls])
    assert "response" in said.lower()
    footer = json.dumps(calls[-1].params["blocks"])
    assert "AI-generated" not in footer  # the curated answer is not the AI's


async def test_a_later_promise_ends_the_streamed_answer_before_it(
    harness: Harness, llm: FakeOpenAI,
) -> None:
    llm.enqueue(Say(f"Response time is when a person starts work [2]. Relax, it will be "
                    f"{PROMISE} [1]. Anything else, ask [1]."))
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    calls = stream_calls(harness)
    said = await final_text(harness)
    assert streamed_text(calls) == said == "Response time is when a person starts work [1]."


async def test_a_slack_connect_user_gets_the_stream_addressed_to_their_own_team(
    harness: Harness,
) -> None:
    event = payload("connect_external_mention")
    await harness.send.event(event)
    await harness.settle()
    [start] = harness.fake.of("chat.startStream")
    assert start.params["recipient_user_id"] == event["event"]["user"]
    assert start.params["recipient_team_id"] == event["event"]["user_team"]
    assert start.params["recipient_team_id"] != event["team_id"]


async def test_when_slack_refuses_the_stream_the_answer_is_posted_once_instead(
    harness: Harness,
) -> None:
    harness.fake.fail("chat.startStream", body={"ok": False, "error": "invalid_arguments"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    assert [c.ok for c in harness.fake.calls if c.method == "chat.startStream"] == [False]
    [post] = harness.fake.posts(CHANNEL)
    assert "feedback_buttons" in json.dumps(post.params["blocks"])
    assert harness.fake.of("chat.appendStream") == []


async def test_feedback_on_a_streamed_answer_keeps_its_text(harness: Harness) -> None:
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    [message] = harness.fake.messages[CHANNEL]
    shown = dict(message, blocks=list(message["blocks"]))
    await harness.send.interactive(click(harness, shown, vote(shown, "positive_button")))
    await harness.settle()
    [update] = harness.fake.of("chat.update")
    blocks = update.params["blocks"]
    assert blocks[0] == {"type": "markdown", "block_id": "streamed", "text": message["text"]}
    assert "context_actions" not in [b["type"] for b in blocks]
    [row] = await harness.app.store.interactions.rows()
    assert await harness.app.store.interactions.votes(row.id) == {"U0CLIENT01": "helpful"}


async def test_a_top_level_dm_is_answered_in_one_message_after_a_reaction(
    harness: Harness,
) -> None:
    await harness.send.event(payload("message_im"))
    await harness.settle()
    assert stream_calls(harness) == []  # Slack streams only into threads
    [post] = harness.fake.posts("D0CLIENT01")
    assert post.params.get("thread_ts") is None
    assert "AI-generated" in json.dumps(post.params["blocks"])
    assert len(harness.fake.of("reactions.add")) == 1


async def test_a_long_streamed_answer_continues_in_further_streamed_messages(
    fake: FakeSlack,
) -> None:
    client = AsyncWebClient(token="xoxb-test-token", base_url=fake.api_url)
    live = ThreadStream(client, CHANNEL, THREAD, "U0CLIENT01", "T0ACMEDENT")
    sentences = [f"Sentence {i} about your agreement and what it covers. " for i in range(500)]
    for sentence in sentences:
        await live.append(sentence)
    await live.stop([], {"event_type": "mspbot_reply", "event_payload": {"key": "k"}})
    messages = fake.messages[CHANNEL]
    assert len(messages) >= 3 and len(live.started) == len(messages)
    assert all(m["streaming_state"] == "completed" for m in messages)
    assert all(len(m["text"]) <= STREAM_CHARS for m in messages)
    assert "".join(m["text"] for m in messages) == "".join(sentences) == live.shown
    assert fake.refused("chat.appendStream") == []
