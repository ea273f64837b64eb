"""Client-facing wording for a due time, in the client's own zone and 24-hour clock."""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.schedule.errors import ScheduleError, require_aware

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def zone_label(moment: datetime) -> str:
    """The zone abbreviation in force at `moment` ("CST", "BST"), or "UTC+03" style."""
    name = moment.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}" + (f":{rest:02d}" if rest else "")


def describe_due(
    due: datetime, now: datetime, tz: tzinfo, *, show_zone: bool | None = None
) -> str:
    """Say when a reply is due, relative to `now`, as the client's clock shows it.

    "by 10:30 today", "by 16:00 tomorrow", "by 10:30 on Thursday" (within six days), "by
    09:00 on Monday 4 January" (further; the year is added when it is not `now`'s year and
    the date is months away). The zone abbreviation ("by 10:30 CST on Thursday") is shown
    when `show_zone` is True, or by default when the clocks change between `now` and `due`
    (the offset differs), so the client reads the time the way it will be shown then.
    """
    require_aware(due, "the due time")
    require_aware(now, "the current time")
    if not isinstance(tz, tzinfo):
        raise ScheduleError(f"the client's zone must be a tzinfo, not {tz!r}")
    local_due = due.astimezone(tz)
    local_now = now.astimezone(tz)
    if show_zone is None:
        show_zone = local_due.utcoffset() != local_now.utcoffset()
    clock = f"{local_due:%H:%M}"
    if show_zone:
        clock += " " + zone_label(local_due)
    days_ahead = (local_due.date() - local_now.date()).days
    if days_ahead == 0:
        return f"by {clock} today"
    if days_ahead == 1:
        return f"by {clock} tomorrow"
    weekday = _WEEKDAYS[local_due.weekday()]
    if 1 < days_ahead <= 6:
        return f"by {clock} on {weekday}"
    date_text = f"{weekday} {local_due.day} {_MONTHS[local_due.month - 1]}"
    if local_due.year != local_now.year and abs(days_ahead) > 180:
        date_text += f" {local_due.year}"
    return f"by {clock} on {date_text}"
