"""The agreement's timezone field against the zone named in its business hours."""

from __future__ import annotations

import pytest

from bot.schedule import ScheduleError
from bot.schedule.zones import resolve_timezone


@pytest.mark.parametrize(
    ("field", "hint", "zone"),
    [
        ("America/Chicago", "America/Chicago", "America/Chicago"),
        ("Europe/London", "Europe/London", "Europe/London"),
        ("America/Chicago", None, "America/Chicago"),
        (None, "America/Chicago", "America/Chicago"),
        (None, "Europe/London", "Europe/London"),
        # the field wins when both show the same clock at some time of year
        ("America/Winnipeg", "America/Chicago", "America/Winnipeg"),
        ("America/Regina", "America/Chicago", "America/Regina"),  # "CST" all year
        ("Australia/Brisbane", "Australia/Sydney", "Australia/Brisbane"),  # "AEST"
        ("America/Toronto", "America/New_York", "America/Toronto"),
    ],
)
def test_field_wins_when_they_agree(field: str | None, hint: str | None, zone: str) -> None:
    assert resolve_timezone(field, hint).key == zone


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        ("Europe/London", "America/Chicago"),
        ("America/Chicago", "Europe/London"),
        ("America/New_York", "America/Chicago"),
        ("UTC", "America/Chicago"),
    ],
)
def test_conflict_is_refused_naming_both(field: str, hint: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        resolve_timezone(field, hint, hours_text="Mon-Fri 9-5")
    assert field in str(caught.value)
    assert hint in str(caught.value)


def test_no_zone_at_all_is_refused() -> None:
    with pytest.raises(ScheduleError, match="no time zone"):
        resolve_timezone(None, None)


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "Central", ""])
def test_unknown_zone_is_refused(name: str) -> None:
    with pytest.raises(ScheduleError, match="zone"):
        resolve_timezone(name or " ", None)
