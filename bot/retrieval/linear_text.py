"""A linear text classifier over several TF-IDF views, built from scikit-learn parts.

scikit-learn fits the vectorisers and the classifier. Prediction for one short message
does not call scikit-learn: its per-call overhead (validation, sparse matrices built and
stacked) was most of the cost. Instead each view's analyser turns the message into
terms, and the scores are the TF-IDF weights times the matching rows of the coefficient
matrix, which is the same arithmetic as `decision_function` (a test holds them equal).
"""

from __future__ import annotations

import functools
import importlib
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bot.retrieval.artifacts import ArtifactError, pack_strings, unpack_strings


class Vocabulary:
    """Terms to feature columns, as two arrays that load memory-mapped: each term's UTF-8
    bytes plus an 0xFF byte (which UTF-8 never contains, so no key ends in the NUL padding
    of numpy's fixed-width strings), sorted; and the column of each. Loading builds no
    Python objects per term (a dict of the 579,000 terms of a 10,000-entry topic model
    took 0.25 s to build and 60 MB in every process)."""

    def __init__(self, keys: np.ndarray, columns: np.ndarray) -> None:
        if keys.dtype.kind != "S" or keys.shape != columns.shape:
            raise ValueError("a vocabulary needs sorted byte-string keys and their columns")
        self._keys = keys
        self._columns = columns
        self._width = keys.dtype.itemsize

    @classmethod
    def of(cls, terms: dict[str, int]) -> Vocabulary:
        encoded = [t.encode("utf-8") + b"\xff" for t in terms]
        keys = np.array(encoded, dtype=f"S{max(map(len, encoded), default=1)}")
        columns = np.fromiter(terms.values(), dtype=np.int32, count=len(terms))
        order = np.argsort(keys, kind="stable")
        return cls(keys[order], columns[order])

    def __len__(self) -> int:
        return int(self._keys.shape[0])

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.keys": self._keys, f"{prefix}.columns": self._columns}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> Vocabulary:
        return cls(arrays[f"{prefix}.keys"], arrays[f"{prefix}.columns"])

    def columns(self, terms: list[str]) -> list[int]:
        """The column of each known term, in the order of `terms` (unknown ones skipped)."""
        if not terms or not len(self):
            return []
        width = self._width
        # A key longer than the widest term is in no vocabulary; b"" matches no key.
        keys = [k if len(k := t.encode("utf-8") + b"\xff") <= width else b"" for t in terms]
        query = np.array(keys, dtype=self._keys.dtype)
        where = np.searchsorted(self._keys, query)
        np.minimum(where, len(self) - 1, out=where)
        found = self._keys[where] == query
        result: list[int] = self._columns[where[found]].tolist()
        return result


@dataclass(frozen=True)
class _View:
    analyser: str  # "char_wb:MIN:MAX", or "module:function" for a callable analyser
    vocabulary: Vocabulary
    idf: np.ndarray
    offset: int  # where this view's columns start in the stacked feature matrix
    sublinear: bool

    def __post_init__(self) -> None:
        object.__setattr__(self, "analyse", _resolve(self.analyser))

    analyse: Callable[[str], list[str]] = field(init=False, repr=False, compare=False)


class AveragedClassifier:
    """A linear classifier whose coefficients and intercepts are the mean of several
    fitted with different seeds (`make(seed)` gives an unfitted one): still one linear
    model, so scoring costs the same, but one seed's luck in the order SGD visits the
    rows no longer moves the scores. The members share the features, built once."""

    def __init__(self, make: Callable[[int], Any], seeds: Sequence[int]) -> None:
        if not seeds:
            raise ValueError("an average needs one seed or more")
        self._make = make
        self._seeds = list(seeds)

    def fit(self, features: Any, labels: Sequence[str],
            sample_weight: np.ndarray | None = None) -> AveragedClassifier:
        coef: np.ndarray | None = None
        bias: np.ndarray | None = None
        for seed in self._seeds:  # a running sum: one member's matrix in memory at once
            member = self._make(seed).fit(features, labels, sample_weight=sample_weight)
            if coef is None or bias is None:
                self.classes_ = member.classes_
                coef = np.array(member.coef_, dtype=np.float64)
                bias = np.array(member.intercept_, dtype=np.float64)
            else:
                if list(member.classes_) != list(self.classes_):
                    raise ValueError("the members disagree on the classes")
                coef += member.coef_
                bias += member.intercept_
            del member
        assert coef is not None and bias is not None
        self.coef_ = coef / len(self._seeds)
        self.intercept_ = bias / len(self._seeds)
        return self

    def decision_function(self, features: Any) -> np.ndarray:
        scores: np.ndarray = np.asarray(features @ self.coef_.T) + self.intercept_
        return scores.ravel() if scores.shape[1] == 1 else scores


