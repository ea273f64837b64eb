"""Slack's native AI surfaces through the real bolt app and slack-sdk against the fake Web
API: the assistant thread's greeting, prompts and title; native feedback buttons and the
person button round trip (one vote and one hand-off per person per answer); message size;
group DMs; the thread status and its fallback."""

from __future__ import annotations

import copy
import json
from typing import Any

from bot.core.composer import Composed
from bot.core.context import AnswerContext
from bot.core.models import ComposerKind
from bot.retrieval import Retrieval
from tests.slack.conftest import STAFF_CHANNEL, Harness, payload
from tests.slack.fake_slack import BOT_ID, BOT_USER

CHANNEL = "C0ACMESUPP"


def posted_answer(harness: Harness, channel: str = CHANNEL) -> dict[str, Any]:
    """The bot's last stored message in `channel` (with its ts, as Slack keeps it), as a
    client saw it then (a copy: later updates do not change it)."""
    return copy.deepcopy(harness.fake.messages[channel][-1])


def block_with(blocks: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    return next(b for b in blocks if b["type"] == kind)


def click(harness: Harness, message: dict[str, Any], action: dict[str, Any], *,
          user: str = "U0CLIENT01", team: str = "T0ACMEDENT",
          channel: str = CHANNEL) -> dict[str, Any]:
    """A block_actions payload as Slack sends it for a click on `message`."""
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "dana", "name": "dana", "team_id": team},
        "api_app_id": "A0MSPBOT01", "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        "container": {"type": "message", "message_ts": message["ts"], "channel_id": channel,
                      "is_ephemeral": False, "thread_ts": message.get("thread_ts")},
        "trigger_id": "6190011223344.1122334455.0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        "team": {"id": "T0MSPTEAM", "domain": "northwind-it"},
        "enterprise": None, "is_enterprise_install": False,
        "channel": {"id": channel, "name": "acme-support"},
        "message": {"type": "message", "bot_id": BOT_ID, "user": BOT_USER,
                    "ts": message["ts"], "thread_ts": message.get("thread_ts"),
                    "text": message["text"], "blocks": message["blocks"]},
        "state": {"values": {}},
        "response_url": harness.fake.response_url("click"),
        "actions": [{**action, "action_ts": "1700000700.000700"}],
    }


def vote(message: dict[str, Any], half: str) -> dict[str, Any]:
    """The action of pressing one half ("positive_button"/"negative_button")."""
    block = block_with(message["blocks"], "context_actions")
    [element] = block["elements"]
    return {"type": "feedback_buttons", "action_id": element["action_id"],
            "block_id": block["block_id"], "value": element[half]["value"],
            "text": element[half]["text"]}


def person_button(message: dict[str, Any]) -> dict[str, Any]:
    block = block_with(message["blocks"], "actions")
    button = next(e for e in block["elements"] if e["action_id"] == "mspbot_talk_to_person")
    return {"type": "button", "action_id": button["action_id"], "block_id": block["block_id"],
            "value": button["value"], "text": button["text"]}


async def votes(harness: Harness) -> dict[str, str]:
    [row] = await harness.app.store.interactions.rows()
    return await harness.app.store.interactions.votes(row.id)


async def answered(harness: Harness) -> dict[str, Any]:
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    return posted_answer(harness)


# -- the assistant surface -------------------------------------------------------------


async def test_a_new_assistant_thread_is_greeted_with_prompts_and_a_title(
    harness: Harness,
) -> None:
    posted = await harness.send.event(payload("assistant_thread_started"))
    assert posted.status == 200
    await harness.settle()
    [greeting] = harness.fake.posts("D0CLIENT01")
    assert greeting.params["thread_ts"] == "1700000500.000500"
    assert "Northwind IT" in greeting.params["text"]
    [prompts] = harness.fake.of("assistant.threads.setSuggestedPrompts")
    assert prompts.params["channel_id"] == "D0CLIENT01"
    assert prompts.params["thread_ts"] == "1700000500.000500"
    offered = prompts.params["prompts"]
    assert 1 <= len(offered) <= 4
    assert all(p["title"] and p["message"] for p in offered)
    [title] = harness.fake.of("assistant.threads.setTitle")
    assert title.params["thread_ts"] == "1700000500.000500"
    assert "Northwind IT" in title.params["title"]


