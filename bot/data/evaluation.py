"""Evaluation: expected action and topic per question, and the figures that summarise them."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.models import Action, Intent, Reason
from bot.knowledge.topics import TOPICS


class EvalFileError(ValueError):
    pass


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    action: Action
    topic: str | None
    tenant: str | None = None
    intent: str | None = None  # why an escalation escalates (emergency | human | request),
    # or "noted" on a clarify row that is news needing nothing ("all sorted, thanks")
    priority: str | None = None  # the P1-P4 a service desk would give a report
    source: str | None = None  # the public page a real-wording row was modelled on


def load_cases(path: Path, data: bytes | None = None) -> list[Case]:
    """The cases in `path` (or in `data`, that file's bytes when the caller has read them)."""
    cases = []
    try:
        lines = (path.read_bytes() if data is None else data).decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"{path}: cannot read ({exc})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw: Any = json.loads(line)
            case = Case(
                id=str(raw.get("id", number)),
                text=str(raw["text"]),
                action=Action(raw["action"]),
                topic=raw.get("topic"),
                tenant=raw.get("tenant"),
                intent=raw.get("intent"),
                priority=raw.get("priority"),
                source=raw.get("source"),
            )
        except (json.JSONDecodeError, KeyError, ValueError, AttributeError) as exc:
            raise EvalFileError(f"{path}:{number}: bad case ({exc})") from None
        if case.topic is not None and case.topic not in TOPICS:
            raise EvalFileError(f"{path}:{number}: unknown topic '{case.topic}'")
        cases.append(case)
    if not cases:
        raise EvalFileError(f"{path}: no cases")
    return cases


def is_emergency(case: Case) -> bool:
    return case.action is Action.ESCALATE and (
        case.intent == Intent.EMERGENCY or (case.intent is None and case.topic == "emergencies"))


@dataclass
class Report:
    total: int = 0
    action_hits: Counter[str] = field(default_factory=Counter)
    action_totals: Counter[str] = field(default_factory=Counter)
    topic_hits: int = 0
    topic_total: int = 0
    emergencies: int = 0
    emergencies_caught: int = 0  # escalated as an emergency
    answers_escalated: int = 0  # expectation questions that were handed to a person
    confusions: list[str] = field(default_factory=list)

    def add(self, case: Case, action: str, topics: list[str], reason: str = "") -> None:
        self.total += 1
        if is_emergency(case):
            self.emergencies += 1
            if action == Action.ESCALATE and reason == Reason.EMERGENCY:
                self.emergencies_caught += 1
            elif action == Action.ESCALATE:
                self.confusions.append(f"{case.id}: emergency escalated as {reason}: "
                                       f"{case.text[:90]}")
        if case.action is Action.ANSWER and action == Action.ESCALATE:
            self.answers_escalated += 1
        self.action_totals[case.action.value] += 1
        if action == case.action.value:
            self.action_hits[action] += 1
        else:
            self.confusions.append(f"{case.id}: expected {case.action.value}, got {action}: "
                                   f"{case.text[:90]}")
        if case.action is Action.ANSWER and case.topic is not None:
            self.topic_total += 1
            if action == "answer" and topics and topics[0] == case.topic:
                self.topic_hits += 1
            else:
                got = topics[0] if topics else "-"
                self.confusions.append(f"{case.id}: topic {case.topic} -> {got} ({action}): "
                                       f"{case.text[:90]}")

    def recall(self, action: str) -> float:
        total = self.action_totals[action]
        return self.action_hits[action] / total if total else 0.0

    @property
    def topic_accuracy(self) -> float:
        return self.topic_hits / self.topic_total if self.topic_total else 0.0

    @property
    def emergency_recall(self) -> float:
        return self.emergencies_caught / self.emergencies if self.emergencies else 0.0

    @property
    def answers_escalated_share(self) -> float:
        answers = self.action_totals["answer"]
        return self.answers_escalated / answers if answers else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "questions": self.total,
            "topic_accuracy_top1": round(self.topic_accuracy, 4),
            "action_accuracy": {a: round(self.recall(a), 4) for a in sorted(self.action_totals)},
            "action_counts": dict(sorted(self.action_totals.items())),
            "emergencies_caught": round(self.emergency_recall, 4),
            "emergencies": self.emergencies,
            "answers_escalated": round(self.answers_escalated_share, 4),
            "confusions": self.confusions,
        }