class LinearTextModel:
    def __init__(self, vectorizers: Sequence[Any], classifier: Any) -> None:
        self._vectorizers = list(vectorizers)
        self._classifier = classifier
        self._views: list[_View] = []
        self._classes: list[str] = []
        self._weights = np.zeros((0, 0), dtype=np.float32)  # features x classes
        self._bias = np.zeros(0, dtype=np.float32)

    def fit(self, texts: list[str], labels: list[str],
            sample_weight: Sequence[float] | None = None) -> LinearTextModel:
        from scipy.sparse import hstack

        blocks = [v.fit_transform(texts) for v in self._vectorizers]
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self._classifier.fit(hstack(blocks).tocsr(), labels, sample_weight=weights)
        offset = 0
        for vectorizer, block in zip(self._vectorizers, blocks, strict=True):
            if vectorizer.norm != "l2" or not vectorizer.use_idf:
                raise ValueError("fast prediction supports l2-normalised TF-IDF views only")
            self._views.append(_View(_analyser_name(vectorizer),
                                     Vocabulary.of(vectorizer.vocabulary_),
                                     vectorizer.idf_.astype(np.float64), offset,
                                     bool(vectorizer.sublinear_tf)))
            offset += block.shape[1]
        coef = np.asarray(self._classifier.coef_, dtype=np.float32)
        self._weights = np.ascontiguousarray(coef.T)
        self._bias = np.asarray(self._classifier.intercept_, dtype=np.float32)
        self._classes = [str(c) for c in self._classifier.classes_]
        return self

    def add_specialist(self, classifier: Any, texts: list[str], labels: list[str],
                       weight: float) -> LinearTextModel:
        """Fit `classifier` on a subset of the training texts over the same features and
        add `weight` times its scores to this model's: still one linear model, so
        scoring costs nothing more. A class the subset lacks scores -`weight` from it."""
        from scipy.sparse import hstack

        if self._classifier is None:
            raise ValueError("a loaded model cannot be refitted")
        features = hstack([v.transform(texts) for v in self._vectorizers]).tocsr()
        classifier.fit(features, labels)
        found = [str(c) for c in classifier.classes_]
        coef = np.asarray(classifier.coef_, dtype=np.float32)
        bias = np.asarray(classifier.intercept_, dtype=np.float32)
        if len(found) == 2:  # one margin, positive for the second class
            coef, bias = np.vstack([-coef, coef]), np.concatenate([-bias, bias])
        weights, offsets = self._weights.copy(), self._bias.copy()
        for column, name in enumerate(self._classes):
            if name in found:
                row = found.index(name)
                weights[:, column] += weight * coef[row]
                offsets[column] += weight * bias[row]
            else:
                offsets[column] -= weight
        self._weights, self._bias = np.ascontiguousarray(weights), offsets
        return self

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        arrays = {f"{prefix}.weights": self._weights, f"{prefix}.bias": self._bias,
                  f"{prefix}.classes": pack_strings(self._classes),
                  f"{prefix}.counts": np.asarray([len(self._classes), len(self._views)],
                                                 dtype=np.int64),
                  f"{prefix}.views": pack_strings(
                      f"{v.analyser}|{v.offset}|{int(v.sublinear)}|{len(v.vocabulary)}"
                      for v in self._views)}
        for i, view in enumerate(self._views):
            arrays.update(view.vocabulary.arrays(f"{prefix}.view{i}"))
            arrays[f"{prefix}.view{i}.idf"] = view.idf
        return arrays

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> LinearTextModel:
        """A model that scores but cannot refit or call scikit-learn."""
        model = cls([], None)
        model._weights = arrays[f"{prefix}.weights"]
        model._bias = arrays[f"{prefix}.bias"]
        model._classes = unpack_strings(arrays[f"{prefix}.classes"],
                                        int(arrays[f"{prefix}.counts"][0]))
        views = unpack_strings(arrays[f"{prefix}.views"], int(arrays[f"{prefix}.counts"][1]))
        for i, line in enumerate(views):
            analyser, offset, sublinear, count = line.rsplit("|", 3)
            vocabulary = Vocabulary.from_arrays(arrays, f"{prefix}.view{i}")
            if len(vocabulary) != int(count):
                raise ArtifactError(f"view {i}: {len(vocabulary)} terms, expected {count}")
            model._views.append(_View(analyser, vocabulary, arrays[f"{prefix}.view{i}.idf"],
                                      int(offset), sublinear == "1"))
        return model

    @property
    def classes(self) -> list[str]:
        return list(self._classes)

    def decision_function(self, texts: list[str]) -> np.ndarray:
        """scikit-learn's own scores, for checking `scores` against (fitted models only)."""
        if self._classifier is None:
            raise ValueError("a loaded model has no scikit-learn parts")
        from scipy.sparse import hstack

        features = hstack([v.transform(texts) for v in self._vectorizers]).tocsr()
        return np.asarray(self._classifier.decision_function(features), dtype=np.float32)

    def scores(self, text: str) -> np.ndarray:
        """One row of decision scores, one column per class."""
        row = self._bias.astype(np.float64)
        for view in self._views:
            counts = Counter(view.vocabulary.columns(view.analyse(text)))
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


def _analyser_name(vectorizer: Any) -> str:
    analyzer = vectorizer.analyzer
    if analyzer == "char_wb" and vectorizer.lowercase and vectorizer.strip_accents is None \
            and vectorizer.preprocessor is None:
        low, high = vectorizer.ngram_range
        return f"char_wb:{low}:{high}"
    if callable(analyzer) and analyzer.__module__.startswith("bot.") \
            and "<" not in analyzer.__qualname__:
        return f"{analyzer.__module__}:{analyzer.__qualname__}"
    raise ValueError("fast prediction supports char_wb views and named analyser functions")


def _resolve(name: str) -> Callable[[str], list[str]]:
    kind, _, rest = name.partition(":")
    if kind == "char_wb":
        low, high = (int(x) for x in rest.split(":"))
        return functools.partial(char_wb_ngrams, low=low, high=high)
    if not kind.startswith("bot."):
        raise ValueError(f"unknown analyser {name!r}")
    found: Callable[[str], list[str]] = getattr(importlib.import_module(kind), rest)
    return found


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside word boundaries, as scikit-learn's "char_wb" analyser
    makes them (lowercased; each word padded with one space either side; a word shorter
    than an n-gram counts once)."""
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:
                grams.append(padded)
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams
