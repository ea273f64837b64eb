"""Properties of due times over many received times, schedules and targets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.schedule import Holidays, ServiceCalendar, Target, WeeklyHours, response_due
from tests.schedule.helpers import CHICAGO, LONDON, NEW_YORK, weekly

CALENDARS = [
    ServiceCalendar(CHICAGO, weekly(d01234="07:30-18:00"), Holidays("US")),
    ServiceCalendar(LONDON, weekly(d01234="08:00-19:00"), Holidays("GB", "ENG")),
    ServiceCalendar(NEW_YORK, weekly(d01234="08:00-12:00 13:00-17:00"), Holidays("US")),
    ServiceCalendar(NEW_YORK, weekly(d0123="08:00-17:00", d4="08:00-16:00"), Holidays()),
    ServiceCalendar(LONDON, weekly(d01234="09:00-17:00", d5="09:00-12:00"), Holidays()),
    ServiceCalendar(NEW_YORK, weekly(d0="09:00-17:00", d1234="10:00-17:00"), Holidays()),
    ServiceCalendar(CHICAGO, WeeklyHours.always(), Holidays()),
    # open across the hours in which the clocks change, on Sundays only
    ServiceCalendar(LONDON, weekly(d6="00:00-03:00 22:00-24:00"), Holidays()),
    ServiceCalendar(CHICAGO, weekly(d56="00:30-02:30", d0="07:00-09:00"), Holidays("US")),
]

calendars = st.sampled_from(CALENDARS)
# 2026-2027 covers both kinds of clock change in both zones, and the holidays tested above
instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
business_targets = st.one_of(
    st.builds(Target, st.integers(1, 600), st.just("minutes"), st.just("business")),
    st.builds(Target, st.integers(1, 40), st.just("hours"), st.just("business")),
    st.builds(Target, st.integers(1, 6), st.just("days"), st.just("business")),
    st.builds(Target, st.integers(0, 4), st.just("end_of_day"), st.just("business")),
)
any_targets = st.one_of(
    business_targets,
    st.builds(Target, st.integers(1, 600), st.sampled_from(["minutes", "hours", "days"]),
              st.just("clock")),
)
gaps = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=4))
TINY = timedelta(microseconds=1)


@settings(max_examples=100, deadline=None)
@given(calendars, any_targets, instants, st.booleans())
def test_due_is_never_before_received(calendar: ServiceCalendar, target: Target,
                                      received: datetime, covered: bool) -> None:
    due = response_due(calendar, target, received, covered_after_hours=covered)
    assert due.astimezone(UTC) >= received
    assert due.utcoffset() is not None


@settings(max_examples=100, deadline=None)
@given(calendars, business_targets, instants)
def test_business_due_is_in_open_hours_or_at_a_close(calendar: ServiceCalendar,
                                                     target: Target, received: datetime) -> None:
    due = response_due(calendar, target, received, covered_after_hours=False)
    # The instant before, in absolute time: wall-clock arithmetic would step into the hour
    # a spring-forward change skips (a span ending inside it ends when the clocks jump).
    before = (due.astimezone(UTC) - TINY).astimezone(due.tzinfo)
    assert calendar.is_open(due) or calendar.is_open(before), due.isoformat()


@settings(max_examples=100, deadline=None)
@given(calendars, any_targets, instants, gaps, st.booleans())
# the repeated hour of 1 November 2026 in Chicago (06:00-08:00 UTC), the first pass then
# the second, and the skipped hour of 8 March 2026
@example(CALENDARS[6], Target(1, "days", "business"), datetime(2026, 11, 1, 6, 50, tzinfo=UTC),
         timedelta(minutes=30), False)
@example(CALENDARS[8], Target(1, "days", "business"), datetime(2026, 10, 31, 6, 50, tzinfo=UTC),
         timedelta(days=1, minutes=30), False)
@example(CALENDARS[6], Target(1, "days", "business"), datetime(2026, 3, 7, 8, 50, tzinfo=UTC),
         timedelta(minutes=20), False)
def test_due_is_monotonic_in_received(calendar: ServiceCalendar, target: Target,
                                      received: datetime, gap: timedelta,
                                      covered: bool) -> None:
    first = response_due(calendar, target, received, covered_after_hours=covered)
    later = response_due(calendar, target, received + gap, covered_after_hours=covered)
    assert first.astimezone(UTC) <= later.astimezone(UTC), (first.isoformat(), later.isoformat())


@settings(max_examples=100, deadline=None)
@given(calendars, st.integers(1, 12), instants)
def test_business_time_counts_exactly_the_open_time(calendar: ServiceCalendar, hours: int,
                                                    received: datetime) -> None:
    """An independent count: every span in CALENDARS opens and closes on a quarter hour
    (in UTC too, the zones' offsets being whole hours), so pieces cut at quarter hours are
    wholly open or wholly closed and is_open at a piece's start says which."""
    due = response_due(calendar, Target(hours, "hours", "business"), received,
                       covered_after_hours=False)
    end = due.astimezone(UTC)
    quarter = timedelta(minutes=15)
    open_time = timedelta(0)
    cursor = received
    while cursor < end:
        since_midnight = cursor - cursor.replace(hour=0, minute=0, second=0, microsecond=0)
        boundary = cursor + (quarter - since_midnight % quarter)
        piece_end = min(boundary, end)
        if calendar.is_open(cursor):
            open_time += piece_end - cursor
        cursor = piece_end
    assert open_time == timedelta(hours=hours)
