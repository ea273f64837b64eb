"""Signed events over real HTTP to the running server; answers land in the fake Slack."""

from __future__ import annotations

import json
import time

import pytest

from tests.slack.conftest import STAFF_CHANNEL, Harness, payload
from tests.slack.fake_slack import BOT_USER


def answers(harness: Harness, channel: str = "C0ACMESUPP") -> list[dict[str, object]]:
    return [c.params for c in harness.fake.posts(channel)]


async def test_mention_is_answered_in_the_thread_with_sources_and_buttons(
    harness: Harness,
) -> None:
    posted = await harness.send.event(payload("app_mention"))
    assert posted.status == 200
    await harness.settle()
    [answer] = answers(harness)
    assert answer["thread_ts"] == "1700000100.000100"
    blocks = answer["blocks"]
    assert isinstance(blocks, list)
    assert [b["type"] for b in blocks][-3:] == ["context", "context_actions", "actions"]
    assert "response" in str(answer["text"]).lower()
    # the agreement of the client whose channel this is (Acme, 4 business hours for P2)
    interactions = await harness.app.store.interactions.rows("acme-dental")
    assert len(interactions) == 1 and interactions[0].platform == "slack"
    # the thread's status with loading messages while answering (a channel thread too),
    # then cleared; bolt checked the token once
    statuses = harness.fake.of("assistant.threads.setStatus")
    assert [c.params["status"] for c in statuses] == ["is looking into it…", ""]
    assert statuses[0].params["thread_ts"] == "1700000100.000100"
    assert statuses[0].params["channel_id"] == "C0ACMESUPP"
    assert len(statuses[0].params["loading_messages"]) >= 2
    assert harness.fake.of("reactions.add") == []
    assert len(harness.fake.of("auth.test")) == 1
    [post] = harness.fake.of("chat.postMessage")
    assert post.headers["authorization"] == "Bearer xoxb-test-token"


async def test_forged_signature_and_stale_timestamp_are_refused(
    harness: Harness,
) -> None:
    forged = await harness.send.event(payload("app_mention"), secret="not-the-secret")
    stale = await harness.send.event(payload("app_mention"), timestamp=int(time.time()) - 60 * 10)
    unsigned = await harness.send.raw(json.dumps(payload("app_mention")), "application/json", {})
    assert (forged.status, stale.status, unsigned.status) == (401, 401, 401)
    await harness.settle()
    assert harness.fake.calls == []
    assert await harness.app.store.interactions.rows() == []


async def test_url_verification_challenge(
    harness: Harness,
) -> None:
    posted = await harness.send.event(payload("url_verification"))
    assert posted.status == 200
    assert posted.json()["challenge"] == payload("url_verification")["challenge"]


async def test_the_same_event_three_times_is_answered_once(
    harness: Harness,
) -> None:
    event = payload("app_mention")
    statuses = [(await harness.send.event(event, retry_num=n)).status for n in (None, 1, 2)]
    assert statuses == [200, 200, 200]
    await harness.settle()
    assert len(answers(harness)) == 1
    assert len(await harness.app.store.interactions.rows()) == 1


async def test_retries_arriving_together_are_answered_once(
    harness: Harness,
) -> None:
    import asyncio

    event = payload("app_mention")
    await asyncio.gather(*(harness.send.event(event, retry_num=n) for n in (None, 1, 2)))
    await harness.settle()
    assert len(answers(harness)) == 1


async def test_mention_and_message_for_one_post_answer_once(
    harness: Harness,
) -> None:
    await harness.send.event(payload("app_mention"))
    await harness.send.event(payload("message_channel_twin"))
    await harness.settle()
    assert len(answers(harness)) == 1


