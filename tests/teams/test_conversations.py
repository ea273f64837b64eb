"""Real-shaped Teams activities over real HTTP, replies checked at a fake Bot Connector.
These run in the anonymous development mode; tests/teams/test_auth.py covers the JWT."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from microsoft_agents.activity import Activity

from adapters.teams.translate import translate
from bot.core.models import Reply, Role
from bot.store import schema
from tests import dbpeek
from tests.teams.conftest import StartTeams, dev_settings
from tests.teams.harness import CLIENT_TENANT, STAFF_TENANT, payload

PERSONAL = "a:1Hk9Fz3Lq7Wm2Rt5Yp8Nc4Vb6Xj0Gs1Dh3Ke9Uo5Ia7Qw2Er4Ty6Zx8Cv0Bn-Mm"
CHANNEL_THREAD = "19:4c1f7a2b9d3e4f5a8b6c7d0e1f2a3b4c@thread.tacv2;messageid=1772465044102"
STAFF_CHANNEL = "19:0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d@thread.tacv2"


async def interactions(server: Any) -> list[Any]:
    return list(await server.app.store.interactions.rows())


async def feedback_rows(server: Any) -> list[Any]:
    return await dbpeek.rows(server.app.settings.database_url, schema.feedback)


async def test_personal_message_gets_a_streamed_answer(start_teams: StartTeams) -> None:
    server = await start_teams()
    activity = payload("personal_message", server.connector.url)
    posted = await server.post(activity)
    assert posted.status in (200, 202)
    sent = await server.connector.wait_messages(1)
    first = server.connector.sent[0]
    assert first.type == "typing" and first.stream is not None
    assert first.stream["streamType"] == "informative"
    reply = sent[0]
    assert reply.conversation_id == PERSONAL
    assert reply.reply_to == activity["id"]  # a reply to the client's message
    assert reply.stream is not None and reply.stream["streamType"] == "final"
    assert "response" in reply.activity["text"].lower()
    assert reply.activity["text"].startswith(reply.activity["summary"])  # the chat list's
    assert reply.activity["channelData"]["feedbackLoop"] == {"type": "default"}
    card = reply.card
    assert card is not None and card["version"] == "1.5" and card["type"] == "AdaptiveCard"
    verbs = [a["verb"] for a in card["actions"]]
    assert verbs == ["talk_to_person"]  # the thumbs are Teams' own feedback loop
    assert all(isinstance(a["data"]["interaction_id"], int) for a in card["actions"])
    assert server.connector.refused == []
    # anonymous development mode sends no outbound token
    assert reply.authorization is None
    (row,) = await interactions(server)
    assert row.platform == "teams" and row.action == "answer"
    assert row.tenant == "brightpath-legal"  # channelData.tenant.id -> client via teams_tenant_ids


async def test_channel_mention_is_stripped_and_reply_goes_to_the_thread(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    posted = await server.post(payload("channel_message_mention", server.connector.url))
    assert posted.status in (200, 202)
    (reply,) = await server.connector.wait_messages(1)
    assert reply.conversation_id == CHANNEL_THREAD
    (row,) = await interactions(server)
    assert row.question == "why is the internet down again"
    assert row.conversation == (
        "teams:19:4c1f7a2b9d3e4f5a8b6c7d0e1f2a3b4c@thread.tacv2:1772465044102"
    )


async def test_unmapped_tenant_is_answered_without_a_client(start_teams: StartTeams) -> None:
    server = await start_teams()
    other = "11111111-2222-4333-8444-555555555555"
    activity = payload("personal_message", server.connector.url,
                       channelData={"tenant": {"id": other}})
    activity["conversation"]["tenantId"] = other
    await server.post(activity)
    await server.connector.wait_messages(1)
    (row,) = await interactions(server)
    assert row.tenant is None


async def test_bot_added_sends_a_welcome_and_remembers_the_staff_channel(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    posted = await server.post(payload("conversation_update_bot_added", server.connector.url))
    assert posted.status in (200, 202)
    (welcome,) = await server.connector.wait_messages(1)
    assert welcome.conversation_id == STAFF_CHANNEL
    # the staff hear what the channel is for, not the clients' welcome
    assert "staff channel" in welcome.card_text and "help assistant" not in welcome.card_text
    ref = await server.app.store.conversations.get_ref("teams:staff")
    assert ref is not None and ref["conversation"]["id"] == STAFF_CHANNEL
    assert ref["serviceUrl"] == server.connector.url


async def test_bot_added_in_a_client_tenant_is_not_the_staff_channel(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    activity = payload("conversation_update_bot_added", server.connector.url,
                       channelData={"tenant": {"id": CLIENT_TENANT}})
    activity["conversation"]["tenantId"] = CLIENT_TENANT
    await server.post(activity)
    (welcome,) = await server.connector.wait_messages(1)
    assert "help assistant" in welcome.card_text  # a client's channel: the clients' welcome
    assert await server.app.store.conversations.get_ref("teams:staff") is None


async def test_someone_else_joining_gets_no_welcome(start_teams: StartTeams) -> None:
    server = await start_teams()
    activity = payload("conversation_update_bot_added", server.connector.url,
                       membersAdded=[{"id": "29:someone-else"}])
    posted = await server.post(activity)
    assert posted.status in (200, 202)
    await server.app.tasks.join()  # nothing left in the background either
    assert server.connector.messages() == []


async def test_the_same_delivery_twice_is_answered_once(start_teams: StartTeams) -> None:
    server = await start_teams()
    activity = payload("personal_message", server.connector.url)
    first, second = await asyncio.gather(server.post(activity), server.post(activity))
    assert {first.status, second.status} <= {200, 202}
    await server.connector.wait_messages(1)
    await server.app.tasks.join()  # both deliveries finished: a second answer is no longer due
    assert len(server.connector.messages()) == 1
    assert len(await interactions(server)) == 1


async def test_feedback_click_is_recorded_and_acknowledged(start_teams: StartTeams) -> None:
    server = await start_teams()
    await server.post(payload("personal_message", server.connector.url))
    await server.connector.wait_messages(1)
    (answered,) = await interactions(server)
    # an answer card from before the feedback loop still has its Helpful button
    helpful = {"data": {"verb": "helpful", "interaction_id": answered.id}}
    click = payload("card_execute_feedback", server.connector.url)
    click["value"]["action"]["data"] = helpful["data"]
    posted = await server.post(click)
    assert posted.status == 200
    assert posted.body["statusCode"] == 200
    assert posted.body["type"] == "application/vnd.microsoft.activity.message"
    (row,) = await feedback_rows(server)
    assert row.value == "helpful" and row.interaction_id == helpful["data"]["interaction_id"]
    assert row.user_id == "3b2a1c0d-5e4f-4a6b-8c7d-9e0f1a2b3c4d"
    # a retried delivery of the same click is not recorded twice
    again = await server.post(click)
    assert again.status == 200
    assert len(await feedback_rows(server)) == 1


async def test_action_submit_feedback_from_an_older_client(start_teams: StartTeams) -> None:
    server = await start_teams()
    await server.post(payload("personal_message", server.connector.url))
    await server.connector.wait_messages(1)
    posted = await server.post(payload("card_submit_feedback", server.connector.url))
    assert posted.status in (200, 202)
    (row,) = await feedback_rows(server)
    assert row.value == "not_helpful"
    sent = await server.connector.wait_messages(2)
    assert "Thanks for telling me; that's recorded" in sent[1].activity["text"]


async def test_talk_to_a_person_escalates_and_alerts_the_staff_channel(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    await server.post(payload("conversation_update_bot_added", server.connector.url))
    await server.post(payload("personal_message", server.connector.url))
    await server.connector.wait_messages(2)
    click = payload("card_execute_talk_to_person", server.connector.url)
    posted = await server.post(click)
    assert posted.status == 200
    # the card is replaced in place: what happened, and no button to click again
    assert posted.body["type"] == "application/vnd.microsoft.card.adaptive"
    replaced = json.dumps(posted.body["value"]["body"])
    assert "I've asked the support team" in replaced
    assert "actions" not in posted.body["value"]
    sent = await server.connector.wait_messages(3)
    to_staff = [s for s in sent if s.conversation_id == STAFF_CHANNEL]
    alert = to_staff[-1]
    assert alert.reply_to is None  # a new post in the staff channel, not a reply
    question = (await interactions(server))[-1].question
    assert question in alert.card_text and "Brightpath Legal" in alert.card_text
    assert "Dana Whitfield" in alert.card_text  # who clicked, by name, not by Teams ID
    assert await feedback_rows(server) == []  # asking for a person is not a vote
    again = await server.post(click)  # a double click: one hand-off per answer
    assert "already has this one" in json.dumps(again.body["value"])
    await server.app.tasks.join()
    assert len([s for s in server.connector.messages(STAFF_CHANNEL)
                if "Talk to a person" in s.card_text]) == 1


async def test_emergency_in_a_channel_alerts_staff_with_a_link(start_teams: StartTeams) -> None:
    server = await start_teams()
    await server.post(payload("conversation_update_bot_added", server.connector.url))
    activity = payload("channel_message_mention", server.connector.url,
                       text="<at>MSP Helper</at> our server is down and nobody can work")
    await server.post(activity)
    sent = await server.connector.wait_messages(3)
    alert = next(s for s in sent if s.conversation_id == STAFF_CHANNEL and s.reply_to is None
                 and "Emergency" in s.card_text)
    link = alert.card["actions"][0]["url"]  # type: ignore[index]
    assert link.startswith("https://teams.microsoft.com/l/message/19%3A4c1f7a2b")
    assert "parentMessageId=1772465044102" in link
    assert "groupId=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" in link
    client_reply = next(s for s in sent if s.conversation_id == CHANNEL_THREAD)
    assert "emergency" in client_reply.activity["text"].lower()


async def test_escalation_without_a_staff_channel_still_answers_the_client(
    start_teams: StartTeams, caplog: pytest.LogCaptureFixture
) -> None:
    server = await start_teams()
    activity = payload("personal_message", server.connector.url,
                       text="I need to talk to a real person")
    await server.post(activity)
    (reply,) = await server.connector.wait_messages(1)
    text = reply.activity["text"]
    assert "couldn't reach" in text and "I've asked" not in text
    assert "+44 20 7946 0321" in text  # how to reach a person instead
    assert "no staff channel" in caplog.text


async def test_slow_answers_are_acknowledged_then_sent_proactively(
    start_teams: StartTeams, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = await start_teams(dev_settings(reply_budget_s=0.05))
    real_handle = server.app.bot.handle
    release = asyncio.Event()

    async def slow_handle(message: Any, staff: Any = None, **kw: Any) -> Reply:
        await release.wait()  # the core is busy until the test says otherwise
        return await real_handle(message, staff, **kw)

    monkeypatch.setattr(server.app.bot, "handle", slow_handle)
    activity = payload("personal_message", server.connector.url)
    # Teams gets its HTTP answer while the core is still working (else this never returns)
    posted = await asyncio.wait_for(server.post(activity), 30)
    assert posted.status in (200, 202)
    assert server.connector.messages() == []
    release.set()
    (reply,) = await server.connector.wait_messages(1, timeout_s=5)
    assert reply.conversation_id == PERSONAL and reply.reply_to == activity["id"]
    assert reply.card is not None and reply.card["actions"]
    assert server.connector.sent[0].type == "typing"  # the informative update came first
    assert len(await interactions(server)) == 1


async def test_curated_answers_carry_no_ai_label(start_teams: StartTeams) -> None:
    server = await start_teams()
    await server.post(payload("personal_message", server.connector.url))
    (reply,) = await server.connector.wait_messages(1)
    entities = reply.activity.get("entities") or []
    assert not any("AIGeneratedContent" in (e.get("additionalType") or []) for e in entities)


async def test_a_failing_core_gets_an_apology_not_a_stack_trace(
    start_teams: StartTeams, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = await start_teams()

    async def broken(message: Any, staff: Any = None, **kw: Any) -> Reply:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(server.app.bot, "handle", broken)
    posted = await server.post(payload("personal_message", server.connector.url))
    assert posted.status in (200, 202)  # the turn itself did not fail
    (reply,) = await server.connector.wait_messages(1)
    assert "Sorry" in reply.activity["text"] and "hunter2" not in reply.activity["text"]
    assert server.connector.refused == []  # the stream was ended with the apology


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"{not json", 400),
        (b"[1, 2, 3]", 400),
        (b'{"type": ""}', 400),
        (b'{"type": "message"}', 400),
    ],
)
async def test_malformed_bodies_are_400_not_500(
    start_teams: StartTeams, raw: bytes, expected: int
) -> None:
    server = await start_teams()
    posted = await server.post({}, raw=raw)
    assert posted.status == expected
    assert server.connector.sent == []


async def test_staff_tenant_message_is_staff(start_teams: StartTeams) -> None:
    server = await start_teams()
    activity = payload("staff_message_kb_add", server.connector.url,
                       text="why isn't it fixed in 4 hours?")
    await server.post(activity)
    await server.connector.wait_messages(1)
    (row,) = await interactions(server)
    assert row.tenant is None  # the MSP's own tenant is not a client
    inbound = translate(Activity.model_validate(activity), server.agent.staff)
    assert inbound is not None and inbound.role is Role.STAFF
    assert inbound.org == f"teams:{STAFF_TENANT}"
