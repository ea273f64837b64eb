"""Streaming LLM answers in Teams through the real Agents SDK (StreamingResponse) against
the fake Bot Connector, with the LLM played by the fake OpenAI server: informative update,
text updates, final message; the streamed text never differs from the final text, also
when the guard falls back; one root Message entity with the AI label and citations."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.llm.fakeserver import FakeOpenAI, Say
from bot.service.app import App, open_app
from bot.service.settings import LLMSettings, Settings
from bot.tenants.agreement import load_tenant_file
from tests.dbtemplates import SqliteTemplates, copy_sqlite
from tests.teams.conftest import StartTeams
from tests.teams.harness import Sent, payload

ROOT = Path(__file__).resolve().parents[2]
PERSONAL = "a:1Hk9Fz3Lq7Wm2Rt5Yp8Nc4Vb6Xj0Gs1Dh3Ke9Uo5Ia7Qw2Er4Ty6Zx8Cv0Bn-Mm"
CHANNEL_THREAD = "19:4c1f7a2b9d3e4f5a8b6c7d0e1f2a3b4c@thread.tacv2;messageid=1772465044102"
ANSWER = ("Response time is when a person starts work on your ticket, not when it is "
          "fixed [2]. How long a fix takes depends on what is wrong, so nobody can honestly "
          "promise one [2]. If it is getting worse, say so and it can be raised [1].")
# The same answer as the client must see it: markers renumbered by first use.
SHOWN = ("Response time is when a person starts work on your ticket, not when it is "
         "fixed [1]. How long a fix takes depends on what is wrong, so nobody can honestly "
         "promise one [1]. If it is getting worse, say so and it can be raised [2].")
PROMISE = "it will be fixed within 2 hours"


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    # Pieces arrive spread out, as a model writes, so text updates go out before the end
    # (the tests take out the SDK's pause between updates: tests/conftest.py).
    async with FakeOpenAI(chunk_delay_s=0.02) as server:
        yield server


@pytest.fixture
async def app(tmp_path: Path, fake: FakeOpenAI, sqlite_templates: SqliteTemplates,
              index_dir: Path) -> AsyncIterator[App]:
    llm = LLMSettings(model="fake-model", deadline_s=20.0, request_timeout_s=10.0,
                      max_attempts=2, base_url=fake.url)
    copy_sqlite(sqlite_templates.seeded, tmp_path / "teams-llm.db")  # imported once
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'teams-llm.db'}",
                        composer="llm", llm=llm, index_dir=index_dir)
    async with open_app(settings) as opened:
        for path in sorted((ROOT / "examples" / "tenants").glob("*.yaml")):
            await opened.store.tenants.put(load_tenant_file(path))
        await opened.bot.knowledge.index()
        yield opened


def streamed(sent: list[Sent]) -> list[Sent]:
    return [s for s in sent if s.stream is not None]


async def final_message(server: Any) -> Sent:
    def done(sent: list[Sent]) -> bool:
        return any(s.type == "message" for s in sent)

    await server.connector.wait_for(done, timeout_s=30)
    (message,) = server.connector.messages()
    return message


async def test_a_personal_llm_answer_streams_informative_text_then_final(
    start_teams: StartTeams, fake: FakeOpenAI,
) -> None:
    server = await start_teams()
    fake.enqueue(Say(ANSWER))
    await server.post(payload("personal_message", server.connector.url))
    final = await final_message(server)
    stream = streamed(server.connector.sent)
    kinds = [(s.type, s.stream["streamType"]) for s in stream]  # type: ignore[index]
    assert kinds[0] == ("typing", "informative")
    assert "agreement" in stream[0].activity["text"]
    assert ("typing", "streaming") in kinds  # text went out before the answer was done
    assert kinds[-1] == ("message", "final")
    assert final.conversation_id == PERSONAL
    assert final.activity["text"] == SHOWN
    updates = [s.activity["text"] for s in stream if s.stream["streamType"] == "streaming"]  # type: ignore[index]
    assert all(SHOWN.startswith(text) for text in updates)
    stream_id = stream[0].stream  # the id Teams gave the first activity names the stream
    assert all(s.stream["streamId"] for s in stream[1:])  # type: ignore[index]
    assert stream_id is not None
    assert server.connector.refused == []


async def test_the_final_message_has_one_root_entity_with_label_and_citations(
    start_teams: StartTeams, fake: FakeOpenAI,
) -> None:
    server = await start_teams()
    fake.enqueue(Say(ANSWER))
    await server.post(payload("personal_message", server.connector.url))
    final = await final_message(server)
    roots = [e for e in final.activity["entities"] if e.get("type") == "https://schema.org/Message"]
    assert len(roots) == 1
    (root,) = roots
    assert root["@type"] == "Message" and root["@context"] == "https://schema.org"
    assert root["additionalType"] == ["AIGeneratedContent"]
    positions = sorted(c["position"] for c in root["citation"])
    assert positions == [1, 2]  # both markers in SHOWN, numbered as shown
    assert all(c["appearance"]["name"] and c["appearance"]["abstract"] for c in root["citation"])
    assert final.activity["channelData"]["feedbackLoop"] == {"type": "default"}
    card = final.card
    assert card is not None
    assert [a["verb"] for a in card["actions"]] == ["talk_to_person"]  # votes are native


async def test_a_guard_fallback_streams_only_the_fallback(
    start_teams: StartTeams, fake: FakeOpenAI,
) -> None:
    server = await start_teams()
    fake.enqueue(Say(f"Don't worry, {PROMISE} [1]. Response time is the start of work [2]."))
    await server.post(payload("personal_message", server.connector.url))
    final = await final_message(server)
    (row,) = await server.app.store.interactions.rows()
    assert row.composer == "curated-fallback"
    text = final.activity["text"]
    assert PROMISE not in text and "Don't worry" not in text
    for sent in streamed(server.connector.sent):
        assert PROMISE not in str(sent.activity.get("text"))
        assert text.startswith(str(sent.activity.get("text") or "")) or \
            sent.stream["streamType"] == "informative"  # type: ignore[index]
    roots = [e for e in final.activity.get("entities") or []
             if e.get("type") == "https://schema.org/Message"]
    assert all("AIGeneratedContent" not in r.get("additionalType", []) for r in roots)
    assert server.connector.refused == []


async def test_a_later_promise_is_never_streamed_and_the_answer_ends_before_it(
    start_teams: StartTeams, fake: FakeOpenAI,
) -> None:
    server = await start_teams()
    fake.enqueue(Say("Response time is when a person starts work on your ticket, not when "
                     f"it is fixed [2]. Relax, {PROMISE} [1]. Anything else, just ask [1]."))
    await server.post(payload("personal_message", server.connector.url))
    final = await final_message(server)
    assert final.activity["text"] == ("Response time is when a person starts work on your "
                                      "ticket, not when it is fixed [1].")
    assert all(PROMISE not in str(s.activity.get("text")) for s in server.connector.sent)


async def test_a_channel_gets_one_message_and_no_stream(
    start_teams: StartTeams, fake: FakeOpenAI,
) -> None:
    server = await start_teams()
    fake.enqueue(Say(ANSWER))
    await server.post(payload("channel_message_mention", server.connector.url,
                              text="<at>MSP Helper</at> why isn't my problem fixed in 4 hours?"))
    final = await final_message(server)
    assert final.conversation_id == CHANNEL_THREAD
    assert streamed(server.connector.sent) == []
    assert final.activity["text"] == SHOWN
    (root,) = [e for e in final.activity["entities"]
               if e.get("type") == "https://schema.org/Message"]
    assert root["additionalType"] == ["AIGeneratedContent"] and len(root["citation"]) == 2
    assert final.activity["channelData"]["feedbackLoop"] == {"type": "default"}
    assert server.connector.refused == []
