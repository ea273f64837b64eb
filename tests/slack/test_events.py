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
    assert [b["type"] for b in blocks][-2:] == ["context", "actions"]
    assert "response" in str(answer["text"]).lower()
    # the agreement of the client whose channel this is (Acme, 4 business hours for P2)
    interactions = await harness.app.store.interactions("acme-dental")
    assert len(interactions) == 1 and interactions[0].platform == "slack"
    # progress shown, then removed; bolt checked the token once
    reactions = [c.params["name"] for c in harness.fake.of("reactions.add")]
    assert reactions == ["hourglass_flowing_sand"]
    assert len(harness.fake.of("reactions.remove")) == 1
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
    assert await harness.app.store.interactions() == []


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
    assert len(await harness.app.store.interactions()) == 1


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


async def test_a_retry_after_a_failed_first_attempt_is_answered(
    harness: Harness,
) -> None:
    # The first attempt fails when posting (Slack refuses); the claim is released.
    harness.fake.fail("chat.postMessage", body={"ok": False, "error": "internal_error"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    assert answers(harness) == []
    await harness.send.event(payload("app_mention"), retry_num=1)
    await harness.settle()
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


async def test_a_server_error_on_a_post_is_not_blindly_reposted(
    harness: Harness,
) -> None:
    # A 500 may come after Slack stored the message: re-posting could show it twice.
    harness.fake.fail("chat.postMessage", status=500, body={"ok": False, "error": "fatal_error"})
    harness.fake.fail("reactions.add", status=503,
                      body={"ok": False, "error": "service_unavailable"})
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    assert [c.status for c in harness.fake.calls if c.method == "chat.postMessage"] == [500]
    # ...while an idempotent call (the reaction) was retried
    assert [c.status for c in harness.fake.calls if c.method == "reactions.add"] == [503, 200]


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
    [row] = await harness.app.store.interactions()
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


async def test_asking_for_a_person_notifies_staff_after_telling_the_client(
    harness: Harness,
) -> None:
    event = payload("app_mention")
    event["event"]["text"] = f"<@{BOT_USER}> can I talk to a person please"
    await harness.send.event(event)
    await harness.settle()
    posts = harness.fake.posts()
    assert [p.params["channel"] for p in posts] == ["C0ACMESUPP", STAFF_CHANNEL]
    alert = json.dumps(posts[1].params["blocks"])
    assert "talk to a person" in alert and "The bot answered" in alert


async def test_feedback_click_is_recorded_and_acknowledged_privately(
    harness: Harness,
) -> None:
    await harness.send.event(payload("app_mention"))
    await harness.settle()
    [row] = await harness.app.store.interactions()
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
    [row] = await harness.app.store.interactions()
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
    assert [v for *_, v in await feedback_rows(harness)] == ["talk_to_person", "talk_to_person"]


async def test_ask_command_answers_privately_and_can_be_shared(
    harness: Harness,
) -> None:
    command = payload("slash_ask")
    command["response_url"] = harness.fake.response_url("ask1")
    posted = await harness.send.command(command)
    assert posted.status == 200 and posted.body == ""
    await harness.settle()
    [private] = harness.fake.responses
    assert private.params["response_type"] == "ephemeral"
    share = private.params["blocks"][-1]["elements"][-1]
    assert share["action_id"] == "mspbot_share"
    [row] = await harness.app.store.interactions()
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


async def test_ask_without_a_question_explains_usage(
    harness: Harness,
) -> None:
    command = payload("slash_ask")
    command["text"] = "  "
    posted = await harness.send.command(command)
    assert posted.status == 200 and "/ask" in posted.json()["text"]


async def feedback_rows(harness: Harness) -> list[tuple[int, str, str]]:
    import sqlalchemy as sa

    from bot.store import schema

    async with harness.app.store.engine.connect() as conn:
        rows = await conn.execute(sa.select(schema.feedback).order_by(schema.feedback.c.id))
        return [(r.interaction_id, r.user_id, r.value) for r in rows]
