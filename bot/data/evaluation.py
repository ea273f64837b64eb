"""Evaluation: expected action and topic per question, and the figures that summarise them."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.core.models import Action
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
    intent: str | None = None  # why an escalation escalates (training data only)


def load_cases(path: Path) -> list[Case]:
    cases = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
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
            )
        except (json.JSONDecodeError, KeyError, ValueError, AttributeError) as exc:
            raise EvalFileError(f"{path}:{number}: bad case ({exc})") from None
        if case.topic is not None and case.topic not in TOPICS:
            raise EvalFileError(f"{path}:{number}: unknown topic '{case.topic}'")
        cases.append(case)
    if not cases:
        raise EvalFileError(f"{path}: no cases")
    return cases


@dataclass
class Report:
    total: int = 0
    action_hits: Counter[str] = field(default_factory=Counter)
    action_totals: Counter[str] = field(default_factory=Counter)
    topic_hits: int = 0
    topic_total: int = 0
    confusions: list[str] = field(default_factory=list)

    def add(self, case: Case, action: str, topics: list[str]) -> None:
        self.total += 1
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "questions": self.total,
            "topic_accuracy_top1": round(self.topic_accuracy, 4),
            "action_accuracy": {a: round(self.recall(a), 4) for a in sorted(self.action_totals)},
            "action_counts": dict(sorted(self.action_totals.items())),
            "confusions": self.confusions,
        }
