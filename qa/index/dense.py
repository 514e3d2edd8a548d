"""Dense side: normalised vectors in a FAISS inner-product index.

The index type follows the size (``python -m qa bench speed`` measures it):

- up to ``FLAT_MAX`` vectors: exact search over float32 (``IndexFlatIP``);
- up to ``FP16_MAX``: exhaustive search over float16 codes (``IndexScalarQuantizer``
  QT_fp16). At 238,897 e5 vectors it returned the same top 10 as float32 for all
  300 benchmark questions, in half the memory and half the time (p95 11 ms
  against 21 ms);
- beyond: HNSW (graph search). Its recall here was poor (top-1 equal to exact
  search for 78% of questions at efSearch 128, 81% at 512, on the same 238,897
  vectors), so past a million passages a Milvus cluster is the better choice.

All store the vectors themselves, so cosines of any passage stay available.
"""
from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

FLAT_MAX = 50_000
FP16_MAX = 1_000_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


class DenseIndex:
    def __init__(self, index: faiss.Index):
        self.index = index
        if isinstance(index, faiss.IndexHNSW):
            index.hnsw.efSearch = HNSW_EF_SEARCH

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto") -> "DenseIndex":
        """``kind``: "flat", "fp16", "hnsw" or "auto" (by size, see above)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if kind == "auto":
            kind = "flat" if len(vectors) <= FLAT_MAX else "fp16" if len(vectors) <= FP16_MAX else "hnsw"
        if kind == "flat":
            index = faiss.IndexFlatIP(vectors.shape[1])
        elif kind == "fp16":
            index = faiss.IndexScalarQuantizer(vectors.shape[1], faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
            index.train(vectors[:1])  # fp16 needs no statistics
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        else:
            raise ValueError(f"unknown dense index kind {kind!r}")
        index.add(vectors)
        return cls(index)

    @property
    def kind(self) -> str:
        if isinstance(self.index, faiss.IndexHNSW):
            return "hnsw"
        return "fp16" if isinstance(self.index, faiss.IndexScalarQuantizer) else "flat"

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def dim(self) -> int:
        return int(self.index.d)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (ids, cosine scores) for one normalised query vector."""
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        scores, ids = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of the given rows."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if len(ids) == 0:
            return np.zeros((0, self.dim), np.float32)
        return self.index.reconstruct_batch(ids)

    def scores_for(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Exact cosine of the query with the given rows."""
        return self.vectors(ids) @ query.astype(np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        """Memory-mapped, read-only: pages are shared between processes serving the same
        index and stay valid after a rebuild swaps the folder away."""
        return cls(faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY))
