"""A learned topic signal: a linear classifier trained on the curated alternate questions.

BM25 weighs a word by its rarity; the classifier learns which words tell topics apart
("queue" leans towards triage, "drive" towards on-site visits) from the questions staff
wrote, and its per-topic score re-ranks the retrieved entries. Trained when the index is
built, so it always reflects the current knowledge.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.knowledge.entries import Entry
from bot.retrieval import text as tx
from bot.retrieval.linear_text import LinearTextModel

MAX_CHAR_FEATURES = 200_000


def training_data(entries: Sequence[Entry],
                  examples: Sequence[tuple[str, str]] = ()) -> tuple[list[str], list[str]]:
    """Each entry's title and questions (labelled with its primary topic) plus
    `examples`, (message, topic) pairs of real client wording."""
    texts: list[str] = []
    labels: list[str] = []
    for entry in entries:
        for text in (entry.title, *entry.questions):
            texts.append(text)
            labels.append(entry.topics[0])
    known = set(labels)
    for text, topic in examples:
        if topic in known:  # a topic no entry has would only pull scores away
            texts.append(text)
            labels.append(topic)
    return texts, labels


class TopicModel:
    def __init__(self, entries: Sequence[Entry] = (),
                 examples: Sequence[tuple[str, str]] = (), *,
                 model: LinearTextModel | None = None) -> None:
        """Trained on `training_data(entries, examples)`, unless a trained `model` is given."""
        self._model = model if model is not None else self.fit(*training_data(entries, examples))
        self._column = {c: i for i, c in enumerate(self._model.classes)} if self._model else {}

    @staticmethod
    def fit(texts: list[str], labels: list[str]) -> LinearTextModel | None:
        if len(set(labels)) < 2:
            return None  # nothing to tell apart
        # scikit-learn loads only when a model is trained, not to answer from a saved one.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier

        features = [
            TfidfVectorizer(analyzer=tx.terms_and_pairs, sublinear_tf=True),
            TfidfVectorizer(analyzer=tx.words_and_pairs, sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                            max_features=MAX_CHAR_FEATURES),
        ]
        # A linear SVM fitted by SGD with a fixed number of passes: as accurate here as
        # liblinear's, and it trains 10,000 entries in under a minute instead of several.
        classifier = SGDClassifier(loss="hinge", alpha=1e-4, max_iter=20, tol=None,
                                   random_state=0)
        return LinearTextModel(features, classifier).fit(texts, labels)

    @property
    def model(self) -> LinearTextModel | None:
        return self._model

    def entry_scores(self, query: str, primary_topics: np.ndarray) -> np.ndarray:
        """The classifier's score for each entry's primary topic (0 without a model)."""
        if self._model is None:
            return np.zeros(len(primary_topics), dtype=np.float32)
        picked: np.ndarray = self._model.scores(query)[primary_topics]
        return picked

    def column(self, topic: str) -> int:
        return self._column.get(topic, -1)
