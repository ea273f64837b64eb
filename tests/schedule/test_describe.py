"""Client-facing wording of a due time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import ScheduleError, describe_due
from tests.schedule.helpers import CHICAGO, LONDON, at, utc

NOW = at(CHICAGO, 2026, 2, 10, 9)  # Tuesday 10 February 2026, 09:00 CST


@pytest.mark.parametrize(
    ("due", "now", "zone", "text"),
    [
        (at(CHICAGO, 2026, 2, 10, 10, 30), NOW, CHICAGO, "by 10:30 today"),
        (at(CHICAGO, 2026, 2, 11, 16), NOW, CHICAGO, "by 16:00 tomorrow"),
        (at(CHICAGO, 2026, 2, 12, 10, 30), NOW, CHICAGO, "by 10:30 on Thursday"),
        (at(CHICAGO, 2026, 2, 16, 9), NOW, CHICAGO, "by 09:00 on Monday"),  # six days on
        (at(CHICAGO, 2026, 2, 17, 9), NOW, CHICAGO, "by 09:00 on Tuesday 17 February"),
        (at(LONDON, 2027, 1, 4, 9), at(LONDON, 2026, 12, 24, 10), LONDON,
         "by 09:00 on Monday 4 January"),
        # the clocks change in between: the zone is shown
        (at(CHICAGO, 2026, 3, 9, 9, 30), at(CHICAGO, 2026, 3, 6, 16), CHICAGO,
         "by 09:30 CDT on Monday"),
        (at(CHICAGO, 2026, 11, 5, 10, 30), at(CHICAGO, 2026, 10, 30, 10), CHICAGO,
         "by 10:30 CST on Thursday"),
        (at(CHICAGO, 2026, 11, 1, 1, 30, fold=1), at(CHICAGO, 2026, 11, 1, 1, 10), CHICAGO,
         "by 01:30 CST today"),
        (at(LONDON, 2026, 3, 29, 2, 15), at(LONDON, 2026, 3, 29, 0, 45), LONDON,
         "by 02:15 BST today"),
        # local dates decide today and tomorrow, not UTC dates
        (at(CHICAGO, 2026, 2, 11, 0, 30), at(CHICAGO, 2026, 2, 10, 23, 30), CHICAGO,
         "by 00:30 tomorrow"),
        (utc(2026, 7, 1, 9, 30), utc(2026, 7, 1, 8), LONDON, "by 10:30 today"),
        (utc(2026, 2, 10, 16), utc(2026, 2, 10, 15), CHICAGO, "by 10:00 today"),
    ],
)
def test_wording(due: datetime, now: datetime, zone: ZoneInfo, text: str) -> None:
    assert describe_due(due, now, zone) == text


def test_zone_on_request() -> None:
    assert describe_due(at(LONDON, 2026, 2, 10, 10, 30), at(LONDON, 2026, 2, 10, 9), LONDON,
                        show_zone=True) == "by 10:30 GMT today"
    assert describe_due(at(CHICAGO, 2026, 3, 9, 9, 30), at(CHICAGO, 2026, 3, 6, 16), CHICAGO,
                        show_zone=False) == "by 09:30 on Monday"


def test_zone_without_a_letter_abbreviation() -> None:
    sao_paulo = ZoneInfo("America/Sao_Paulo")  # the tz database calls it "-03"
    due = datetime(2026, 2, 10, 10, 30, tzinfo=sao_paulo)
    assert describe_due(due, due, sao_paulo, show_zone=True) == "by 10:30 UTC-03 today"


def test_far_dates_name_the_year() -> None:
    assert describe_due(at(LONDON, 2027, 9, 6, 9), at(LONDON, 2026, 12, 1, 9), LONDON) == (
        "by 09:00 BST on Monday 6 September 2027")  # BST then, GMT now


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ScheduleError, match="no time zone"):
        describe_due(datetime(2026, 2, 10, 10), NOW, CHICAGO)
    with pytest.raises(ScheduleError, match="no time zone"):
        describe_due(NOW, datetime(2026, 2, 10, 10), CHICAGO)
