"""The service calendar: when a client's desk is open, and when a response is due.

All arithmetic is done on UTC instants; local wall-clock times matter only where the
agreement speaks in them (opening and closing times, "the same time on the next business
day"). Comparing or subtracting two datetimes that share a zoneinfo tzinfo ignores the
offset (and `fold`) in Python, which is wrong across a daylight-saving change, so every
internal step converts to UTC first. Results come back in the calendar's zone.

Semantics (the promises these functions make):
- A clock-basis target is elapsed real time: received + amount, so the hour lost or
  gained at a daylight-saving change is neither given nor taken.
- A business-basis target counts only open time: weekly spans, minus closed days
  (holidays). Received outside hours, counting starts at the next opening. A due time
  that uses up a span exactly is that span's closing time, not the next opening.
- "N business days" is the same local clock time on the Nth following business day,
  counted from the next opening when received outside hours. If that clock time falls in
  closed time on that day, the due time moves across the closed time only: back to the
  close of the preceding span that day, or forward to the day's first opening. Either way
  the technician has exactly as much open time as the literal clock time gives.
- An end-of-day target ("same business day", "next business day") is the last closing
  time of the business day reached from the next opening.
- A priority the agreement covers after hours counts all time: a business-basis target
  in minutes, hours or days is then taken as elapsed time, like a clock-basis one.
- Holidays are closed days, whole local dates.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from bot.schedule.closed_days import Holidays, holiday_calendar
from bot.schedule.errors import ScheduleError, require_aware
from bot.schedule.hours import WeeklyHours
from bot.schedule.targets import Target

__all__ = ["ServiceCalendar", "holiday_calendar", "response_due"]

# How far ahead to look for open time before deciding there is none (three years covers
# any agreement with at least one open span; the holiday lists are finite).
HORIZON_DAYS = 3 * 366
_MINUTE = timedelta(minutes=1)


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


@dataclass(frozen=True)
class ServiceCalendar:
    """A client's open hours in their own zone, minus the days the desk is closed."""

    tz: tzinfo
    hours: WeeklyHours
    holidays: Container[date] = Holidays()

    def __post_init__(self) -> None:
        if not isinstance(self.tz, tzinfo):
            raise ScheduleError(f"the calendar's zone must be a tzinfo, not {self.tz!r}")
        if not isinstance(self.hours, WeeklyHours):
            raise ScheduleError("the calendar's hours must be WeeklyHours")

    # --- local time -------------------------------------------------------------------

    def _instant(self, wall: datetime) -> datetime:
        """The UTC instant a naive local wall time names.

        A wall time skipped by a daylight-saving change (02:30 on a spring-forward day)
        becomes the first existing wall time after it; a repeated one (01:30 on a
        fall-back day) is its first occurrence.
        """
        for _ in range(24 * 60 + 1):
            aware = wall.replace(tzinfo=self.tz, fold=0)
            instant = aware.astimezone(UTC)
            if instant.astimezone(self.tz).replace(tzinfo=None) == wall:
                return instant
            wall = (wall + _MINUTE).replace(second=0, microsecond=0)
        raise ScheduleError(f"the zone {self.tz} skips a whole day at {wall:%Y-%m-%d}")

    def _steady_wall(self, instant: datetime) -> datetime:
        """The local wall time of `instant`, never going back when the clocks do.

        In the second pass of a repeated hour the wall clock runs backwards; such an
        instant is given the wall time at which the repeat ends, so that later instants
        never map to earlier wall times.
        """
        local = instant.astimezone(self.tz)
        wall = local.replace(tzinfo=None)
        if local.fold == 1 and local.replace(fold=0).utcoffset() != local.utcoffset():
            wall = wall.replace(second=0, microsecond=0)
            for _ in range(24 * 60):
                wall += _MINUTE
                first, second = (wall.replace(tzinfo=self.tz, fold=f) for f in (0, 1))
                if first.utcoffset() == second.utcoffset():
                    break
        return wall

    def _day_spans(self, day: date) -> list[tuple[datetime, datetime]]:
        """The open intervals of one local date as UTC instants (none on a closed day)."""
        if day in self.holidays:
            return []
        midnight = datetime.combine(day, time())
        spans = [
            (self._instant(midnight + timedelta(minutes=span.start)),
             self._instant(midnight + timedelta(minutes=span.end)))
            for span in self.hours.on(day.weekday())
        ]
        return [(start, end) for start, end in spans if end > start]  # a span lost to DST

    def is_business_day(self, day: date) -> bool:
        """Whether the desk opens at all on local date `day`."""
        return bool(self.hours.on(day.weekday())) and bool(self._day_spans(day))

    def _intervals(self, after: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals (UTC) that end after the UTC instant `after`, in order."""
        day = after.astimezone(self.tz).date() - timedelta(days=1)
        for _ in range(HORIZON_DAYS):
            for start, end in self._day_spans(day):
                if end > after:
                    yield start, end
            day += timedelta(days=1)
        raise ScheduleError(f"the calendar has no open time within {HORIZON_DAYS} days")

    # --- queries ----------------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        """Whether the desk is open at `at` (opening instant included, closing excluded)."""
        instant = _to_utc(require_aware(at, "the time"))
        start, _ = next(self._intervals(instant))
        return start <= instant

    def next_open(self, at: datetime) -> datetime:
        """`at` itself when the desk is open then, otherwise the next opening."""
        instant = _to_utc(require_aware(at, "the time"))
        start, _ = next(self._intervals(instant))
        return max(start, instant).astimezone(self.tz)

    def add_business_time(self, start: datetime, delta: timedelta) -> datetime:
        """The instant when `delta` of open time has passed since `start`.

        Counting starts at `next_open(start)`; a result that ends a span exactly is that
        span's closing time.
        """
        cursor = _to_utc(require_aware(start, "the start"))
        if not isinstance(delta, timedelta) or delta < timedelta(0):
            raise ScheduleError(f"business time to add must be a timedelta >= 0, not {delta!r}")
        remaining = delta
        for opens, closes in self._intervals(cursor):
            cursor = max(cursor, opens)
            available = closes - cursor
            if remaining <= available:
                return (cursor + remaining).astimezone(self.tz)
            remaining -= available
            cursor = closes
        raise AssertionError("unreachable: _intervals raises when it runs out")

    def _following_business_day(self, day: date, count: int) -> date:
        for _ in range(HORIZON_DAYS):
            if count == 0:
                return day
            day += timedelta(days=1)
            if self.is_business_day(day):
                count -= 1
        raise ScheduleError(f"the calendar has no business day within {HORIZON_DAYS} days")

    def add_business_days(self, start: datetime, n: int) -> datetime:
        """The same local clock time on the `n`th business day after the next opening.

        When that clock time is closed on that day, the result moves across closed time
        only: to the close of the span before it that day, else to the day's first opening.
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ScheduleError(f"business days to add must be a whole number >= 1, not {n!r}")
        opened = _to_utc(self.next_open(require_aware(start, "the start")))
        wall = self._steady_wall(opened)
        day = self._following_business_day(wall.date(), n)
        literal = self._instant(datetime.combine(day, wall.time()))
        spans = self._day_spans(day)
        for opens, closes in spans:
            if opens <= literal < closes:
                return literal.astimezone(self.tz)
        earlier = [closes for _, closes in spans if closes <= literal]
        moved = earlier[-1] if earlier else spans[0][0]
        return moved.astimezone(self.tz)

    def end_of_business_day(self, start: datetime, n: int = 0) -> datetime:
        """The last closing time of the business day `n` days after the next opening."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ScheduleError(f"business days to add must be a whole number >= 0, not {n!r}")
        opened = _to_utc(self.next_open(require_aware(start, "the start")))
        day = self._following_business_day(self._steady_wall(opened).date(), n)
        return self._day_spans(day)[-1][1].astimezone(self.tz)


_UNIT_LENGTH = {"minutes": timedelta(minutes=1), "hours": timedelta(hours=1),
                "days": timedelta(days=1)}


def response_due(
    calendar: ServiceCalendar,
    target: Target,
    received: datetime,
    *,
    covered_after_hours: bool,
) -> datetime:
    """When a reply to a ticket received at `received` is due, in the calendar's zone.

    `covered_after_hours` says whether the agreement covers this ticket's priority outside
    business hours; then a business-basis target counts all time (see the module
    docstring). End-of-day targets stay tied to business days either way.
    """
    require_aware(received, "the received time")
    if target.unit == "end_of_day":
        return calendar.end_of_business_day(received, target.amount)
    if target.basis == "clock" or covered_after_hours:
        elapsed = _UNIT_LENGTH[target.unit] * target.amount
        return (_to_utc(received) + elapsed).astimezone(calendar.tz)
    if target.unit == "days":
        return calendar.add_business_days(received, target.amount)
    return calendar.add_business_time(received, _UNIT_LENGTH[target.unit] * target.amount)
