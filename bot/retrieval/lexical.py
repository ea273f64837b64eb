"""The lexical half of the index: BM25 matrices over each entry's units, and per-entry
vocabularies for the coverage measure. Built from the entries, or loaded as arrays."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from bot.knowledge.entries import Entry
from bot.retrieval import text as tx
from bot.retrieval.artifacts import pack_strings, unpack_strings
from bot.retrieval.bm25 import Bm25Matrix

ANSWER_WEIGHT = 0.55  # an answer's words matter, but less than its curated questions
_TEMPLATE_TAGS = re.compile(r"{[{%#].*?[}%#]}", re.DOTALL)
_MATRICES = ("words", "chars", "docs")


def _searchable_answer(body: str) -> str:
    return _TEMPLATE_TAGS.sub(" ", body)


class _TermSets:
    """One set of terms per entry, kept as CSR arrays; sets are made when first asked for."""

    def __init__(self, terms: list[str], indptr: np.ndarray, indices: np.ndarray) -> None:
        self.terms, self.indptr, self.indices = terms, indptr, indices
        self.of = lru_cache(maxsize=4096)(self._of)

    @classmethod
    def build(cls, sets: list[frozenset[str]], vocabulary: dict[str, int]) -> _TermSets:
        indptr = np.zeros(len(sets) + 1, dtype=np.int64)
        ids: list[int] = []
        for i, s in enumerate(sets):
            ids += sorted(vocabulary[t] for t in s)
            indptr[i + 1] = len(ids)
        terms = sorted(vocabulary, key=vocabulary.__getitem__)
        return cls(terms, indptr, np.asarray(ids, dtype=np.int32))

    def _of(self, entry: int) -> frozenset[str]:
        a, b = int(self.indptr[entry]), int(self.indptr[entry + 1])
        return frozenset(self.terms[j] for j in self.indices[a:b])


class Lexical:
    def __init__(self, owner: np.ndarray, weight: np.ndarray, matrices: dict[str, Bm25Matrix],
                 idf: dict[str, float], stems: _TermSets, words: _TermSets) -> None:
        self.owner = owner
        self.first_unit = np.searchsorted(owner, np.arange(len(stems.indptr) - 1))
        self.weight = weight
        self.words, self.chars, self.docs = (matrices[m] for m in _MATRICES)
        self.idf = idf
        self.max_idf = max(idf.values(), default=1.0)
        self._stems, self._words = stems, words

    def entry_stems(self, entry: int) -> frozenset[str]:
        return self._stems.of(entry)

    def entry_words(self, entry: int) -> frozenset[str]:
        return self._words.of(entry)

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> Lexical:
        """Each entry is indexed as several units: its title with its topic names, each
        alternate question, and its answer; and once more as one whole document."""
        word_units: list[list[str]] = []
        char_units: list[list[str]] = []
        doc_units: list[list[str]] = []
        owner: list[int] = []
        weight: list[float] = []
        entry_stems: list[frozenset[str]] = []
        entry_words: list[frozenset[str]] = []
        for i, entry in enumerate(entries):
            topics = " ".join(t.replace("-", " ") for t in entry.topics)
            entry_terms: list[str] = []
            all_words: list[str] = []
            units = [(f"{entry.title} {topics}", 1.0, True)]
            units += [(q, 1.0, True) for q in entry.questions]
            units.append((_searchable_answer(entry.body), ANSWER_WEIGHT, False))
            for unit_text, unit_weight, spelled in units:
                unit_terms, unit_words = tx.analyse(unit_text)
                word_units.append(unit_terms or ["\x00"])
                # Typos are matched against titles and questions only: answers are long,
                # and trigram postings of long texts cost more than they find.
                char_units.append((tx.char_terms_of(unit_words) if spelled else []) or ["\x00"])
                owner.append(i)
                weight.append(unit_weight)
                entry_terms += unit_terms
                all_words += unit_words
            doc_units.append(entry_terms or ["\x00"])
            entry_stems.append(frozenset(entry_terms))
            entry_words.append(frozenset(all_words))
        counts: dict[str, int] = {}
        for stems in entry_stems:
            for s in stems:
                counts[s] = counts.get(s, 0) + 1
        n = max(len(entry_stems), 1)
        idf = {s: math.log(1 + (n - c + 0.5) / (c + 0.5)) for s, c in counts.items()}
        stem_ids = {s: i for i, s in enumerate(idf)}
        word_ids = {w: i for i, w in enumerate(sorted(set().union(*entry_words)))}
        matrices = {"words": Bm25Matrix.build(word_units), "chars": Bm25Matrix.build(char_units),
                    "docs": Bm25Matrix.build(doc_units)}
        return cls(np.asarray(owner, dtype=np.int64), np.asarray(weight, dtype=np.float32),
                   matrices, idf, _TermSets.build(entry_stems, stem_ids),
                   _TermSets.build(entry_words, word_ids))

    def to_arrays(self) -> dict[str, np.ndarray]:
        arrays = {"owner": self.owner, "weight": self.weight,
                  "idf": np.fromiter(self.idf.values(), dtype=np.float64, count=len(self.idf))}
        for name in _MATRICES:
            arrays.update(getattr(self, name).to_arrays(name))
        for name, sets in (("stems", self._stems), ("entry_words", self._words)):
            arrays[f"{name}.terms"] = pack_strings(sets.terms)
            arrays[f"{name}.count"] = np.asarray([len(sets.terms)], dtype=np.int64)
            arrays[f"{name}.indptr"] = sets.indptr
            arrays[f"{name}.indices"] = sets.indices
        return arrays

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Lexical:
        sets = {}
        for name in ("stems", "entry_words"):
            terms = unpack_strings(arrays[f"{name}.terms"], int(arrays[f"{name}.count"][0]))
            sets[name] = _TermSets(terms, arrays[f"{name}.indptr"], arrays[f"{name}.indices"])
        idf = dict(zip(sets["stems"].terms, arrays["idf"].tolist(), strict=True))
        matrices = {m: Bm25Matrix.from_arrays(arrays, m) for m in _MATRICES}
        return cls(arrays["owner"], arrays["weight"], matrices, idf, sets["stems"],
                   sets["entry_words"])
