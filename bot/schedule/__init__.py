"""The agreement calendar: when a technician will reply to a ticket, from the agreement.

Pure code, no I/O. `service_terms(...)` reads an agreement's fields once (and is what an
agreement import should call to refuse unreadable text); `ServiceTerms.due(priority,
received)` gives the due time; `due_for(...)` does both in one call. `describe_due` words
a due time for the client. See `calendar.py` for the semantics of each kind of target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from bot.schedule.calendar import ServiceCalendar, holiday_calendar, response_due
from bot.schedule.closed_days import Holidays
from bot.schedule.describe import describe_due
from bot.schedule.errors import ScheduleError, require_aware
from bot.schedule.hours import Span, WeeklyHours, parse_business_hours
from bot.schedule.targets import (
    Target,
    after_hours_priorities,
    parse_response_targets,
    parse_target,
    priority_key,
)
from bot.schedule.zones import resolve_timezone

__all__ = [
    "Holidays",
    "ScheduleError",
    "ServiceCalendar",
    "ServiceTerms",
    "Span",
    "Target",
    "WeeklyHours",
    "after_hours_priorities",
    "describe_due",
    "due_for",
    "holiday_calendar",
    "parse_business_hours",
    "parse_response_targets",
    "parse_target",
    "resolve_timezone",
    "response_due",
    "service_terms",
]

TargetValue = str | Mapping[str, object] | None
HoursValue = str | Mapping[str, object]


@dataclass(frozen=True)
class ServiceTerms:
    """An agreement's calendar, response targets and after-hours cover, already parsed."""

    calendar: ServiceCalendar
    targets: Mapping[str, Target]
    after_hours: frozenset[str]

    def target(self, priority: str) -> Target | None:
        """The response target for `priority` ("P1".."P4"), or None when there is none."""
        return self.targets.get(priority_key(priority))

    def due(self, priority: str, received: datetime) -> datetime | None:
        """When the reply to a `priority` ticket received at `received` is due, or None."""
        require_aware(received, "the received time")
        key = priority_key(priority)
        target = self.targets.get(key)
        if target is None:
            return None
        return response_due(
            self.calendar, target, received, covered_after_hours=key in self.after_hours
        )


def service_terms(
    *,
    timezone: str | None,
    business_hours: HoursValue,
    after_hours: str,
    response_targets: Mapping[str, TargetValue],
    holidays: object = None,
) -> ServiceTerms:
    """Read an agreement's fields; ScheduleError (quoting the text) when one is unreadable.

    `timezone` is the agreement's IANA zone, or None when it has none (the zone named in
    the business hours is used then). `holidays` None takes the zone's country default.
    """
    hours, hint = parse_business_hours(business_hours)
    zone = resolve_timezone(timezone, hint, hours_text=business_hours)
    closed = holiday_calendar(holidays, zone)
    if not isinstance(response_targets, Mapping):
        raise ScheduleError(
            f"response targets must map priorities to targets, e.g. {{P1: \"1 hour, around "
            f"the clock\"}}, not {response_targets!r}"
        )
    return ServiceTerms(
        calendar=ServiceCalendar(tz=zone, hours=hours, holidays=closed),
        targets=MappingProxyType(parse_response_targets(response_targets)),
        after_hours=after_hours_priorities(after_hours),
    )


def due_for(
    *,
    timezone: str | None,
    business_hours: HoursValue,
    after_hours: str,
    response_targets: Mapping[str, TargetValue],
    holidays: object = None,
    priority: str,
    received: datetime,
) -> datetime | None:
    """The due time of a `priority` ticket received at `received` under these agreement
    fields, in the agreement's zone; None when the agreement sets no target for it."""
    terms = service_terms(
        timezone=timezone,
        business_hours=business_hours,
        after_hours=after_hours,
        response_targets=response_targets,
        holidays=holidays,
    )
    return terms.due(priority, received)