async def test_a_suggested_prompt_sent_in_the_thread_is_answered_there(
    harness: Harness,
) -> None:
    await harness.send.event(payload("assistant_thread_started"))
    await harness.settle()
    [prompts] = harness.fake.of("assistant.threads.setSuggestedPrompts")
    message = payload("message_im")
    message["event"].update(text=prompts.params["prompts"][0]["message"],
                            thread_ts="1700000500.000500", ts="1700000510.000510")
    message["event_id"] = "Ev0PROMPT001"
    await harness.send.event(message)
    await harness.settle()
    greeting, answer = harness.fake.posts("D0CLIENT01")
    assert answer.params["thread_ts"] == "1700000500.000500"
    assert answer.params["text"] != greeting.params["text"]
    [row] = await harness.app.store.interactions.rows()
    assert row.tenant == "acme-dental"


async def test_a_context_change_is_kept_with_the_thread(harness: Harness) -> None:
    await harness.send.event(payload("assistant_thread_started"))
    await harness.settle()
    await harness.send.event(payload("assistant_thread_context_changed"))
    await harness.settle()
    [update] = harness.fake.of("chat.update")
    metadata = update.params["metadata"]
    metadata = json.loads(metadata) if isinstance(metadata, str) else metadata
    assert metadata["event_payload"]["channel_id"] == "C0OTHERCHN"
    assert harness.fake.posts("D0CLIENT01")[0].params["text"] == update.params["text"]


async def test_the_messages_tab_welcomes_once(harness: Harness) -> None:
    await harness.send.event(payload("app_home_opened"))
    again = payload("app_home_opened")
    again["event_id"] = "Ev0HOMEOPEN2"
    await harness.send.event(again)
    await harness.settle()
    [welcome] = harness.fake.posts("D0CLIENT01")
    assert "help assistant" in welcome.params["text"]


# -- native feedback -------------------------------------------------------------------


async def test_feedback_buttons_round_trip_one_vote_per_person_the_last_counts(
    harness: Harness,
) -> None:
    message = await answered(harness)
    await harness.send.interactive(click(harness, message, vote(message, "positive_button")))
    await harness.settle()
    assert await votes(harness) == {"U0CLIENT01": "helpful"}
    [update] = harness.fake.of("chat.update")
    assert update.params["ts"] == message["ts"]
    after = update.params["blocks"]
    assert "context_actions" not in [b["type"] for b in after]
    assert "<@U0CLIENT01> found this helpful" in json.dumps(after)
    assert "mspbot_talk_to_person" in json.dumps(after)  # still there, on its own
    # the same person again (a second client view), then changing their mind
    await harness.send.interactive(click(harness, message, vote(message, "positive_button")))
    await harness.send.interactive(click(harness, message, vote(message, "negative_button")))
    await harness.settle()
    assert await votes(harness) == {"U0CLIENT01": "not_helpful"}
    # a colleague from the same organisation votes too
    await harness.send.interactive(click(harness, message, vote(message, "positive_button"),
                                         user="U0CLIENT02"))
    await harness.settle()
    assert await votes(harness) == {"U0CLIENT01": "not_helpful", "U0CLIENT02": "helpful"}
    assert len(harness.fake.of("chat.postEphemeral")) == 4  # every click acknowledged


async def test_a_vote_on_another_organisations_answer_is_refused(harness: Harness) -> None:
    # The value names Acme's answer, but the click comes from someone of another
    # organisation in a channel that is not Acme's: the value proves nothing.
    message = await answered(harness)
    await harness.send.interactive(click(harness, message, vote(message, "positive_button"),
                                         user="U0STRANGER", team="T0SOMEONE",
                                         channel="C0ELSEWHERE"))
    await harness.settle()
    assert await votes(harness) == {}
    assert harness.fake.of("chat.update") == []  # the buttons stay live for the client
    [note] = harness.fake.of("chat.postEphemeral")
    assert note.params["user"] == "U0STRANGER" and "couldn't record" in note.params["text"]


