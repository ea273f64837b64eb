"""Business hours in the wordings agreements use, the structured form, and refusals."""

from __future__ import annotations

import re

import pytest

from bot.schedule import ScheduleError, WeeklyHours, parse_business_hours
from tests.schedule.helpers import weekly

WEEKDAYS_0730_1800 = weekly(d01234="07:30-18:00")


@pytest.mark.parametrize(
    ("text", "hours", "zone"),
    [
        ("Mon-Fri 07:30-18:00 Central", WEEKDAYS_0730_1800, "America/Chicago"),
        ("Mon-Fri 08:00-19:00 UK time", weekly(d01234="08:00-19:00"), "Europe/London"),
        ("Monday to Friday, 8am - 6pm", weekly(d01234="08:00-18:00"), None),
        ("Mon–Fri 8:30–17:00 ET", weekly(d01234="08:30-17:00"), "America/New_York"),
        ("Mon-Thu 08:00-17:00, Fri 08:00-16:00",
         weekly(d0123="08:00-17:00", d4="08:00-16:00"), None),
        ("Mon-Fri 9-5, Sat 9-12", weekly(d01234="09:00-17:00", d5="09:00-12:00"), None),
        ("24/7", weekly(d0123456="00:00-24:00"), None),
        ("24x7", weekly(d0123456="00:00-24:00"), None),
        ("24/7/365", weekly(d0123456="00:00-24:00"), None),
        ("Mon - Fri, 8:00 AM - 5:00 PM EST", weekly(d01234="08:00-17:00"), "America/New_York"),
        ("Weekdays 9am–5pm, Saturdays 10am–2pm", weekly(d01234="09:00-17:00", d5="10:00-14:00"),
         None),
        ("weekdays 7.30am to 6pm AEST", WEEKDAYS_0730_1800, "Australia/Sydney"),
        # further wordings seen in agreements
        ("Mon-Fri 08:00-12:00 and 13:00-17:00", weekly(d01234="08:00-12:00 13:00-17:00"), None),
        ("Mon-Fri 08:00-12:00, 13:00-17:00", weekly(d01234="08:00-12:00 13:00-17:00"), None),
        ("8am-6pm Monday to Friday", weekly(d01234="08:00-18:00"), None),
        ("Mon, Wed, Fri 9-5", weekly(d024="09:00-17:00"), None),
        ("Sun-Thu 08:00-16:00", weekly(d01236="08:00-16:00"), None),
        ("Mon-Fri 8-6pm", weekly(d01234="08:00-18:00"), None),
        ("Mon-Fri 1-5pm", weekly(d01234="13:00-17:00"), None),
        ("Mon-Fri 9am-5pm; Sat closed", weekly(d01234="09:00-17:00"), None),
        ("Monday through Friday 7:30 a.m. to 6 p.m. Central time", WEEKDAYS_0730_1800,
         "America/Chicago"),
        ("Mon-Fri 0730-1800 America/Chicago", WEEKDAYS_0730_1800, "America/Chicago"),
        ("Mon-Fri 9:00 to 17:00 excluding public holidays", weekly(d01234="09:00-17:00"), None),
        ("weekdays between 9 and 5", weekly(d01234="09:00-17:00"), None),
        ("Mon-Fri 8am-noon, 1pm-5pm Pacific", weekly(d01234="08:00-12:00 13:00-17:00"),
         "America/Los_Angeles"),
        ("Mon-Sat 9am to midnight", weekly(d012345="09:00-24:00"), None),
        ("daily 07:00-22:00 GMT", weekly(d0123456="07:00-22:00"), "Europe/London"),
        ("Mon-Fri 24 hours, Sat 09:00-13:00", weekly(d01234="00:00-24:00", d5="09:00-13:00"),
         None),
    ],
)
def test_free_text(text: str, hours: WeeklyHours, zone: str | None) -> None:
    assert parse_business_hours(text) == (hours, zone)


