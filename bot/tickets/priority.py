"""A provisional priority from the report itself: who is affected (impact) and how badly
(urgency), the way a service desk triages before a person looks.

    impact \\ urgency   blocked   degraded   request
    business              P1        P2         P3
    several               P2        P3         P4
    one person            P3        P3         P4

An emergency is P1 whatever the words. A deadline today or a client waiting ("patients in
the chair") raises a blocked single person to P2. The technician can always change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.core.models import Reason
from bot.policy.patterns.words import OFFICE_THING


class Impact(StrEnum):
    ONE = "one person"
    SEVERAL = "several people"
    BUSINESS = "the whole business"


class Urgency(StrEnum):
    BLOCKED = "blocked"
    DEGRADED = "a workaround or it comes and goes"
    REQUEST = "a request"


@dataclass(frozen=True)
class Assessed:
    priority: str  # P1..P4
    impact: Impact
    urgency: Urgency
    pressing: bool  # a deadline or someone waiting

    def why(self) -> str:
        """ "one person, blocked" ... for the client and for staff."""
        why = f"{self.impact.value}, {self.urgency.value}"
        return why + (", with a deadline" if self.pressing else "")


_BUSINESS = re.compile(
    r"\b(?:every(?:one|body)|no ?(?:one|body)|all of us|whole (?:office|team|practice|company"
    r"|firm|clinic|building|site|business|staff)|entire (?:office|team|practice|company|firm"
    r"|clinic|building|site|business|staff)|all (?:the |our )?(?:staff|users|computers|pcs"
    r"|machines|laptops|screens|tills|phones|printers|offices|sites)|the (?:whole )?office"
    rf"(?! {OFFICE_THING})"
    r"|office[- ]wide|company[- ]wide|every (?:pc|computer|machine|laptop|till|phone|user))\b")
_SEVERAL = re.compile(
    r"\b(?:several|a few|a couple of|few of us|some of (?:us|the)|both|two|three|four|five|\d+ "
    r"(?:of us|people|users|staff|pcs|computers|laptops|machines)|the (?:team|front desk|"
    r"reception|accounts|finance|sales|nurses|hygienists|partners|paralegals|back office)|"
    r"(?:my|our) team|others?|colleagues|we (?:all|both)|we(?:'re| are) (?:all|both)|"
    r"(?:whole|entire|the) (?:department|dept|floor|wing|branch)|all (?:of )?(?:accounts|"
    r"finance|sales|reception))\b")
_ONLY_ME = re.compile(r"\b(?:only me|just me|just mine|only mine|everyone else(?:'s)? (?:is )?"
                      r"fine|others are fine|nobody else)\b")
_BLOCKED = re.compile(
    r"\b(?:(?:nobody|no ?one|none of us)\b[^.]{0,20}\bcan|can ?not|cant|can't|couldn't|couldnt|"
    r"unable|won'?t|will not|doesn'?t|does not|"
    r"isn'?t|not (?:working|loading|opening|starting|printing|connecting|responding|"
    r"turning on|booting)|stopped|dead|down|offline|broken|crash(?:ed|es|ing)|locked out|"
    r"lost|missing|gone|no (?:internet|email|emails|access|signal|sound|power|dial tone)|"
    r"black screen|blue screen|frozen|stuck)\b")
_DEGRADED = re.compile(
    r"\b(?:slow|slowly|sometimes|intermittent\w*|on and off|keeps?|every (?:now|so often|"
    r"morning|time)|occasionally|flicker\w*|glitch\w*|weird|odd|annoying|now and then|"
    r"randomly|workaround|for now|still works|mostly works)\b")
# Asking for work, which outranks the fault words it may contain ("it won't let me install").
_WORK = re.compile(
    r"\b(?:(?:can|could|would) (?:you|someone|somebody|u) (?:please )?(?:install|order|set ?up|"
    r"add|create|give|grant|move|turn (?:off|on)|change|help me (?:move|set|install)|get (?:me|"
    r"him|her|them|us)|make)|(?:please|pls) (?:install|order|set ?up|add|create|give|grant)|"
    r"(?:need|want|could \w+ get|can i (?:borrow|get|have)) (?:a |an |the )?(?:new |spare |"
    r"loan )?(?:account|email account|mailbox|laptop|monitor|screen|keyboard|mouse|headset|"
    r"phone|access|read|write|licen[cs]e)|new (?:starter|hire|joiner|user)|"
    r"(?:starting|starts|joining) (?:on |next )|(?:has |have )?left (?:last|the company|on)|"
    r"wifi password|shared (?:mailbox|one))")
_REQUEST = re.compile(
    r"\b(?:new (?:starter|hire|joiner|user|employee|laptop|pc|computer|monitor|phone|account|"
    r"mailbox)|set ?up|install|order|buy|purchase|add (?:me|him|her|them|a user)|access to|"
    r"permission|leaver|leaving|left the company|offboard|onboard|move (?:my|a|the) desk|"
    r"licen[cs]e|upgrade|could you|can you|please|when you get a chance|no rush|whenever)\b")
_PRESSING = re.compile(
    r"\b(?:urgent\w*|asap|right now|immediately|today|this morning|this afternoon|deadline|"
    r"due (?:today|at|by)|meeting in|in (?:an|one|two|\d+) (?:hour|hours|minutes|mins)|"
    r"clients? (?:waiting|here|arriving)|patients?|customers? (?:waiting|queuing|in the shop)|"
    r"court|completion|payroll|month[- ]end|presentation|time[- ]sensitive|due this|"
    r"(?:client|call|meeting) at \d|before the (?:post|meeting|call|deadline)|"
    r"(?:at|by) \d{1,2}(?::\d\d)? ?(?:am|pm)?\b(?! (?:days|weeks|months)))\b")

_MATRIX = {
    (Impact.BUSINESS, Urgency.BLOCKED): "P1", (Impact.BUSINESS, Urgency.DEGRADED): "P2",
    (Impact.BUSINESS, Urgency.REQUEST): "P3",
    (Impact.SEVERAL, Urgency.BLOCKED): "P2", (Impact.SEVERAL, Urgency.DEGRADED): "P3",
    (Impact.SEVERAL, Urgency.REQUEST): "P4",
    (Impact.ONE, Urgency.BLOCKED): "P3", (Impact.ONE, Urgency.DEGRADED): "P3",
    (Impact.ONE, Urgency.REQUEST): "P4",
}
RANK = ("P1", "P2", "P3", "P4")


def assess(text: str, reason: Reason) -> Assessed:
    flat = " ".join(text.lower().replace("\u2019", "'").split())
    if _ONLY_ME.search(flat):
        impact = Impact.ONE
    elif _BUSINESS.search(flat):
        impact = Impact.BUSINESS
    elif _SEVERAL.search(flat):
        impact = Impact.SEVERAL
    else:
        impact = Impact.ONE
    if _WORK.search(flat) and impact is Impact.ONE:
        urgency = Urgency.REQUEST
    elif _BLOCKED.search(flat):
        urgency = Urgency.BLOCKED
    elif _DEGRADED.search(flat):
        urgency = Urgency.DEGRADED
    elif _REQUEST.search(flat):
        urgency = Urgency.REQUEST
    else:
        urgency = Urgency.DEGRADED  # a report that says neither: someone should look soon
    pressing = bool(_PRESSING.search(flat))
    if reason is Reason.EMERGENCY:
        return Assessed("P1", Impact.BUSINESS if impact is Impact.ONE and
                        urgency is Urgency.BLOCKED else impact, Urgency.BLOCKED, pressing)
    priority = _MATRIX[(impact, urgency)]
    if pressing and urgency is not Urgency.REQUEST and priority == "P3":
        priority = "P2"  # someone is waiting on it, or a deadline falls today
    return Assessed(priority, impact, urgency, pressing)


def raised(priority: str, steps: int = 1) -> str:
    """One step more urgent (P3 -> P2); P1 stays P1."""
    return RANK[max(0, RANK.index(priority) - steps)]


def higher(a: str, b: str) -> str:
    return a if RANK.index(a) <= RANK.index(b) else b
