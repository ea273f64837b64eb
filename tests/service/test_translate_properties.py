"""Property-based: the pure translate functions of both adapters, fed generated payloads,
never raise, and what they return follows from the payload: the text is the payload's
text cleaned, the role is the staff rule applied to the sender, bots and other event
types give nothing.

Payloads are built two ways: arbitrary JSON, and payloads shaped like the platform's
(the real keys, with values of any JSON type) so the search reaches deep branches.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from microsoft_agents.activity import Activity

from adapters.slack import translate as slack
from adapters.teams import NOT_AN_ACTIVITY
from adapters.teams import translate as teams
from bot.core.models import InboundMessage, Role

JSON_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
                | st.text(max_size=30))
JSON = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def some(*values: Any) -> st.SearchStrategy[Any]:
    """One of the realistic values, or any JSON at all."""
    return st.sampled_from(values) | JSON


SLACK_TEXT = st.sampled_from(["<@UBOT> why isn't it fixed?", "<@UBOT>", "<#C1|general> hi",
                              "<https://x.io|x> &lt;&gt;&amp;", "<!here> <@U2|dana>", "<>|<|>",
                              ""]) | st.text(max_size=60)
SLACK_EVENT = st.fixed_dictionaries({}, optional={
    "type": some("app_mention", "message"),
    "subtype": some(None, "file_share", "thread_broadcast", "message_changed", "bot_message"),
    "bot_id": some(None, "B1"),
    "user": some("U1", "UBOT", ""),
    "channel": some("C1", "D1", ""),
    "ts": some("1700000000.000100", ""),
    "thread_ts": some(None, "1700000000.000100", "1600000000.000001", ""),
    "text": SLACK_TEXT | JSON,
    "channel_type": some("im", "channel", "group"),
    "user_team": some("T1", "", None),
    "source_team": some("T2"),
    "team": some("T3"),
})
SLACK_BODY = st.fixed_dictionaries({}, optional={
    "type": some("event_callback", "url_verification"),
    "event": SLACK_EVENT | JSON,
    "team_id": some("T1"),
    "event_id": some("Ev1"),
})
BOT_USER = st.sampled_from([None, "UBOT", ""])


def staff(user: str | None, team: str | None) -> bool:
    return user == "U1" or team == "T3"


def well_formed(message: InboundMessage, platform: str) -> None:
    assert message.platform == platform
    assert isinstance(message.text, str)
    assert isinstance(message.user_id, str) and message.user_id
    assert message.role in (Role.CLIENT, Role.STAFF)


@SETTINGS
@given(body=SLACK_BODY | JSON, bot_user_id=BOT_USER)
def test_slack_translate_never_raises(body: Any, bot_user_id: str | None) -> None:
    if not isinstance(body, dict):
        body = {"event": body}
    found = slack.translate(body, bot_user_id=bot_user_id, is_staff=staff)
    event = body.get("event")
    if body.get("type") != "event_callback" or not isinstance(event, dict) \
            or event.get("bot_id") or event.get("user") == bot_user_id:
        assert found is None
    if found is None:
        return
    well_formed(found.message, "slack")
    assert found.key.startswith("slack:post:") and found.channel == event["channel"]
    assert found.message.conversation is not None
    assert found.message.user_id == event["user"]
    assert found.message.text == slack.clean_text(event["text"], bot_user_id)
    expected = Role.STAFF if staff(event["user"], slack.user_team(event, body)) else Role.CLIENT
    assert found.message.role is expected


@SETTINGS
@given(fields=st.dictionaries(st.sampled_from(["user_id", "channel_id", "text", "team_id"]),
                              JSON, max_size=4), team=st.sampled_from([None, "T1", "T3"]))
def test_slack_slash_message_never_raises(fields: dict[str, Any], team: str | None) -> None:
    message = slack.slash_message(fields, user_team=team, is_staff=staff)
    assert message.platform == "slack"
    assert message.text == slack.clean_text(str(fields.get("text", "")), None)
    user = str(fields.get("user_id", ""))
    assert message.role is (Role.STAFF if staff(user, team) else Role.CLIENT)
    assert message.thread == f"ask-{user}" and (message.org is None) == (team is None)


@SETTINGS
@given(text=SLACK_TEXT, bot_user_id=BOT_USER)
def test_slack_clean_text_never_raises(text: str, bot_user_id: str | None) -> None:
    cleaned = slack.clean_text(text, bot_user_id)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    if bot_user_id and "&" not in text:
        assert f"<@{bot_user_id}>" not in cleaned  # the bot's own mention is dropped


ACCOUNT = st.fixed_dictionaries({}, optional={
    "id": some("29:user", "28:bot", ""), "name": some("Dana", "MSP Helper", ""),
    "aadObjectId": some("3b2a1c0d-5e4f-4a6b-8c7d-9e0f1a2b3c4d"), "role": some("user", "bot"),
})
TEAMS_ACTIVITY = st.fixed_dictionaries({}, optional={
    "type": some("message", "invoke", "conversationUpdate", "typing"),
    "id": some("1772460311408"),
    "name": some("adaptiveCard/action"),
    "text": st.sampled_from(["<at>MSP Helper</at> why?", "<p>hi</p>&amp;", "", "  "])
    | st.text(max_size=60),
    "from": ACCOUNT | JSON,
    "recipient": ACCOUNT | JSON,
    "conversation": st.fixed_dictionaries({}, optional={
        "id": some("a:1Hk9", "19:x@thread.tacv2;messageid=17", ";messageid=", ""),
        "tenantId": some("6f1c2b9e-3d4a-4c55-9a0e-2b7d1e8f4c21"),
        "conversationType": some("personal", "channel", "groupChat"),
    }) | JSON,
    "channelData": st.fixed_dictionaries({}, optional={
        "tenant": st.fixed_dictionaries({}, optional={"id": some("0d9e8f7a-1b2c-4d3e")}) | JSON,
        "team": JSON,
    }) | JSON,
    "entities": st.lists(st.fixed_dictionaries({}, optional={
        "type": some("mention", "clientInfo"), "text": some("<at>MSP Helper</at>"),
        "mentioned": ACCOUNT | JSON,
    }) | JSON, max_size=3) | JSON,
    "value": st.fixed_dictionaries({}, optional={
        "action": st.fixed_dictionaries({}, optional={
            "verb": some("helpful", "not_helpful", "talk_to_person", "kb_save"),
            "data": st.dictionaries(st.sampled_from(["interaction_id", "verb", "question"]),
                                    JSON, max_size=3) | JSON,
        }) | JSON,
        "verb": some("helpful"),
        "interaction_id": some(1, "12", True, -1),
    }) | JSON,
    "serviceUrl": some("https://smba.trafficmanager.net/amer/"),
    "channelId": some("msteams"),
})
POLICY = teams.StaffPolicy("0d9e8f7a-1b2c-4d3e", frozenset({"29:user"}))


@SETTINGS
@given(payload=TEAMS_ACTIVITY | JSON)
def test_teams_translate_never_raises(payload: Any) -> None:
    try:
        activity = Activity.model_validate(payload)
    except NOT_AN_ACTIVITY:
        return  # the endpoint answers exactly these with 400 before translate runs
    found = teams.translate(activity, POLICY)
    if activity.type != "message" or teams.is_from_bot(activity):
        assert found is None
    if found is not None:
        well_formed(found, "teams")
        sender = activity.from_property
        assert sender is not None
        assert found.text == teams.clean_text(activity) and found.text
        assert found.user_id == (sender.aad_object_id or sender.id)
        assert found.role is POLICY.role(teams.tenant_id(activity),
                                         (sender.aad_object_id or "", sender.id))
        assert found.channel == teams.split_conversation(activity.conversation.id)[0]
    action = teams.card_action(activity, POLICY)
    if action is not None:
        assert action.verb and isinstance(action.data, dict)
        assert action.interaction_id is None or isinstance(action.interaction_id, int)
        if activity.type == "invoke":
            sent = activity.value["action"]
            assert action.verb == (sent.get("verb") or action.data.get("verb"))
    cleaned = teams.clean_text(activity)
    assert cleaned == cleaned.strip()
    if "&" not in (activity.text or ""):  # an escaped "&lt;" is a "<" the person typed
        assert "<" not in cleaned


@pytest.mark.parametrize("conversation_id", ["", ";messageid=", "a;messageid=1;messageid=2"])
def test_split_conversation_edges(conversation_id: str) -> None:
    base, thread = teams.split_conversation(conversation_id)
    assert isinstance(base, str) and (thread is None or isinstance(thread, str))
