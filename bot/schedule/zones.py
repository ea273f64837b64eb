"""Time zones: the names written into business-hours text, and the agreement's own zone.

Agreements often say "Central" or "UK time" beside the hours while also carrying a
`timezone:` field. The field is authoritative; the hint in the text is a cross-check
and fills in only when the field is absent.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.schedule.errors import ScheduleError

# Words clients write for a zone, each with the IANA zone used when the agreement has no
# `timezone:` field. Standard-time abbreviations ("CST", "AEST") are used loosely all year,
# so they stand for the zone that observes them, daylight saving included.
_HINTS: dict[str, str] = {
    "uk time": "Europe/London",
    "uk": "Europe/London",
    "british time": "Europe/London",
    "london time": "Europe/London",
    "gmt/bst": "Europe/London",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "irish time": "Europe/Dublin",
    "central european time": "Europe/Berlin",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "eastern time": "America/New_York",
    "eastern": "America/New_York",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "central time": "America/Chicago",
    "central": "America/Chicago",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "mountain time": "America/Denver",
    "mountain": "America/Denver",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pacific time": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "alaska time": "America/Anchorage",
    "akst": "America/Anchorage",
    "akdt": "America/Anchorage",
    "hawaii time": "Pacific/Honolulu",
    "hst": "Pacific/Honolulu",
    "atlantic time": "America/Halifax",
    "ast": "America/Halifax",
    "adt": "America/Halifax",
    "newfoundland time": "America/St_Johns",
    "nst": "America/St_Johns",
    "ndt": "America/St_Johns",
    "australian eastern time": "Australia/Sydney",
    "sydney time": "Australia/Sydney",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "aet": "Australia/Sydney",
    "acst": "Australia/Adelaide",
    "acdt": "Australia/Adelaide",
    "awst": "Australia/Perth",
    "new zealand time": "Pacific/Auckland",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
    "nzt": "Pacific/Auckland",
    "utc": "UTC",
}

# Longest phrase first, so "central european time" is not read as "central".
_HINT_PATTERN = re.compile(
    r"(?<![\w/])("
    + "|".join(re.escape(p) for p in sorted(_HINTS, key=len, reverse=True))
    + r")(?![\w/])",
    re.IGNORECASE,
)
_IANA_PATTERN = re.compile(r"(?<![\w/])([A-Za-z]+(?:/[A-Za-z0-9_+-]+)+)(?![\w/])")

# Two instants half a year apart: a zone agrees with a hint when it shows the same UTC
# offset at either of them (so "CST" agrees with Regina, "AEST" with Brisbane).
_PROBES = (datetime(2026, 1, 15, 12, tzinfo=UTC), datetime(2026, 7, 15, 12, tzinfo=UTC))


def load_zone(name: str) -> ZoneInfo:
    """The IANA zone `name`, or ScheduleError naming it."""
    if not isinstance(name, str) or not name.strip():
        raise ScheduleError(
            f"time zone {name!r} is not a zone name; use one such as America/Chicago"
        )
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(
            f'unknown time zone "{name}"; use an IANA name such as America/Chicago or Europe/London'
        ) from exc


def find_zone_hints(text: str) -> tuple[str, list[str]]:
    """Remove zone words from `text`; return the rest and the IANA names they stand for."""
    found: list[str] = []

    def iana(match: re.Match[str]) -> str:
        try:
            found.append(ZoneInfo(match.group(1)).key)
        except (ZoneInfoNotFoundError, ValueError):
            return match.group(0)
        return " "

    def word(match: re.Match[str]) -> str:
        found.append(_HINTS[match.group(1).lower()])
        return " "

    rest = _IANA_PATTERN.sub(iana, text)
    rest = _HINT_PATTERN.sub(word, rest)
    return rest, found


def resolve_timezone(field: str | None, hint: str | None, *, hours_text: object = None) -> ZoneInfo:
    """The agreement's zone: the `timezone` field when present, else the hint in the hours.

    Both present and showing different clocks (no common UTC offset in January or July)
    is a contradiction in the agreement, refused rather than guessed.
    """
    if field is not None and str(field).strip():
        zone = load_zone(field)
        if hint is not None:
            hinted = load_zone(hint)
            if not any(p.astimezone(zone).utcoffset() == p.astimezone(hinted).utcoffset()
                       for p in _PROBES):
                where = f" {hours_text!r}" if hours_text is not None else ""
                raise ScheduleError(
                    f"the business hours{where} name the zone {hint} but the agreement's "
                    f"timezone is {zone.key}; make them agree or drop the zone from the hours"
                )
        return zone
    if hint is not None:
        return load_zone(hint)
    raise ScheduleError(
        "the agreement has no time zone: set timezone (e.g. America/Chicago) or name the "
        "zone in the business hours"
    )