async def test_a_retry_after_a_failure_before_answering_is_answered(
    harness: Harness,
) -> None:
    # Nothing was posted (the answer failed first): the claim is released for the retry.
    broken = harness.app.bot.knowledge.search

    async def failing(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("index unavailable")

    harness.app.bot.knowledge.search = failing  # type: ignore[assignment,method-assign]
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    [sorry] = answers(harness)  # an apology, never the error itself
    assert "Sorry" in sorry["text"] and "index unavailable" not in sorry["text"]
    harness.app.bot.knowledge.search = broken  # type: ignore[method-assign]
    await harness.send.event(payload("app_mention"), retry_num=1)
    await harness.settle()
    assert len(answers(harness)) == 2 and "response" in answers(harness)[1]["text"]


async def test_a_refused_post_is_not_retried_identically(harness: Harness) -> None:
    harness.fake.fail("chat.postMessage", body={"ok": False, "error": "invalid_blocks"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    await harness.send.event(payload("app_mention"), retry_num=1)
    await harness.settle()
    refused, apology = [c for c in harness.fake.calls if c.method == "chat.postMessage"]
    assert not refused.ok and "Sorry" in apology.params["text"]  # not the same post again
    assert len(answers(harness)) == 1


async def test_rate_limited_post_is_retried_after_retry_after_and_arrives_once(
    harness: Harness,
) -> None:
    harness.fake.fail("chat.postMessage", status=429, headers={"Retry-After": "0"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    attempts = [c for c in harness.fake.calls if c.method == "chat.postMessage"]
    assert [c.status for c in attempts] == [429, 200]
    assert len(answers(harness)) == 1


async def test_a_server_error_after_slack_stored_the_post_is_not_reposted(
    harness: Harness,
) -> None:
    # A 500 may come after Slack stored the message: the thread is checked for it.
    harness.fake.fail("chat.postMessage", status=500, body={"ok": False, "error": "fatal_error"},
                      stored=True)
    harness.fake.fail("assistant.threads.setStatus", status=503,
                      body={"ok": False, "error": "service_unavailable"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    assert [c.status for c in harness.fake.calls if c.method == "chat.postMessage"] == [500]
    assert len(harness.fake.messages["C0ACMESUPP"]) == 1
    # ...while an idempotent call (the thread status) was retried
    statuses = [c.status for c in harness.fake.calls if c.method == "assistant.threads.setStatus"]
    assert statuses[:2] == [503, 200]


async def test_a_server_error_on_a_lost_post_sends_it_once_more(harness: Harness) -> None:
    harness.fake.fail("chat.postMessage", status=500, body={"ok": False, "error": "fatal_error"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    assert [c.status for c in harness.fake.calls if c.method == "chat.postMessage"] == [500, 200]
    assert len(harness.fake.messages["C0ACMESUPP"]) == 1


async def test_the_twin_event_after_an_ambiguous_failure_is_answered_once(
    harness: Harness,
) -> None:
    # app_mention fails ambiguously but Slack kept the post; the twin `message` event of the
    # same post (and Slack's retry) must not answer again.
    harness.fake.fail("chat.postMessage", status=500, body={"ok": False, "error": "fatal_error"},
                      stored=True)
    mention = payload("app_mention")
    await harness.send.event(mention)
    twin = payload("app_mention")
    twin["event"]["type"] = "message"
    twin["event_id"] = "Ev0TWIN0001"
    await harness.send.event(twin)
    await harness.send.event(mention, retry_num=1)
    await harness.settle()
    assert len(harness.fake.messages["C0ACMESUPP"]) == 1


async def test_direct_message(
    harness: Harness,
) -> None:
    await harness.send.event(payload("message_im"))
    await harness.settle()
    [answer] = answers(harness, "D0CLIENT01")
    assert answer.get("thread_ts") is None


async def test_thread_follow_up_without_mention_only_after_the_bot_spoke(
    harness: Harness,
) -> None:
    await harness.send.event(payload("thread_followup"))
    await harness.settle()
    assert answers(harness) == []  # the bot never spoke in that thread: not for us
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    followup = payload("thread_followup")
    followup["event"]["ts"] = followup["event"]["event_ts"] = "1700000210.000210"
    followup["event_id"] = "Ev0FOLLOWUP2"
    await harness.send.event(followup)
    await harness.settle()
    posted = answers(harness)
    assert len(posted) == 2 and posted[1]["thread_ts"] == "1700000100.000100"


async def test_staff_joining_a_thread_hands_it_over(
    harness: Harness,
) -> None:
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    staff = payload("thread_followup")
    staff["event"].update(user="U0STAFF001", user_team="T0MSPTEAM", team="T0MSPTEAM",
                          source_team="T0MSPTEAM", text="I'll take this one, Dana.",
                          ts="1700000300.000300")
    staff["event_id"] = "Ev0STAFFMSG1"
    await harness.send.event(staff)
    await harness.settle()  # the staff reply is in before the client writes again
    client = payload("thread_followup")
    client["event"]["ts"] = "1700000400.000400"
    client["event_id"] = "Ev0FOLLOWUP3"
    await harness.send.event(client)
    await harness.settle()
    assert len(answers(harness)) == 1  # only the first answer: people are talking now


@pytest.mark.parametrize("name", ["message_changed", "channel_join", "bot_own_message",
                                  "other_bot_message"])
async def test_ignored_events_are_acked_and_not_answered(harness: Harness, name: str) -> None:
    posted = await harness.send.event(payload(name))
    assert posted.status == 200
    await harness.settle()
    assert harness.fake.posts() == []


async def test_slack_connect_external_user_gets_their_agreement(
    harness: Harness,
) -> None:
    await harness.send.event(payload("connect_external_mention"))
    await harness.settle()
    assert len(answers(harness, "C0SHARED01")) == 1
    [row] = await harness.app.store.interactions.rows()
    assert row.tenant == "acme-dental"  # from user_team, the channel is not mapped


async def test_emergency_reaches_staff_first(
    harness: Harness,
) -> None:
    event = payload("app_mention")
    event["event"]["text"] = f"<@{BOT_USER}> ransomware on all our computers, we're locked out"
    await harness.send.event(event)
    await harness.settle()
    posts = harness.fake.posts()
    assert [p.params["channel"] for p in posts] == [STAFF_CHANNEL, "C0ACMESUPP"]
    alert = json.dumps(posts[0].params["blocks"])
    assert "EMERGENCY" in alert and "Acme Dental Group" in alert and "ransomware" in alert
    assert "https://msp.slack.com/archives/C0ACMESUPP/p1700000100000100" in alert
    assert "emergency" in str(posts[1].params["text"]).lower()


async def test_asking_for_a_person_alerts_staff_then_tells_the_client_so(
    harness: Harness,
) -> None:
    event = payload("app_mention")
    event["event"]["text"] = f"<@{BOT_USER}> can I talk to a person please"
    await harness.send.event(event)
    await harness.settle()
    posts = harness.fake.posts()
    assert [p.params["channel"] for p in posts] == [STAFF_CHANNEL, "C0ACMESUPP"]
    alert = json.dumps(posts[0].params["blocks"])
    assert "talk to a person" in alert and "asked for a person" in alert
    assert "I've asked" in posts[1].params["text"]


async def test_when_the_staff_post_fails_the_client_is_not_told_it_worked(
    harness: Harness,
) -> None:
    harness.fake.fail("chat.postMessage", body={"ok": False, "error": "channel_not_found"})
    event = payload("app_mention")
    event["event"]["text"] = f"<@{BOT_USER}> can I talk to a person please"
    await harness.send.event(event)
    await harness.settle()
    [reply] = harness.fake.posts("C0ACMESUPP")
    assert "couldn't reach" in reply.params["text"] and "I've asked" not in reply.params["text"]


async def test_feedback_click_is_recorded_and_acknowledged_privately(
    harness: Harness,
) -> None:
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    [row] = await harness.app.store.interactions.rows()
    click = payload("block_actions_feedback")
    click["actions"][0]["value"] = json.dumps({"i": row.id, "t": "acme-dental", "q": "why?"})
    posted = await harness.send.interactive(click)
    assert posted.status == 200
    await harness.settle()
    feedback = await feedback_rows(harness)
    assert feedback == [(row.id, "U0CLIENT01", "helpful")]
    [ephemeral] = harness.fake.of("chat.postEphemeral")
    assert ephemeral.params["user"] == "U0CLIENT01"
    assert ephemeral.params["thread_ts"] == "1700000100.000100"


async def test_talk_to_person_click_reaches_staff_once(
    harness: Harness,
) -> None:
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    [row] = await harness.app.store.interactions.rows()
    click = payload("block_actions_escalate")
    click["actions"][0]["value"] = json.dumps({"i": row.id, "t": "acme-dental",
                                               "q": "Why isn't my ticket fixed in 4 hours?"})
    await harness.send.interactive(click)
    await harness.send.interactive(click)  # an impatient double click
    await harness.settle()
    staff = harness.fake.posts(STAFF_CHANNEL)
    assert len(staff) == 1
    alert = json.dumps(staff[0].params["blocks"])
    assert "Why isn't my ticket fixed in 4 hours?" in alert and "Acme Dental Group" in alert
    assert len(harness.fake.of("chat.postEphemeral")) == 2  # each click is acknowledged
    assert await feedback_rows(harness) == []  # asking for a person is not a vote


async def test_ask_command_answers_privately_and_can_be_shared(
    harness: Harness,
) -> None:
    command = payload("slash_ask")
    command["response_url"] = harness.fake.response_url("ask1")
    posted = await harness.send.command(command)
    assert posted.status == 200
    working = posted.json()  # shown at once, then replaced by the answer
    assert working["response_type"] == "ephemeral" and "Looking into it" in working["text"]
    await harness.settle()
    [private] = harness.fake.responses
    assert private.params["response_type"] == "ephemeral"
    assert private.params["replace_original"] is True
    share = private.params["blocks"][-1]["elements"][-1]
    assert share["action_id"] == "mspbot_share"
    [row] = await harness.app.store.interactions.rows()
    assert row.tenant == "acme-dental" and row.user_id == "U0CLIENT01"
    click = payload("block_actions_feedback")
    click["container"] = {"type": "message", "message_ts": "1700000800.000800",
                          "channel_id": "C0ACMESUPP", "is_ephemeral": True}
    click["response_url"] = harness.fake.response_url("share1")
    click["actions"][0].update(action_id="mspbot_share", value=share["value"])
    await harness.send.interactive(click)
    await harness.settle()
    shared, deleted = harness.fake.responses[1:]
    assert shared.params["response_type"] == "in_channel"
    assert "<@U0CLIENT01> asked" in json.dumps(shared.params["blocks"])
    assert deleted.params == {"delete_original": True}
    assert harness.fake.posts() == []


async def test_ask_that_fails_replaces_the_working_note_with_an_apology(
    harness: Harness,
) -> None:
    async def failing(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("index unavailable")

    harness.app.bot.knowledge.search = failing  # type: ignore[assignment,method-assign]
    command = payload("slash_ask")
    command["response_url"] = harness.fake.response_url("ask2")
    await harness.send.command(command)
    await harness.settle()
    [sorry] = harness.fake.responses
    assert sorry.params["replace_original"] is True and "Sorry" in sorry.params["text"]
    assert "index unavailable" not in sorry.params["text"]


async def test_ask_without_a_question_explains_usage(
    harness: Harness,
) -> None:
    command = payload("slash_ask")
    command["text"] = "  "
    posted = await harness.send.command(command)
    assert posted.status == 200 and "/ask" in posted.json()["text"]


async def feedback_rows(harness: Harness) -> list[tuple[int, str, str]]:
    found = []
    for row in await harness.app.store.interactions.rows():
        votes = await harness.app.store.interactions.votes(row.id)
        found += [(row.id, user, value) for user, value in sorted(votes.items())]
    return found
