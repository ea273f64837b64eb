"""The one exception type of the agreement calendar."""

from __future__ import annotations

from datetime import datetime


class ScheduleError(ValueError):
    """Agreement text or a time that the calendar cannot use; the message names the problem."""


def require_aware(value: datetime, what: str) -> datetime:
    """Return `value` unchanged, or refuse a naive datetime (its wall time names no instant)."""
    if not isinstance(value, datetime):
        raise ScheduleError(f"{what} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ScheduleError(f"{what} {value.isoformat()} has no time zone; pass an aware datetime")
    return value


def quote(text: object) -> str:
    """Quote agreement text for an error message, shortened so one line stays readable."""
    shown = str(text)
    if len(shown) > 120:
        shown = shown[:117] + "..."
    return f'"{shown}"'
