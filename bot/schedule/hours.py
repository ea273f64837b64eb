"""Business hours: a week of local open spans, parsed from agreement text or a mapping.

Free text accepted (case and dash style do not matter; a zone word may appear anywhere):
"Mon-Fri 07:30-18:00 Central", "Monday to Friday, 8am - 6pm", "Mon-Thu 08:00-17:00,
Fri 08:00-16:00", "Mon-Fri 9-5, Sat 9-12", "Mon-Fri 08:00-12:00 and 13:00-17:00",
"weekdays 7.30am to 6pm AEST", "24/7". Each clause names days and one or more spans, in
either order. Times without am/pm follow the usual office reading: in "9-5" the 5 is 17:00.
A reading that could go two ways ("1-5") is refused rather than guessed.

Mappings accepted: {days: [mon, tue, ...], open: "07:30", close: "18:00"} or one key per
day group, {mon-thu: "08:00-17:00", fri: "08:00-16:00", sat: closed}.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time
from itertools import pairwise
from typing import Literal

from bot.schedule.errors import ScheduleError, quote
from bot.schedule.zones import find_zone_hints

MINUTES_PER_DAY = 24 * 60
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

FORM_HINT = (
    'expected days and hours such as "Mon-Fri 08:00-18:00", "Mon-Thu 08:00-17:00, '
    'Fri 08:00-16:00", "Monday to Friday, 8am-6pm" or "24/7"'
)


@dataclass(frozen=True, order=True)
class Span:
    """One local open period within a day, in minutes after local midnight (end 1440 = 24:00)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= MINUTES_PER_DAY:
            raise ScheduleError(
                f"an open span must start before it ends within one day, not "
                f"{_clock(self.start)}-{_clock(self.end)}"
            )

    def __str__(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


@dataclass(frozen=True)
class WeeklyHours:
    """Open spans for each weekday, Monday first; a day with no spans is closed."""

    days: tuple[tuple[Span, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ScheduleError("weekly hours need exactly seven days, Monday first")
        for name, spans in zip(DAY_NAMES, self.days, strict=True):
            for before, after in pairwise(spans):
                if after.start < before.end:
                    raise ScheduleError(
                        f"{name}: spans {before} and {after} overlap or are out of order"
                    )
        if not any(self.days):
            raise ScheduleError("business hours with no open time at all cannot set a due time")

    @classmethod
    def always(cls) -> WeeklyHours:
        """Open every minute of every day (24/7)."""
        return cls(days=((Span(0, MINUTES_PER_DAY),),) * 7)

    @classmethod
    def from_days(cls, spans_by_weekday: Mapping[int, Iterable[Span]]) -> WeeklyHours:
        """Build from {weekday (0 = Monday): spans}; adjacent spans are merged."""
        days: list[tuple[Span, ...]] = []
        for weekday in range(7):
            days.append(_merge(sorted(spans_by_weekday.get(weekday, ()))))
        return cls(days=tuple(days))

    def on(self, weekday: int) -> tuple[Span, ...]:
        """The spans of `weekday` (0 = Monday)."""
        return self.days[weekday]

    def __str__(self) -> str:
        if self == WeeklyHours.always():
            return "24/7"
        parts: list[str] = []
        weekday = 0
        while weekday < 7:
            spans = self.days[weekday]
            last = weekday
            while last + 1 < 7 and self.days[last + 1] == spans:
                last += 1
            if spans:
                days = DAY_NAMES[weekday] if last == weekday else (
                    f"{DAY_NAMES[weekday]}-{DAY_NAMES[last]}")
                parts.append(f"{days} {', '.join(str(s) for s in spans)}")
            weekday = last + 1
        return ", ".join(parts)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].end == span.start:
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)


# --- tokens ---------------------------------------------------------------------------

_DAY_FORMS: dict[str, int] = {}
for _index, _full in enumerate(_FULL_DAY_NAMES):
    for _form in (_full, _full + "s", _full[:3], _full[:3] + "s"):
        _DAY_FORMS[_form] = _index
_DAY_FORMS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_GROUPS: dict[str, tuple[int, ...]] = {
    "weekdays": (0, 1, 2, 3, 4),
    "weekday": (0, 1, 2, 3, 4),
    "working days": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
    "daily": tuple(range(7)),
    "every day": tuple(range(7)),
    "everyday": tuple(range(7)),
    "all week": tuple(range(7)),
    "7 days a week": tuple(range(7)),
    "7 days": tuple(range(7)),
    "seven days a week": tuple(range(7)),
    "seven days": tuple(range(7)),
}

_TOKEN = re.compile(
    r"""
    (?P<always>24\s*[/x×]\s*7(?:\s*[/x×]\s*365)?|(?:a)?round\s+the\s+clock|24\s+hours\s+a\s+day(?:,?\s+7\s+days\s+a\s+week)?)
    |(?P<allday>24\s*(?:hours|hrs|h)\b|all\s+day\b)
    |(?P<holidays>(?:excluding|except|excl\.?|not\s+including)\s+(?:on\s+)?(?:public\s+|bank\s+|national\s+|statutory\s+)?holidays\b)
    |(?P<group>"""
    + "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in sorted(_GROUPS, key=len, reverse=True))
    + r""")\b
    |(?P<military>\d{4})(?!\d)(?!\s*[ap]m)
    |(?P<time>(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*(?P<meridiem>[ap]m)?)(?![\w:.]\d)
    |(?P<noon>noon|midday)\b
    |(?P<midnight>midnight)\b
    |(?P<day>[a-z]+)\.?
    |(?P<range>-|–)
    |(?P<sep>[,;&+/|])
    """,
    re.VERBOSE,
)

_RANGE_WORDS = frozenset({"to", "through", "thru", "until", "till", "til"})
_FILLER_WORDS = frozenset(
    {"from", "on", "open", "opening", "hours", "hrs", "business", "office", "local", "time",
     "at", "only", "the", "are", "is", "our", "core", "standard", "normal", "support"}
)


@dataclass(frozen=True)
class _Clock:
    """A time as written: the hour, the minute, am/pm if given, and how it was written."""

    hour: int
    minute: int
    meridiem: Literal["am", "pm"] | None
    explicit: bool  # 24-hour notation that needs no am/pm reading ("08:00", "17:30", "0730")
    word: Literal["noon", "midnight"] | None = None


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    days: tuple[int, ...] = ()
    clock: _Clock | None = None


def _tokens(text: str, original: object) -> list[_Token]:
    normal = text.lower()
    for dash in ("–", "—", "‒", "−", "~"):
        normal = normal.replace(dash, "-")
    normal = normal.replace("a.m.", "am").replace("p.m.", "pm").replace("(", " ").replace(")", " ")
    found: list[_Token] = []
    position = 0
    while position < len(normal):
        if normal[position].isspace() or normal[position] in ":.":
            position += 1
            continue
        match = _TOKEN.match(normal, position)
        if match is None or match.end() == position:
            raise ScheduleError(
                f"business hours {quote(original)}: cannot read "
                f"{quote(normal[position:].split()[0])}; {FORM_HINT}"
            )
        position = match.end()
        found.append(_classify(match, original))
    return [t for t in found if t.kind != "filler"]


def _classify(match: re.Match[str], original: object) -> _Token:
    kind = match.lastgroup
    text = match.group(0)
    if kind == "always":
        return _Token("always", text)
    if kind == "allday":
        return _Token("allday", text)
    if kind == "holidays":
        return _Token("filler", text)  # holidays are closed days anyway; see calendar.py
    if kind == "group":
        return _Token("days", text, days=_GROUPS[re.sub(r"\s+", " ", text)])
    if kind == "military":
        hour, minute = int(text[:2]), int(text[2:])
        return _Token("time", text, clock=_Clock(hour, minute, None, explicit=True))
    if kind == "time":
        hour_text = match.group("hour")
        minute_text = match.group("minute")
        meridiem = match.group("meridiem")
        hour = int(hour_text)
        explicit = meridiem is None and (
            hour >= 13 or hour == 0 or (len(hour_text) == 2 and hour_text.startswith("0"))
        )
        clock = _Clock(
            hour,
            int(minute_text) if minute_text else 0,
            "am" if meridiem == "am" else "pm" if meridiem == "pm" else None,
            explicit=explicit,
        )
        return _Token("time", text, clock=clock)
    if kind == "noon":
        return _Token("time", text, clock=_Clock(12, 0, "pm", explicit=True, word="noon"))
    if kind == "midnight":
        return _Token("time", text, clock=_Clock(0, 0, None, explicit=True, word="midnight"))
    if kind == "range":
        return _Token("range", text)
    if kind == "sep":
        return _Token("sep", text)
    word = match.group("day")
    if word in _DAY_FORMS:
        return _Token("day", word, days=(_DAY_FORMS[word],))
    if word in _RANGE_WORDS:
        return _Token("range", word)
    if word in ("and", "plus"):
        return _Token("sep", word)
    if word == "between":
        return _Token("between", word)
    if word == "closed":
        return _Token("closed", word)
    if word in _FILLER_WORDS:
        return _Token("filler", word)
    raise ScheduleError(
        f"business hours {quote(original)}: cannot read {quote(word)}; {FORM_HINT}"
    )


# --- times ----------------------------------------------------------------------------


def _minutes(clock: _Clock, role: Literal["open", "close"], original: object) -> int:
    """Minutes after midnight for a time read on its own (am/pm given or 24-hour form)."""
    if clock.word == "midnight":
        return 0 if role == "open" else MINUTES_PER_DAY
    if clock.minute > 59:
        raise ScheduleError(f"business hours {quote(original)}: {clock.minute} is not a minute")
    if clock.meridiem is not None:
        if not 1 <= clock.hour <= 12:
            raise ScheduleError(
                f"business hours {quote(original)}: {clock.hour}{clock.meridiem} is not a time"
            )
        value = (clock.hour % 12) * 60 + clock.minute + (720 if clock.meridiem == "pm" else 0)
        if value == 0 and role == "close":
            return MINUTES_PER_DAY  # "to 12am": to midnight
        return value
    if clock.hour == 24 and clock.minute == 0 and role == "close":
        return MINUTES_PER_DAY
    if clock.hour > 23:
        raise ScheduleError(f"business hours {quote(original)}: {clock.hour} is not an hour")
    return clock.hour * 60 + clock.minute


def _loose(clock: _Clock) -> bool:
    """Written without am/pm in a form that could be either ("9", "5:30")."""
    return clock.meridiem is None and not clock.explicit and clock.word is None


def _span(first: _Clock, second: _Clock, original: object) -> Span:
    """Read "first-second" the way an office would, refusing readings that could go two ways."""
    opens = _minutes(first, "open", original)
    closes = _minutes(second, "close", original)
    if _loose(first) and _loose(second) and 1 <= first.hour <= 6:
        raise ScheduleError(
            f"business hours {quote(original)}: {first.hour}-{second.hour} could be "
            f"morning or afternoon; write 24-hour times such as 13:00-17:00, or am/pm"
        )
    if _loose(first) and second.meridiem is not None:
        # "8-6pm" is 08:00-18:00, "1-5pm" is 13:00-17:00: the later reading still before close
        if opens + 720 < closes:
            opens += 720
    elif _loose(second) and closes <= opens and 1 <= second.hour <= 11:
        closes += 720  # "9-5" and "8am-6" close in the afternoon
    if not opens < closes:
        raise ScheduleError(
            f"business hours {quote(original)}: {_clock(opens)}-{_clock(closes % MINUTES_PER_DAY)} "
            f"does not end after it starts; a span past midnight must be written as two spans, "
            f"e.g. \"Mon 22:00-24:00, Tue 00:00-06:00\""
        )
    return Span(opens, closes)


# --- clauses --------------------------------------------------------------------------

def _items(tokens: list[_Token], original: object) -> list[tuple[str, object]]:
    """Turn tokens into day items (weekday tuples) and span items (Span or None for closed)."""
    items: list[tuple[str, object]] = []
    index = 0

    def at(offset: int) -> _Token | None:
        where = index + offset
        return tokens[where] if where < len(tokens) else None

    while index < len(tokens):
        token = tokens[index]
        after, last = at(1), at(2)
        if token.kind == "sep":
            index += 1
        elif token.kind in ("day", "days"):
            if (token.kind == "day" and after is not None and after.kind == "range"
                    and last is not None and last.kind == "day"):
                first, final = token.days[0], last.days[0]
                count = (final - first) % 7 + 1  # "Sun-Thu" wraps round the week
                items.append(("days", tuple((first + k) % 7 for k in range(count))))
                index += 3
            else:
                items.append(("days", token.days))
                index += 1
        elif token.kind == "between":
            later = at(3)
            if (after is not None and after.kind == "time" and last is not None
                    and last.kind in ("sep", "range") and later is not None
                    and later.kind == "time"):
                assert after.clock is not None and later.clock is not None
                items.append(("spans", _span(after.clock, later.clock, original)))
                index += 4
            else:
                raise ScheduleError(
                    f"business hours {quote(original)}: \"between\" needs two times; {FORM_HINT}"
                )
        elif token.kind == "time":
            if after is None or after.kind != "range" or last is None or last.kind != "time":
                raise ScheduleError(
                    f"business hours {quote(original)}: the time {quote(token.text)} needs an "
                    f"end, as in 08:00-18:00; {FORM_HINT}"
                )
            assert token.clock is not None and last.clock is not None
            items.append(("spans", _span(token.clock, last.clock, original)))
            index += 3
        elif token.kind == "allday":
            items.append(("spans", Span(0, MINUTES_PER_DAY)))
            index += 1
        elif token.kind == "closed":
            items.append(("spans", None))
            index += 1
        elif token.kind == "always":
            raise ScheduleError(
                f"business hours {quote(original)}: \"{token.text}\" must stand alone; {FORM_HINT}"
            )
        else:
            raise ScheduleError(
                f"business hours {quote(original)}: unexpected {quote(token.text)}; {FORM_HINT}"
            )
    return items


def _assemble(items: list[tuple[str, object]], original: object) -> WeeklyHours:
    runs: list[tuple[str, list[object]]] = []
    for kind, value in items:
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(value)
        else:
            runs.append((kind, [value]))
    if not runs or len(runs) % 2:
        raise ScheduleError(
            f"business hours {quote(original)}: every group of days needs its hours; {FORM_HINT}"
        )
    by_day: dict[int, list[Span]] = {}
    for pair in range(0, len(runs), 2):
        first, second = runs[pair], runs[pair + 1]
        days_run, spans_run = (first, second) if first[0] == "days" else (second, first)
        spans = [s for s in spans_run[1] if isinstance(s, Span)]
        if spans and len(spans) != len(spans_run[1]):
            raise ScheduleError(
                f"business hours {quote(original)}: the same days cannot be both open and closed"
            )
        for group in days_run[1]:
            assert isinstance(group, tuple)
            for weekday in group:
                if weekday in by_day:
                    raise ScheduleError(
                        f"business hours {quote(original)}: {_FULL_DAY_NAMES[weekday].title()} "
                        f"is given hours twice"
                    )
                by_day[weekday] = list(spans)
    return _weekly(by_day, original)


def _weekly(by_day: Mapping[int, list[Span]], original: object) -> WeeklyHours:
    for weekday, spans in by_day.items():
        ordered = sorted(spans)
        for before, after in pairwise(ordered):
            if after.start < before.end:
                raise ScheduleError(
                    f"business hours {quote(original)}: on {_FULL_DAY_NAMES[weekday].title()} "
                    f"{before} and {after} overlap"
                )
    if not any(by_day.values()):
        raise ScheduleError(f"business hours {quote(original)}: no open time at all; {FORM_HINT}")
    return WeeklyHours.from_days(by_day)


def _parse_text(text: str, original: object) -> WeeklyHours:
    tokens = _tokens(text, original)
    if any(t.kind == "always" for t in tokens):
        if [t.kind for t in tokens] != ["always"]:
            raise ScheduleError(
                f"business hours {quote(original)}: 24/7 must stand alone; {FORM_HINT}"
            )
        return WeeklyHours.always()
    return _assemble(_items(tokens, original), original)


def _spans_only(text: str, original: object) -> list[Span] | None:
    """A mapping value such as "08:00-12:00, 13:00-17:00" or "closed" (None)."""
    items = _items(_tokens(text, original), original)
    if not items or any(kind != "spans" for kind, _ in items):
        raise ScheduleError(
            f"business hours {quote(original)}: expected times such as \"08:00-17:00\" or "
            f"\"closed\" for a day, not {quote(text)}"
        )
    values = [v for _, v in items]
    if values == [None]:
        return None
    if any(v is None for v in values):
        raise ScheduleError(f"business hours {quote(original)}: {quote(text)} is open and closed")
    return [v for v in values if isinstance(v, Span)]


def _day_key(key: object, original: object) -> tuple[int, ...]:
    if not isinstance(key, str):
        raise ScheduleError(f"business hours {quote(original)}: {key!r} is not a day name")
    items = _items(_tokens(key, original), original)
    if not items or any(kind != "days" for kind, _ in items):
        raise ScheduleError(
            f"business hours {quote(original)}: {quote(key)} is not a day or day range "
            f"such as mon-fri"
        )
    days: list[int] = []
    for _, group in items:
        assert isinstance(group, tuple)
        days.extend(group)
    return tuple(days)


def _time_value(value: object, original: object) -> _Clock:
    if isinstance(value, time):
        return _Clock(value.hour, value.minute, None, explicit=True)
    if isinstance(value, str):
        tokens = _tokens(value, original)
        if len(tokens) == 1 and tokens[0].clock is not None:
            clock = tokens[0].clock
            return _Clock(clock.hour, clock.minute, clock.meridiem, True, clock.word)
    if isinstance(value, int) and not isinstance(value, bool):
        raise ScheduleError(
            f"business hours {quote(original)}: the time {value} was read as a number; "
            f"quote times in YAML, e.g. open: \"07:30\""
        )
    raise ScheduleError(
        f"business hours {quote(original)}: {value!r} is not a time such as \"07:30\""
    )


def _parse_mapping(value: Mapping[str, object]) -> tuple[WeeklyHours, list[str]]:
    hints: list[str] = []
    by_day: dict[int, list[Span]] = {}
    if "days" in value:
        unknown = set(value) - {"days", "open", "close"}
        if unknown or "open" not in value or "close" not in value:
            raise ScheduleError(
                f"business hours {quote(dict(value))}: expected the keys days, open and close, "
                f"e.g. {{days: [mon, tue, wed, thu, fri], open: \"07:30\", close: \"18:00\"}}"
            )
        raw_days = value["days"]
        names = [raw_days] if isinstance(raw_days, str) else raw_days
        if not isinstance(names, list | tuple) or not names:
            raise ScheduleError(
                f"business hours {quote(dict(value))}: days must be a list such as [mon, tue]"
            )
        opens = _minutes(_time_value(value["open"], value), "open", value)
        closes = _minutes(_time_value(value["close"], value), "close", value)
        if not opens < closes:
            raise ScheduleError(
                f"business hours {quote(dict(value))}: close must be after open on the same day"
            )
        span = Span(opens, closes)
        for name in names:
            for weekday in _day_key(name, value):
                if weekday in by_day:
                    raise ScheduleError(
                        f"business hours {quote(dict(value))}: "
                        f"{_FULL_DAY_NAMES[weekday].title()} is listed twice"
                    )
                by_day[weekday] = [span]
        return _weekly(by_day, value), hints
    if not value:
        raise ScheduleError(f"business hours {{}}: no days given; {FORM_HINT}")
    for key, spans_value in value.items():
        texts: list[str]
        if spans_value is None or spans_value is False:
            texts = ["closed"]
        elif isinstance(spans_value, str):
            texts = [spans_value]
        elif isinstance(spans_value, list | tuple) and all(isinstance(s, str) for s in spans_value):
            texts = list(spans_value)
        else:
            raise ScheduleError(
                f"business hours {quote(dict(value))}: the hours for {key} must be text such as "
                f"\"08:00-17:00\", not {spans_value!r}"
            )
        spans: list[Span] = []
        closed = False
        for text in texts:
            rest, found = find_zone_hints(text)
            hints.extend(found)
            read = _spans_only(rest, dict(value))
            if read is None:
                closed = True
            else:
                spans.extend(read)
        if closed and spans:
            raise ScheduleError(f"business hours {quote(dict(value))}: {key} is open and closed")
        for weekday in _day_key(key, dict(value)):
            if weekday in by_day:
                raise ScheduleError(
                    f"business hours {quote(dict(value))}: "
                    f"{_FULL_DAY_NAMES[weekday].title()} is given hours twice"
                )
            by_day[weekday] = spans
    return _weekly(by_day, dict(value)), hints


def parse_business_hours(value: str | Mapping[str, object]) -> tuple[WeeklyHours, str | None]:
    """Read business hours; return them and the IANA zone named in the text, if any.

    The zone hint ("Central" -> America/Chicago, "UK time" -> Europe/London, "ET", "AEST",
    or an IANA name) is for `zones.resolve_timezone`, which lets the agreement's timezone
    field win when the two agree and refuses a conflict. Raises ScheduleError quoting the
    text and the expected form when it cannot be read.
    """
    if isinstance(value, Mapping):
        hours, hints = _parse_mapping(value)
        original: object = dict(value)
    elif isinstance(value, str):
        if not value.strip():
            raise ScheduleError(f"business hours are empty; {FORM_HINT}")
        rest, hints = find_zone_hints(value)
        hours = _parse_text(rest, value)
        original = value
    else:
        raise ScheduleError(
            f"business hours must be text or a mapping, not {type(value).__name__}; {FORM_HINT}"
        )
    distinct = list(dict.fromkeys(hints))
    if len(distinct) > 1:
        raise ScheduleError(
            f"business hours {quote(original)} name more than one time zone: {', '.join(distinct)}"
        )
    return hours, (distinct[0] if distinct else None)
