"""Response targets and after-hours cover, in free text and the structured form."""

from __future__ import annotations

import pytest

from bot.schedule import ScheduleError, Target, after_hours_priorities, parse_target
from bot.schedule.targets import parse_response_targets, priority_key


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # the example agreements
        ("1 hour, around the clock", Target(1, "hours", "clock")),
        ("4 business hours", Target(4, "hours", "business")),
        ("1 business day", Target(1, "days", "business")),
        ("3 business days", Target(3, "days", "business")),
        ("30 minutes, 24/7", Target(30, "minutes", "clock")),
        ("2 business hours", Target(2, "hours", "business")),
        ("8 business hours", Target(8, "hours", "business")),
        # unqualified amounts are business time: never a promise earlier than meant
        ("2 hours", Target(2, "hours", "business")),
        ("15 min", Target(15, "minutes", "business")),
        ("1 day", Target(1, "days", "business")),
        ("24 hours", Target(24, "hours", "business")),
        ("next business day", Target(1, "end_of_day", "business")),
        ("same business day", Target(0, "end_of_day", "business")),
        ("Next working day", Target(1, "end_of_day", "business")),
        ("end of next business day", Target(1, "end_of_day", "business")),
        ("4 hrs (business hours)", Target(4, "hours", "business")),
        ("1 hour 24x7", Target(1, "hours", "clock")),
        ("within 2 hours", Target(2, "hours", "business")),
        ("4 working hours", Target(4, "hours", "business")),
        ("1.5 hours", Target(90, "minutes", "business")),
        ("half an hour, 24/7", Target(30, "minutes", "clock")),
        ("an hour, round the clock", Target(1, "hours", "clock")),
        ("1 hour 30 minutes", Target(90, "minutes", "business")),
        ("2 calendar days", Target(2, "days", "clock")),
        ("15 mins response, 24 x 7", Target(15, "minutes", "clock")),
        ("two business days", Target(2, "days", "business")),
        ("1 hour, 24/7/365", Target(1, "hours", "clock")),
    ],
)
def test_free_text(text: str, target: Target) -> None:
    assert parse_target(text) == target


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ({"amount": 4, "unit": "hours", "basis": "business"}, Target(4, "hours", "business")),
        ({"amount": 30, "unit": "minutes", "basis": "clock"}, Target(30, "minutes", "clock")),
        ({"amount": 1, "unit": "day"}, Target(1, "days", "business")),
        ({"amount": 1.5, "unit": "hours", "basis": "clock"}, Target(90, "minutes", "clock")),
        ({"amount": 0, "unit": "end_of_day"}, Target(0, "end_of_day", "business")),
    ],
)
def test_structured(value: dict[str, object], target: Target) -> None:
    assert parse_target(value) == target


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("soon", "cannot read"),
        ("asap", "cannot read"),
        ("n/a", "sets no time"),
        ("", "names no time"),
        ("2 business hours, 24/7", "both around the clock and business"),
        ("next business day, 24/7", "both around the clock and business"),
        ("0 hours", "cannot set a due time"),
        ("0.3 days", "not a whole number"),
        ("4 hours or 2 hours", "cannot read"),
        ("1 day 4 hours", "mixes days with hours"),
        ("next business day, 4 hours", "both a time and an end of day"),
        ("4 fortnights", "cannot read"),
    ],
)
def test_unreadable_text_is_refused_naming_it(text: str, problem: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_target(text)
    message = str(caught.value)
    assert problem in message
    assert f'"{text}"' in message
    assert "expected a target such as" in message


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"amount": 4, "unit": "weeks"}, "unit must be"),
        ({"amount": 4, "unit": "hours", "basis": "sometimes"}, "basis must be clock or business"),
        ({"amount": True, "unit": "hours"}, "amount must be a number"),
        ({"amount": "four", "unit": "hours"}, "amount must be a number"),
        ({"unit": "hours"}, "expected the keys amount, unit and basis"),
        ({"amount": 1, "unit": "end_of_day", "basis": "clock"}, "business basis"),
    ],
)
def test_unreadable_mapping_is_refused(value: dict[str, object], problem: str) -> None:
    with pytest.raises(ScheduleError, match=problem):
        parse_target(value)


def test_response_targets_leave_out_priorities_without_a_time() -> None:
    read = parse_response_targets({"p1": "1 hour, 24/7", "P2": "4 business hours", "P4": "n/a"})
    assert read == {"P1": Target(1, "hours", "clock"), "P2": Target(4, "hours", "business")}


def test_response_targets_name_the_priority_that_failed() -> None:
    with pytest.raises(ScheduleError, match=r'^P3: response target "whenever"'):
        parse_response_targets({"P1": "1 hour", "P3": "whenever"})


@pytest.mark.parametrize(("key", "priority"), [("P1", "P1"), ("p2", "P2"), ("Priority 3", "P3")])
def test_priority_keys(key: str, priority: str) -> None:
    assert priority_key(key) == priority


@pytest.mark.parametrize("key", ["urgent", "P", "P10", ""])
def test_bad_priority_key(key: str) -> None:
    with pytest.raises(ScheduleError, match="not a priority"):
        priority_key(key)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("P1 emergencies only, through the emergency phone line", {"P1"}),
        ("P1 and P2, by phone, including weekends", {"P1", "P2"}),
        ("none", set()),
        ("None.", set()),
        ("no after-hours cover", set()),
        ("No after-hours support", set()),
        ("P1-P3 by phone", {"P1", "P2", "P3"}),
        ("P1/P2", {"P1", "P2"}),
        ("priorities 1 and 2", {"P1", "P2"}),
        ("Emergencies only, via the on-call line", {"P1"}),
        ("all priorities, 24/7", {"P1", "P2", "P3", "P4"}),
    ],
)
def test_after_hours_cover(text: str, covered: set[str]) -> None:
    assert after_hours_priorities(text) == frozenset(covered)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("by phone", "names no priorities"),
        ("whenever we can", "names no priorities"),
        ("P1 only; P2-P4 wait for the next business day", "cannot tell which"),
        ("everything except P4", "cannot tell which"),
    ],
)
def test_unclear_after_hours_cover_is_refused(text: str, problem: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        after_hours_priorities(text)
    assert f'"{text}"' in str(caught.value)
    assert problem in str(caught.value)
    assert "expected the priorities covered" in str(caught.value)
