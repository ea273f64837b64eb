"""Teams' feedback loop and the buttons that stay: the thumbs come back as a
`message/submitAction` invoke naming the message, are answered 200 with an empty body and
go through the feedback workflow (one vote per person per answer, the last counts);
"Talk to a person" escalates once per answer and the staff alert really arrives."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from bot.store import schema
from tests import dbpeek
from tests.teams.conftest import StartTeams, TeamsServer
from tests.teams.harness import Sent, payload

STAFF_CHANNEL = "19:0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d@thread.tacv2"
OTHER_TENANT = "11111111-2222-4333-8444-555555555555"


async def feedback_rows(server: TeamsServer) -> list[Any]:
    return await dbpeek.rows(server.app.settings.database_url, schema.feedback)


PERSONAL = "a:1Hk9Fz3Lq7Wm2Rt5Yp8Nc4Vb6Xj0Gs1Dh3Ke9Uo5Ia7Qw2Er4Ty6Zx8Cv0Bn-Mm"


async def answered(server: TeamsServer) -> Sent:
    await server.post(payload("personal_message", server.connector.url))
    await server.connector.wait_for(lambda _: bool(server.connector.messages(PERSONAL)))
    (message,) = server.connector.messages(PERSONAL)
    return message


def thumbs(server: TeamsServer, message_id: str, reaction: str, **changes: Any) -> dict[str, Any]:
    vote = payload("feedback_loop_like", server.connector.url, replyToId=message_id, **changes)
    vote["value"]["actionValue"]["reaction"] = reaction
    return vote


async def test_a_thumb_is_answered_200_empty_and_recorded_once_the_last_counts(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    message = await answered(server)
    assert message.activity["channelData"]["feedbackLoop"] == {"type": "default"}
    assert message.stream is not None
    message_id = message.stream["streamId"]  # Teams knows a streamed message by its stream
    (row,) = await server.app.store.interactions.rows()

    posted = await server.post(thumbs(server, message_id, "like"))
    assert (posted.status, posted.body) == (200, None)
    (vote,) = await feedback_rows(server)
    assert (vote.interaction_id, vote.value) == (row.id, "helpful")
    assert vote.user_id == "3b2a1c0d-5e4f-4a6b-8c7d-9e0f1a2b3c4d"

    await server.post(thumbs(server, message_id, "like"))  # a retry or a double click
    posted = await server.post(thumbs(server, message_id, "dislike"))  # changed their mind
    assert (posted.status, posted.body) == (200, None)
    (vote,) = await feedback_rows(server)
    assert vote.value == "not_helpful"


async def test_a_thumb_from_another_organisation_or_on_an_unknown_message_is_not_counted(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    message = await answered(server)
    assert message.stream is not None
    outsider = thumbs(server, message.stream["streamId"], "like",
                      channelData={"tenant": {"id": OTHER_TENANT}})
    outsider["conversation"]["tenantId"] = OTHER_TENANT
    outsider["from"]["aadObjectId"] = "99999999-0000-4000-8000-000000000000"
    posted = await server.post(outsider)
    assert posted.status == 200
    posted = await server.post(thumbs(server, "1:999", "like"))
    assert posted.status == 200
    assert await feedback_rows(server) == []


async def staffed(start_teams: StartTeams) -> TeamsServer:
    server = await start_teams()
    await server.post(payload("conversation_update_bot_added", server.connector.url))
    await server.connector.wait_messages(1)  # the staff channel's welcome
    return server


async def click_person(server: TeamsServer) -> Any:
    (row,) = await server.app.store.interactions.rows()
    click = payload("card_execute_talk_to_person", server.connector.url)
    click["value"]["action"]["data"]["interaction_id"] = row.id
    return await server.post(click)


def alerts(server: TeamsServer) -> list[Sent]:
    return [s for s in server.connector.messages(STAFF_CHANNEL)
            if "Talk to a person" in s.card_text]


async def test_talk_to_a_person_twice_alerts_staff_once(start_teams: StartTeams) -> None:
    server = await staffed(start_teams)
    await answered(server)
    first, second = await asyncio.gather(click_person(server), click_person(server))
    bodies = sorted([json.dumps(first.body["value"]), json.dumps(second.body["value"])])
    assert any("I've asked the support team" in b for b in bodies)
    # the other click: done already, or (while the first alert is on its way) being done
    assert any("already has this one" in b or "right now" in b for b in bodies)
    await server.connector.wait_for(lambda sent: len(alerts(server)) >= 1)
    assert len(alerts(server)) == 1
    (alert,) = alerts(server)
    assert None not in alert.activity.values()
    assert await feedback_rows(server) == []  # asking for a person is not a vote


async def test_a_refused_staff_alert_is_not_retried_and_the_client_is_told(
    start_teams: StartTeams,
) -> None:
    server = await staffed(start_teams)
    await answered(server)
    server.connector.fail_next = [400]
    posted = await click_person(server)
    text = json.dumps(posted.body["value"])
    assert "couldn't reach" in text and "I've asked" not in text
    assert "Talk to a person" in text  # the button stays, so a later click can try again
    assert [status for status, _ in server.connector.refused] == [400]
    assert alerts(server) == []


async def test_a_staff_alert_after_a_server_error_is_retried_and_then_claimed(
    start_teams: StartTeams,
) -> None:
    server = await staffed(start_teams)
    await answered(server)
    server.connector.fail_next = [503]
    posted = await click_person(server)
    assert "I've asked the support team" in json.dumps(posted.body["value"])
    assert [status for status, _ in server.connector.refused] == [503]
    assert len(alerts(server)) == 1


async def test_a_thumb_that_names_no_message_counts_for_the_latest_answer(
    start_teams: StartTeams,
) -> None:
    """The Agents Playground sends the feedback invoke without replyToId."""
    server = await start_teams()
    await answered(server)
    (row,) = await server.app.store.interactions.rows()
    vote = thumbs(server, "unused", "dislike")
    del vote["replyToId"]
    vote["value"]["actionValue"]["feedback"] = "it did not say when"  # a plain string too
    posted = await server.post(vote)
    assert (posted.status, posted.body) == (200, None)
    (recorded,) = await feedback_rows(server)
    assert (recorded.interaction_id, recorded.value) == (row.id, "not_helpful")
