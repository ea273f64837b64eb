"""Deciding what a message needs: an answer, a person, a polite redirect, or a question back."""

from __future__ import annotations

import re

from bot.core.models import Action, Intent, Reason
from bot.policy import patterns as p
from bot.policy.decision import Decision
from bot.policy.intent_model import IntentGuess
from bot.policy.learned import SURE_QUESTION_MARGIN, learned, sure_question
from bot.policy.sentences import sentence_at, sentence_span, without_what_ifs
from bot.retrieval import Retrieval
from bot.retrieval import text as tx

# Confidence is the share of the question the best entry covers (see retrieval.index).
ANSWER_CONFIDENCE = 0.45  # below this an answer is "low confidence" (shown in `kb gaps`)
OFF_TOPIC_CONFIDENCE = 0.35  # with no IT vocabulary, below this the message is off topic
VAGUE_CONFIDENCE = 0.5  # a one- or two-word message needs at least this to be answered
_CAPITAL_IT = re.compile(r"\bIT\b")


def flatten(text: str) -> str:
    """Normalised text with apostrophes removed, the form the patterns are written for."""
    return tx.normalize(text).replace("'", "")


def not_over(flat: str) -> bool:
    """Nothing dates it to the past ("yesterday", "came back at 3"), or it is still going
    on ("since Monday", "still"); and it does not end by saying all is well again."""
    if p.FIXED_NOW.search(flat):
        return False
    return not p.PAST.search(flat) or bool(p.ONGOING.search(flat))


def is_emergency(flat: str) -> bool:
    """An outage happening now, or a security incident (even one from last night)."""
    flat = p.EMERGENCY_TAG.sub(" ", flat)  # "is that an emergency?" asks about the rest
    # A what-if sentence asks about a kind of moment; the others may still describe this one
    # ("The whole practice is offline right now. How do I reach someone fastest?").
    statement = without_what_ifs(flat)
    if statement is None:
        return False
    flat = statement
    flat = p.NOT_AN_INCIDENT.sub(" ", flat)
    if not p.ONGOING.search(flat):
        flat = p.KIND_OF_INCIDENT.sub(" ", flat)
    if p.NOT_OURS_OR_OVER.search(flat):
        return False
    policy = p.SECURITY_POLICY.search(flat) and not p.HAPPENING_NOW.search(flat)
    if p.SECURITY.search(flat) and not policy:
        return True  # the damage is described: a denial ("I didn't click") changes nothing
    if not (p.NEAR_MISS.search(flat) or p.SELF_CAUSED.search(flat)):
        if p.SECURITY_SIGNS.search(flat):
            return True
        if p.SECURITY_WORDS.search(flat) and not policy:
            return True
    if p.KNOWN_ALREADY.search(flat):  # a complaint about an outage being handled
        return False
    if p.FAULT.search(flat) and p.BUSINESS_WAITING.search(flat):
        return True  # "the practice software won't open... patients in the chairs"
    if not (p.OUTAGE.search(flat) or p.OUTAGE_MORE.search(flat)) or p.ONLY_ONE.search(flat) \
            or p.NOT_IT_THING.search(flat):
        return False
    return not_over(flat)


def reports_fault(flat: str) -> bool:
    """Something named is wrong now, and the message is not asking why, what it costs,
    when it will be fixed, or about the past or a what-if."""
    if not p.FAULT.search(flat):
        return False
    asks = (p.ASKS_WHY, p.EXPLANATORY, p.HYPOTHETICAL, p.ASKS_COVERAGE, p.TIMELINE,
            p.EMERGENCY_TAG, p.NOT_A_REPORT, p.PERSONAL, p.HOME_DEVICE, p.NOT_IT_THING,
            p.SERVICE_QUESTION, p.GENERAL_PRIORITY, p.CLOSING_SERVICE_QUESTION)
    if any(family.search(flat) for family in asks) or not _specific(flat):
        return False
    if p.ASKS_PRIORITY.search(flat) and not p.PERSONAL_STAKE.search(flat):
        return False  # which priority a kind of fault gets, asked in general
    return not_over(flat)


def urgent_need(text: str) -> Decision | None:
    """Needs that never wait for retrieval: emergencies, a person, work only staff can do
    (a fault report or a request for work)."""
    flat = flatten(text)
    if is_emergency(flat):
        return Decision(Action.ESCALATE, Reason.EMERGENCY)
    # "If something serious happens, how do I get a person?" asks about the process; "If a
    # help article could fix this I'd have read it. Can I get a real person" asks for one.
    conditional = bool(p.HYPOTHETICAL.search(flat))
    human = p.HUMAN.search(flat)
    if human and not (conditional and p.HYPOTHETICAL.search(sentence_at(flat, human.start()))):
        return Decision(Action.ESCALATE, Reason.HUMAN)
    work = p.STAFF_ONLY.search(flat)
    # an opening "why"/"how long" asks about the work in its own sentence, not a later one
    # ("why is my laptop so slow today? can someone take a look")
    explains = bool(p.EXPLANATORY.search(flat)) and (
        work is None or sentence_span(flat, work.start())[0] == 0)
    if work and not (explains or conditional or p.ASKS_COVERAGE.search(flat)
                     or p.HOME_DEVICE.search(flat) or p.NOT_IT_THING.search(flat)
                     or p.GENERAL_PRIORITY.search(flat) or _not_ours(flat)
                     or _asks_why_first(flat, work.start())) and _specific(text):
        return Decision(Action.ESCALATE, Reason.REQUEST)
    return None


