"""The pure parts: activity -> InboundMessage, Reply -> Adaptive Card, settings."""

from __future__ import annotations

import json

import pytest
from microsoft_agents.activity import Activity

from adapters.teams import render
from adapters.teams.config import TeamsSettings
from adapters.teams.translate import StaffPolicy, card_action, translate
from bot.core.models import Action, Button, Citation, ComposerKind, Reply, Role
from bot.service.settings import SettingsError
from tests.teams.harness import APP_ID, CLIENT_TENANT, PAYLOADS, STAFF_TENANT, payload

STAFF = StaffPolicy(tenant_id=STAFF_TENANT)
URL = "https://smba.trafficmanager.net/amer/"


def activity(name: str, **changes: object) -> Activity:
    return Activity.model_validate(payload(name, URL, **changes))


@pytest.mark.parametrize("path", sorted(PAYLOADS.glob("*.json")), ids=lambda p: p.stem)
def test_every_fixture_is_a_valid_activity(path: object) -> None:
    data = json.loads(PAYLOADS.joinpath(f"{path.stem}.json").read_text())  # type: ignore[attr-defined]
    parsed = Activity.model_validate(data)
    assert parsed.channel_id == "msteams" and parsed.conversation.id


def test_personal_message() -> None:
    message = translate(activity("personal_message"), STAFF)
    assert message is not None
    assert message.text == "Why isn't my problem fixed in 4 hours?"
    assert message.platform == "teams" and message.role is Role.CLIENT
    assert message.org == f"teams:{CLIENT_TENANT}"
    assert message.user_id == "3b2a1c0d-5e4f-4a6b-8c7d-9e0f1a2b3c4d"
    assert message.thread is None


def test_channel_mention_is_stripped_without_changing_the_activity() -> None:
    original = activity("channel_message_mention")
    message = translate(original, STAFF)
    assert message is not None
    assert message.text == "why is the internet down again"
    assert message.channel == "19:4c1f7a2b9d3e4f5a8b6c7d0e1f2a3b4c@thread.tacv2"
    assert message.thread == "1772465044102"
    assert original.text == "<at>MSP Helper</at> why is the internet down again"


def test_other_mentions_stay() -> None:
    # the bot's own mention goes; another person's stays as their name (the core sees no
    # Teams markup)
    changed = activity("channel_message_mention",
                       text="<at>MSP Helper</at> ask <at>Jo Bloggs</at> about it")
    message = translate(changed, STAFF)
    assert message is not None and message.text == "ask Jo Bloggs about it"


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("conversation_update_bot_added", {}),
        ("card_execute_feedback", {}),
        ("personal_message", {"text": "<at>MSP Helper</at>   "}),
        ("personal_message", {"from": {"id": "28:other-bot", "role": "bot"}}),
    ],
)
def test_not_a_question(name: str, changes: dict[str, object]) -> None:
    assert translate(activity(name, **changes), STAFF) is None


def test_staff_by_tenant_or_listed_user() -> None:
    staff = translate(activity("staff_message_kb_add"), STAFF)
    assert staff is not None and staff.role is Role.STAFF
    listed = StaffPolicy(user_ids=frozenset({"3b2a1c0d-5e4f-4a6b-8c7d-9e0f1a2b3c4d"}))
    client_user = translate(activity("personal_message"), listed)
    assert client_user is not None and client_user.role is Role.STAFF
    nobody = translate(activity("staff_message_kb_add"), StaffPolicy())
    assert nobody is not None and nobody.role is Role.CLIENT


def test_card_actions_from_execute_and_submit() -> None:
    execute = card_action(activity("card_execute_feedback"), STAFF)
    assert execute is not None and execute.verb == "helpful" and execute.interaction_id == 1
    submit = card_action(activity("card_submit_feedback"), STAFF)
    assert submit is not None and submit.verb == "not_helpful" and submit.interaction_id == 1
    assert card_action(activity("personal_message"), STAFF) is None
    forged = activity("card_execute_feedback")
    forged.value["action"]["data"]["interaction_id"] = True  # type: ignore[index]
    parsed = card_action(forged, STAFF)
    assert parsed is not None and parsed.interaction_id is None


