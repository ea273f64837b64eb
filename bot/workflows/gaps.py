"""Questions the bot could not serve well, grouped by similarity, most frequent first.

A gap is a question that was declined, clarified, answered below the answer threshold,
or answered and then voted "not helpful". Hand-offs to a person are never gaps. Similar
wordings are grouped greedily by the overlap of their content words, so "can you do
weekend work" and "do you work weekends" land together.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from bot.core.models import Action, Reason
from bot.retrieval import text as tx
from bot.store import Store
from bot.store.records import InteractionRow

SIMILAR = 0.5  # share of content words two wordings must have in common to group
_HANDOFF = frozenset(r.value for r in Reason if r.hands_off) | {"staff-only"}
NOT_HELPFUL = "not_helpful"


@dataclass
class GapGroup:
    words: frozenset[str]
    counts: Counter[str] = field(default_factory=Counter)  # by normalised wording
    shown: dict[str, str] = field(default_factory=dict)  # normalised -> as first written
    why: Counter[str] = field(default_factory=Counter)  # declined | clarified | weak | disliked
    closest: Counter[str] = field(default_factory=Counter)
    tenants: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def questions(self) -> list[tuple[str, int]]:
        """Each wording as a client wrote it, most frequent first."""
        return [(self.shown[key], n) for key, n in self.counts.most_common()]

    @property
    def example(self) -> str:
        return self.questions[0][0]

    @property
    def closest_entry(self) -> str | None:
        return self.closest.most_common(1)[0][0] if self.closest else None


def why_weak(row: InteractionRow, low_confidence: float, disliked: bool) -> str | None:
    if row.reason in _HANDOFF:
        return None
    if disliked:
        return "disliked"
    if row.action == Action.DECLINE.value:
        return "declined"
    if row.action == Action.CLARIFY.value:
        return "clarified"
    if row.action == Action.ANSWER.value and row.confidence < low_confidence:
        return "weak"
    return None


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / len(a | b)


def group(rows: list[tuple[InteractionRow, str]]) -> list[GapGroup]:
    groups: list[GapGroup] = []
    for row, why in rows:
        words = frozenset(tx.stem(w) for w in tx.content_words(row.normalized))
        best = max(groups, key=lambda g: _overlap(words, g.words), default=None)
        if best is None or _overlap(words, best.words) < SIMILAR:
            best = GapGroup(words)
            groups.append(best)
        best.counts[row.normalized] += 1
        best.shown.setdefault(row.normalized, row.question.strip())
        best.why[why] += 1
        if row.closest_entry:
            best.closest[row.closest_entry] += 1
        best.tenants[row.tenant or "unknown"] += 1
    return sorted(groups, key=lambda g: (-g.count, g.example))


async def find_gaps(store: Store, low_confidence: float, *, days: int = 90,
                    limit: int = 50) -> list[GapGroup]:
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    disliked = {v.interaction_id for v in await store.interactions.feedback(since)
                if v.value == NOT_HELPFUL}
    weak = []
    for row in await store.interactions.rows(since=since):
        why = why_weak(row, low_confidence, row.id in disliked)
        if why is not None:
            weak.append((row, why))
    return group(weak)[:limit]
