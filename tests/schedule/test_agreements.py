"""due_for and service_terms on the example agreement files and on structured fields."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.schedule import ScheduleError, Target, due_for, service_terms
from tests.schedule.helpers import CHICAGO, LONDON, assert_instant, at

TENANTS = Path(__file__).resolve().parents[2] / "examples" / "tenants"


def fields(slug: str) -> dict[str, Any]:
    """The schedule fields of an example agreement, as the Tenant model holds them."""
    data = yaml.safe_load((TENANTS / f"{slug}.yaml").read_text(encoding="utf-8"))
    return {
        "timezone": data["timezone"],
        "business_hours": data["coverage"]["business_hours"],
        "after_hours": data["coverage"]["after_hours"],
        "response_targets": data["response_targets"],
        "holidays": data.get("holidays"),
    }


@pytest.mark.parametrize(
    ("slug", "priority", "received", "due"),
    [
        ("acme-dental", "P1", at(CHICAGO, 2026, 2, 15, 2), at(CHICAGO, 2026, 2, 15, 3)),
        ("acme-dental", "P2", at(CHICAGO, 2026, 2, 15, 2), at(CHICAGO, 2026, 2, 17, 11, 30)),
        ("acme-dental", "P2", at(CHICAGO, 2026, 2, 10, 16), at(CHICAGO, 2026, 2, 11, 9, 30)),
        ("acme-dental", "P3", at(CHICAGO, 2026, 3, 13, 15), at(CHICAGO, 2026, 3, 16, 15)),
        ("acme-dental", "P4", at(CHICAGO, 2026, 11, 24, 11), at(CHICAGO, 2026, 11, 30, 11)),
        ("acme-dental", "p2", at(CHICAGO, 2026, 11, 25, 16), at(CHICAGO, 2026, 11, 27, 9, 30)),
        ("brightpath-legal", "P1", at(LONDON, 2026, 3, 29, 0, 45),
         at(LONDON, 2026, 3, 29, 2, 15)),
        ("brightpath-legal", "P2", at(LONDON, 2026, 3, 14, 10), at(LONDON, 2026, 3, 14, 12)),
        ("brightpath-legal", "P2", at(LONDON, 2026, 2, 10, 18), at(LONDON, 2026, 2, 10, 20)),
        ("brightpath-legal", "P3", at(LONDON, 2026, 3, 14, 10), at(LONDON, 2026, 3, 16, 16)),
        ("brightpath-legal", "P3", at(LONDON, 2026, 12, 24, 15), at(LONDON, 2026, 12, 29, 12)),
    ],
)
def test_example_agreements(slug: str, priority: str, received: datetime, due: datetime) -> None:
    result = due_for(**fields(slug), priority=priority, received=received)
    assert_instant(result, due, CHICAGO if slug == "acme-dental" else LONDON)


def test_a_priority_without_a_target_has_no_due_time() -> None:
    assert due_for(**fields("brightpath-legal"), priority="P4",
                   received=at(LONDON, 2026, 2, 10, 10)) is None


def test_terms_read_once() -> None:
    terms = service_terms(**fields("acme-dental"))
    assert terms.after_hours == frozenset({"P1"})
    assert terms.target("P3") == Target(1, "days", "business")
    assert terms.calendar.tz is CHICAGO


def test_structured_fields() -> None:
    due = due_for(
        timezone="America/Chicago",
        business_hours={"mon-thu": "08:00-17:00", "fri": "08:00-16:00"},
        after_hours="none",
        response_targets={"P2": {"amount": 4, "unit": "hours", "basis": "business"}},
        holidays={"country": "US", "subdivision": "IL"},
        priority="P2",
        # Casimir Pulaski Day (Illinois), Monday 2 March 2026, is closed: Friday 27 February
        # 14:00 gives 2h on Friday and 2h from Tuesday 08:00
        received=at(CHICAGO, 2026, 2, 27, 14),
    )
    assert_instant(due, at(CHICAGO, 2026, 3, 3, 10), CHICAGO)


def test_listed_holidays_and_a_zone_taken_from_the_hours() -> None:
    due = due_for(
        timezone=None,
        business_hours="Mon-Fri 08:00-19:00 UK time",
        after_hours="no after-hours cover",
        response_targets={"P2": "2 hours"},
        holidays=["2026-02-11"],
        priority="P2",
        received=at(LONDON, 2026, 2, 10, 18),
    )
    # 1h on Tuesday; Wednesday 11th closed; Thursday 08:00 + 1h
    assert_instant(due, at(LONDON, 2026, 2, 12, 9), LONDON)


def test_holidays_none_keeps_public_holidays_open() -> None:
    due = due_for(**{**fields("acme-dental"), "holidays": "none"}, priority="P2",
                  received=at(CHICAGO, 2026, 11, 25, 16))
    assert_instant(due, at(CHICAGO, 2026, 11, 26, 9, 30), CHICAGO)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"business_hours": "whenever"}, 'business hours "whenever"'),
        ({"timezone": "Europe/London"}, "name the zone America/Chicago"),
        ({"timezone": "UTC"}, "name the zone America/Chicago"),
        ({"response_targets": {"P1": "soon"}}, 'P1: response target "soon"'),
        ({"after_hours": "by phone"}, 'after-hours cover "by phone"'),
        ({"holidays": "XX"}, 'country "XX"'),
        ({"response_targets": ["P1"]}, "must map priorities"),
    ],
)
def test_unreadable_agreement_is_refused(change: dict[str, Any], problem: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        service_terms(**{**fields("acme-dental"), **change})
    assert problem in str(caught.value)


def test_unknown_priority_and_naive_time_are_refused() -> None:
    terms = service_terms(**fields("acme-dental"))
    with pytest.raises(ScheduleError, match="not a priority"):
        terms.due("urgent", at(CHICAGO, 2026, 2, 10, 10))
    with pytest.raises(ScheduleError, match="no time zone"):
        due_for(**fields("acme-dental"), priority="P1", received=datetime(2026, 2, 10, 10))
