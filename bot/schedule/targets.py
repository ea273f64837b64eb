"""Response targets ("4 business hours", "1 hour, around the clock") and after-hours cover.

A target has an amount, a unit and a basis:
- basis "clock": elapsed real time, every hour counts ("around the clock", "24/7", "24x7",
  "calendar days");
- basis "business": only open time counts ("business hours", "working days").

An unqualified target ("2 hours", "15 min", "1 day") is read on the business basis. Open
time is never more than real time, so that reading never promises a reply earlier than
the agreement could mean; a client who bought clock hours says so ("2 hours, 24/7").

Units: "minutes", "hours", "days" (N business days: the same local clock time on the Nth
following business day) and "end_of_day" (by the close of a business day: 0 is "same
business day", 1 is "next business day"). "Next business day" is read as the end of that
day rather than the same clock time, again the later of the two readings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from bot.schedule.errors import ScheduleError, quote

Unit = Literal["minutes", "hours", "days", "end_of_day"]
Basis = Literal["clock", "business"]

FORM_HINT = (
    'expected a target such as "4 business hours", "1 hour, around the clock", '
    '"30 minutes, 24/7", "1 business day" or "next business day"'
)


@dataclass(frozen=True)
class Target:
    """How soon a technician replies: `amount` `unit`s on the `basis` ("clock" or "business")."""

    amount: int
    unit: Unit
    basis: Basis

    def __post_init__(self) -> None:
        if self.unit not in ("minutes", "hours", "days", "end_of_day"):
            raise ScheduleError(f"unknown target unit {self.unit!r}")
        if self.basis not in ("clock", "business"):
            raise ScheduleError(f"unknown target basis {self.basis!r}; use clock or business")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ScheduleError(f"a target amount must be a whole number, not {self.amount!r}")
        least = 0 if self.unit == "end_of_day" else 1
        if self.amount < least:
            raise ScheduleError(f"a target of {self.amount} {self.unit} cannot set a due time")
        if self.unit == "end_of_day" and self.basis != "business":
            raise ScheduleError("an end-of-business-day target is on the business basis")

    def __str__(self) -> str:
        if self.unit == "end_of_day":
            if self.amount == 0:
                return "same business day"
            if self.amount == 1:
                return "next business day"
            return f"end of the {self.amount}th business day"
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        if self.basis == "business":
            return f"{self.amount} business {unit}"
        return f"{self.amount} {unit}, around the clock"


# --- free text ------------------------------------------------------------------------

_CLOCK = re.compile(
    r"(?:a)?round[- ]the[- ]clock|24\s*[/x×]\s*7(?:\s*[/x×]\s*365)?"
    r"|24 hours a day(?:,? 7 days a week)?"
    r"|7 days a week|day or night|any ?time|wall[- ]clock|clock|calendar|elapsed"
)
_BUSINESS_PHRASE = re.compile(
    r"\(\s*(?:business|working|office) hours\s*\)"
    r"|(?:during|within|in) (?:business|working|office) hours"
    r"|(?:business|working|office) hours only"
)
_BUSINESS = re.compile(r"\b(?:business|working|work)\b")
_END_OF_DAY = re.compile(
    r"\b(?P<which>same|next)\s+(?:business\s+|working\s+)?day\b"
    r"|\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<next>next\s+)?(?:business\s+|working\s+)?day\b"
    r"|\bclose\s+of\s+business\b|\bcob\b|\beod\b"
)
_WORD_AMOUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45, "forty five": 45,
    "sixty": 60, "ninety": 90,
}
_UNIT_FORMS: dict[str, Unit] = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
    "minutes": "minutes", "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours",
    "hours": "hours", "d": "days", "day": "days", "days": "days",
}
_QUANTITY = re.compile(
    r"(?P<amount>half\s+an?|\d+(?:\.\d+)?|"
    + "|".join(sorted((re.escape(w) for w in _WORD_AMOUNTS), key=len, reverse=True))
    + r")\s*-?\s*(?P<unit>minutes|minute|mins|min|hours|hour|hrs|hr|days|day|m|h|d)\b"
)
_FILLER = re.compile(
    r"\b(?:within|in|under|up to|no later than|response|respond|responds|reply|replies|"
    r"initial|target|time|of|the|by|and|a|first|contact|callback|call back)\b|[,;:.()/+-]"
)
_NO_TARGET = re.compile(
    r"^\s*(?:none|n/?a|no target|no sla|best[- ]effort|not covered|-)\s*\.?\s*$"
)
_MINUTES_PER: dict[Unit, int] = {"minutes": 1, "hours": 60, "days": 24 * 60}


def is_no_target(value: object) -> bool:
    """True for target text meaning "no promised time" ("none", "n/a", "best effort")."""
    return value is None or (isinstance(value, str) and bool(_NO_TARGET.match(value.lower())))


def _amount(text: str) -> Fraction:
    text = re.sub(r"\s+", " ", text)
    if text.startswith("half"):
        return Fraction(1, 2)
    if text in _WORD_AMOUNTS:
        return Fraction(_WORD_AMOUNTS[text])
    return Fraction(text)


def _whole(amount: Fraction, unit: Unit, basis: Basis, original: object) -> Target:
    """A Target, moving a fraction of an hour into minutes ("1.5 hours" is 90 minutes)."""
    if amount.denominator == 1:
        return Target(int(amount), unit, basis)
    if unit == "hours" and (amount * 60).denominator == 1:
        return Target(int(amount * 60), "minutes", basis)
    raise ScheduleError(
        f"response target {quote(original)}: {float(amount):g} {unit} is not a whole number "
        f"of {'minutes' if unit == 'hours' else unit}; {FORM_HINT}"
    )


def _parse_text(value: str) -> Target:
    text = value.lower().strip()
    for dash in ("–", "—", "‒", "−"):
        text = text.replace(dash, "-")
    if is_no_target(text):
        raise ScheduleError(f"response target {quote(value)} sets no time; {FORM_HINT}")
    clock = bool(_CLOCK.search(text))
    text = _CLOCK.sub(" ", text)
    business = bool(_BUSINESS_PHRASE.search(text))
    text = _BUSINESS_PHRASE.sub(" ", text)
    business = business or bool(_BUSINESS.search(text))
    text = _BUSINESS.sub(" ", text)
    if clock and business:
        raise ScheduleError(
            f"response target {quote(value)} says both around the clock and business time; "
            f"{FORM_HINT}"
        )
    basis: Basis = "clock" if clock else "business"

    found: list[Target] = []
    end = _END_OF_DAY.search(text)
    if end is not None:
        if clock:
            raise ScheduleError(
                f"response target {quote(value)}: the end of a business day cannot be around "
                f"the clock; {FORM_HINT}"
            )
        following = end.group("which") == "next" or bool(end.group("next"))
        found.append(Target(1 if following else 0, "end_of_day", "business"))
        text = text[: end.start()] + " " + text[end.end():]

    total = Fraction(0)
    units: list[Unit] = []
    for match in _QUANTITY.finditer(text):
        unit = _UNIT_FORMS[match.group("unit")]
        units.append(unit)
        total += _amount(match.group("amount")) * _MINUTES_PER[unit]
    text = _QUANTITY.sub(" ", text)
    leftover = _FILLER.sub(" ", text).split()
    if leftover:
        raise ScheduleError(
            f"response target {quote(value)}: cannot read {quote(' '.join(leftover))}; {FORM_HINT}"
        )
    if units:
        if found:
            raise ScheduleError(
                f"response target {quote(value)} gives both a time and an end of day; {FORM_HINT}"
            )
        if len(units) == 1:
            unit = units[0]
            found.append(_whole(total / _MINUTES_PER[unit], unit, basis, value))
        elif "days" in units or len(set(units)) != len(units):
            raise ScheduleError(
                f"response target {quote(value)}: mixes days with hours or repeats a unit; "
                f"{FORM_HINT}"
            )
        else:  # "1 hour 30 minutes"
            found.append(_whole(total, "minutes", basis, value))
    if not found:
        raise ScheduleError(f"response target {quote(value)} names no time; {FORM_HINT}")
    return found[0]


def _parse_mapping(value: Mapping[str, object]) -> Target:
    shown = dict(value)
    unknown = set(value) - {"amount", "unit", "basis"}
    if unknown or "amount" not in value or "unit" not in value:
        raise ScheduleError(
            f"response target {quote(shown)}: expected the keys amount, unit and basis, e.g. "
            f"{{amount: 4, unit: hours, basis: business}}"
        )
    raw_unit = value["unit"]
    unit_text = str(raw_unit).lower().strip().replace(" ", "_")
    unit: Unit
    if unit_text in _UNIT_FORMS:
        unit = _UNIT_FORMS[unit_text]
    elif unit_text in ("end_of_day", "end_of_business_day", "business_day_end"):
        unit = "end_of_day"
    else:
        raise ScheduleError(
            f"response target {quote(shown)}: unit must be minutes, hours, days or end_of_day"
        )
    raw_basis = value.get("basis", "business")
    if raw_basis not in ("clock", "business"):
        raise ScheduleError(f"response target {quote(shown)}: basis must be clock or business")
    raw_amount = value["amount"]
    if isinstance(raw_amount, bool) or not isinstance(raw_amount, int | float | str):
        raise ScheduleError(f"response target {quote(shown)}: amount must be a number")
    try:
        amount = Fraction(str(raw_amount))
    except ValueError as exc:
        raise ScheduleError(f"response target {quote(shown)}: amount must be a number") from exc
    return _whole(amount, unit, raw_basis, shown)


def parse_target(value: str | Mapping[str, object]) -> Target:
    """Read one response target from agreement text or a mapping; ScheduleError if unreadable."""
    if isinstance(value, Target):
        return value
    try:
        if isinstance(value, Mapping):
            return _parse_mapping(value)
        if isinstance(value, str):
            return _parse_text(value)
    except ScheduleError as exc:
        if str(exc).startswith("response target"):
            raise
        shown = dict(value) if isinstance(value, Mapping) else value
        raise ScheduleError(f"response target {quote(shown)}: {exc}; {FORM_HINT}") from exc
    raise ScheduleError(
        f"response target {value!r} must be text or a mapping, not {type(value).__name__}; "
        f"{FORM_HINT}"
    )


_PRIORITY = re.compile(r"^\s*(?:p|priority\s*)([1-9])\s*$", re.IGNORECASE)


def priority_key(value: object) -> str:
    """Normalise "p1", "P1", "Priority 1" to "P1"; ScheduleError for anything else."""
    match = _PRIORITY.match(str(value)) if isinstance(value, str | int) else None
    if match is None:
        raise ScheduleError(f"{value!r} is not a priority such as P1, P2, P3 or P4")
    return f"P{match.group(1)}"


def parse_response_targets(
    targets: Mapping[str, str | Mapping[str, object] | None],
) -> dict[str, Target]:
    """Read {priority: target}; a priority whose target sets no time ("n/a") is left out."""
    read: dict[str, Target] = {}
    for key, value in targets.items():
        priority = priority_key(key)
        if priority in read:
            raise ScheduleError(f"response targets give {priority} twice")
        if is_no_target(value):
            continue
        assert value is not None
        try:
            read[priority] = parse_target(value)
        except ScheduleError as exc:
            raise ScheduleError(f"{priority}: {exc}") from exc
    return read


# --- after-hours cover ----------------------------------------------------------------

_RANGE = re.compile(r"\bp\s*([1-9])\s*(?:-|to|through|thru)\s*p?\s*([1-9])\b")
_SINGLE = re.compile(r"\bp\s*([1-9])\b")
_PRIORITY_WORDS = re.compile(
    r"\bpriorit(?:y|ies)\s+([1-9](?:\s*(?:,|and|&|or|-|to)\s*[1-9])*)\b"
)
_DOUBTFUL = re.compile(
    r"\b(?:not|except|excluding|excl|no|without|never|next|wait|waits|queued|following|"
    r"morning)\b"
)
_NONE = re.compile(
    r"^\s*(?:none|no|n/?a|nothing|not included|not covered|no cover(?:age)?|"
    r"no after[- ]hours(?: cover(?:age)?| support| service)?|business hours only)\s*\.?\s*$"
)
_ALL = re.compile(r"\ball (?:priorities|tickets|issues|requests|incidents)\b|\beverything\b")
_EMERGENCY = re.compile(r"\bemergenc(?:y|ies)\b")

AFTER_HOURS_HINT = (
    'expected the priorities covered outside business hours, such as "P1 emergencies only", '
    '"P1 and P2, by phone" or "none"'
)


def after_hours_priorities(text: str) -> frozenset[str]:
    """The priorities an agreement covers outside business hours.

    "P1 emergencies only, through the emergency phone line" -> {"P1"}; "P1 and P2, by phone,
    including weekends" -> {"P1", "P2"}; "P1-P3" -> {"P1", "P2", "P3"}; "none" or "no
    after-hours cover" -> empty; "emergencies only" -> {"P1"} (P1 is the emergency level);
    "all priorities" -> P1-P4. Text that also says which priorities are not covered, or
    names none, is refused: counting a priority as covered would promise it earlier.
    """
    if not isinstance(text, str):
        raise ScheduleError(f"after-hours cover {text!r} must be text; {AFTER_HOURS_HINT}")
    normal = text.lower()
    for dash in ("–", "—", "‒", "−"):
        normal = normal.replace(dash, "-")
    if _NONE.match(normal):
        return frozenset()
    found: set[int] = set()
    for match in _RANGE.finditer(normal):
        low, high = sorted((int(match.group(1)), int(match.group(2))))
        found.update(range(low, high + 1))
    for match in _SINGLE.finditer(_RANGE.sub(" ", normal)):
        found.add(int(match.group(1)))
    for match in _PRIORITY_WORDS.finditer(normal):
        numbers = [int(n) for n in re.findall(r"[1-9]", match.group(1))]
        if re.search(r"-|to", match.group(1)) and len(numbers) == 2:
            found.update(range(min(numbers), max(numbers) + 1))
        else:
            found.update(numbers)
    if found or _ALL.search(normal) or _EMERGENCY.search(normal):
        doubt = _DOUBTFUL.search(normal)
        if doubt is not None:
            raise ScheduleError(
                f"after-hours cover {quote(text)}: cannot tell which priorities are covered "
                f"(it says {quote(doubt.group(0))}); {AFTER_HOURS_HINT}"
            )
    if found:
        return frozenset(f"P{n}" for n in found)
    if _ALL.search(normal):
        return frozenset({"P1", "P2", "P3", "P4"})
    if _EMERGENCY.search(normal):
        return frozenset({"P1"})
    raise ScheduleError(f"after-hours cover {quote(text)} names no priorities; {AFTER_HOURS_HINT}")