def _reply(**changes: object) -> Reply:
    values: dict[str, object] = {
        "text": "Response targets time the start of work.", "action": Action.ANSWER,
        "confidence": 0.8, "interaction_id": 7,
        "citations": (Citation("response-vs-resolution-fix-times", "Response is not resolution",
                               ("response-vs-resolution",)),),
        "buttons": (Button.HELPFUL, Button.NOT_HELPFUL, Button.TALK_TO_PERSON),
    }
    values.update(changes)
    return Reply(**values)  # type: ignore[arg-type]


def test_answer_card() -> None:
    out = render.render_reply(_reply(), "why not fixed?")
    card = out.card
    assert card["version"] == "1.5" and card["$schema"].startswith("http://adaptivecards.io")
    assert card["body"][0]["text"] == "Response targets time the start of work."
    assert "1. Response is not resolution" in json.dumps(card["body"])
    assert [a["title"] for a in card["actions"]] == ["Helpful", "Not helpful", "Talk to a person"]
    assert all(a["data"]["interaction_id"] == 7 and a["data"]["question"] == "why not fixed?"
               for a in card["actions"])
    assert out.ai_generated is False and render.AI_NOTE not in json.dumps(card)


def test_llm_card_is_marked() -> None:
    out = render.render_reply(_reply(composer=ComposerKind.LLM), "q")
    assert out.ai_generated is True and render.AI_NOTE in json.dumps(out.card)


def test_escalation_card_has_no_feedback_buttons() -> None:
    out = render.render_reply(_reply(action=Action.ESCALATE, buttons=(), citations=()), "q")
    assert "actions" not in out.card


def test_question_in_button_data_is_bounded() -> None:
    out = render.render_reply(_reply(), "x" * 5000)
    assert len(out.card["actions"][0]["data"]["question"]) == render.QUESTION_CHARS


@pytest.mark.parametrize(
    ("conversation", "message", "expected"),
    [
        ("a:1personal", "17", None),
        ("19:abc@thread.tacv2;messageid=17", "18",
         "https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/18?tenantId=t"
         "&groupId=g&parentMessageId=17"),
        ("19:meeting_x@thread.v2", "5",
         "https://teams.microsoft.com/l/message/19%3Ameeting_x%40thread.v2/5?tenantId=t"
         "&groupId=g&context=%7B%22contextType%22%3A%22chat%22%7D"),
    ],
)
def test_message_link(conversation: str, message: str, expected: str | None) -> None:
    assert render.message_link(conversation, message, "t", "g") == expected


def test_settings_refuse_anonymous_with_an_app_id() -> None:
    with pytest.raises(SettingsError, match="refused when MICROSOFT_APP_ID is set"):
        TeamsSettings.from_env({"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": "x",
                                "MSPBOT_TEAMS_DEV_ANONYMOUS": "true"})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MICROSOFT_APP_ID": APP_ID}, "MICROSOFT_APP_PASSWORD"),
        ({"MSPBOT_TEAMS_DEV_ANONYMOUS": "maybe"}, "must be on or off"),
        ({"MSPBOT_TEAMS_STAFF_TENANT_ID": "contoso"}, "GUID"),
        ({"MSPBOT_TEAMS_REPLY_BUDGET_S": "20"}, "between 0 and 12"),
    ],
)
def test_settings_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        TeamsSettings.from_env(env)


def test_settings_off_by_default() -> None:
    settings = TeamsSettings.from_env({})
    assert not settings.enabled
    staff = TeamsSettings.from_env({"MSPBOT_TEAMS_DEV_ANONYMOUS": "1",
                                    "MSPBOT_TEAMS_STAFF_USER_IDS": "A, b ,"})
    assert staff.enabled and staff.staff_user_ids == frozenset({"a", "b"})
