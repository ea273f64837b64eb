"""The provisional priority and the details worth asking for, from the report's words."""

from __future__ import annotations

import pytest

from bot.core.models import Reason
from bot.tickets.details import missing
from bot.tickets.priority import Impact, Urgency, assess, higher, raised


@pytest.mark.parametrize(("text", "priority", "impact", "urgency"), [
    ("nobody in the office can print", "P1", Impact.BUSINESS, Urgency.BLOCKED),
    ("the whole office has slow internet today", "P2", Impact.BUSINESS, Urgency.DEGRADED),
    ("the office printer is down", "P3", Impact.ONE, Urgency.BLOCKED),  # one machine
    ("the office is down", "P1", Impact.BUSINESS, Urgency.BLOCKED),
    ("three of us can't get into the shared drive", "P2", Impact.SEVERAL, Urgency.BLOCKED),
    ("the front desk printer keeps jamming", "P3", Impact.SEVERAL, Urgency.DEGRADED),
    ("my laptop won't turn on", "P3", Impact.ONE, Urgency.BLOCKED),
    ("my second monitor flickers now and then", "P3", Impact.ONE, Urgency.DEGRADED),
    ("can you install adobe reader on my pc please", "P4", Impact.ONE, Urgency.REQUEST),
    ("we have a new starter on monday, could you set up her account", "P4", Impact.ONE,
     Urgency.REQUEST),
])
def test_impact_and_urgency_give_the_priority(text: str, priority: str, impact: Impact,
                                              urgency: Urgency) -> None:
    assessed = assess(text, Reason.REQUEST)
    assert (assessed.priority, assessed.impact, assessed.urgency) == (priority, impact, urgency)


def test_a_deadline_today_raises_one_blocked_person() -> None:
    plain = assess("outlook won't open", Reason.REQUEST)
    pressing = assess("outlook won't open and I have a client presentation at 2", Reason.REQUEST)
    assert (plain.priority, pressing.priority) == ("P3", "P2") and pressing.pressing
    assert "with a deadline" in pressing.why()


def test_it_is_only_me_wins_over_team_words() -> None:
    assert assess("the team printer works for others, it's just me who can't print",
                   Reason.REQUEST).impact is Impact.ONE


def test_an_emergency_is_p1_whatever_its_words() -> None:
    assert assess("hmm, a weird note on my screen", Reason.EMERGENCY).priority == "P1"


def test_raising_and_comparing() -> None:
    assert [raised(p) for p in ("P4", "P3", "P2", "P1")] == ["P3", "P2", "P1", "P1"]
    assert higher("P3", "P2") == "P2" and higher("P1", "P4") == "P1"


def test_details_already_given_are_not_asked_again() -> None:
    bare = missing("the printer is broken", assess("the printer is broken", Reason.REQUEST))
    assert bare == ["a screenshot of the error (or its exact words)", "when it started",
                    "whether anyone else is affected"]
    full = "since this morning the reception printer says 'offline', only for me"
    assert missing(full, assess(full, Reason.REQUEST)) == []
    work = "please install Visio for Sam"
    assert missing(work, assess(work, Reason.REQUEST)) == ["when you need it done by"]