def _not_ours(flat: str) -> bool:
    """Asked for oneself or the family, or not about IT at all ("a new laptop for my
    daughter for uni", "explain how to add 2/3 and 3/4 for my kid's homework")."""
    personal = p.PERSONAL.search(flat) and not p.WORK_CONTEXT.search(flat)
    return bool(personal or (p.OFF_TOPIC.search(flat) and not p.DOMAIN.search(flat)))


def _asks_why_first(flat: str, work_at: int) -> bool:
    """"I want to know why I have to change my password" asks why about the work; "reset my
    password, why does it keep expiring?", "can you find out why..." and "why is it so
    slow? can someone take a look" ask for it (the why is not in the request's sentence)."""
    start, _ = sentence_span(flat, work_at)
    why = p.ASKS_WHY.search(flat, start)
    return why is not None and why.start() < work_at


def fault_or_emergency(text: str, guess: IntentGuess | None) -> Decision | None:
    """After the wording rules and before retrieval: the learned model's clear emergency
    verdict, then a fault report in so many words (which would otherwise be answered with
    an article)."""
    flat = flatten(text)
    verdict = learned(guess, flat)
    if verdict is not None and verdict.reason is Reason.EMERGENCY:
        return verdict
    if reports_fault(flat) and not sure_question(guess):
        return Decision(Action.ESCALATE, Reason.REQUEST)
    return None


def learned_emergency(text: str, guess: IntentGuess | None) -> bool:
    """The classifier's clear emergency verdict (as `fault_or_emergency` would act on it)."""
    verdict = learned(guess, flatten(text))
    return verdict is not None and verdict.reason is Reason.EMERGENCY


def decide(text: str, retrieval: Retrieval, guess: IntentGuess | None = None) -> Decision:
    """What a message needs once `urgent_need` found nothing urgent in it."""
    flat = flatten(text)
    if p.ASKS_WHAT_BOT_DOES.search(flat):
        return Decision(Action.CLARIFY, Reason.HELP)
    if p.NOT_WORK.search(flat) or (p.PERSONAL.search(flat) and not p.WORK_CONTEXT.search(flat)):
        return Decision(Action.DECLINE, Reason.OFF_TOPIC)
    specific = _specific(text)
    verdict = learned(guess, flat)
    if not specific and (verdict is None or verdict.reason not in (Reason.EMERGENCY, Reason.HUMAN)):
        return Decision(Action.CLARIFY, Reason.VAGUE)
    if verdict is not None:
        return verdict
    on_topic = bool(p.DOMAIN.search(flat) or _CAPITAL_IT.search(text))
    # A question about the service or a what-if ("do you even get voicemails?") is on
    # topic without IT vocabulary, unless the classifier's first or second thought is that
    # it is off topic ("what should we name the office dog?").
    framed = bool(p.SERVICE_QUESTION.search(flat) or p.HYPOTHETICAL.search(flat)) and (
        guess is None or Intent.OFF_TOPIC not in (guess.intent, guess.runner_up))
    leaning = on_topic or framed or bool(p.WEAK_DOMAIN.search(flat))
    if p.OFF_TOPIC.search(flat) and not on_topic:
        return Decision(Action.DECLINE, Reason.OFF_TOPIC)
    # Without IT vocabulary a weak match reads as off topic, unless the classifier is
    # sure this is a client's question ("it keeps nagging me to restart").
    sure_question = guess is not None and guess.intent is Intent.QUESTION and \
        guess.margin >= SURE_QUESTION_MARGIN
    if retrieval.top is None or (not leaning and not sure_question
                                 and retrieval.confidence < OFF_TOPIC_CONFIDENCE):
        # One unknown word ("hmm?") is more likely vague than off topic.
        return Decision(Action.CLARIFY if len(specific) <= 1 else Action.DECLINE, Reason.OFF_TOPIC)
    if len(specific) <= 1 and retrieval.confidence < VAGUE_CONFIDENCE:
        return Decision(Action.CLARIFY, Reason.VAGUE)
    return Decision(Action.ANSWER, Reason.KNOWLEDGE)


def _specific(text: str) -> list[str]:
    """The words that say what the message is about (not "help", "thing", "today")."""
    return [w for w in tx.content_words(text) if w not in p.GENERIC]
