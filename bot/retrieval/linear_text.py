"""A linear text classifier over several TF-IDF views, built from scikit-learn parts.

scikit-learn fits the vectorisers and the classifier. Prediction for one short message
does not call scikit-learn: its per-call overhead (validation, sparse matrices built and
stacked) was most of the cost. Instead each view's analyser turns the message into
terms, and the scores are the TF-IDF weights times the matching rows of the coefficient
matrix, which is the same arithmetic as `decision_function` (a test holds them equal).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class _View:
    analyse: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: np.ndarray
    offset: int  # where this view's columns start in the stacked feature matrix
    sublinear: bool


class LinearTextModel:
    def __init__(self, vectorizers: Sequence[Any], classifier: Any) -> None:
        self._vectorizers = list(vectorizers)
        self._classifier = classifier
        self._views: list[_View] = []
        self._weights = np.zeros((0, 0), dtype=np.float32)  # features x classes
        self._bias = np.zeros(0, dtype=np.float32)

    def fit(self, texts: list[str], labels: list[str]) -> LinearTextModel:
        from scipy.sparse import hstack

        blocks = [v.fit_transform(texts) for v in self._vectorizers]
        self._classifier.fit(hstack(blocks).tocsr(), labels)
        offset = 0
        for vectorizer, block in zip(self._vectorizers, blocks, strict=True):
            if vectorizer.norm != "l2" or not vectorizer.use_idf:
                raise ValueError("fast prediction supports l2-normalised TF-IDF views only")
            self._views.append(_View(vectorizer.build_analyzer(), vectorizer.vocabulary_,
                                     vectorizer.idf_.astype(np.float64), offset,
                                     bool(vectorizer.sublinear_tf)))
            offset += block.shape[1]
        coef = np.asarray(self._classifier.coef_, dtype=np.float32)
        self._weights = np.ascontiguousarray(coef.T)
        self._bias = np.asarray(self._classifier.intercept_, dtype=np.float32)
        return self

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self._classifier.classes_]

    def decision_function(self, texts: list[str]) -> np.ndarray:
        """scikit-learn's own scores, for checking `scores` against."""
        from scipy.sparse import hstack

        features = hstack([v.transform(texts) for v in self._vectorizers]).tocsr()
        return np.asarray(self._classifier.decision_function(features), dtype=np.float32)

    def scores(self, text: str) -> np.ndarray:
        """One row of decision scores, one column per class."""
        row = self._bias.astype(np.float64)
        for view in self._views:
            vocabulary = view.vocabulary
            counts = Counter(i for t in view.analyse(text) if (i := vocabulary.get(t)) is not None)
            if not counts:
                continue
            columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter((1 + math.log(c) if view.sublinear else c for c in counts.values()),
                             dtype=np.float64, count=len(counts))
            values = tf * view.idf[columns]
            values /= np.sqrt(values @ values)
            row = row + values @ self._weights[columns + view.offset]
        if row.shape[0] == 1:  # two classes: one margin, positive for the second
            row = np.concatenate([-row, row])
        result: np.ndarray = row.astype(np.float32)
        return result
