"""With resource-specific consent the bot reads every channel message: it answers a
client's reply in a thread it answered (so "reply here" is true) and stays out of
threads it was never asked into."""

from __future__ import annotations

from typing import Any

from tests.teams.conftest import StartTeams
from tests.teams.harness import payload

THREAD = "19:4c1f7a2b9d3e4f5a8b6c7d0e1f2a3b4c@thread.tacv2;messageid=1772465044102"
OTHER_THREAD = "19:4c1f7a2b9d3e4f5a8b6c7d0e1f2a3b4c@thread.tacv2;messageid=1772465099999"


def unmentioned(url: str, activity_id: str, conversation: str, text: str) -> dict[str, Any]:
    activity = payload("channel_message_mention", url, id=activity_id, text=text,
                       attachments=[])
    activity["entities"] = [e for e in activity["entities"] if e["type"] != "mention"]
    activity["conversation"]["id"] = conversation
    return activity


async def test_a_reply_in_a_thread_the_bot_answered_is_answered_without_a_mention(
    start_teams: StartTeams,
) -> None:
    server = await start_teams()
    await server.post(payload("channel_message_mention", server.connector.url,
                              text="<at>MSP Helper</at> is the weekend covered?"))
    await server.connector.wait_messages(1)
    await server.post(unmentioned(server.connector.url, "1772465050000", THREAD,
                                  "and what about bank holidays?"))
    replies = await server.connector.wait_messages(2)
    assert [r.conversation_id for r in replies] == [THREAD, THREAD]
    questions = [row.question for row in await server.app.store.interactions.rows()]
    assert "and what about bank holidays?" in questions


async def test_an_unmentioned_post_elsewhere_is_left_alone(start_teams: StartTeams) -> None:
    server = await start_teams()
    posted = await server.post(unmentioned(server.connector.url, "1772465099999",
                                           OTHER_THREAD, "is the weekend covered?"))
    assert posted.status in (200, 202)
    await server.app.tasks.join()  # the delivery ran to its end
    assert server.connector.messages() == []
    assert await server.app.store.interactions.rows() == []
