"""BM25 scores as a term-by-document matrix, the way bm25s builds them.

Each (term, document) score is computed at index time, so scoring a query is summing a
few rows of a sparse matrix. Both are done here in numpy rather than by bm25s (which
imports scipy): building is faster, answering from a saved index needs no library, and
the matrix is plain arrays that can be saved and memory-mapped. A test holds the scores
equal to bm25s's own.
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
        """Lucene's BM25 (bm25s's default variant, a test holds them equal), in numpy:
        idf = ln(1 + (N - df + 0.5) / (df + 0.5)), times tf / (tf + k1 (1 - b + b dl/avgdl))."""
        vocabulary: dict[str, int] = {}
        ids = [vocabulary.setdefault(t, len(vocabulary)) for unit in units for t in unit]
        n = len(units)
        if not ids:
            return cls({}, np.zeros(0, np.float32), np.zeros(0, np.int32),
                       np.zeros(len(vocabulary) + 1, np.int64), n)
        lengths = np.fromiter((len(u) for u in units), dtype=np.int64, count=n)
        docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
        pairs, tf = np.unique(np.asarray(ids, dtype=np.int64) * n + docs, return_counts=True)
        terms, docs = pairs // n, pairs % n  # sorted by term, then document
        df = np.bincount(terms, minlength=len(vocabulary))
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        norm = K1 * ((1 - B) + B * lengths[docs] / lengths.mean())
        data = (idf[terms] * tf / (tf + norm)).astype(np.float32)
        indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        return cls(vocabulary, data, docs.astype(np.int32), indptr, n)

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
