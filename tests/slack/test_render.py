"""render(): Reply -> Block Kit, Markdown -> mrkdwn by a parser, split within limits."""

from __future__ import annotations

import json
import re

import pytest

from adapters.slack import mrkdwn
from adapters.slack.render import (
    SECTION_LIMIT,
    VALUE_LIMIT,
    SlackMessage,
    parse_value,
    person_note,
    render_reply,
    render_staff_alert,
    settled,
    vote_note,
)
from adapters.slack.stream import cut_exact
from bot.core.models import (
    Action,
    Button,
    Citation,
    ComposerKind,
    InboundMessage,
    Reason,
    Reply,
    TicketInfo,
)
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


def test_reply_blocks_answer_sources_native_feedback_and_a_person_button() -> None:
    [message] = render_reply(reply("**Short** answer."))
    kinds = [b["type"] for b in message.blocks]
    assert kinds == ["section", "context", "context_actions", "actions"]
    assert message.blocks[0]["text"] == {"type": "mrkdwn", "text": "*Short* answer."}
    [sources] = message.blocks[1]["elements"]  # a curated answer: no AI disclosure
    assert sources["text"] == "Sources: Fix times &amp; response"
    [feedback] = message.blocks[2]["elements"]
    assert feedback["type"] == "feedback_buttons"
    assert parse_value(feedback["positive_button"]["value"]) == {"i": 42, "v": "helpful"}
    assert parse_value(feedback["negative_button"]["value"]) == {"i": 42, "v": "not_helpful"}
    [person] = message.blocks[3]["elements"]
    assert person["action_id"] == "mspbot_talk_to_person" and person["type"] == "button"
    assert parse_value(person["value"]) == {"i": 42, "t": "acme-dental"}
    assert message.text == "*Short* answer."


def test_an_llm_answer_says_it_is_ai_generated_beside_its_sources() -> None:
    [message] = render_reply(reply("An answer.", composer=ComposerKind.LLM))
    notes = [e["text"] for e in message.blocks[1]["elements"]]
    assert message.blocks[1]["type"] == "context"
    assert "AI-generated" in notes[0] and notes[1].startswith("Sources: ")
    [fallback] = render_reply(reply("An answer.", composer=ComposerKind.CURATED_FALLBACK))
    assert "AI-generated" not in json.dumps(fallback.blocks)


def visible_chars(message: SlackMessage) -> int:
    """The message's notification text plus every text object in its blocks."""
    total = len(message.text)
    for block in message.blocks:
        total += len((block.get("text") or {}).get("text", ""))
        total += sum(len(e.get("text", "")) for e in block.get("elements", [])
                     if isinstance(e.get("text"), str))
    return total


def test_a_30000_character_answer_is_several_messages_of_at_most_12000() -> None:
    paragraph = "word " * 200  # 1000 characters
    text = "\n\n".join(f"Part {i}: {paragraph}" for i in range(30))  # ~30,000 characters
    assert len(text) >= 30_000
    messages = render_reply(reply(text))
    assert len(messages) >= 3
    for message in messages:
        assert visible_chars(message) <= 12_000
        assert len(message.blocks) <= 50
    words = " ".join(b["text"]["text"] for m in messages for b in m.blocks
                     if b["type"] == "section")
    assert [int(w) for w in re.findall(r"Part (\d+):", words)] == list(range(30))
    assert all(b["type"] == "section" for m in messages[:-1] for b in m.blocks)
    assert messages[-1].blocks[-1]["type"] == "actions"


def test_long_answers_split_within_limits() -> None:
    paragraph = "word " * 400  # 2000 characters
    text = "\n\n".join(f"Part {i}: {paragraph}" for i in range(60))  # ~120k characters
    messages = render_reply(reply(text), preface="_" + "q" * 2900 + "_")
    assert len(messages) > 1
    for message in messages:
        assert len(message.blocks) <= 50
        assert visible_chars(message) <= 12_000
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


def test_many_short_paragraphs_stay_within_50_blocks() -> None:
    text = "\n\n".join("x" * 2990 + f" {i}" for i in range(5)) + "\n\n" + \
        "\n\n".join(f"- item {i}\n\n  para" for i in range(10))
    for message in render_reply(reply(text)):
        assert len(message.blocks) <= 50 and visible_chars(message) <= 12_000


def test_a_vote_takes_both_feedback_buttons_away_and_says_who_voted() -> None:
    [message] = render_reply(reply("ok"))
    after = settled(message.blocks, Button.HELPFUL, vote_note(Button.HELPFUL, "U1"))
    kinds = [b["type"] for b in after]
    assert kinds == ["section", "context", "actions", "context"]
    assert after[-1]["elements"][0]["text"] == "👍 <@U1> found this helpful."
    assert [e["action_id"] for e in after[2]["elements"]] == ["mspbot_talk_to_person"]


def test_asking_for_a_person_takes_that_button_away_and_keeps_the_votes() -> None:
    [message] = render_reply(reply("ok"))
    after = settled(message.blocks, Button.TALK_TO_PERSON, person_note("U1", "Northwind & Co"))
    assert [b["type"] for b in after] == ["section", "context", "context_actions", "context"]
    assert "Northwind &amp; Co has been alerted" in after[-1]["elements"][0]["text"]


def test_old_style_vote_buttons_are_taken_away_too() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "ok"}},
              {"type": "actions", "elements": [
                  {"type": "button", "action_id": "mspbot_helpful", "value": "{}"},
                  {"type": "button", "action_id": "mspbot_not_helpful", "value": "{}"}]}]
    after = settled(blocks, Button.NOT_HELPFUL, vote_note(Button.NOT_HELPFUL, "U2"))
    assert [b["type"] for b in after] == ["section", "context"]


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


def test_a_resolved_alert_says_so_and_is_not_red() -> None:
    message = InboundMessage(text="all sorted, the server's back", platform="slack",
                             user_id="U1", channel="C1", thread="1.1")
    alert = render_staff_alert(
        StaffAlert(Reason.EMERGENCY, message, "Acme Dental Group (acme-dental)", "acme-dental",
                   ticket=TicketInfo(17, "P1", None, "open"), resolved=True),
        permalink="https://x.slack.com/archives/C1/p11")
    flat = json.dumps(alert.blocks)
    assert "says their urgent ticket is sorted" in alert.text and "EMERGENCY" not in alert.text
    assert "They said" in flat and '"danger"' not in flat


@pytest.mark.parametrize("text", [
    "short",
    "para one.\n\npara two " * 800,
    "no breaks at all " * 900,
    "x" * 25_000,
    ("line\n" * 3000) + "tail",
])
def test_stream_pieces_join_to_the_text_and_fit(text: str) -> None:
    pieces = cut_exact(text, 9000)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= 9000 for p in pieces)
    if len(text) <= 9000:
        assert pieces == [text]
