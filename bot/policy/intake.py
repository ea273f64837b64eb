"""The intake decision as the bot runs it: urgent needs first, before any retrieval;
then retrieval and the learned intent for everything else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.core.models import Action, Reason
from bot.policy import (
    decide,
    fault_or_emergency,
    learned_emergency,
    urgent_need,
)
from bot.policy.decision import Decision
from bot.policy.intent_model import IntentGuess
from bot.policy.learned import sure_question
from bot.policy.news import acknowledges
from bot.retrieval import Retrieval

NOTHING_RETRIEVED = Retrieval((), 0.0)
# A follow-up is searched on its own words when they cover this much of it by themselves.
OWN_WORDS_CONFIDENCE = 0.5


class KnowledgeView(Protocol):
    async def search(self, query: str, tenant: str | None, k: int = 3) -> Retrieval: ...

    async def intent(self, text: str) -> IntentGuess: ...


@dataclass(frozen=True)
class Assessment:
    decision: Decision
    retrieval: Retrieval
    guess: IntentGuess | None = None


class Intake:
    def __init__(self, knowledge: KnowledgeView) -> None:
        self.knowledge = knowledge

    async def assess(self, text: str, tenant: str | None, query: str | None = None) -> Assessment:
        """`text` is the message itself; `query` what retrieval searches for (a follow-up
        read with its conversation; default the text). Urgency is judged on the message
        alone, so an earlier turn never makes a new message an emergency."""
        urgent = urgent_need(text)
        if urgent is not None and urgent.reason is Reason.EMERGENCY:
            return Assessment(urgent, NOTHING_RETRIEVED)  # never waits for retrieval or an LLM
        guess = await self.knowledge.intent(text)  # a millisecond: before retrieval too
        if acknowledges(text, guess) and not learned_emergency(text, guess):  # "all sorted, thanks"
            return Assessment(Decision(Action.CLARIFY, Reason.NOTED), NOTHING_RETRIEVED, guess)
        if urgent is not None and not sure_question(guess):
            return Assessment(urgent, NOTHING_RETRIEVED, guess)
        early = fault_or_emergency(text, guess)
        if early is not None:
            return Assessment(early, NOTHING_RETRIEVED, guess)
        query = query or text
        retrieval = await self.knowledge.search(query, tenant)
        if query != text:  # a follow-up: its own words may be enough ("and at weekends?")
            alone = await self.knowledge.search(text, tenant)
            if alone.top is not None and alone.confidence >= max(OWN_WORDS_CONFIDENCE,
                                                                 retrieval.confidence):
                return Assessment(decide(text, alone, guess), alone, guess)
        return Assessment(decide(query, retrieval, guess), retrieval, guess)
