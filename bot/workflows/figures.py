"""The console's figures: what clients asked per day, how much the bot handled alone,
feedback, LLM use, and the slowest answers."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from bot.core.models import Action
from bot.store import Store
from bot.store.records import InteractionRow

NOBODY = "(none)"


@dataclass(frozen=True)
class Share:
    label: str
    answered: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.answered / self.total, 1) if self.total else 0.0


@dataclass
class Figures:
    days: list[str] = field(default_factory=list)
    actions_per_day: dict[str, list[int]] = field(default_factory=dict)  # action -> per day
    by_topic: list[Share] = field(default_factory=list)
    by_client: list[Share] = field(default_factory=list)
    feedback_per_day: dict[str, list[int]] = field(default_factory=dict)
    fallbacks_per_day: list[int] = field(default_factory=list)
    tokens_per_day: list[int] = field(default_factory=list)
    slowest: list[InteractionRow] = field(default_factory=list)
    total: int = 0


def _shares(counts: dict[str, Counter[str]]) -> list[Share]:
    shares = [Share(label, c[Action.ANSWER.value], sum(c.values())) for label, c in counts.items()]
    return sorted(shares, key=lambda s: (-s.total, s.label))


async def figures(store: Store, days: int = 30, today: dt.date | None = None) -> Figures:
    today = today or dt.datetime.now(dt.UTC).date()
    first = today - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
    rows = await store.interactions.rows(since=since)
    votes = await store.interactions.feedback(since)
    topics = {e.id: e.topics[0] for e in await store.knowledge.list_entries()}
    labels = [(first + dt.timedelta(days=n)).isoformat() for n in range(days)]
    slot = {label: n for n, label in enumerate(labels)}
    out = Figures(days=labels, total=len(rows))
    out.actions_per_day = {a.value: [0] * days for a in Action}
    out.feedback_per_day = {"helpful": [0] * days, "not_helpful": [0] * days}
    out.fallbacks_per_day, out.tokens_per_day = [0] * days, [0] * days
    by_topic: dict[str, Counter[str]] = defaultdict(Counter)
    by_client: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        n = slot.get(row.at.astimezone(dt.UTC).date().isoformat())
        if n is None:
            continue
        out.actions_per_day.setdefault(row.action, [0] * days)[n] += 1
        out.tokens_per_day[n] += row.prompt_tokens + row.completion_tokens
        out.fallbacks_per_day[n] += row.fallback is not None
        by_topic[topics.get(row.closest_entry or "", NOBODY)][row.action] += 1
        by_client[row.tenant or "unknown"][row.action] += 1
    for vote in votes:
        n = slot.get(vote.at.astimezone(dt.UTC).date().isoformat())
        if n is not None and vote.value in out.feedback_per_day:
            out.feedback_per_day[vote.value][n] += 1
    out.by_topic, out.by_client = _shares(by_topic), _shares(by_client)
    timed = [r for r in rows if r.duration_ms is not None and r.action == Action.ANSWER.value]
    out.slowest = sorted(timed, key=lambda r: -(r.duration_ms or 0.0))[:10]
    return out
