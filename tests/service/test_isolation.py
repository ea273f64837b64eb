"""Security review, as tests: tenant isolation of feedback and conversation memory, and
staff-only actions refused on the server side whatever the client sends."""

from __future__ import annotations

import json
from typing import Any

from bot.core.models import InboundMessage
from bot.store import ReplyRecord, schema
from tests import dbpeek
from tests.service.conftest import Service
from tests.slack.conftest import payload as slack_payload
from tests.teams.harness import CLIENT_TENANT, STAFF_TENANT
from tests.teams.harness import payload as teams_payload

JSON = "application/json"


async def feedback(service: Service) -> list[Any]:
    return await dbpeek.rows(service.app.settings.database_url, schema.feedback)


async def post_teams(service: Service, activity: dict[str, Any]) -> tuple[int, object]:
    return await service.post("/api/messages", json.dumps(activity).encode(), JSON)


def click(service: Service, interaction_id: int, tenant: str = CLIENT_TENANT,
          verb: str = "helpful") -> dict[str, Any]:
    activity = teams_payload("card_execute_feedback", service.connector.url)
    activity["value"]["action"]["data"] = {"verb": verb, "interaction_id": interaction_id}
    activity["channelData"]["tenant"]["id"] = tenant
    activity["conversation"]["tenantId"] = tenant
    activity["id"] = f"click-{interaction_id}-{tenant}-{verb}"
    return activity


async def test_teams_feedback_only_on_answers_to_the_clickers_organisation(
    service: Service,
) -> None:
    # an answer to another client (Acme, on Slack) and one to Brightpath (on Teams)
    acme = await service.app.bot.handle(InboundMessage(
        "Why isn't my ticket fixed yet?", platform="teams", user_id="someone",
        tenant="acme-dental"))
    own = await service.app.bot.handle(InboundMessage(
        "Why isn't my ticket fixed yet?", platform="teams", user_id="dana",
        org=f"teams:{CLIENT_TENANT}"))
    on_slack = await service.app.bot.handle(InboundMessage(
        "Why isn't my ticket fixed yet?", platform="slack", user_id="U1",
        tenant="brightpath-legal"))
    assert own.tenant == "brightpath-legal" and acme.tenant == "acme-dental"
    assert None not in (acme.interaction_id, own.interaction_id, on_slack.interaction_id)
    for forged in (acme.interaction_id, on_slack.interaction_id, 999_999):
        assert forged is not None
        status, _ = await post_teams(service, click(service, forged))
        assert status == 200
        status, _ = await post_teams(service, click(service, forged, verb="talk_to_person"))
        assert status == 200
    assert await feedback(service) == []  # none written for someone else's answer
    assert own.interaction_id is not None
    await post_teams(service, click(service, own.interaction_id))
    # the MSP's staff may rate any client's answer
    await post_teams(service, click(service, acme.interaction_id or 0, tenant=STAFF_TENANT))
    await service.settle()
    assert sorted(r.interaction_id for r in await feedback(service)) == sorted(
        [own.interaction_id, acme.interaction_id])


async def test_conversation_memory_is_per_tenant(service: Service) -> None:
    store = service.app.store
    await store.record_reply(ReplyRecord(
        platform="slack", tenant="acme-dental", user_id="U1", question="our printer is on fire",
        normalized="our printer is on fire", action="escalate", reason="emergency",
        confidence=1.0, closest_entry=None, entries_used=[], composer="curated",
        conversation="slack:C1:1", reply_text="calling someone"))
    assert await store.conversations.recent("slack:C1:1", "brightpath-legal") == []
    assert await store.conversations.recent("slack:C1:1", None) == []
    assert await store.conversations.recent("slack:C1:1", "acme-dental") != []


async def test_staff_only_knowledge_edits_are_refused_for_clients_everywhere(
    service: Service,
) -> None:
    entries_before = await service.app.store.knowledge.list_entries()
    history_before = await history_rows(service)
    # Slack: /kb from a client workspace user, and a forged modal submission
    kb = {"command": "/kb", "text": "", "user_id": "U0CLIENT1", "team_id": "T0ACMEDENT",
          "channel_id": "C0ACMESUPP", "trigger_id": "1.2.3", "response_url": "https://x/y"}
    posted = await service.send.command(kb)
    assert posted.status == 200 and "only" in posted.body.lower()
    view = slack_payload("view_submission")
    view["user"] = {"id": "U0CLIENT1", "team_id": "T0ACMEDENT"}
    posted = await service.send.interactive(view)
    assert posted.status == 200 and "errors" in posted.json()
    # Teams: a kb_save card action sent by a client, with valid-looking form data
    save = teams_payload("card_execute_kb_save", service.connector.url)
    save["channelData"]["tenant"]["id"] = CLIENT_TENANT
    save["conversation"]["tenantId"] = CLIENT_TENANT
    status, body = await post_teams(service, save)
    assert status == 200 and "Only the support team" in json.dumps(body)
    await service.settle()
    assert service.fake.of("views.open") == []
    assert await service.app.store.knowledge.list_entries() == entries_before
    assert await history_rows(service) == history_before


async def history_rows(service: Service) -> int:
    return await dbpeek.count(service.app.settings.database_url, schema.entry_history)
