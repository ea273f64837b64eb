"""The data sets: no evaluation text is in training (also not nearly), and the learned
layer keeps its accuracy on development sets it never trained on (a gate: it fails when
the classifiers or their labelled messages break)."""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.data import training
from bot.data.evaluation import Report, load_cases
from bot.data.resources import bundled_eval, bundled_knowledge, bundled_training
from bot.knowledge.entries import load_directory
from bot.knowledge.live import Snapshot
from bot.policy.intake import Intake

_WORD = re.compile(r"[a-z0-9]+")
NEAR = 0.8  # share of words two texts have in common (Jaccard) to count as the same text


def words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower().replace("'", "")))


def texts(folder: Path) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        found[path.name] = [(str(r.get("id")), str(r["text"])) for r in rows]
    return found


def _same(w: frozenset[str], ow: frozenset[str]) -> bool:
    return w == ow or (len(w | ow) >= 5 and len(w & ow) / len(w | ow) >= NEAR)


def near_duplicates(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[str]:
    """Ids (never texts: one side may be the held-out set) of pairs that are the same
    message up to punctuation, case or a few words.

    Compared through a prefix filter rather than pair by pair: with each text's words in
    one order (rarest first), two sets with Jaccard >= NEAR share a word among the first
    len - ceil(NEAR * len) + 1 of either, so only texts sharing such a word are compared.
    """
    aw = [(rid, words(t)) for rid, t in a]
    bw = [(rid, words(t)) for rid, t in b]
    df: dict[str, int] = {}
    for _, w in itertools.chain(aw, bw):
        for word in w:
            df[word] = df.get(word, 0) + 1

    def prefix(w: frozenset[str]) -> list[str]:
        ordered = sorted(w, key=lambda word: (df[word], word))
        return ordered[:len(w) - math.ceil(NEAR * len(w)) + 1]

    by_word: dict[str, list[int]] = {}
    for i, (_, ow) in enumerate(bw):
        for word in prefix(ow):
            by_word.setdefault(word, []).append(i)
    empty = [i for i, (_, ow) in enumerate(bw) if not ow]
    hits = []
    for rid, w in aw:
        candidates = sorted({i for word in prefix(w) for i in by_word.get(word, ())}) \
            if w else empty
        hits.extend(f"{rid} ~ {bw[i][0]}" for i in candidates if _same(w, bw[i][1]))
    return hits


def test_the_prefix_filter_finds_what_comparing_every_pair_finds() -> None:
    rows = [(r, t) for r, t in itertools.chain.from_iterable(
        texts(bundled_eval()).values())][:300]
    reworded = [(f"x{i}", t.replace(".", "!").upper()) for i, (_, t) in enumerate(rows[::7])]
    shorter = [(f"y{i}", " ".join(t.split()[:-1])) for i, (_, t) in enumerate(rows[::5])]
    a = [*rows[:200], *reworded, *shorter, ("z", ""), ("z2", "ok")]
    b = [*rows[200:], *reworded[:20], *shorter[::2], ("z3", ""), ("z4", "OK!")]
    every_pair = [f"{rid} ~ {oid}" for rid, t in a for oid, ot in b
                  if _same(words(t), words(ot))]
    assert len(every_pair) > 20
    assert near_duplicates(a, b) == every_pair


def test_the_near_duplicate_check_finds_reworded_copies() -> None:
    original = [("e1", "Why isn't my email fixed yet? It's been 4 hours.")]
    assert near_duplicates([("t1", "why isnt my email fixed yet -- its been 4 hours!!")],
                           original)
    assert near_duplicates([("t2", "why isn't my e-mail fixed yet, it's been four hours")],
                           original) == []  # different words: a new message


def test_no_evaluation_text_is_in_training_even_nearly() -> None:
    folder = bundled_training()
    assert folder is not None
    train = list(itertools.chain.from_iterable(texts(folder).values()))
    assert len(train) > 2000
    sets = texts(bundled_eval())
    # every evaluation set, the held-out one and each development set
    assert {"questions.jsonl", "dev4.jsonl", "dev12.jsonl", "real-dev.jsonl"} <= set(sets)
    found = {name: near_duplicates(rows, train) for name, rows in sets.items()}
    assert found == {name: [] for name in sets}


@pytest.fixture(scope="module")
def intake(fitted: Snapshot) -> Intake:
    return Intake(fitted)


async def figures(intake: Intake, path: Path) -> Report:
    report = Report()
    for case in load_cases(path):
        assessed = await intake.assess(case.text, None)
        decision, found = assessed.decision, assessed.retrieval
        topics = list(found.top.topics) if decision.action.value == "answer" and found.top \
            else []
        report.add(case, decision.action.value, topics, decision.reason.value)
    return report


@dataclass(frozen=True)
class Floors:
    """What the production path (rules and learned classifiers) must reach on a set."""

    topic: float  # top-1 topic of the questions it should answer
    escalate: float  # recall of the messages that need a person
    emergencies: float  # recall of emergencies, escalated as such
    answers_escalated: float  # at most this share of answerable questions handed over

    def missed(self, report: Report) -> list[str]:
        checks = {
            "topic accuracy": (report.topic_accuracy, self.topic),
            "escalation recall": (report.recall("escalate"), self.escalate),
            "emergency recall": (report.emergency_recall, self.emergencies),
        }
        missed = [f"{what} {got:.3f} < {floor}" for what, (got, floor) in checks.items()
                  if got < floor]
        if report.answers_escalated_share > self.answers_escalated:
            missed.append(f"answers escalated {report.answers_escalated_share:.3f} > "
                          f"{self.answers_escalated}")
        return missed


# Development sets only, never trained on (eval/questions.jsonl is held out: not here).
GATES = {
    # messages modelled on public sources
    "real-dev.jsonl": Floors(topic=0.65, escalate=0.85, emergencies=0.97,
                             answers_escalated=0.05),
    # written blind in the held-out set's manner
    "dev12.jsonl": Floors(topic=0.85, escalate=0.85, emergencies=0.9, answers_escalated=0.03),
    # written blind: expectation questions that mention a live problem, and look-alikes
    "dev17.jsonl": Floors(topic=0.85, escalate=0.9, emergencies=0.99, answers_escalated=0.03),
    # the everyday expectation questions of the first development round
    "dev4.jsonl": Floors(topic=0.88, escalate=0.95, emergencies=0.99, answers_escalated=0.03),
}


@pytest.mark.parametrize("name", sorted(GATES))
async def test_the_learned_layer_keeps_its_accuracy_on_development_sets(
    intake: Intake, name: str
) -> None:
    report = await figures(intake, bundled_eval() / name)
    assert GATES[name].missed(report) == []


async def test_the_gates_fail_without_the_labelled_messages() -> None:
    """The gates can fail: the same pipeline without its labelled client messages misses
    a floor on every development set."""
    assert training.bundled()  # (the real pipeline has them)
    untrained = Intake(Snapshot.fit(load_directory(bundled_knowledge()), labelled=()))
    for name, floors in GATES.items():
        assert floors.missed(await figures(untrained, bundled_eval() / name)), name
