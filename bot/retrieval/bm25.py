"""BM25 scores as a term-by-document matrix: built by bm25s, scored here.

bm25s precomputes each (term, document) score at index time, so scoring a query is
summing a few rows of a sparse matrix. That sum is all answering needs; doing it here
means a loaded index scores without importing bm25s (which imports scipy), and the
matrix is plain arrays that can be saved and memory-mapped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.retrieval.artifacts import ArtifactError, pack_strings, unpack_strings

K1, B = 1.5, 0.75  # bm25s defaults; a sweep on the dev set found no better pair


@dataclass(frozen=True)
class Bm25Matrix:
    vocabulary: dict[str, int]
    data: np.ndarray  # float32 scores, term-major (CSC in bm25s's terms)
    indices: np.ndarray  # document of each score
    indptr: np.ndarray  # where each term's scores start
    num_docs: int

    @classmethod
    def build(cls, units: list[list[str]]) -> Bm25Matrix:
        import bm25s  # fitting only

        if not units:
            return cls({}, np.zeros(0, np.float32), np.zeros(0, np.int32),
                       np.zeros(1, np.int64), 0)
        model = bm25s.BM25(k1=K1, b=B)
        model.index(units, show_progress=False)
        if model.nonoccurrence_array is not None:
            raise ValueError("only BM25 variants without non-occurrence scores are supported")
        s = model.scores
        terms = len(s["indptr"]) - 1  # bm25s adds "" past the matrix; it is never queried
        vocabulary = {t: i for t, i in model.vocab_dict.items() if i < terms}
        return cls(vocabulary, np.asarray(s["data"], dtype=np.float32),
                   np.asarray(s["indices"], dtype=np.int32),
                   np.asarray(s["indptr"], dtype=np.int64), int(s["num_docs"]))

    def scores(self, terms: list[str], weight_mask: np.ndarray | None = None) -> np.ndarray:
        """Per-document sums of the terms' scores (a repeated term counts again)."""
        ids = [i for t in terms if (i := self.vocabulary.get(t)) is not None]
        if not ids:
            scores = np.zeros(self.num_docs, dtype=np.float32)
        else:
            starts, ends = self.indptr[ids], self.indptr[np.asarray(ids) + 1]
            docs = np.concatenate([self.indices[a:b] for a, b in zip(starts, ends, strict=True)])
            values = np.concatenate([self.data[a:b] for a, b in zip(starts, ends, strict=True)])
            scores = np.bincount(docs, weights=values, minlength=self.num_docs).astype(np.float32)
        if weight_mask is not None:
            scores *= weight_mask
        return scores

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        if [self.vocabulary[t] for t in terms] != list(range(len(terms))):
            raise ValueError("vocabulary ids must be 0..n-1")
        return {f"{prefix}.terms": pack_strings(terms),
                f"{prefix}.shape": np.asarray([len(terms), self.num_docs], dtype=np.int64),
                f"{prefix}.data": self.data, f"{prefix}.indices": self.indices,
                f"{prefix}.indptr": self.indptr}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> Bm25Matrix:
        count, num_docs = (int(x) for x in arrays[f"{prefix}.shape"])
        terms = unpack_strings(arrays[f"{prefix}.terms"], count)
        indptr = arrays[f"{prefix}.indptr"]
        if len(indptr) != count + 1 or int(indptr[-1]) != len(arrays[f"{prefix}.data"]):
            raise ArtifactError(f"{prefix}: inconsistent matrix")
        return cls(dict(zip(terms, range(count), strict=True)), arrays[f"{prefix}.data"],
                   arrays[f"{prefix}.indices"], indptr, num_docs)
