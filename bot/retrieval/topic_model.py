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
from bot.retrieval.linear_text import AveragedClassifier, LinearTextModel

MAX_CHAR_FEATURES = 200_000
MAX_WORD_FEATURES = 200_000  # plain word pairs grow fastest with a large base
# Real client wording is a few hundred rows among thousands of tidy questions; a second
# classifier fitted on it alone, added at this weight, lets it count (chosen on the
# leave-one-file-out folds: it helps real wording and costs the older kind a little).
SPECIALIST_WEIGHT = 0.3
# SGD fits averaged into each classifier. With one, changing its seed moved topic accuracy
# on the development sets by up to 2 points, and two seeds disagreed on whether about 16
# of their rows got the right topic; with five, about 9, and the folds and real-dev gained
# a little. Answering costs the same. Fitting costs SEEDS times as much, which a large base
# cannot afford (10,000 entries: 46 s cold became 152 s), and where the texts are that many
# one seed's order of the rows matters less: above AVERAGE_UP_TO texts one fit is made.
SEEDS = 5
AVERAGE_UP_TO = 20_000


def training_data(entries: Sequence[Entry], examples: Sequence[tuple[str, str]] = (),
                  real: Sequence[tuple[str, str]] = ()) -> tuple[list[str], list[str],
                                                              list[bool]]:
    """Each entry's title and questions (labelled with its primary topic) plus
    `examples` and `real`, (message, topic) pairs of client wording (`real`: modelled on
    real client messages); with each text, whether it is real wording."""
    texts: list[str] = []
    labels: list[str] = []
    for entry in entries:
        for text in (entry.title, *entry.questions):
            texts.append(text)
            labels.append(entry.topics[0])
    known = set(labels)
    flags = [False] * len(texts)
    for pairs, is_real in ((examples, False), (real, True)):
        for text, topic in pairs:
            if topic in known:  # a topic no entry has would only pull scores away
                texts.append(text)
                labels.append(topic)
                flags.append(is_real)
    return texts, labels, flags


class TopicModel:
    def __init__(self, entries: Sequence[Entry] = (),
                 examples: Sequence[tuple[str, str]] = (), *,
                 real: Sequence[tuple[str, str]] = (),
                 model: LinearTextModel | None = None) -> None:
        """Trained on `training_data(entries, examples, real)`, unless a trained `model`
        is given."""
        self._model = model if model is not None else self.fit(
            *training_data(entries, examples, real))
        self._column = {c: i for i, c in enumerate(self._model.classes)} if self._model else {}

    @staticmethod
    def fit(texts: list[str], labels: list[str],
            real: Sequence[bool] = ()) -> LinearTextModel | None:
        """One linear SVM on everything, plus SPECIALIST_WEIGHT times one fitted on the
        real wording alone (when there is some, in two topics or more)."""
        if len(set(labels)) < 2:
            return None  # nothing to tell apart
        # scikit-learn loads only when a model is trained, not to answer from a saved one.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier

        features = [
            TfidfVectorizer(analyzer=tx.terms_and_pairs, sublinear_tf=True),
            TfidfVectorizer(analyzer=tx.words_and_pairs, sublinear_tf=True,
                            max_features=MAX_WORD_FEATURES),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                            max_features=MAX_CHAR_FEATURES),
        ]
        # A linear SVM fitted by SGD with a fixed number of passes: as accurate here as
        # liblinear's, and it trains 10,000 entries in under a minute instead of several.
        # The mean of SEEDS such fits over the same features, so one seed's order of the
        # rows does not move the scores.
        def sgd(seed: int) -> SGDClassifier:
            return SGDClassifier(loss="hinge", alpha=1e-4, max_iter=20, tol=None,
                                 random_state=seed)

        seeds = range(SEEDS if len(texts) <= AVERAGE_UP_TO else 1)

        def classifier() -> AveragedClassifier:
            return AveragedClassifier(sgd, seeds)

        model = LinearTextModel(features, classifier()).fit(texts, labels)
        picked = [i for i, flag in enumerate(real) if flag]
        if SPECIALIST_WEIGHT and len({labels[i] for i in picked}) >= 2:
            model.add_specialist(classifier(), [texts[i] for i in picked],
                                 [labels[i] for i in picked], SPECIALIST_WEIGHT)
        return model

    @property
    def model(self) -> LinearTextModel | None:
        return self._model

    def entry_scores(self, query: str, primary_topics: np.ndarray,
                     temperature: float = 0.0) -> np.ndarray:
        """The classifier's score for each entry's primary topic (0 without a model);
        with a `temperature`, the topics' softmax at it (probabilities summing to 1),
        which spreads the scores where the classifier is sure and flattens them where
        it hesitates."""
        if self._model is None:
            return np.zeros(len(primary_topics), dtype=np.float32)
        scores = self._model.scores(query)
        if temperature > 0:
            scaled = np.exp((scores - scores.max()) / temperature)
            scores = (scaled / scaled.sum()).astype(np.float32)
        picked: np.ndarray = scores[primary_topics]
        return picked

    def column(self, topic: str) -> int:
        return self._column.get(topic, -1)
