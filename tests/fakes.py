"""Test doubles that stand beside the real parts (never used by the product)."""
from __future__ import annotations

import hashlib

import numpy as np


class HashEmbedder:
    """A fast, deterministic stand-in for unit tests: hashed character bigrams.

    Texts sharing characters get similar vectors; it knows no meaning.
    """

    # Its own calibration (qa.calibration): hashed bigrams separate related from
    # unrelated text by far less than a trained model does.
    z_levels = {"zh": (0.5, 1.5), "en": (0.5, 1.5)}

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.model_id = f"test/hash-{dim}"

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        grams = [text[i : i + 2] for i in range(max(len(text) - 1, 1))]
        for g in grams:
            h = int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    encode_document = encode_query
