"""Labelled client messages: loading, the intent each stands for, and their effect."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.data import training
from bot.data.evaluation import EvalFileError
from bot.data.resources import bundled_knowledge
from bot.knowledge.entries import load_directory
from bot.policy.intent_model import IntentModel, curated_examples
from bot.retrieval.topic_model import TopicModel


def _write(folder: Path, rows: list[dict[str, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def test_each_action_maps_to_an_intent(tmp_path: Path) -> None:
    found = training.load_folder(_write(tmp_path / "t", [
        {"text": "why so slow", "action": "answer", "topic": "diagnosis-takes-time"},
        {"text": "poem please", "action": "decline"},
        {"text": "??", "action": "clarify"},
        {"text": "everything is encrypted", "action": "escalate", "topic": "emergencies"},
        {"text": "ring me", "action": "escalate", "intent": "human"},
    ]))
    assert [(x.intent, x.topic) for x in found] == [
        ("question", "diagnosis-takes-time"), ("off_topic", None), ("vague", None),
        ("emergency", None), ("human", None)]


@pytest.mark.parametrize("row", [
    {"text": "reset it", "action": "escalate"},
    {"text": "reset it", "action": "escalate", "intent": "sometimes"},
])
def test_an_escalation_must_say_why(tmp_path: Path, row: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="needs an intent"):
        training.load_folder(_write(tmp_path / "t", [row]))


def test_bad_rows_name_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(EvalFileError, match=r"a\.jsonl:1"):
        training.load_folder(_write(tmp_path / "t", [{"text": "x", "action": "shout"}]))


def test_examples_teach_the_topic_model_new_wording() -> None:
    entries = load_directory(bundled_knowledge())
    message = "zorbly quandle again"  # words no entry uses
    plain = TopicModel(entries)
    taught = TopicModel(entries, [(message, "small-team")] * 5)
    column = taught.column("small-team")
    assert plain.column("small-team") == column
    before = plain.entry_scores(message, np.asarray([column]))[0]
    after = taught.entry_scores(message, np.asarray([column]))[0]
    assert after > before + 0.5


def test_topic_softmax_keeps_the_order_and_sums_to_one() -> None:
    entries = load_directory(bundled_knowledge())
    topics = TopicModel(entries)
    every = np.arange(len(topics.model.classes) if topics.model else 0)
    message = "how fast will someone reply if the server is down"
    raw = topics.entry_scores(message, every)
    sharp = topics.entry_scores(message, every, temperature=0.1)
    soft = topics.entry_scores(message, every, temperature=5.0)
    for probabilities in (sharp, soft):
        assert float(probabilities.sum()) == pytest.approx(1.0, abs=1e-5)
        assert int(np.argmax(probabilities)) == int(np.argmax(raw))
    assert float(sharp.max() - sharp.min()) > float(soft.max() - soft.min())


def test_labelled_messages_teach_the_intent_model() -> None:
    questions = [q for e in load_directory(bundled_knowledge()) for q in e.questions]
    message = "flibber the wozzle on frumday"  # words no curated example uses
    plain = IntentModel(questions, curated_examples())
    taught = IntentModel(questions, curated_examples(),
                         [training.Labelled(message, training.Intent.HUMAN, None)] * 4)
    assert plain.guess(message).intent is not training.Intent.HUMAN
    assert taught.guess(message).intent is training.Intent.HUMAN
