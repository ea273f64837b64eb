"""Labelled client messages that teach the two classifiers what clients actually write.

Curated knowledge questions are tidy; real messages ramble, complain and misspell.
`training/*.jsonl` holds client messages in the evaluation format (text, expected action,
topic), each optionally with the intent behind an escalation. The topic re-ranker learns
from the answerable ones, the intent classifier from all of them. The held-out
evaluation set is never among them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.core.models import Action, Intent
from bot.data.evaluation import Case, load_cases
from bot.data.resources import bundled_training

# The intent each action stands for; an escalation names its own (emergency by default
# when its topic is emergencies, otherwise it must say).
_INTENT_OF_ACTION = {Action.ANSWER: Intent.QUESTION, Action.DECLINE: Intent.OFF_TOPIC,
                     Action.CLARIFY: Intent.VAGUE}
_ESCALATION_INTENTS = {"emergency": Intent.EMERGENCY, "human": Intent.HUMAN,
                       "request": Intent.REQUEST, "staff_only": Intent.REQUEST}  # +old name


@dataclass(frozen=True)
class Labelled:
    text: str
    intent: Intent
    topic: str | None  # set for answerable messages only
    real: bool = False  # modelled on a real client message (the row names its source)


def intent_of(case: Case) -> Intent:
    if case.action is Action.CLARIFY and case.intent == Intent.NOTED:
        return Intent.NOTED  # news to acknowledge, not a message too vague to act on
    if case.action is not Action.ESCALATE:
        return _INTENT_OF_ACTION[case.action]
    if case.intent in _ESCALATION_INTENTS:
        return _ESCALATION_INTENTS[case.intent]
    if case.intent is None and case.topic == "emergencies":
        return Intent.EMERGENCY
    raise ValueError(f"{case.id}: an escalation needs an intent, one of "
                     "emergency, human, request")


def labelled(cases: Iterable[Case]) -> list[Labelled]:
    return [Labelled(c.text, intent_of(c), c.topic if c.action is Action.ANSWER else None,
                     c.source is not None) for c in cases]


def load_folder(folder: Path) -> tuple[Labelled, ...]:
    return _parse(_read(folder))


def _read(folder: Path) -> tuple[tuple[Path, bytes], ...]:
    return tuple((path, path.read_bytes()) for path in sorted(folder.glob("*.jsonl")))


def _parse(files: Iterable[tuple[Path, bytes]]) -> tuple[Labelled, ...]:
    found: list[Labelled] = []
    for path, data in files:
        found += labelled(load_cases(path, data))
    return tuple(found)


@lru_cache(maxsize=1)
def _bundled_files() -> tuple[tuple[Path, bytes], ...]:
    folder = bundled_training()
    return _read(folder) if folder is not None else ()


def bundled_source() -> list[str | bytes]:
    """The bundled files' names and bytes: what `bundled()` is read from, so a key over
    them changes whenever it would (and computing one parses nothing)."""
    return [part for path, data in _bundled_files() for part in (path.name, data)]


@lru_cache(maxsize=1)
def bundled() -> tuple[Labelled, ...]:
    return _parse(_bundled_files())
