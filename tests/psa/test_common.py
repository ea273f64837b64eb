"""The shared pieces: Retry-After, status normalisation, keys, timestamps, text limits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.psa.common import one_line, parse_time
from bot.psa.http import parse_retry_after
from bot.psa.status import normalise
from bot.psa.types import InvalidTicketData, NewTicket, Priority, State

NOW = datetime(2026, 3, 15, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("header", "seconds"), [
    ("120", 120.0),
    (" 0 ", 0.0),
    ("1.5", 1.5),
    ("-3", 0.0),
    ("Sun, 15 Mar 2026 12:00:45 GMT", 45.0),
    ("Sun, 15 Mar 2026 11:59:00 GMT", 0.0),  # already past
    ("Sunday, 15-Mar-26 12:01:00 GMT", 60.0),  # RFC 850, still accepted by RFC 9110
    ("soon", None),
    ("", None),
    (None, None),
    ("inf", None),
])
def test_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, NOW) == seconds


@pytest.mark.parametrize(("name", "closed", "state"), [
    ("New", False, State.NEW),
    ("New (not responded)", False, State.NEW),
    ("In Progress", False, State.IN_PROGRESS),
    ("Scheduled", False, State.IN_PROGRESS),
    ("Customer Note Added", False, State.IN_PROGRESS),
    ("Waiting Customer", False, State.WAITING_CLIENT),
    ("Waiting on Client", False, State.WAITING_CLIENT),
    ("With User", False, State.WAITING_CLIENT),
    ("Pending - user reply needed", False, State.WAITING_CLIENT),
    ("Waiting Vendor", False, State.WAITING_THIRD_PARTY),
    ("Waiting Materials", False, State.WAITING_THIRD_PARTY),
    ("With Supplier", False, State.WAITING_THIRD_PARTY),
    ("Parts on order", False, State.WAITING_THIRD_PARTY),
    ("Resolved", False, State.RESOLVED),
    ("Resolved - Awaiting Confirmation", False, State.RESOLVED),
    ("Completed", True, State.CLOSED),
    ("Closed", True, State.CLOSED),
    (">Closed", True, State.CLOSED),
    ("Resolved", True, State.CLOSED),
])
def test_status_names(name: str, closed: bool, state: State) -> None:
    assert normalise(name, closed=closed) is state


def test_status_override_wins_in_any_case() -> None:
    overrides = {"gelöst warten auf kunden": State.RESOLVED}
    assert normalise("Gelöst warten auf Kunden", closed=False, overrides=overrides) \
        is State.RESOLVED
    assert normalise("Gelöst warten auf Kunden", closed=False) is State.IN_PROGRESS


@pytest.mark.parametrize("key", ["", "x" * 51, "-leading", "has space", "quote\"d", "ä"])
def test_unusable_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidTicketData):
        NewTicket(key=key, company_id="250", summary="s", description="d",
                  priority=Priority.P1, requester_name="n")


def test_empty_company_or_summary_is_refused() -> None:
    with pytest.raises(InvalidTicketData, match="company_id"):
        NewTicket(key="k", company_id=" ", summary="s", description="d",
                  priority=Priority.P1, requester_name="n")
    with pytest.raises(InvalidTicketData, match="summary"):
        NewTicket(key="k", company_id="1", summary="", description="d",
                  priority=Priority.P1, requester_name="n")


def test_timestamps() -> None:
    assert parse_time("2022-09-30T08:23:56.4214387Z") == datetime(
        2022, 9, 30, 8, 23, 56, 421438, tzinfo=UTC)
    assert parse_time("2026-03-15T10:00:00") == datetime(2026, 3, 15, 10, tzinfo=UTC)
    assert parse_time("2026-03-15T12:00:00+02:00") == datetime(2026, 3, 15, 10, tzinfo=UTC)
    assert parse_time("0001-01-01T00:00:00") is None
    assert parse_time(None) is None and parse_time("") is None


def test_one_line() -> None:
    assert one_line("a\n b\tc", 10) == "a b c"
    assert one_line("abcdefghij", 5) == "abcd…"
