"""Gaps grouped by similarity and the console's figures, from recorded replies and votes."""

from __future__ import annotations

import datetime as dt

from bot.service.app import App
from bot.store import ReplyRecord
from bot.workflows.figures import figures
from bot.workflows.gaps import find_gaps


def _reply(question: str, action: str, confidence: float, **extra: object) -> ReplyRecord:
    values: dict[str, object] = {
        "platform": "slack", "tenant": "acme-dental", "user_id": "U1", "question": question,
        "normalized": question.lower().strip("?"), "action": action, "reason": "knowledge",
        "confidence": confidence, "closest_entry": None, "entries_used": [],
        "composer": "curated", "conversation": None, "reply_text": "...",
    }
    values.update(extra)
    return ReplyRecord(**values)  # type: ignore[arg-type]


async def test_gaps_group_similar_wordings_most_frequent_first(app: App) -> None:
    store = app.store
    for question in ("do you do quarterly tune-up visits", "quarterly tune-up visits?",
                     "Do you do quarterly tune-up visits"):
        await store.record_reply(_reply(question, "decline", 0.2))
    await store.record_reply(_reply("what about the coffee machine", "clarify", 0.3))
    liked = await store.record_reply(_reply("how do I reset MFA", "answer", 0.9,
                                            closest_entry="security-friction-mfa"))
    disliked = await store.record_reply(_reply("why is mfa so annoying", "answer", 0.9,
                                               closest_entry="security-friction-mfa"))
    await store.interactions.vote(disliked, "U2", "not_helpful")
    await store.interactions.vote(liked, "U2", "helpful")
    await store.record_reply(_reply("our server is on fire", "escalate", 1.0,
                                    reason="emergency"))  # a hand-off is never a gap
    groups = await find_gaps(store, 0.45)
    assert [(g.count, sorted(g.why)) for g in groups] == [
        (3, ["declined"]), (1, ["clarified"]), (1, ["disliked"])]
    assert len(groups[0].questions) == 2  # two distinct wordings, one group
    assert groups[2].example == "why is mfa so annoying"
    assert groups[2].closest_entry == "security-friction-mfa"


async def test_figures_count_per_day_share_feedback_tokens_and_slowest(app: App) -> None:
    store = app.store
    await store.record_reply(_reply("q1", "answer", 0.9, closest_entry="security-friction-mfa",
                                    duration_ms=120.0, prompt_tokens=100,
                                    completion_tokens=20))
    slow = await store.record_reply(_reply("q2", "answer", 0.9, tenant="brightpath-legal",
                                           closest_entry="security-friction-mfa",
                                           duration_ms=900.0, fallback="timeout"))
    await store.record_reply(_reply("q3", "escalate", 1.0, reason="human", duration_ms=5.0))
    await store.interactions.vote(slow, "U1", "not_helpful")
    found = await figures(store, days=7)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert found.days[-1] == today and len(found.days) == 7
    assert found.actions_per_day["answer"][-1] == 2 and found.actions_per_day["escalate"][-1] == 1
    assert sum(found.actions_per_day["answer"][:-1]) == 0
    assert found.tokens_per_day[-1] == 120 and found.fallbacks_per_day[-1] == 1
    assert found.feedback_per_day["not_helpful"][-1] == 1
    clients = {s.label: (s.answered, s.total) for s in found.by_client}
    assert clients == {"acme-dental": (1, 2), "brightpath-legal": (1, 1)}
    topics = {s.label: s.percent for s in found.by_topic}
    assert topics == {"security-friction": 100.0, "(none)": 0.0}
    assert [r.question for r in found.slowest] == ["q2", "q1"]  # answers only, slowest first
