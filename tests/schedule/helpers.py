"""Small helpers for the schedule tests, independent of the code under test."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from bot.schedule.hours import Span, WeeklyHours

CHICAGO = ZoneInfo("America/Chicago")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int = 0,
       *, fold: int = 0) -> datetime:
    """A local wall time in `zone`; fold=1 picks the second pass of a repeated hour."""
    return datetime(year, month, day, hour, minute, tzinfo=zone, fold=fold)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def assert_instant(actual: datetime | None, expected: datetime, zone: tzinfo) -> None:
    """Same instant and same local offset in `zone`.

    Datetimes sharing a zoneinfo compare by wall time and ignore `fold`, which would let a
    01:30 CDT pass for 01:30 CST; comparing in UTC and checking the offset does not.
    """
    assert actual is not None
    assert actual.tzinfo is not None
    assert actual.astimezone(UTC) == expected.astimezone(UTC), (
        f"{actual.isoformat()} != {expected.isoformat()}"
    )
    assert actual.astimezone(zone).utcoffset() == expected.astimezone(zone).utcoffset()


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def weekly(**days: str) -> WeeklyHours:
    """WeeklyHours from keys naming weekdays by digits (0 = Monday) and spans as text.

    weekly(d01234="07:30-18:00", d5="09:00-12:00"); "08:00-12:00 13:00-17:00" for two spans.
    """
    by_day: dict[int, tuple[Span, ...]] = {}
    for key, text in days.items():
        spans = tuple(
            Span(_minutes(piece.split("-")[0]), _minutes(piece.split("-")[1]))
            for piece in text.split()
        )
        for digit in key[1:]:
            by_day[int(digit)] = spans
    return WeeklyHours(days=tuple(by_day.get(d, ()) for d in range(7)))
