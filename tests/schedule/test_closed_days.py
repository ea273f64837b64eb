"""Holiday specs: defaults from the time zone, explicit countries and dates, and none."""

from __future__ import annotations

from datetime import date

import pytest

from bot.schedule import Holidays, ScheduleError, holiday_calendar

THANKSGIVING_2026 = date(2026, 11, 26)
CHRISTMAS_OBSERVED_2027 = date(2027, 12, 24)  # 25 December 2027 is a Saturday
CASIMIR_PULASKI_2026 = date(2026, 3, 2)  # an Illinois state holiday, first Monday of March
BOXING_DAY_SUBSTITUTE_2026 = date(2026, 12, 28)  # 26 December 2026 is a Saturday
EASTER_MONDAY_2026 = date(2026, 4, 6)
ST_ANDREWS_DAY_2026 = date(2026, 11, 30)  # a Monday; Scotland only
ORDINARY_DAY = date(2026, 2, 10)


@pytest.mark.parametrize(
    ("spec", "zone", "closed", "open_"),
    [
        (None, "America/Chicago", [THANKSGIVING_2026, CHRISTMAS_OBSERVED_2027],
         [CASIMIR_PULASKI_2026, ORDINARY_DAY]),
        (None, "Europe/London", [BOXING_DAY_SUBSTITUTE_2026, EASTER_MONDAY_2026],
         [THANKSGIVING_2026, ST_ANDREWS_DAY_2026]),
        ({"country": "US", "subdivision": "IL"}, "America/Chicago",
         [THANKSGIVING_2026, CASIMIR_PULASKI_2026], [ORDINARY_DAY]),
        ({"country": "us", "state": "il"}, "UTC", [CASIMIR_PULASKI_2026], [ORDINARY_DAY]),
        ("US-IL", "Europe/London", [CASIMIR_PULASKI_2026], [BOXING_DAY_SUBSTITUTE_2026]),
        ("GB/SCT", "Europe/London", [ST_ANDREWS_DAY_2026], [EASTER_MONDAY_2026]),
        ({"country": "UK", "subdivision": "England"}, "UTC", [EASTER_MONDAY_2026], []),
        (["2026-12-24", "2026-12-31"], "America/Chicago", [date(2026, 12, 24)],
         [THANKSGIVING_2026]),
        ([date(2026, 12, 24)], "America/Chicago", [date(2026, 12, 24)], [THANKSGIVING_2026]),
        ({"country": "US", "dates": ["2026-11-27"]}, "UTC",
         [THANKSGIVING_2026, date(2026, 11, 27)], [ORDINARY_DAY]),
        ("none", "America/Chicago", [], [THANKSGIVING_2026]),
        (False, "America/Chicago", [], [THANKSGIVING_2026]),  # YAML reads `holidays: no`
        ([], "Europe/London", [], [BOXING_DAY_SUBSTITUTE_2026]),
        (None, "Australia/Sydney", [date(2026, 1, 26)], [THANKSGIVING_2026]),  # Australia Day
        (None, "America/Toronto", [date(2026, 7, 1)], [THANKSGIVING_2026]),  # Canada Day
        (None, "America/Indiana/Indianapolis", [THANKSGIVING_2026], [ORDINARY_DAY]),
    ],
)
def test_closed_days(spec: object, zone: str, closed: list[date], open_: list[date]) -> None:
    calendar = holiday_calendar(spec, zone)
    for day in closed:
        assert day in calendar, day
    for day in open_:
        assert day not in calendar, day


def test_names_of_closed_days() -> None:
    england = holiday_calendar(None, "Europe/London")
    assert england.name(BOXING_DAY_SUBSTITUTE_2026) == "Boxing Day (observed)"
    assert england.name(ORDINARY_DAY) is None
    assert holiday_calendar(["2026-12-24"], "UTC").name(date(2026, 12, 24)) == "closed"


def test_default_follows_the_zone_explicit_spec_wins() -> None:
    assert holiday_calendar(None, "Europe/London") == Holidays("GB", "ENG")
    assert holiday_calendar(None, "America/Chicago") == Holidays("US", None)
    assert holiday_calendar("US", "Europe/London") == Holidays("US", None)


@pytest.mark.parametrize(
    ("spec", "zone", "problem"),
    [
        (None, "Asia/Kathmandu", "no default public holidays for time zone Asia/Kathmandu"),
        (None, "UTC", "no default public holidays for time zone UTC"),
        ("XX", "UTC", 'no public holidays are known for country "XX"'),
        ({"country": "US", "subdivision": "ZZ"}, "UTC", 'US has no subdivision "ZZ"'),
        (["2026-13-01"], "UTC", '"2026-13-01" is not a date'),
        ({"country": "US", "observed": False}, "UTC", "expected holidays"),
        ({"subdivision": "IL"}, "UTC", "needs its country"),
        (True, "UTC", "expected holidays"),
        ("every other Friday", "UTC", "expected holidays"),
    ],
)
def test_bad_spec_is_refused(spec: object, zone: str, problem: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        holiday_calendar(spec, zone)
    assert problem in str(caught.value)
