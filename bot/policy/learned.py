"""The learned intent classifier's verdict, and how clear it must be to stand next to the
wording rules."""

from __future__ import annotations

from bot.core.models import Action, Intent, Reason
from bot.policy import patterns as p
from bot.policy.decision import Decision
from bot.policy.intent_model import IntentGuess

# How far the classifier's winning intent must lead the runner-up before it is trusted
# (the dev sets gave the same results anywhere from 0.3 to 1.0).
INTENT_MARGIN = 0.3
LEANING_MARGIN = 0.0  # below INTENT_MARGIN: a lean towards a person still makes a ticket
# An emergency verdict whose own score is this low (the classifier says no to every
# intent and no to an emergency least) makes a ticket, not a page: "the engineer arrived
# and I let him in". Chosen on the folds as the highest that loses no emergency there.
EMERGENCY_SCORE = -0.2
# A "question" verdict this narrow, with a person's intent second, is a report more
# often than not on the real-wording folds: a ticket, unless the message asks why.
QUESTION_NEAR_REQUEST = 0.2
# A "question" verdict this clear outweighs the wording rules for a report or a request
# ("our vendor pushed a broken release overnight... is that something you chase?"); on
# the folds it halved the answers escalated and cost no emergency (those rules run first).
QUESTION_OVER_RULES = 1.5
SURE_QUESTION_MARGIN = 1.0  # a "question" verdict this clear outweighs missing IT words


def sure_question(guess: IntentGuess | None) -> bool:
    """The classifier is sure enough that this is a question to outweigh the wording
    rules for a report or a request (never those for an emergency)."""
    return guess is not None and guess.intent is Intent.QUESTION and \
        guess.margin >= QUESTION_OVER_RULES


def learned(guess: IntentGuess | None, flat: str) -> Decision | None:
    """The classifier's verdict when it is clear enough (emergencies not in "what if" form)."""
    if guess is None:
        return None
    asks_why = bool(p.ASKS_WHY.search(flat))
    # Leaning towards a person but not clearly, or a narrow "question" verdict with a
    # person's intent second: a ticket (no page), unless the message asks why or how
    # things work.
    wants_person = (Intent.EMERGENCY, Intent.REQUEST, Intent.HUMAN)
    narrow_question = guess.intent is Intent.QUESTION and \
        guess.margin < QUESTION_NEAR_REQUEST and guess.runner_up in wants_person
    leans = guess.margin < INTENT_MARGIN and guess.intent in wants_person and \
        guess.margin >= LEANING_MARGIN
    if (narrow_question or leans) and not (
            asks_why or p.EXPLANATORY.search(flat) or p.HYPOTHETICAL.search(flat)
            or p.SERVICE_QUESTION.search(flat) or p.NOT_A_REPORT.search(flat)
            or p.OFF_TOPIC.search(flat)):
        return Decision(Action.ESCALATE, Reason.REQUEST)
    if guess.margin < INTENT_MARGIN:
        return None
    # A message that asks why is after an explanation, not reporting an incident or
    # asking for work; the wording rules still catch the clear incidents.
    if guess.intent is Intent.EMERGENCY and not (p.HYPOTHETICAL.search(flat) or p.PAST.search(flat)
                                            or asks_why or p.NOT_IT_THING.search(flat)):
        if guess.score < EMERGENCY_SCORE:
            return Decision(Action.ESCALATE, Reason.REQUEST)
        return Decision(Action.ESCALATE, Reason.EMERGENCY)
    if guess.intent is Intent.HUMAN:
        return Decision(Action.ESCALATE, Reason.HUMAN)
    if guess.intent is Intent.REQUEST and not (p.EXPLANATORY.search(flat) or asks_why
                                               or p.SERVICE_QUESTION.search(flat)):
        return Decision(Action.ESCALATE, Reason.REQUEST)
    if guess.intent is Intent.OFF_TOPIC:
        return Decision(Action.DECLINE, Reason.OFF_TOPIC)
    if guess.intent is Intent.VAGUE:
        return Decision(Action.CLARIFY, Reason.VAGUE)
    return None
