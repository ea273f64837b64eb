"""Building what answering needs, or loading it from the artifact cache.

Three parts, each keyed by a hash of exactly its own inputs and of the code that builds
it, so an edit rebuilds only what it changes:

- `lexical`: the BM25 matrices and vocabularies, from the published entries' titles,
  topics, questions and answers, and the synonyms;
- `topics`: the topic re-ranker, from the entries' titles and questions, their primary
  topics, the labelled client messages with a topic, and the synonyms;
- `intents`: the intent classifier, from the curated intent examples, the labelled
  messages and the entries' questions (so an edit to an answer alone refits neither
  classifier).
"""

from __future__ import annotations

import importlib.metadata
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np

from bot.data import training
from bot.knowledge.entries import Entry
from bot.policy import intent_model
from bot.policy.intent_model import IntentModel, curated_examples
from bot.retrieval import KnowledgeIndex
from bot.retrieval import topic_model as tm
from bot.retrieval.artifacts import ArtifactCache, ArtifactError, digest
from bot.retrieval.lexical import Lexical
from bot.retrieval.linear_text import LinearTextModel
from bot.retrieval.topic_model import TopicModel

log = logging.getLogger(__name__)
T = TypeVar("T")
_ROOT = Path(__file__).resolve().parents[1]
# The code each part's content depends on; a change to any of it changes every key.
_SOURCES = ("retrieval/text.py", "retrieval/lexical.py", "retrieval/bm25.py",
            "retrieval/linear_text.py", "retrieval/topic_model.py", "retrieval/artifacts.py",
            "policy/intent_model.py", "knowledge/fitting.py")
_LIBRARIES = ("bm25s", "scikit-learn", "numpy", "PyStemmer")
PARTS = ("lexical", "topics", "intents")


@lru_cache(maxsize=1)
def code_version() -> str:
    parts: list[str | bytes] = [(_ROOT / name).read_bytes() for name in _SOURCES]
    for library in _LIBRARIES:
        try:
            parts.append(f"{library}=={importlib.metadata.version(library)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{library} missing")
    return digest(parts)


@lru_cache(maxsize=1)
def _synonyms() -> bytes:
    return (_ROOT / "retrieval" / "synonyms.yaml").read_bytes()


@dataclass
class PartReport:
    key: str
    loaded: bool
    seconds: float


@dataclass
class Built:
    index: KnowledgeIndex
    intents: IntentModel
    parts: dict[str, PartReport] = field(default_factory=dict)


def lexical_key(published: Sequence[Entry]) -> str:
    parts: list[str | bytes] = [code_version(), _synonyms()]
    for e in published:
        parts += [e.title, "\x1f".join(e.topics), "\x1f".join(e.questions), e.body]
    return digest(parts)


def build(entries: Sequence[Entry], labelled: Sequence[training.Labelled] | None = None,
          cache: ArtifactCache | None = None) -> Built:
    """The index and intent model for `entries` (the published ones count), loading each
    part from `cache` when it holds one built from the same inputs, else fitting it and
    saving it there. `labelled`: the client messages to learn from (default: the bundled
    ones, which are keyed by their files' bytes and parsed only to fit a part)."""
    published = [e for e in entries if e.status == "published"]
    given = () if labelled is None else tuple(labelled)

    def examples() -> tuple[training.Labelled, ...]:
        return training.bundled() if labelled is None else given

    source: list[str | bytes] = ["\x1e", *training.bundled_source()] if labelled is None else []
    reports: dict[str, PartReport] = {}

    lexical = _load_or_build(cache, "lexical", lexical_key(published), reports,
                             lambda: Lexical.build(published), Lexical.to_arrays,
                             Lexical.from_arrays)
    own_texts, own_topics, _ = tm.training_data(published)
    topics_key = digest([code_version(), _synonyms(), *own_texts, "\x1e", *own_topics, *source,
                         *(f"\x1e{x.text}\x1f{x.topic}\x1f{int(x.real)}"
                           for x in given if x.topic)])

    def fit_topics() -> LinearTextModel | None:
        rows = [x for x in examples() if x.topic]
        return TopicModel.fit(*tm.training_data(
            published, [(x.text, str(x.topic)) for x in rows if not x.real],
            [(x.text, str(x.topic)) for x in rows if x.real]))

    topic_model = _load_or_build(cache, "topics", topics_key, reports, fit_topics,
                                 _model_arrays, _model_from_arrays)
    questions = [q for e in published for q in e.questions]
    curated = curated_examples()
    own_texts, own_intents = intent_model.training_data(questions, curated)
    intents_key = digest([code_version(), *own_texts, "\x1e", *own_intents, *source,
                          *(f"\x1e{x.text}\x1f{x.intent.value}" for x in given)])
    intents = _load_or_build(
        cache, "intents", intents_key, reports,
        lambda: IntentModel.fit(*intent_model.training_data(questions, curated, examples())),
        _model_arrays, _model_from_arrays)
    index = KnowledgeIndex(published, lexical=lexical,
                           topics=TopicModel(model=topic_model) if topic_model else TopicModel())
    return Built(index, IntentModel(model=intents) if intents else IntentModel(), reports)


def _model_arrays(model: LinearTextModel | None) -> dict[str, np.ndarray]:
    return model.to_arrays("model") if model is not None else {}


def _model_from_arrays(arrays: dict[str, np.ndarray]) -> LinearTextModel | None:
    return LinearTextModel.from_arrays(arrays, "model") if arrays else None


def _load_or_build(cache: ArtifactCache | None, kind: str, key: str,
                   reports: dict[str, PartReport], fit: Callable[[], T],
                   to_arrays: Callable[[T], dict[str, np.ndarray]],
                   from_arrays: Callable[[dict[str, np.ndarray]], T]) -> T:
    start = time.perf_counter()
    if cache is not None:
        arrays = cache.load(kind, key)
        if arrays is not None:
            try:
                part = from_arrays(arrays)
            except (ArtifactError, KeyError, ValueError) as exc:
                log.warning("index part %s could not be read (%s): rebuilding it", kind, exc)
                cache.forget(kind, key)
            else:
                reports[kind] = PartReport(key, True, time.perf_counter() - start)
                return part
    part = fit()
    if cache is not None:
        cache.save(kind, key, to_arrays(part))
    reports[kind] = PartReport(key, False, time.perf_counter() - start)
    return part
