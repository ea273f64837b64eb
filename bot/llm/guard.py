"""The guard: an LLM answer is only shown when it is grounded and promises nothing the
client's agreement does not.

Rejected: an answer that cites no retrieved entry, cites a number it was not given, or
asserts a fix time, an uptime percentage, a guarantee or an outcome (or a response time
that is not in the agreement). Assertions are found per clause; a clause that negates
or questions them ("nobody can honestly guarantee a fix time") is not a promise. The
check errs on the side of rejecting: a rejected answer falls back to the curated one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.tenants.agreement import Tenant

CITATION = re.compile(r"\[\s*(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*\]")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty four": 24,
    "twenty-four": 24, "forty eight": 48, "forty-eight": 48, "half an": 0.5,
}
_UNITS = {"minute": "minute", "min": "minute", "mins": "minute", "hour": "hour", "hr": "hour",
          "hrs": "hour", "day": "day", "week": "week"}
_NUM = r"(?:\d+(?:\.\d+)?|half an|an|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|" \
       r"twenty[ -]four|forty[ -]eight)"
DURATION = re.compile(
    rf"\b(?P<n>{_NUM})[\s-]*(?:(?:business|working|calendar)\s+)?"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?)\b"
)
PERCENT = re.compile(r"\b(?P<p>\d{2,3}(?:\.\d+)?)\s*(?:%|percent\b)")
RESOLUTION = re.compile(
    r"\b(fix|fixed|fixes|fixing|resolv\w*|resolution|restor\w*|repair\w*|solv\w*|sorted|"
    r"turnaround|working again|back online|back up|up and running|back to normal)\b"
)
RESPONSE = re.compile(
    r"\b(respon\w*|repl(?:y|ies)|get back to you|pick\w* (?:it )?up|start\w* work\w*|"
    r"look(?:ing)? at it|on it|call you back|contact you|acknowledg\w*)\b"
)
GUARANTEE = re.compile(
    r"\b(guarantee[sd]?|guaranteeing|we promise|i promise|promise (?:you|that)|"
    r"you have my word|will definitely|will certainly|100% (?:sure|certain))\b"
)
OUTCOME = re.compile(
    r"\b(?:will|'ll|is going to|are going to)\s+(?:definitely |certainly |surely )?"
    r"(?:be |get )?(fixed|resolved|restored|repaired|sorted|solved|working again|back up)\b"
)
UPTIME = re.compile(r"\b(uptime|up time|availability|available|online|up)\b")
# Words that make a clause not an assertion of a promise.
NEGATION = re.compile(
    r"\b(no|not|never|cannot|can't|can not|won't|wouldn't|don't|doesn't|didn't|isn't|aren't|"
    r"nobody|no one|nothing|without|neither|nor|if|unless|whether|why|would|could|might|may|"
    r"only works|instead of|want|wants|wanting|wanted|ask for|asking for|asked for)\b"
)
THIRD_PARTY = re.compile(
    r"\b(phone|cable|internet|mobile|utility|power|electric)\s+(company|companies|provider|"
    r"providers|line)|\bisps?\b|\butilities\b|\bmicrosoft\b|\bgoogle\b"
)
HEDGE = re.compile(r"\b(only works|only possible|would be a guess|is a guess)\b")
# Clause boundaries; a full stop inside a number ("99.9%") is not one.
_CLAUSES = re.compile(
    r"[.!?;:,]+(?=\s|$)|[!?;\n]+|\s[-–—]\s|\bbut\b|\bhowever\b|\balthough\b"
)


@dataclass(frozen=True)
class Claim:
    kind: str  # resolution | response | guarantee | uptime | outcome
    value: str  # "1 hour", "99.9%", or "" when the claim has no number
    phrase: str


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str  # "" when ok
    cited: tuple[int, ...]  # the 1-based entry numbers cited, in order of first use
    text: str  # the answer with its markers renumbered to follow `cited`


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text)


def _duration(match: re.Match[str]) -> str:
    raw = match.group("n").replace("-", " ")
    number = _NUMBER_WORDS.get(raw)
    value = float(raw) if number is None else float(number)
    unit = _UNITS.get(match.group("unit").rstrip("s"), match.group("unit").rstrip("s"))
    if unit == "minute" and value % 60 == 0:
        value, unit = value / 60, "hour"
    return f"{value:g} {unit}"


def _asserted(clause: str, trigger_start: int) -> bool:
    """False when a negation comes before the promise word in its clause, or it is hedged."""
    if HEDGE.search(clause):
        return False
    return NEGATION.search(clause, 0, max(trigger_start, 0)) is None


def claims(text: str) -> list[Claim]:
    """Promises asserted in `text`: fix times, guarantees, uptime, outcomes, response times."""
    found: list[Claim] = []
    for clause in _CLAUSES.split(_normalise(text)):
        clause = clause.strip()
        if not clause:
            continue
        durations = [_duration(m) for m in DURATION.finditer(clause)]
        third_party = THIRD_PARTY.search(clause) is not None
        timed = False
        for pattern, kind in ((RESOLUTION, "resolution"), (RESPONSE, "response")):
            trigger = pattern.search(clause)
            if trigger and durations and _asserted(clause, trigger.start()):
                found.extend(Claim(kind, value, clause[:120]) for value in durations)
                timed = kind == "resolution"
                break  # a clause about a fix time is not also a response claim
        guarantee = GUARANTEE.search(clause)
        if guarantee and not third_party and _asserted(clause, guarantee.start()):
            found.append(Claim("guarantee", "", clause[:120]))
        outcome = OUTCOME.search(clause)
        if outcome and not timed and _asserted(clause, outcome.start()):
            found.append(Claim("outcome", "", clause[:120]))
        for m in PERCENT.finditer(clause):
            if float(m.group("p")) >= 90 and UPTIME.search(clause) and not third_party \
                    and _asserted(clause, m.start()):
                found.append(Claim("uptime", f"{float(m.group('p')):g}%", clause[:120]))
    return found


def agreement_claims(tenant: Tenant | None) -> set[tuple[str, str]]:
    """What the agreement itself promises: its response targets, and anything it states."""
    if tenant is None:
        return set()
    allowed = {("response", _duration(m))
               for target in tenant.response_targets.values()
               for m in DURATION.finditer(_normalise(target))}
    text = ". ".join([tenant.coverage.business_hours, tenant.coverage.after_hours,
                      *tenant.included, *tenant.response_targets.values()])
    allowed |= {(c.kind, c.value) for c in claims(text)}
    return allowed


def renumber(text: str, cited: tuple[int, ...]) -> str:
    order = {n: i + 1 for i, n in enumerate(cited)}

    def replace(match: re.Match[str]) -> str:
        numbers = [order[int(n)] for n in match.group(1).split(",")]
        return "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    return CITATION.sub(replace, text)


def check(text: str, given: int, tenant: Tenant | None) -> Verdict:
    """Judge an answer written from `given` numbered entries for `tenant`."""
    numbers = [int(n) for m in CITATION.finditer(text) for n in m.group(1).split(",")]
    cited = tuple(dict.fromkeys(numbers))
    if not text.strip():
        return Verdict(False, "empty answer", (), text)
    if not cited:
        return Verdict(False, "cites no retrieved entry", (), text)
    unknown = [n for n in cited if not 1 <= n <= given]
    if unknown:
        return Verdict(False, f"cites entries it was not given: {unknown}", cited, text)
    allowed = agreement_claims(tenant)
    for claim in claims(CITATION.sub(" ", text)):
        if (claim.kind, claim.value) not in allowed:
            what = f"{claim.kind} {claim.value}".strip()
            return Verdict(False, f"promise not in the agreement ({what}): {claim.phrase!r}",
                           cited, text)
    return Verdict(True, "", cited, renumber(text, cited).strip())
