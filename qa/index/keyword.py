"""Keyword side: BM25 (bm25s) over character n-grams of simplified text."""
from __future__ import annotations

import logging
from pathlib import Path

import bm25s
import numpy as np

logging.getLogger("bm25s").setLevel(logging.WARNING)


class KeywordIndex:
    def __init__(self, retriever: bm25s.BM25):
        self.retriever = retriever

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> "KeywordIndex":
        retriever = bm25s.BM25()
        # bm25s cannot index an empty corpus; a passage with no tokens gets a placeholder.
        retriever.index([tokens or ["\u0000"] for tokens in token_lists], show_progress=False)
        return cls(retriever)

    def knows(self, token: str) -> bool:
        """Whether ``token`` occurs in the indexed corpus."""
        return token in self.retriever.vocab_dict

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage; tokens unknown to the corpus are ignored."""
        vocab = self.retriever.vocab_dict
        known = [t for t in tokens if t in vocab]
        n = int(self.retriever.scores["num_docs"])
        if not known:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path) -> "KeywordIndex":
        return cls(bm25s.BM25.load(str(folder), mmap=True))  # memory-mapped .npy arrays
