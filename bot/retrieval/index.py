"""An in-memory hybrid index: BM25 on stemmed words and on character trigrams (bm25s).

Each entry is indexed as several units: its title with its topic names, each alternate
question, and its answer. An entry scores as its best unit (answers count for less),
and the two BM25 rankings are fused, plus optional dense similarities. Confidence is
how much of the question (IDF-weighted) the best entry covers, with near-miss spellings
counted partly, so it means the same thing whatever the size of the knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.entries import Entry
from bot.retrieval import text as tx
from bot.retrieval.bm25 import Bm25Matrix
from bot.retrieval.lexical import Lexical
from bot.retrieval.topic_model import TopicModel

CHAR_WEIGHT = 0.35  # share of the trigram ranking in the fused score
DENSE_WEIGHT = 0.5
MAX_TYPO_WORDS = 6  # unknown words per question looked up by trigrams
DOC_WEIGHT = 0.3  # the whole entry as one document, for questions spanning fields
# The learned topic signal: the softmax of the classifier's decision scores (roughly
# -1..1) at this temperature, times this weight. Both chosen on the leave-one-file-out
# folds (tools/folds.py): raw scores at weight 3 gave 0.729 top-1 on the real-wording
# folds, the softmax 0.735-0.737 anywhere in weight 5-8 at 0.5-0.6, the older ones level;
# 5 is the one of those that lowered no development set.
TOPIC_WEIGHT = 5.0
TOPIC_TEMPERATURE = 0.5  # 0: the raw decision scores


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


@dataclass(frozen=True)
class Retrieval:
    hits: tuple[Hit, ...]
    confidence: float

    @property
    def top(self) -> Entry | None:
        return self.hits[0].entry if self.hits else None


class KnowledgeIndex:
    """Built once per knowledge version; `search` is synchronous and allocation-light."""

    def __init__(self, entries: Sequence[Entry],
                 topic_examples: Sequence[tuple[str, str]] = (), *,
                 lexical: Lexical | None = None, topics: TopicModel | None = None) -> None:
        """Fits what it is not given: `lexical` and `topics` come from an artifact built
        from exactly these published entries (and these examples)."""
        self.entries = [e for e in entries if e.status == "published"]
        self._lexical = lexical if lexical is not None else Lexical.build(self.entries)
        self._masks: dict[str | None, tuple[np.ndarray, np.ndarray]] = {}
        self._topics = topics if topics is not None else TopicModel(self.entries, topic_examples)
        self._primary = np.asarray(
            [max(self._topics.column(e.topics[0]), 0) for e in self.entries], dtype=np.int64
        )
        self._dense: np.ndarray | None = None

    @property
    def lexical(self) -> Lexical:
        return self._lexical

    @property
    def topics(self) -> TopicModel:
        return self._topics

    def __len__(self) -> int:
        return len(self.entries)

    def set_dense(self, vectors: np.ndarray) -> None:
        """Attach unit-normalised embeddings, one row per entry in `self.entries`."""
        if vectors.shape[0] != len(self.entries):
            raise ValueError("one embedding per published entry is needed")
        self._dense = vectors

    def texts_for_embedding(self) -> list[str]:
        return [f"{e.title}\n{' '.join(e.questions)}" for e in self.entries]

    def _visibility(self, tenant: str | None) -> tuple[np.ndarray, np.ndarray]:
        """(entries, units) this tenant may see: entries for everyone plus its own."""
        cached = self._masks.get(tenant)
        if cached is None:
            visible = np.asarray([e.visible_to(tenant) for e in self.entries], dtype=np.float32)
            cached = (visible > 0, visible[self._lexical.owner])
            self._masks[tenant] = cached
        return cached

    def _entry_scores(self, model: Bm25Matrix, terms: list[str], mask: np.ndarray) -> np.ndarray:
        if not terms:
            return np.zeros(len(self.entries), dtype=np.float32)
        unit_scores = model.scores(terms, mask) * self._lexical.weight
        # An entry's units are contiguous, so its best unit is one segment's maximum.
        best: np.ndarray = np.maximum.reduceat(unit_scores, self._lexical.first_unit)
        return best

    def search(
        self, query: str, tenant: str | None, k: int = 3, query_vector: np.ndarray | None = None
    ) -> Retrieval:
        if not self.entries:
            return Retrieval((), 0.0)
        visible, mask = self._visibility(tenant)
        stems, content = tx.analyse(query)
        lexical = self._lexical
        fused = self._normalised(self._entry_scores(lexical.words, stems, mask)) * (1 - CHAR_WEIGHT)
        chars = self._entry_scores(lexical.chars, self._typo_terms(content), mask)
        fused += self._normalised(chars) * CHAR_WEIGHT
        if DOC_WEIGHT and stems:
            docs = self._lexical.docs.scores(stems, visible.astype(np.float32))
            fused += self._normalised(docs) * DOC_WEIGHT
        if query_vector is not None and self._dense is not None:
            fused += np.clip(self._dense @ query_vector, 0, None) * DENSE_WEIGHT
        # Only entries the question shares words (or meaning) with are candidates; the
        # topic signal then re-ranks them. It may be negative for every topic when the
        # classifier is unsure, which must not hide entries that match.
        candidate = visible & (fused > 0)
        if TOPIC_WEIGHT and stems:
            fused += self._topics.entry_scores(
                query, self._primary, TOPIC_TEMPERATURE) * TOPIC_WEIGHT
        fused = np.where(candidate, fused, -np.inf)
        order = [int(i) for i in np.argsort(-fused)[:k] if candidate[i]]
        if not order:
            return Retrieval((), 0.0)
        hits = tuple(Hit(self.entries[i], float(fused[i])) for i in order)
        return Retrieval(hits, self.coverage(query, order[0]))

    def _typo_terms(self, content: list[str]) -> list[str]:
        """Trigrams of the words the index does not know (likely misspellings): words it
        knows already match exactly, and their trigrams made long messages slow. Short
        words, numbers and names past the first few add cost and little else."""
        unknown = [w for w in content
                   if len(w) >= 4 and w.isalpha() and tx.stem(w) not in self._lexical.idf]
        return tx.char_terms_of(unknown[:MAX_TYPO_WORDS])

    @staticmethod
    def _normalised(scores: np.ndarray) -> np.ndarray:
        top = float(scores.max()) if scores.size else 0.0
        return scores / top if top > 0 else scores

    def coverage(self, query: str, index: int) -> float:
        """IDF-weighted share of the question's words found in entry `index` (0..1)."""
        lexical = self._lexical
        stems_here, words_here = lexical.entry_stems(index), lexical.entry_words(index)
        total = found = 0.0
        for word in dict.fromkeys(tx.content_words(query)):
            s = tx.stem(word)
            idf = lexical.idf.get(s, lexical.max_idf)
            total += idf
            if s in stems_here or tx.thesaurus().of_word(word) & stems_here:
                found += idf
            elif s not in lexical.idf and len(word) >= 4:
                found += idf * 0.8 * _near_miss(word, words_here)
        return found / total if total else 0.0


def _near_miss(word: str, vocabulary: frozenset[str]) -> float:
    """1.0 when some vocabulary word looks like a misspelling of `word`, else 0."""
    grams = set(tx.trigrams(word))
    for other in vocabulary:
        if abs(len(other) - len(word)) <= 2:
            shared = grams & set(tx.trigrams(other))
            if len(shared) / len(grams | set(tx.trigrams(other))) >= 0.45:
                return 1.0
    return 0.0
