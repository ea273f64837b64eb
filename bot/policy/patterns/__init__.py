"""Word families that signal what a message needs. Matched on normalised text
(lowercase, apostrophes dropped), so "can't" reads "cant".

These describe kinds of language (an outage of the whole business, a request for a
person, an instruction to do work), not particular questions.

Each family is written in verbose form, one alternative a line, with a comment per group
of alternatives. In verbose form whitespace is ignored, so a space that must be matched
is written `[ ]`, and a literal `#` is written `\\#`.
"""

# The families live in modules by concern; this package is where the intake reads them.
from bot.policy.patterns.framing import (
    ASKS_COVERAGE,
    ASKS_PRIORITY,
    ASKS_WHY,
    CLOSING_SERVICE_QUESTION,
    EMERGENCY_TAG,
    EXPLANATORY,
    GENERAL_PRIORITY,
    HYPOTHETICAL,
    NOT_A_REPORT,
    PERSONAL_STAKE,
    SERVICE_QUESTION,
    TIMELINE,
)
from bot.policy.patterns.incidents import (
    BUSINESS_WAITING,
    FIXED_NOW,
    HAPPENING_NOW,
    KIND_OF_INCIDENT,
    KNOWN_ALREADY,
    NEAR_MISS,
    NOT_AN_INCIDENT,
    NOT_OURS_OR_OVER,
    ONGOING,
    ONLY_ONE,
    OUTAGE,
    OUTAGE_MORE,
    PAST,
    SECURITY,
    SECURITY_POLICY,
    SECURITY_SIGNS,
    SECURITY_WORDS,
    SELF_CAUSED,
)
from bot.policy.patterns.requests import (
    AUTO_REPLY,
    FAULT,
    HUMAN,
    SORTED_NOW,
    STAFF_ONLY,
)
from bot.policy.patterns.scope import (
    ASKS_WHAT_BOT_DOES,
    DOMAIN,
    GENERIC,
    HOME_DEVICE,
    NOT_IT_THING,
    NOT_WORK,
    OFF_TOPIC,
    PERSONAL,
    WEAK_DOMAIN,
    WORK_CONTEXT,
)

__all__ = [
    "ASKS_COVERAGE",
    "ASKS_PRIORITY",
    "ASKS_WHAT_BOT_DOES",
    "ASKS_WHY",
    "AUTO_REPLY",
    "BUSINESS_WAITING",
    "CLOSING_SERVICE_QUESTION",
    "DOMAIN",
    "EMERGENCY_TAG",
    "EXPLANATORY",
    "FAULT",
    "FIXED_NOW",
    "GENERAL_PRIORITY",
    "GENERIC",
    "HAPPENING_NOW",
    "HOME_DEVICE",
    "HUMAN",
    "HYPOTHETICAL",
    "KIND_OF_INCIDENT",
    "KNOWN_ALREADY",
    "NEAR_MISS",
    "NOT_AN_INCIDENT",
    "NOT_A_REPORT",
    "NOT_IT_THING",
    "NOT_OURS_OR_OVER",
    "NOT_WORK",
    "OFF_TOPIC",
    "ONGOING",
    "ONLY_ONE",
    "OUTAGE",
    "OUTAGE_MORE",
    "PAST",
    "PERSONAL",
    "PERSONAL_STAKE",
    "SECURITY",
    "SECURITY_POLICY",
    "SECURITY_SIGNS",
    "SECURITY_WORDS",
    "SELF_CAUSED",
    "SERVICE_QUESTION",
    "SORTED_NOW",
    "STAFF_ONLY",
    "TIMELINE",
    "WEAK_DOMAIN",
    "WORK_CONTEXT",
]
