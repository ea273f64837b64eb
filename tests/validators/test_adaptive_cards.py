"""Adaptive Cards: every card the Teams adapter renders, parsed by Microsoft's own
`adaptivecards` library (tools/validate/adaptive-cards.js) against the version the card
declares. Any event the library reports fails the card: an unknown element or action, an
invalid property value, a property newer than the declared version, a duplicate id, a
required input without a label or an error message."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.teams.render import card, text_block
from tests.validators import corpus
from tests.validators.conftest import Node

CARDS = corpus.teams_cards()
Events = dict[str, list[dict[str, Any]]]


def described(events: list[dict[str, Any]]) -> str:
    return "\n  ".join(
        f"{e.get('phase')} {e.get('event')}"
        + (f" on {e['source']}" if e.get("source") else "")
        + (f" id={e['id']!r}" if e.get("id") else "") + f": {e.get('message')}"
        for e in events
    )


@pytest.fixture(scope="module")
def reported(node: Node) -> Events:
    result: Events = node.report("adaptive-cards.js", CARDS)
    return result


def test_every_card_was_checked(reported: Events) -> None:
    assert set(reported) == set(CARDS)


@pytest.mark.parametrize("name", list(CARDS))
def test_card_parses_cleanly_in_the_adaptivecards_library(reported: Events, name: str) -> None:
    events = reported[name]
    assert not events, f"{name}:\n  {described(events)}"


def test_the_library_reports_broken_cards(node: Node) -> None:
    """The check can fail: each card here is wrong in a way the library reports."""
    good = text_block("fine")
    broken = {
        "bad value": card([text_block("x", weight="Heaviest")]),
        "unknown element": card([good, {"type": "TextBlok", "text": "typo"}]),
        "too new for its version": {**card([{"type": "Input.Text", "id": "a",
                                             "label": "A", "isRequired": True,
                                             "errorMessage": "Needed"}]), "version": "1.2"},
        "duplicate ids": card([{"type": "Input.Text", "id": "a", "label": "A"},
                               {"type": "Input.Text", "id": "a", "label": "B"}]),
        "required input without error message": card([
            {"type": "Input.Text", "id": "a", "label": "A", "isRequired": True}]),
    }
    reported: Events = node.report("adaptive-cards.js", broken)
    for name, events in reported.items():
        assert events, f"the library accepted the card with {name}"
    assert reported["bad value"][0]["event"] == "InvalidPropertyValue"
    assert reported["unknown element"][0]["event"] == "UnknownElementType"
    assert reported["duplicate ids"][0]["event"] == "DuplicateId"
