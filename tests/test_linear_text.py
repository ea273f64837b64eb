"""The fast prediction path must give scikit-learn's own decision scores."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.svm import LinearSVC

from bot.retrieval import text as tx
from bot.retrieval.linear_text import AveragedClassifier, LinearTextModel

TRAIN = {
    "billing": ["why did we get an invoice", "is the new laptop setup billable",
                "what does the monthly fee cover", "project quote seems high"],
    "outage": ["the whole office is offline", "nobody can log in to email",
               "internet is down for everyone", "the server is not responding"],
    "waiting": ["my ticket has been open for days", "nobody replied to my request",
                "why is my request still in the queue", "still waiting on the tech"],
}
PROBES = ["", "???", "invoice for the laptop", "Internet DOWN, office offline!!",
          "tiket still waitng in teh queue", "completely unrelated words like zebra",
          "why did the server invoice arrive while my ticket waits in the queue " * 5]


def _fit(labels: list[str], classifier: object) -> LinearTextModel:
    texts = [t for label in labels for t in TRAIN[label]]
    targets = [label for label in labels for _ in TRAIN[label]]
    views = [TfidfVectorizer(analyzer=tx.terms, sublinear_tf=True),
             TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)]
    return LinearTextModel(views, classifier).fit(texts, targets)


@pytest.mark.parametrize("classifier", [
    LinearSVC(C=1.0), SGDClassifier(loss="hinge", max_iter=20, tol=None, random_state=0)])
def test_fast_scores_equal_sklearn_scores(classifier: object) -> None:
    model = _fit(["billing", "outage", "waiting"], classifier)
    expected = model.decision_function(PROBES)
    got = np.stack([model.scores(p) for p in PROBES])
    assert got.shape == (len(PROBES), 3)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
    assert model.classes[int(np.argmax(model.scores("nobody can log in, office offline")))] \
        == "outage"


def test_two_classes_give_one_column_per_class() -> None:
    model = _fit(["billing", "outage"], LinearSVC(C=1.0))
    margins = model.decision_function(PROBES)  # one margin, positive for the second class
    got = np.stack([model.scores(p) for p in PROBES])
    np.testing.assert_allclose(got[:, 1], margins, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got[:, 0], -margins, rtol=1e-4, atol=1e-5)


def test_views_other_than_l2_tfidf_are_refused() -> None:
    views = [TfidfVectorizer(analyzer=tx.terms, norm="l1")]
    with pytest.raises(ValueError, match="l2"):
        LinearTextModel(views, LinearSVC()).fit(["a bill", "an outage"], ["x", "y"])


def test_a_specialist_adds_its_weighted_scores_and_costs_missing_classes() -> None:
    model = _fit(["billing", "outage", "waiting"], LinearSVC(C=1.0))
    before = np.stack([model.scores(p) for p in PROBES])
    subset = TRAIN["billing"][:2] + TRAIN["waiting"][:2]  # no outage rows
    targets = ["billing", "billing", "waiting", "waiting"]
    specialist = LinearSVC(C=1.0)
    model.add_specialist(specialist, subset, targets, 0.5)
    features = hstack([v.transform(PROBES) for v in model._vectorizers]).tocsr()
    margin = specialist.decision_function(features)  # two classes: positive for "waiting"
    got = np.stack([model.scores(p) for p in PROBES])
    np.testing.assert_allclose(got[:, 0], before[:, 0] - 0.5 * margin, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got[:, 2], before[:, 2] + 0.5 * margin, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got[:, 1], before[:, 1] - 0.5, rtol=1e-4, atol=1e-5)


def _sgd(seed: int) -> SGDClassifier:
    return SGDClassifier(loss="hinge", max_iter=20, tol=None, random_state=seed)


def test_an_average_scores_the_mean_of_its_members() -> None:
    seeds = [3, 4, 5]
    model = _fit(["billing", "outage", "waiting"], AveragedClassifier(_sgd, seeds))
    got = np.stack([model.scores(p) for p in PROBES])
    np.testing.assert_allclose(got, model.decision_function(PROBES), rtol=1e-4, atol=1e-5)
    members = [np.stack([_fit(["billing", "outage", "waiting"], _sgd(s)).scores(p)
                         for p in PROBES]) for s in seeds]
    assert not np.allclose(members[0], members[1])  # the seeds do differ
    np.testing.assert_allclose(got, np.mean(members, axis=0), rtol=1e-4, atol=1e-5)


def test_an_average_of_two_classes_keeps_one_margin() -> None:
    model = _fit(["billing", "outage"], AveragedClassifier(_sgd, [0, 1]))
    margins = model.decision_function(PROBES)
    assert margins.ndim == 1
    got = np.stack([model.scores(p) for p in PROBES])
    np.testing.assert_allclose(got[:, 1], margins, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got[:, 0], -margins, rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match="seed"):
        AveragedClassifier(_sgd, [])


def test_a_large_training_set_is_fitted_once_not_averaged(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.retrieval import topic_model

    texts = [f"{word} {n}" for n in range(30) for word in ("printer jams", "email bounces")]
    labels = ["hardware-and-parts" if "printer" in t else "third-party-outages" for t in texts]

    def scores() -> list[float]:
        model = topic_model.TopicModel.fit(texts, labels)
        assert model is not None
        return [float(x) for x in model.scores("the printer jams again")]

    averaged = scores()
    monkeypatch.setattr(topic_model, "SEEDS", 1)
    single = scores()
    monkeypatch.setattr(topic_model, "SEEDS", 5)
    monkeypatch.setattr(topic_model, "AVERAGE_UP_TO", len(texts) - 1)  # too many to average
    assert scores() == single != averaged
