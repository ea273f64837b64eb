"""A learned intent signal next to the wording rules.

A linear classifier is trained on curated example messages per intent
(`intents.yaml`, which staff may extend) plus every alternate question in the knowledge
base as examples of answerable questions. The rules catch the clear cases; the classifier
catches phrasings the rules never saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.core.models import Intent
from bot.data.training import Labelled
from bot.data.yamlfile import safe_load
from bot.retrieval import text as tx
from bot.retrieval.linear_text import LinearTextModel

INTENTS_FILE = Path(__file__).parent / "intents.yaml"
MAX_QUESTIONS = 3000  # knowledge questions used as "question" examples (a fixed sample)


@dataclass(frozen=True)
class IntentGuess:
    intent: Intent
    margin: float  # the winning score minus the runner-up's (0 when there is no model)
    score: float = 0.0  # the winning intent's own score: above 0, the classifier says yes
    runner_up: Intent | None = None


@lru_cache(maxsize=1)
def curated_examples() -> dict[Intent, tuple[str, ...]]:
    if not INTENTS_FILE.exists():
        return {}
    data = safe_load(INTENTS_FILE.read_text(encoding="utf-8")) or {}
    legacy = {"staff_only": Intent.REQUEST.value}
    return {Intent(legacy.get(str(k), str(k))): tuple(str(x) for x in v)
            for k, v in data.items()}


def training_data(questions: Sequence[str], examples: dict[Intent, tuple[str, ...]],
                  labelled: Sequence[Labelled] = ()) -> tuple[list[str], list[str]]:
    """Curated examples per intent, labelled client messages, and the knowledge's
    alternate questions as examples of answerable questions (an even sample of a large
    base)."""
    texts: list[str] = []
    labels: list[str] = []
    for intent, messages in examples.items():
        texts += messages
        labels += [intent.value] * len(messages)
    texts += [x.text for x in labelled]
    labels += [x.intent.value for x in labelled]
    if len(questions) > MAX_QUESTIONS:  # an even, repeatable sample of a large base
        step = len(questions) / MAX_QUESTIONS
        questions = [questions[int(i * step)] for i in range(MAX_QUESTIONS)]
    texts += questions
    labels += [Intent.QUESTION.value] * len(questions)
    return texts, labels


class IntentModel:
    def __init__(self, questions: Sequence[str] = (),
                 examples: dict[Intent, tuple[str, ...]] | None = None,
                 labelled: Sequence[Labelled] = (), *,
                 model: LinearTextModel | None = None) -> None:
        """Trained on `training_data(...)`, unless a trained `model` is given."""
        if model is None:
            model = self.fit(*training_data(questions, examples or {}, labelled))
        self._model = model
        self._classes = [Intent(c) for c in model.classes] if model is not None else []

    @staticmethod
    def fit(texts: list[str], labels: list[str]) -> LinearTextModel | None:
        if len(set(labels)) < 3:
            return None
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        features = [
            TfidfVectorizer(analyzer=tx.words_and_pairs, sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ]
        classifier = LinearSVC(C=1.0, class_weight="balanced", random_state=0)
        return LinearTextModel(features, classifier).fit(texts, labels)

    @property
    def model(self) -> LinearTextModel | None:
        return self._model

    def guess(self, text: str) -> IntentGuess:
        if self._model is None:
            return IntentGuess(Intent.QUESTION, 0.0)
        scores = self._model.scores(text)
        order = np.argsort(-scores)
        first, second = int(order[0]), int(order[1])
        return IntentGuess(self._classes[first], float(scores[first] - scores[second]),
                           float(scores[first]), self._classes[second])

