"""Due times worked out by hand for the two example agreements and other schedules.

Acme Dental: Mon-Fri 07:30-18:00 America/Chicago, US federal holidays, P1 covered after
hours. Brightpath Legal: Mon-Fri 08:00-19:00 Europe/London, England's bank holidays, P1
and P2 covered after hours. Weekdays used (2026): 10 Feb Tue, 13 Feb Fri, 16 Feb Mon
(Washington's Birthday), 8 Mar and 1 Nov Sun (US clocks change), 29 Mar and 25 Oct Sun
(UK clocks change), 26 Nov Thu (Thanksgiving), 25 Dec Fri; 24 Dec 2027 Fri (Christmas
observed, the 25th being a Saturday).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.schedule import (
    Holidays,
    ScheduleError,
    ServiceCalendar,
    Target,
    WeeklyHours,
    response_due,
)
from tests.schedule.helpers import CHICAGO, LONDON, NEW_YORK, assert_instant, at, weekly

ACME = ServiceCalendar(CHICAGO, weekly(d01234="07:30-18:00"), Holidays("US"))
BRIGHTPATH = ServiceCalendar(LONDON, weekly(d01234="08:00-19:00"), Holidays("GB", "ENG"))
SPLIT = ServiceCalendar(NEW_YORK, weekly(d01234="08:00-12:00 13:00-17:00"), Holidays())
SHORT_FRIDAY = ServiceCalendar(
    NEW_YORK, weekly(d0123="08:00-17:00", d4="08:00-16:00"), Holidays())
SATURDAY_MORNING = ServiceCalendar(
    NEW_YORK, weekly(d01234="09:00-17:00", d5="09:00-12:00"), Holidays())
LATE_TUESDAY = ServiceCalendar(
    NEW_YORK, weekly(d0="09:00-17:00", d1234="10:00-17:00"), Holidays())
ALWAYS_CHICAGO = ServiceCalendar(CHICAGO, WeeklyHours.always(), Holidays())

P1_ACME = Target(1, "hours", "clock")
P2_ACME = Target(4, "hours", "business")
P3_ACME = Target(1, "days", "business")
P4_ACME = Target(3, "days", "business")
P1_BRIGHTPATH = Target(30, "minutes", "clock")
P2_BRIGHTPATH = Target(2, "hours", "business")
P3_BRIGHTPATH = Target(8, "hours", "business")

CASES = [
    # --- Acme P2, 4 business hours ----------------------------------------------------
    ("during hours", ACME, P2_ACME, at(CHICAGO, 2026, 2, 10, 10), False,
     at(CHICAGO, 2026, 2, 10, 14)),
    ("before opening", ACME, P2_ACME, at(CHICAGO, 2026, 2, 10, 6), False,
     at(CHICAGO, 2026, 2, 10, 11, 30)),
    ("after closing", ACME, P2_ACME, at(CHICAGO, 2026, 2, 10, 19), False,
     at(CHICAGO, 2026, 2, 11, 11, 30)),
    ("exactly at opening", ACME, P2_ACME, at(CHICAGO, 2026, 2, 10, 7, 30), False,
     at(CHICAGO, 2026, 2, 10, 11, 30)),
    ("exactly at closing counts from the next opening", ACME, P2_ACME,
     at(CHICAGO, 2026, 2, 10, 18), False, at(CHICAGO, 2026, 2, 11, 11, 30)),
    ("ends exactly at closing", ACME, P2_ACME, at(CHICAGO, 2026, 2, 10, 14), False,
     at(CHICAGO, 2026, 2, 10, 18)),
    ("over the weekend: 2h Friday, 2h Monday", ACME, P2_ACME, at(CHICAGO, 2026, 2, 6, 16),
     False, at(CHICAGO, 2026, 2, 9, 9, 30)),
    ("received on Saturday", ACME, P2_ACME, at(CHICAGO, 2026, 2, 7, 12), False,
     at(CHICAGO, 2026, 2, 9, 11, 30)),
    ("received 02:00 Sunday, P2 not covered", ACME, P2_ACME, at(CHICAGO, 2026, 2, 15, 2),
     False, at(CHICAGO, 2026, 2, 17, 11, 30)),  # Monday 16th is Washington's Birthday
    ("Thanksgiving closed: 2h Wed, 2h Fri", ACME, P2_ACME, at(CHICAGO, 2026, 11, 25, 16),
     False, at(CHICAGO, 2026, 11, 27, 9, 30)),
    ("Christmas observed on Friday 24th", ACME, P2_ACME, at(CHICAGO, 2027, 12, 23, 17),
     False, at(CHICAGO, 2027, 12, 27, 10, 30)),
    ("20 business hours over three days", ACME, Target(20, "hours", "business"),
     at(CHICAGO, 2026, 2, 9, 9), False, at(CHICAGO, 2026, 2, 11, 8)),
    ("15 business minutes before closing", ACME, Target(15, "minutes", "business"),
     at(CHICAGO, 2026, 2, 10, 17, 50), False, at(CHICAGO, 2026, 2, 11, 7, 35)),
    # --- Acme P3/P4, business days ----------------------------------------------------
    ("1 business day on a Friday afternoon", ACME, P3_ACME, at(CHICAGO, 2026, 3, 13, 15),
     False, at(CHICAGO, 2026, 3, 16, 15)),
    ("1 business day on a Friday before a Monday holiday", ACME, P3_ACME,
     at(CHICAGO, 2026, 2, 13, 15), False, at(CHICAGO, 2026, 2, 17, 15)),
    ("1 business day received after closing counts from the next opening", ACME, P3_ACME,
     at(CHICAGO, 2026, 2, 11, 19), False, at(CHICAGO, 2026, 2, 13, 7, 30)),
    ("3 business days over a holiday", ACME, P4_ACME, at(CHICAGO, 2026, 2, 11, 10), False,
     at(CHICAGO, 2026, 2, 17, 10)),
    ("1 business day over Thanksgiving", ACME, P3_ACME, at(CHICAGO, 2026, 11, 25, 9, 45),
     False, at(CHICAGO, 2026, 11, 27, 9, 45)),
    # --- Acme P1, around the clock ----------------------------------------------------
    ("P1 at 02:00 on Sunday", ACME, P1_ACME, at(CHICAGO, 2026, 2, 15, 2), True,
     at(CHICAGO, 2026, 2, 15, 3)),
    ("P1 on Thanksgiving", ACME, P1_ACME, at(CHICAGO, 2026, 11, 26, 12), True,
     at(CHICAGO, 2026, 11, 26, 13)),
    ("clock target applies even without after-hours cover", ACME, P1_ACME,
     at(CHICAGO, 2026, 2, 14, 23, 30), False, at(CHICAGO, 2026, 2, 15, 0, 30)),
    # --- Brightpath ---------------------------------------------------------------------
    ("P2 on a Saturday is covered after hours", BRIGHTPATH, P2_BRIGHTPATH,
     at(LONDON, 2026, 3, 14, 10), True, at(LONDON, 2026, 3, 14, 12)),
    ("P2 late Friday, covered, runs into the night", BRIGHTPATH, P2_BRIGHTPATH,
     at(LONDON, 2026, 3, 13, 18, 30), True, at(LONDON, 2026, 3, 13, 20, 30)),
    ("P2 on Christmas Day is covered", BRIGHTPATH, P2_BRIGHTPATH,
     at(LONDON, 2026, 12, 25, 10), True, at(LONDON, 2026, 12, 25, 12)),
    ("P3 on a Saturday waits for Monday", BRIGHTPATH, P3_BRIGHTPATH,
     at(LONDON, 2026, 3, 14, 10), False, at(LONDON, 2026, 3, 16, 16)),
    ("P3 over Easter: 1h Thursday, 7h Tuesday", BRIGHTPATH, P3_BRIGHTPATH,
     at(LONDON, 2026, 4, 2, 18), False, at(LONDON, 2026, 4, 7, 15)),
    ("P3 over Christmas and the Boxing Day substitute", BRIGHTPATH, P3_BRIGHTPATH,
     at(LONDON, 2026, 12, 24, 15), False, at(LONDON, 2026, 12, 29, 12)),
    ("P3 on the early May bank holiday", BRIGHTPATH, P3_BRIGHTPATH,
     at(LONDON, 2026, 5, 4, 9), False, at(LONDON, 2026, 5, 5, 16)),
    ("P1 half an hour at night", BRIGHTPATH, P1_BRIGHTPATH, at(LONDON, 2026, 2, 10, 23, 45),
     True, at(LONDON, 2026, 2, 11, 0, 15)),
    # --- split schedule with lunch 12:00-13:00 -----------------------------------------
    ("received during lunch", SPLIT, Target(2, "hours", "business"),
     at(NEW_YORK, 2026, 2, 10, 12, 15), False, at(NEW_YORK, 2026, 2, 10, 15)),
    ("runs across lunch", SPLIT, Target(2, "hours", "business"), at(NEW_YORK, 2026, 2, 10, 11),
     False, at(NEW_YORK, 2026, 2, 10, 14)),
    ("ends exactly at the lunch break", SPLIT, Target(1, "hours", "business"),
     at(NEW_YORK, 2026, 2, 10, 11), False, at(NEW_YORK, 2026, 2, 10, 12)),
    ("1 business day from lunch counts from 13:00", SPLIT, Target(1, "days", "business"),
     at(NEW_YORK, 2026, 2, 10, 12, 15), False, at(NEW_YORK, 2026, 2, 11, 13)),
    ("same business day", SPLIT, Target(0, "end_of_day", "business"),
     at(NEW_YORK, 2026, 2, 10, 12, 15), False, at(NEW_YORK, 2026, 2, 10, 17)),
    ("next business day from a Friday", SPLIT, Target(1, "end_of_day", "business"),
     at(NEW_YORK, 2026, 2, 13, 9), False, at(NEW_YORK, 2026, 2, 16, 17)),
    ("next business day from Friday evening", SPLIT, Target(1, "end_of_day", "business"),
     at(NEW_YORK, 2026, 2, 13, 18), False, at(NEW_YORK, 2026, 2, 17, 17)),
    # --- days that differ -----------------------------------------------------------------
    ("Thursday 16:30 plus a day is past Friday's 16:00 close", SHORT_FRIDAY,
     Target(1, "days", "business"), at(NEW_YORK, 2026, 2, 12, 16, 30), False,
     at(NEW_YORK, 2026, 2, 13, 16)),
    ("10 business hours from Thursday 15:00 end at Friday's 16:00 close", SHORT_FRIDAY,
     Target(10, "hours", "business"), at(NEW_YORK, 2026, 2, 12, 15), False,
     at(NEW_YORK, 2026, 2, 13, 16)),
    ("11 business hours from Thursday 15:00: 2h, 8h on Friday, 1h Monday", SHORT_FRIDAY,
     Target(11, "hours", "business"), at(NEW_YORK, 2026, 2, 12, 15), False,
     at(NEW_YORK, 2026, 2, 16, 9)),
    ("Friday 14:00 plus a day is past Saturday's noon close", SATURDAY_MORNING,
     Target(1, "days", "business"), at(NEW_YORK, 2026, 2, 13, 14), False,
     at(NEW_YORK, 2026, 2, 14, 12)),
    ("Saturday morning plus a day is Monday", SATURDAY_MORNING,
     Target(1, "days", "business"), at(NEW_YORK, 2026, 2, 14, 9, 30), False,
     at(NEW_YORK, 2026, 2, 16, 9, 30)),
    ("4 business hours from Friday 15:00: 2h Friday, 2h Saturday", SATURDAY_MORNING,
     Target(4, "hours", "business"), at(NEW_YORK, 2026, 2, 13, 15), False,
     at(NEW_YORK, 2026, 2, 14, 11)),
    ("Monday 09:30 plus a day is before Tuesday's 10:00 opening", LATE_TUESDAY,
     Target(1, "days", "business"), at(NEW_YORK, 2026, 2, 9, 9, 30), False,
     at(NEW_YORK, 2026, 2, 10, 10)),
]


@pytest.mark.parametrize(
    ("calendar", "target", "received", "covered", "due"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_due(calendar: ServiceCalendar, target: Target, received: datetime, covered: bool,
             due: datetime) -> None:
    result = response_due(calendar, target, received, covered_after_hours=covered)
    assert_instant(result, due, calendar.tz)


DST_CASES = [
    # US: 2026-03-08 02:00 CST -> 03:00 CDT; 2026-11-01 02:00 CDT -> 01:00 CST
    ("US spring, clock: 01:30 CST + 1h is 03:30 CDT", ACME, P1_ACME,
     at(CHICAGO, 2026, 3, 8, 1, 30), True, at(CHICAGO, 2026, 3, 8, 3, 30), "-05:00"),
    ("US autumn, clock: 01:30 CDT + 1h is 01:30 CST", ACME, P1_ACME,
     at(CHICAGO, 2026, 11, 1, 1, 30), True, at(CHICAGO, 2026, 11, 1, 1, 30, fold=1), "-06:00"),
    ("US autumn, clock: 00:45 CDT + 1h is 01:45 CDT", ACME, P1_ACME,
     at(CHICAGO, 2026, 11, 1, 0, 45), True, at(CHICAGO, 2026, 11, 1, 1, 45), "-05:00"),
    ("US spring, business hours: opening stays 07:30 local", ACME, P2_ACME,
     at(CHICAGO, 2026, 3, 6, 16), False, at(CHICAGO, 2026, 3, 9, 9, 30), "-05:00"),
    ("US autumn, business hours: opening stays 07:30 local", ACME, P2_ACME,
     at(CHICAGO, 2026, 10, 30, 16), False, at(CHICAGO, 2026, 11, 2, 9, 30), "-06:00"),
    ("US spring, business day: same local clock time", ACME, P3_ACME,
     at(CHICAGO, 2026, 3, 6, 10), False, at(CHICAGO, 2026, 3, 9, 10), "-05:00"),
    ("US autumn, business day: same local clock time", ACME, P3_ACME,
     at(CHICAGO, 2026, 10, 30, 10), False, at(CHICAGO, 2026, 11, 2, 10), "-06:00"),
    ("US spring, 24/7 business hours count real time", ALWAYS_CHICAGO,
     Target(2, "hours", "business"), at(CHICAGO, 2026, 3, 8, 1, 30), False,
     at(CHICAGO, 2026, 3, 8, 4, 30), "-05:00"),
    # UK: 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT
    ("UK spring, clock: 00:45 GMT + 30min is 02:15 BST", BRIGHTPATH, P1_BRIGHTPATH,
     at(LONDON, 2026, 3, 29, 0, 45), True, at(LONDON, 2026, 3, 29, 2, 15), "+01:00"),
    ("UK autumn, clock: 01:45 BST + 30min is 01:15 GMT", BRIGHTPATH, P1_BRIGHTPATH,
     at(LONDON, 2026, 10, 25, 1, 45), True, at(LONDON, 2026, 10, 25, 1, 15, fold=1), "+00:00"),
    ("UK spring, covered P2 on the changeover night", BRIGHTPATH, P2_BRIGHTPATH,
     at(LONDON, 2026, 3, 29, 0, 30), True, at(LONDON, 2026, 3, 29, 3, 30), "+01:00"),
    ("UK spring, business hours: 2h Friday, 6h Monday from 08:00 BST", BRIGHTPATH,
     P3_BRIGHTPATH, at(LONDON, 2026, 3, 27, 17), False, at(LONDON, 2026, 3, 30, 14), "+01:00"),
    ("UK autumn, business hours: 2h Friday, 6h Monday from 08:00 GMT", BRIGHTPATH,
     P3_BRIGHTPATH, at(LONDON, 2026, 10, 23, 17), False, at(LONDON, 2026, 10, 26, 14), "+00:00"),
    # 24/7 hours, "1 business day": the same wall time next day, kept monotonic where the
    # wall clock repeats (second pass -> the end of the repeat) or skips (-> 03:00 CDT)
    ("US autumn, business day from the first 01:50", ALWAYS_CHICAGO,
     Target(1, "days", "business"), at(CHICAGO, 2026, 11, 1, 1, 50), False,
     at(CHICAGO, 2026, 11, 2, 1, 50), "-06:00"),
    ("US autumn, business day from the second 01:10 is not earlier", ALWAYS_CHICAGO,
     Target(1, "days", "business"), at(CHICAGO, 2026, 11, 1, 1, 10, fold=1), False,
     at(CHICAGO, 2026, 11, 2, 2, 0), "-06:00"),
    ("US spring, business day onto a skipped wall time", ALWAYS_CHICAGO,
     Target(1, "days", "business"), at(CHICAGO, 2026, 3, 7, 2, 30), False,
     at(CHICAGO, 2026, 3, 8, 3, 0), "-05:00"),
    ("UK autumn, P3 received in the repeated hour waits for Monday", BRIGHTPATH,
     P3_BRIGHTPATH, at(LONDON, 2026, 10, 25, 1, 30, fold=1), False,
     at(LONDON, 2026, 10, 26, 16), "+00:00"),
]


@pytest.mark.parametrize(
    ("calendar", "target", "received", "covered", "due", "offset"),
    [case[1:] for case in DST_CASES],
    ids=[case[0] for case in DST_CASES],
)
def test_due_across_daylight_saving_changes(
    calendar: ServiceCalendar, target: Target, received: datetime, covered: bool,
    due: datetime, offset: str,
) -> None:
    result = response_due(calendar, target, received, covered_after_hours=covered)
    assert_instant(result, due, calendar.tz)
    assert result.isoformat().endswith(offset)


def test_clock_targets_are_elapsed_real_time_in_utc() -> None:
    # 01:30 CST is 07:30 UTC; an hour later is 08:30 UTC whatever the wall clock says
    due = response_due(ACME, P1_ACME, at(CHICAGO, 2026, 3, 8, 1, 30), covered_after_hours=True)
    assert due.utcoffset() == timedelta(hours=-5)
    assert (due.hour, due.minute) == (3, 30)
    assert due.tzinfo is CHICAGO


def test_received_in_another_zone_is_the_same_instant() -> None:
    # 16:00 UTC on Tuesday 10 February is 10:00 in Chicago
    received = datetime.fromisoformat("2026-02-10T16:00:00+00:00")
    due = response_due(ACME, P2_ACME, received, covered_after_hours=False)
    assert_instant(due, at(CHICAGO, 2026, 2, 10, 14), CHICAGO)


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (at(CHICAGO, 2026, 2, 10, 7, 29), False),
        (at(CHICAGO, 2026, 2, 10, 7, 30), True),
        (at(CHICAGO, 2026, 2, 10, 17, 59), True),
        (at(CHICAGO, 2026, 2, 10, 18), False),
        (at(CHICAGO, 2026, 2, 14, 12), False),  # Saturday
        (at(CHICAGO, 2026, 11, 26, 12), False),  # Thanksgiving
        (at(CHICAGO, 2026, 11, 27, 12), True),  # the Friday after is an ordinary day
    ],
)
def test_is_open(moment: datetime, open_: bool) -> None:
    assert ACME.is_open(moment) is open_


@pytest.mark.parametrize(
    ("moment", "opening"),
    [
        (at(CHICAGO, 2026, 2, 10, 9), at(CHICAGO, 2026, 2, 10, 9)),
        (at(CHICAGO, 2026, 2, 10, 6), at(CHICAGO, 2026, 2, 10, 7, 30)),
        (at(CHICAGO, 2026, 2, 13, 18), at(CHICAGO, 2026, 2, 17, 7, 30)),
        (at(CHICAGO, 2026, 11, 25, 20), at(CHICAGO, 2026, 11, 27, 7, 30)),
    ],
)
def test_next_open(moment: datetime, opening: datetime) -> None:
    assert_instant(ACME.next_open(moment), opening, CHICAGO)


def test_add_business_time_and_days_directly() -> None:
    assert_instant(ACME.add_business_time(at(CHICAGO, 2026, 2, 10, 17), timedelta(hours=2)),
                   at(CHICAGO, 2026, 2, 11, 8, 30), CHICAGO)
    assert_instant(ACME.add_business_time(at(CHICAGO, 2026, 2, 7, 9), timedelta(0)),
                   at(CHICAGO, 2026, 2, 9, 7, 30), CHICAGO)
    assert_instant(ACME.add_business_days(at(CHICAGO, 2026, 2, 10, 9, 15), 2),
                   at(CHICAGO, 2026, 2, 12, 9, 15), CHICAGO)


def test_explicit_closed_dates() -> None:
    calendar = ServiceCalendar(CHICAGO, weekly(d01234="07:30-18:00"),
                               Holidays(dates=frozenset({date(2026, 12, 24)})))
    due = response_due(calendar, P2_ACME, at(CHICAGO, 2026, 12, 23, 16),
                       covered_after_hours=False)
    # 2h on Wednesday 23rd; 24th closed by the agreement; 25th is not (no country given)
    assert_instant(due, at(CHICAGO, 2026, 12, 25, 9, 30), CHICAGO)


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 2, 10, 10)
    with pytest.raises(ScheduleError, match="no time zone"):
        response_due(ACME, P2_ACME, naive, covered_after_hours=False)
    with pytest.raises(ScheduleError, match="no time zone"):
        ACME.is_open(naive)
    with pytest.raises(ScheduleError, match="no time zone"):
        ACME.next_open(naive)
    with pytest.raises(ScheduleError, match="no time zone"):
        ACME.add_business_time(naive, timedelta(hours=1))
    with pytest.raises(ScheduleError, match="no time zone"):
        ACME.add_business_days(naive, 1)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ScheduleError, match="timedelta >= 0"):
        ACME.add_business_time(at(CHICAGO, 2026, 2, 10, 10), timedelta(hours=-1))
    with pytest.raises(ScheduleError, match="whole number >= 1"):
        ACME.add_business_days(at(CHICAGO, 2026, 2, 10, 10), 0)


def test_a_calendar_closed_for_years_says_so() -> None:
    shut = ServiceCalendar(
        CHICAGO, weekly(d0="09:00-17:00"),
        Holidays(dates=frozenset(date(2026, 1, 5) + timedelta(weeks=k) for k in range(200))),
    )
    with pytest.raises(ScheduleError, match="no open time within"):
        shut.next_open(at(CHICAGO, 2026, 1, 1, 9))
