"""translate(): captured-shape payloads in, InboundMessage (or nothing) out. Pure."""

from __future__ import annotations

import pytest

from adapters.slack.config import SlackConfig
from adapters.slack.translate import clean_text, translate
from bot.core.models import Role
from tests.slack.conftest import payload
from tests.slack.fake_slack import BOT_USER, MSP_TEAM

CONFIG = SlackConfig(bot_token="xoxb-x", signing_secret="s", staff_team_ids=frozenset({MSP_TEAM}),
                     staff_user_ids=frozenset({"U0LISTED01"}))


def run(name: str, **event_changes: object):  # type: ignore[no-untyped-def]
    body = payload(name)
    body["event"].update(event_changes)
    return translate(body, bot_user_id=BOT_USER, is_staff=CONFIG.is_staff)


def test_app_mention_in_a_client_channel() -> None:
    inbound = run("app_mention")
    assert inbound is not None
    msg = inbound.message
    assert msg.text == "Why isn't my ticket fixed in 4 hours?"
    assert (msg.platform, msg.user_id, msg.role) == ("slack", "U0CLIENT01", Role.CLIENT)
    assert (msg.channel, msg.thread, msg.org) == ("C0ACMESUPP", "1700000100.000100",
                                                   "slack:T0ACMEDENT")
    assert msg.key == inbound.key == "slack:post:C0ACMESUPP:1700000100.000100"
    assert inbound.reply_thread == "1700000100.000100"  # answers go in the thread
    assert not inbound.follow_up and not inbound.dm
    assert inbound.event_id == "Ev0MENTION01"


def test_mention_and_message_twin_share_one_key() -> None:
    mention, twin = run("app_mention"), run("message_channel_twin")
    assert mention is not None and twin is not None
    assert mention.key == twin.key
    assert mention.event_id != twin.event_id


def test_direct_message_answers_at_top_level() -> None:
    inbound = run("message_im")
    assert inbound is not None and inbound.dm
    assert inbound.reply_thread is None
    assert inbound.message.conversation == "slack:D0CLIENT01:D0CLIENT01"


def test_thread_follow_up_needs_a_check() -> None:
    inbound = run("thread_followup")
    assert inbound is not None and inbound.follow_up
    assert inbound.message.thread == "1700000100.000100"
    assert inbound.message.conversation == "slack:C0ACMESUPP:1700000100.000100"


def test_slack_connect_external_user_carries_their_team() -> None:
    inbound = run("connect_external_mention")
    assert inbound is not None
    assert inbound.message.org == "slack:T0ACMEDENT"
    assert inbound.message.role is Role.CLIENT


@pytest.mark.parametrize("name", ["message_changed", "channel_join", "bot_own_message",
                                  "other_bot_message", "url_verification"])
def test_ignored(name: str) -> None:
    body = payload(name)
    assert translate(body, bot_user_id=BOT_USER, is_staff=CONFIG.is_staff) is None


def test_plain_channel_chatter_is_not_for_the_bot() -> None:
    assert run("message_channel_twin", text="lunch anyone?") is None


def test_staff_by_team_or_by_list() -> None:
    staff = run("app_mention", user="U0STAFF001", user_team=MSP_TEAM, team=MSP_TEAM,
                source_team=MSP_TEAM)
    listed = run("app_mention", user="U0LISTED01")
    assert staff is not None and staff.message.role is Role.STAFF
    assert listed is not None and listed.message.role is Role.STAFF


def test_nobody_is_staff_by_default() -> None:
    body = payload("app_mention")
    body["event"].update(user_team=MSP_TEAM)
    bare = SlackConfig(bot_token="xoxb-x", signing_secret="s")
    inbound = translate(body, bot_user_id=BOT_USER, is_staff=bare.is_staff)
    assert inbound is not None and inbound.message.role is Role.CLIENT


def test_clean_text() -> None:
    raw = ("<@UBOT0001> see <https://status.office.com|the status page> &amp; "
           "<#C0ACMESUPP|acme-support>, ask <@U0STAFF001|sam>  &lt;now&gt;")
    assert clean_text(raw, "UBOT0001") == (
        "see the status page (https://status.office.com) & #acme-support, ask @sam <now>"
    )