async def test_talk_to_a_person_double_click_alerts_staff_once_and_updates_once(
    harness: Harness,
) -> None:
    message = await answered(harness)
    action = person_button(message)
    await harness.send.interactive(click(harness, message, action))
    await harness.send.interactive(click(harness, message, action))
    await harness.settle()
    [alert] = harness.fake.posts(STAFF_CHANNEL)
    assert "Acme Dental Group" in json.dumps(alert.params["blocks"])
    [update] = harness.fake.of("chat.update")
    after = json.dumps(update.params["blocks"])
    assert "mspbot_talk_to_person" not in after
    assert "<@U0CLIENT01> asked for a person: Northwind IT has been alerted." in after
    assert "feedback_buttons" in after  # the votes stay
    assert await votes(harness) == {}


async def test_when_staff_cannot_be_reached_the_person_button_stays_live(
    harness: Harness,
) -> None:
    message = await answered(harness)
    harness.fake.fail("chat.postMessage", body={"ok": False, "error": "channel_not_found"})
    await harness.send.interactive(click(harness, message, person_button(message)))
    await harness.settle()
    assert harness.fake.of("chat.update") == []
    [note] = harness.fake.of("chat.postEphemeral")
    assert "couldn't reach" in note.params["text"]


# -- message size ------------------------------------------------------------------------


class LongComposer:
    """Stands in for the LLM composer: a 30,000-character answer."""

    async def compose(self, context: AnswerContext, retrieval: Retrieval) -> Composed:
        paragraphs = [f"Paragraph {i}. " + "All of this is about your agreement. " * 28
                      for i in range(30)]
        text = "\n\n".join(paragraphs)
        assert len(text) >= 30_000
        return Composed(text=text, citations=(), composer=ComposerKind.LLM)


async def test_a_30000_character_answer_arrives_as_several_messages_slack_accepts(
    harness: Harness,
) -> None:
    harness.app.bot.composer = LongComposer()
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    assert harness.fake.refused("chat.postMessage") == []
    posts = harness.fake.posts(CHANNEL)
    assert len(posts) >= 3
    for post in posts:
        sections = [b["text"]["text"] for b in post.params["blocks"] if b["type"] == "section"]
        assert len(post.params["text"]) + sum(map(len, sections)) <= 12_000
        assert len(post.params["blocks"]) <= 50
        assert post.params["thread_ts"] == "1700000100.000100"
    shown = " ".join(b["text"]["text"] for p in posts for b in p.params["blocks"]
                     if b["type"] == "section")
    assert all(f"Paragraph {i}." in shown for i in range(30))
    assert "AI-generated" in json.dumps(posts[-1].params["blocks"])


async def test_a_refused_answer_is_reported_to_the_client_and_not_sent_again(
    harness: Harness,
) -> None:
    harness.fake.fail("chat.postMessage", body={"ok": False, "error": "msg_too_long"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    refused, apology = [c for c in harness.fake.calls if c.method == "chat.postMessage"]
    assert not refused.ok and apology.ok
    assert "Sorry" in apology.params["text"] and not apology.params.get("blocks")
    await harness.send.event(payload("app_mention"), retry_num=1)
    await harness.settle()
    assert len([c for c in harness.fake.calls if c.method == "chat.postMessage"]) == 2


# -- where the bot answers ----------------------------------------------------------------


async def test_a_group_dm_mention_is_answered_in_its_thread(harness: Harness) -> None:
    await harness.send.event(payload("app_mention_mpim"))
    await harness.settle()
    [answer] = harness.fake.posts("G0GROUPDM1")
    assert answer.params["thread_ts"] == "1700000100.000100"
    [status, _cleared] = harness.fake.of("assistant.threads.setStatus")
    assert status.params["channel_id"] == "G0GROUPDM1"
    [row] = await harness.app.store.interactions.rows()
    assert row.tenant == "acme-dental"


async def test_without_a_thread_status_the_question_gets_a_reaction(harness: Harness) -> None:
    harness.fake.fail("assistant.threads.setStatus",
                      body={"ok": False, "error": "missing_scope"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    [reaction] = harness.fake.of("reactions.add")
    assert reaction.params["timestamp"] == "1700000100.000100"
    assert len(harness.fake.of("reactions.remove")) == 1
    assert len(harness.fake.posts(CHANNEL)) == 1
