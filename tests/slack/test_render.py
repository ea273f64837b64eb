"""render(): Reply -> Block Kit, Markdown -> mrkdwn by a parser, split within limits."""

from __future__ import annotations

import json

import pytest

from adapters.slack import mrkdwn
from adapters.slack.render import (
    SECTION_LIMIT,
    VALUE_LIMIT,
    parse_value,
    render_reply,
    render_staff_alert,
)
from bot.core.models import Action, Button, Citation, InboundMessage, Reason, Reply, TicketInfo
from bot.core.ports import StaffAlert


@pytest.mark.parametrize(("markdown", "expected"), [
    ("**Response** is not *resolution*.", "*Response* is not _resolution_."),
    ("# Coverage\nWeekdays only", "*Coverage*\n\nWeekdays only"),
    ("See [the agreement](https://example.com/a?b=1&c=2).",
     "See <https://example.com/a?b=1&amp;c=2|the agreement>."),
    ("- one\n- two\n  - nested", "• one\n• two\n    ◦ nested"),
    ("1. first\n2. second", "1. first\n2. second"),
    ("Use `ipconfig /all` & <b>tags</b>", "Use `ipconfig /all` &amp; &lt;b&gt;tags&lt;/b&gt;"),
    ("```\nif a < b:\n    pass\n```", "```\nif a &lt; b:\n    pass\n```"),
    ("> quoted\n> text", "> quoted text"),
    ("~~old~~ new", "~old~ new"),
    ("**bold with *em* inside**", "*bold with _em_ inside*"),
    ("line one  \nline two", "line one\nline two"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "*a | b*\n1 | 2"),
    ("<https://auto.example.com>", "<https://auto.example.com>"),
])
def test_markdown_to_mrkdwn(markdown: str, expected: str) -> None:
    assert mrkdwn.to_mrkdwn(markdown) == expected


def reply(text: str, **changes: object) -> Reply:
    values: dict[str, object] = {
        "text": text, "action": Action.ANSWER, "confidence": 0.8,
        "citations": (Citation("fix-times", "Fix times & response", ("x",)),),
        "buttons": (Button.HELPFUL, Button.NOT_HELPFUL, Button.TALK_TO_PERSON),
        "tenant": "acme-dental", "interaction_id": 42,
    }
    values.update(changes)
    return Reply(**values)  # type: ignore[arg-type]


def test_reply_blocks_answer_sources_buttons() -> None:
    [message] = render_reply(reply("**Short** answer."), "why?")
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["section", "context", "actions"]
    assert message.blocks[0]["text"] == {"type": "mrkdwn", "text": "*Short* answer."}
    assert "Fix times &amp; response" in message.blocks[1]["elements"][0]["text"]
    buttons = message.blocks[2]["elements"]
    assert [b["action_id"] for b in buttons] == ["mspbot_helpful", "mspbot_not_helpful",
                                                 "mspbot_talk_to_person"]
    assert parse_value(buttons[0]["value"]) == {"i": 42, "t": "acme-dental", "q": "why?"}
    assert message.text == "*Short* answer."


def test_long_answers_split_within_limits() -> None:
    paragraph = "word " * 400  # 2000 characters
    text = "\n\n".join(f"Part {i}: {paragraph}" for i in range(60))  # ~120k characters
    messages = render_reply(reply(text), "q" * 5000)
    assert len(messages) > 1
    for message in messages:
        assert len(message.blocks) <= 50
        assert len(message.text) <= 3000
        for block in message.blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= SECTION_LIMIT
            for element in block.get("elements", []):
                assert len(element.get("value", "")) <= VALUE_LIMIT
    assert all(b["type"] == "section" for b in messages[0].blocks)  # buttons only at the end
    assert messages[-1].blocks[-1]["type"] == "actions"
    words = " ".join(b["text"]["text"] for m in messages for b in m.blocks
                     if b["type"] == "section")
    assert words.count("Part ") == 60


def test_oversize_code_block_is_refenced_on_both_sides() -> None:
    code = "\n".join(f"line {i} " + "x" * 60 for i in range(200))
    chunks = mrkdwn.split_blocks(mrkdwn.to_blocks(f"```\n{code}\n```"), SECTION_LIMIT)
    assert len(chunks) > 1
    assert all(c.startswith("```\n") and c.endswith("\n```") for c in chunks)
    assert all(len(c) <= SECTION_LIMIT for c in chunks)


def test_escalation_has_no_feedback_buttons_without_an_interaction() -> None:
    [message] = render_reply(reply("A person is coming.", action=Action.ESCALATE, buttons=(),
                                   citations=(), interaction_id=None))
    assert [b["type"] for b in message.blocks] == ["section"]


def test_button_value_stays_valid_json_with_a_huge_question() -> None:
    [message] = render_reply(reply("ok"), '"quoted" ' * 1000)
    value = message.blocks[-1]["elements"][0]["value"]
    assert len(value) <= VALUE_LIMIT
    assert json.loads(value)["i"] == 42


def test_staff_alert() -> None:
    message = InboundMessage(text="Ransomware <everywhere>", platform="slack", user_id="U1",
                             channel="C1", thread="1.1")
    alert = render_staff_alert(
        StaffAlert(Reason.EMERGENCY, message, "Acme Dental Group (acme-dental)", "acme-dental",
                   ticket=TicketInfo(17, "P1", "2026-12-01T10:30:00-06:00", "new"),
                   due_text="by 10:30 today"),
        permalink="https://x.slack.com/archives/C1/p11")
    flat = json.dumps(alert.blocks)
    assert "EMERGENCY" in alert.text and "Acme Dental Group" in flat
    assert "Ransomware &lt;everywhere&gt;" in flat and "<@U1>" in flat
    assert "https://x.slack.com/archives/C1/p11" in flat
    assert "#17, provisional P1, reply due by 10:30 today" in flat