@pytest.mark.parametrize(
    ("value", "hours"),
    [
        ({"days": ["mon", "tue", "wed", "thu", "fri"], "open": "07:30", "close": "18:00"},
         WEEKDAYS_0730_1800),
        ({"days": "weekdays", "open": "7:30am", "close": "6pm"}, WEEKDAYS_0730_1800),
        ({"days": ["mon-thu", "sat"], "open": "09:00", "close": "13:00"},
         weekly(d01235="09:00-13:00")),
        ({"mon-thu": "08:00-17:00", "fri": "08:00-16:00"},
         weekly(d0123="08:00-17:00", d4="08:00-16:00")),
        ({"mon-fri": ["08:00-12:00", "13:00-17:00"], "sat": "closed", "sun": None},
         weekly(d01234="08:00-12:00 13:00-17:00")),
        ({"weekdays": "08:00-12:00, 13:00-17:00"}, weekly(d01234="08:00-12:00 13:00-17:00")),
    ],
)
def test_structured(value: dict[str, object], hours: WeeklyHours) -> None:
    assert parse_business_hours(value) == (hours, None)


def test_structured_value_may_name_its_zone() -> None:
    assert parse_business_hours({"mon-fri": "08:00-19:00 UK time"}) == (
        weekly(d01234="08:00-19:00"), "Europe/London")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("whenever someone is in", "cannot read"),
        ("Mon-Fri", "needs its hours"),
        ("9-5", "needs its hours"),
        ("Mon-Fri 1-5", "morning or afternoon"),
        ("Mon-Fri 22:00-06:00", "past midnight"),
        ("Mon-Fri 9-5, Fri 9-4", "Friday is given hours twice"),
        ("Mon-Fri 9-12, 11-17", "overlap"),
        ("Mon-Fri 25:00-26:00", "not an hour"),
        ("Mon-Fri 9-5 IST", "cannot read"),
        ("Mon-Fri 9-5 Central, Sat 9-12 UK time", "more than one time zone"),
        ("Mon-Fri 9", "needs an end"),
        ("24/7 except Sunday", "24/7"),
        ("Sat closed", "no open time"),
        ("9-5 Mon-Fri, Sat 9-12", "needs its hours"),
    ],
)
def test_unreadable_text_is_refused_naming_it(text: str, problem: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_business_hours(text)
    message = str(caught.value)
    assert f'"{text}"' in message
    assert problem in message


def test_unreadable_text_says_what_form_is_expected() -> None:
    with pytest.raises(ScheduleError, match=re.escape('"whenever"') + r".*expected .*Mon-Fri"):
        parse_business_hours("whenever")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        # YAML reads an unquoted 07:30 as the base-60 number 450
        ({"days": ["mon"], "open": 450, "close": "18:00"}, "quote times"),
        ({"days": ["mon"], "open": "18:00", "close": "08:00"}, "close must be after open"),
        ({"days": ["mon"], "open": "08:00"}, "expected the keys days, open and close"),
        ({"days": ["funday"], "open": "08:00", "close": "17:00"}, "cannot read"),
        ({"mon-fri": "08:00-17:00", "fri": "08:00-16:00"}, "Friday is given hours twice"),
        ({"mon-fri": 9}, "must be text"),
        ({"holidays": "08:00-17:00"}, "cannot read"),
        ({}, "no days given"),
    ],
)
def test_unreadable_mapping_is_refused(value: dict[str, object], problem: str) -> None:
    with pytest.raises(ScheduleError, match=re.escape(problem)):
        parse_business_hours(value)


@pytest.mark.parametrize("value", ["", "   ", 42, None])
def test_empty_or_wrong_type_is_refused(value: object) -> None:
    with pytest.raises(ScheduleError, match="business hours"):
        parse_business_hours(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (weekly(d01234="07:30-18:00"), "Mon-Fri 07:30-18:00"),
        (weekly(d0123="08:00-17:00", d4="08:00-16:00"), "Mon-Thu 08:00-17:00, Fri 08:00-16:00"),
        (weekly(d024="09:00-17:00"), "Mon 09:00-17:00, Wed 09:00-17:00, Fri 09:00-17:00"),
        (weekly(d0123456="00:00-24:00"), "24/7"),
    ],
)
def test_hours_read_back_for_people(hours: WeeklyHours, text: str) -> None:
    assert str(hours) == text


def test_weekly_hours_refuse_overlap_and_an_empty_week() -> None:
    with pytest.raises(ScheduleError, match="overlap"):
        weekly(d0="08:00-12:00 11:00-17:00")
    with pytest.raises(ScheduleError, match="no open time"):
        WeeklyHours(days=((),) * 7)
