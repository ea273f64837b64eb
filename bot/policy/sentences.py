"""Sentences of a flattened message: which one a match sits in, and what is left once the
what-if sentences are taken out."""

from __future__ import annotations

import re

from bot.policy import patterns as p

SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
# A statement that is itself a habit or a condition ("when the system's down...").
CONDITIONAL = re.compile(r"\b(?:if|when|whenever|once[ ]a|every[ ]time|each[ ]time)\b")


def without_what_ifs(flat: str) -> str | None:
    """What a message says happened before it turns to a what-if: `flat` with its what-if
    sentences blanked out, when it opens with a plain statement ("The whole practice is
    offline right now. How do I reach someone fastest?"); None when the what-if comes
    first or the statement is itself conditional ("when the system's down...")."""
    found = p.HYPOTHETICAL.search(flat)
    if found is None:
        return flat
    before = flat[:sentence_span(flat, found.start())[0]]
    if not before.strip() or CONDITIONAL.search(before):
        return None
    while found is not None:
        start, end = sentence_span(flat, found.start())
        flat = flat[:start] + " " + flat[max(end, found.end()):]
        found = p.HYPOTHETICAL.search(flat)
    return flat


def sentence_span(flat: str, at: int) -> tuple[int, int]:
    """Where the sentence of `flat` that holds position `at` starts and ends (its closing
    punctuation included)."""
    start, end = _bounds(flat, at)
    return start, end.end() if end else len(flat)


def sentence_at(flat: str, at: int) -> str:
    """The sentence of `flat` that holds position `at`, without its closing punctuation."""
    start, end = _bounds(flat, at)
    return flat[start:end.start() if end else len(flat)]


def _bounds(flat: str, at: int) -> tuple[int, re.Match[str] | None]:
    starts = [m.end() for m in SENTENCE_END.finditer(flat, 0, at)]
    return (starts[-1] if starts else 0), SENTENCE_END.search(flat, at)
