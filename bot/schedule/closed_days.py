"""Closed days: a country's public holidays (from the `holidays` package) and listed dates.

The spec in an agreement may be absent (a default is taken from the agreement's time
zone), `none`, a list of dates, a country code ("US", "GB-ENG", "US/IL") or a mapping
{country: US, subdivision: IL, dates: ["2026-12-24"]}. Observed days ("Christmas Day
(observed)" on a Friday) are closed like the holiday itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from bot.schedule.errors import ScheduleError, quote

# Time zones whose country (and, where the zone names one place, the subdivision) is plain
# enough to take as the default holiday calendar. Zones shared by many US states
# (New_York, Chicago, Denver, Los_Angeles) get the federal holidays only.
_ZONE_REGION: dict[str, tuple[str, str | None]] = {
    "America/New_York": ("US", None),
    "America/Chicago": ("US", None),
    "America/Denver": ("US", None),
    "America/Los_Angeles": ("US", None),
    "US/Eastern": ("US", None),
    "US/Central": ("US", None),
    "US/Mountain": ("US", None),
    "US/Pacific": ("US", None),
    "America/Phoenix": ("US", "AZ"),
    "US/Arizona": ("US", "AZ"),
    "America/Anchorage": ("US", "AK"),
    "America/Juneau": ("US", "AK"),
    "America/Sitka": ("US", "AK"),
    "America/Nome": ("US", "AK"),
    "America/Yakutat": ("US", "AK"),
    "America/Metlakatla": ("US", "AK"),
    "America/Adak": ("US", "AK"),
    "US/Alaska": ("US", "AK"),
    "Pacific/Honolulu": ("US", "HI"),
    "US/Hawaii": ("US", "HI"),
    "America/Detroit": ("US", "MI"),
    "America/Menominee": ("US", "MI"),
    "US/Michigan": ("US", "MI"),
    "America/Boise": ("US", "ID"),
    "America/Indianapolis": ("US", "IN"),
    "America/Fort_Wayne": ("US", "IN"),
    "America/Louisville": ("US", "KY"),
    "America/Puerto_Rico": ("US", "PR"),
    "America/Toronto": ("CA", "ON"),
    "America/Thunder_Bay": ("CA", "ON"),
    "America/Nipigon": ("CA", "ON"),
    "America/Atikokan": ("CA", "ON"),
    "America/Montreal": ("CA", "QC"),
    "America/Vancouver": ("CA", "BC"),
    "America/Dawson_Creek": ("CA", "BC"),
    "America/Fort_Nelson": ("CA", "BC"),
    "America/Creston": ("CA", "BC"),
    "America/Edmonton": ("CA", "AB"),
    "America/Winnipeg": ("CA", "MB"),
    "America/Regina": ("CA", "SK"),
    "America/Swift_Current": ("CA", "SK"),
    "America/Halifax": ("CA", "NS"),
    "America/Glace_Bay": ("CA", "NS"),
    "America/Moncton": ("CA", "NB"),
    "America/St_Johns": ("CA", "NL"),
    "America/Goose_Bay": ("CA", "NL"),
    "America/Whitehorse": ("CA", "YT"),
    "America/Yellowknife": ("CA", "NT"),
    "America/Iqaluit": ("CA", "NU"),
    "Europe/London": ("GB", "ENG"),
    "Europe/Belfast": ("GB", "NIR"),
    "Europe/Dublin": ("IE", None),
    "Europe/Jersey": ("JE", None),
    "Europe/Guernsey": ("GG", None),
    "Europe/Isle_of_Man": ("IM", None),
    "Australia/Sydney": ("AU", "NSW"),
    "Australia/Broken_Hill": ("AU", "NSW"),
    "Australia/Lord_Howe": ("AU", "NSW"),
    "Australia/Canberra": ("AU", "ACT"),
    "Australia/ACT": ("AU", "ACT"),
    "Australia/Melbourne": ("AU", "VIC"),
    "Australia/Brisbane": ("AU", "QLD"),
    "Australia/Lindeman": ("AU", "QLD"),
    "Australia/Perth": ("AU", "WA"),
    "Australia/Eucla": ("AU", "WA"),
    "Australia/Adelaide": ("AU", "SA"),
    "Australia/Hobart": ("AU", "TAS"),
    "Australia/Darwin": ("AU", "NT"),
    "Pacific/Auckland": ("NZ", None),
    "Pacific/Chatham": ("NZ", "CIT"),
    "Europe/Paris": ("FR", None),
    "Europe/Berlin": ("DE", None),
    "Europe/Madrid": ("ES", None),
    "Europe/Rome": ("IT", None),
    "Europe/Amsterdam": ("NL", None),
    "Europe/Brussels": ("BE", None),
    "Europe/Luxembourg": ("LU", None),
    "Europe/Zurich": ("CH", None),
    "Europe/Vienna": ("AT", None),
    "Europe/Stockholm": ("SE", None),
    "Europe/Oslo": ("NO", None),
    "Europe/Copenhagen": ("DK", None),
    "Europe/Helsinki": ("FI", None),
    "Europe/Lisbon": ("PT", None),
    "Europe/Warsaw": ("PL", None),
    "Europe/Prague": ("CZ", None),
    "Europe/Athens": ("GR", None),
    "Asia/Singapore": ("SG", None),
    "Asia/Hong_Kong": ("HK", None),
    "Asia/Tokyo": ("JP", None),
    "Asia/Kolkata": ("IN", None),
    "Asia/Calcutta": ("IN", None),
    "Asia/Dubai": ("AE", None),
    "Africa/Johannesburg": ("ZA", None),
    "America/Mexico_City": ("MX", None),
    "America/Sao_Paulo": ("BR", None),
}
# Zones named after a state's own subdivision of the tz database.
_ZONE_PREFIX_REGION: dict[str, tuple[str, str]] = {
    "America/Indiana/": ("US", "IN"),
    "America/Kentucky/": ("US", "KY"),
    "America/North_Dakota/": ("US", "ND"),
}

_NONE_WORDS = frozenset({"none", "no", "off", "false", "n/a", "na", "nil"})
FORM_HINT = (
    'expected holidays: none, a list of dates such as ["2026-12-24"], a country code such '
    'as US or GB-ENG, or {country: US, subdivision: IL}'
)


@dataclass(frozen=True)
class Holidays:
    """The days a service desk is closed whatever the weekday: public holidays plus dates."""

    country: str | None = None
    subdivision: str | None = None
    dates: frozenset[date] = frozenset()

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date) or isinstance(day, datetime):
            return False
        if day in self.dates:
            return True
        return self.country is not None and day in _public_days(
            self.country, self.subdivision, day.year)

    def name(self, day: date) -> str | None:
        """What the day is ("Thanksgiving Day"), or None when it is not a closed day."""
        if self.country is not None:
            found = _public_days(self.country, self.subdivision, day.year).get(day)
            if found is not None:
                return found
        return "closed" if day in self.dates else None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.country is not None:
            parts.append(self.country + (f"-{self.subdivision}" if self.subdivision else ""))
        if self.dates:
            parts.append(", ".join(d.isoformat() for d in sorted(self.dates)))
        return "; ".join(parts) or "none"


@lru_cache(maxsize=512)
def _public_days(country: str, subdivision: str | None, year: int) -> Mapping[date, str]:
    import holidays as holiday_data  # ~25 ms: imported when a calendar is first needed
    calendar = holiday_data.country_holidays(country, subdiv=subdivision, years=year)
    return MappingProxyType(dict(calendar.items()))


def _region(country: object, subdivision: object, shown: object) -> tuple[str, str | None]:
    """Check a country and subdivision against the `holidays` package; return their codes."""
    import holidays as holiday_data
    if not isinstance(country, str) or not country.strip():
        raise ScheduleError(f"holidays {quote(shown)}: country must be a code such as US or GB")
    code = country.strip().upper()
    if code == "UK":
        code = "GB"
    if code not in holiday_data.list_supported_countries():
        raise ScheduleError(
            f"holidays {quote(shown)}: no public holidays are known for country {quote(country)}; "
            f"use an ISO 3166 code such as US, GB, CA or AU"
        )
    if subdivision is None:
        return code, None
    if not isinstance(subdivision, str) or not subdivision.strip():
        raise ScheduleError(f"holidays {quote(shown)}: subdivision must be a code such as IL")
    known = _subdivisions(code)
    wanted = subdivision.strip().upper()
    if wanted not in known:
        raise ScheduleError(
            f"holidays {quote(shown)}: {code} has no subdivision {quote(subdivision)}; "
            f"known: {', '.join(sorted(set(known.values())))}"
        )
    return code, known[wanted]


@lru_cache(maxsize=64)
def _subdivisions(code: str) -> Mapping[str, str]:
    """{code or name in upper case: the package's subdivision code} for one country."""
    import holidays as holiday_data
    entity: Any = type(holiday_data.country_holidays(code, years=2026))
    known: dict[str, str] = {s.upper(): s for s in entity.subdivisions}
    known.update({alias.upper(): s for alias, s in entity.subdivisions_aliases.items()})
    return MappingProxyType(known)


def _dates(values: Iterable[object], shown: object) -> frozenset[date]:
    found: set[date] = set()
    for value in values:
        if isinstance(value, datetime):
            raise ScheduleError(f"holidays {quote(shown)}: {value} is a time, not a date")
        if isinstance(value, date):
            found.add(value)
            continue
        if isinstance(value, str):
            try:
                found.add(date.fromisoformat(value.strip()))
                continue
            except ValueError:
                pass
        raise ScheduleError(
            f"holidays {quote(shown)}: {quote(value)} is not a date written as YYYY-MM-DD"
        )
    return frozenset(found)


def default_region(zone_name: str) -> tuple[str, str | None] | None:
    """The (country, subdivision) whose holidays a zone suggests, or None if it is unclear."""
    if zone_name in _ZONE_REGION:
        return _ZONE_REGION[zone_name]
    for prefix, region in _ZONE_PREFIX_REGION.items():
        if zone_name.startswith(prefix):
            return region
    return None


def holiday_calendar(spec: object, tz: tzinfo | str) -> Holidays:
    """The closed days an agreement's `holidays` field describes; ScheduleError if unreadable.

    `spec` None (the field is absent) takes the country of the zone `tz` (America/Chicago:
    US federal holidays; Europe/London: England's bank holidays; Australia/Sydney: New
    South Wales...); a zone with no clear country is refused, because ignoring holidays
    would promise replies on days the desk is shut. An explicit spec always wins, and
    `none` (or an empty list) means no closed days beyond the weekly hours.
    """
    zone_name = tz if isinstance(tz, str) else str(getattr(tz, "key", tz))
    if spec is None:
        region = default_region(zone_name)
        if region is None:
            raise ScheduleError(
                f"no default public holidays for time zone {zone_name}; add holidays: "
                f"{{country: <ISO code>}} or holidays: none to the agreement"
            )
        return Holidays(country=region[0], subdivision=region[1])
    if spec is False:
        return Holidays()
    if isinstance(spec, Holidays):
        return spec
    if isinstance(spec, str):
        text = spec.strip()
        if text.lower() in _NONE_WORDS:
            return Holidays()
        match = re.fullmatch(r"([A-Za-z]{2,3})(?:\s*[-/ ]\s*([A-Za-z0-9 ]+))?", text)
        if match is None:
            raise ScheduleError(f"holidays {quote(spec)}: {FORM_HINT}")
        country, subdivision = _region(match.group(1), match.group(2), spec)
        return Holidays(country=country, subdivision=subdivision)
    if isinstance(spec, Mapping):
        shown = dict(spec)
        aliases = {"subdiv": "subdivision", "state": "subdivision", "region": "subdivision",
                   "province": "subdivision"}
        fields = {aliases.get(str(k), str(k)): v for k, v in spec.items()}
        unknown = set(fields) - {"country", "subdivision", "dates"}
        if unknown or not fields:
            raise ScheduleError(f"holidays {quote(shown)}: {FORM_HINT}")
        extra = fields.get("dates", [])
        if not isinstance(extra, list | tuple):
            raise ScheduleError(f"holidays {quote(shown)}: dates must be a list of YYYY-MM-DD")
        if "country" not in fields:
            if "subdivision" in fields:
                raise ScheduleError(f"holidays {quote(shown)}: a subdivision needs its country")
            return Holidays(dates=_dates(extra, shown))
        country, subdivision = _region(fields["country"], fields.get("subdivision"), shown)
        return Holidays(country=country, subdivision=subdivision, dates=_dates(extra, shown))
    if isinstance(spec, list | tuple | set | frozenset):
        return Holidays(dates=_dates(spec, spec))
    raise ScheduleError(f"holidays {quote(spec)}: {FORM_HINT}")
