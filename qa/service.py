"""Opening an index with its model: the one place the CLI and the app get an Answerer from."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from qa import store
from qa.answer import Answerer
from qa.build import DEFAULT_DOCS, build_index
from qa.embedding import configured_model, load_embedder
from qa.errors import IndexMismatch, IndexMissing

log = logging.getLogger(__name__)
DEFAULT_INDEX = "index"


def build(docs: Sequence[str] = DEFAULT_DOCS, index_dir: str | Path = DEFAULT_INDEX, model: str | None = None, progress: bool = True, embedder=None):
    """Build and save an index; returns (index, report, embedder)."""
    embedder = embedder or load_embedder(model)
    index, report = build_index(docs, embedder, progress=progress)
    store.save(index, index_dir)
    return index, report, embedder


def open_answerer(index_dir: str | Path = DEFAULT_INDEX, model: str | None = None, rebuild: bool = False, docs: Sequence[str] = DEFAULT_DOCS, progress: bool = False) -> Answerer:
    """Load the index and the model it was built with.

    With ``rebuild``, a missing index, or one built with another model or schema,
    is built from ``docs`` first (what the app does at start); without it those
    cases raise IndexMissing / IndexMismatch with a clear message.
    """
    wanted = configured_model(model) if (model or rebuild) else None
    try:
        index = store.load(index_dir, model_id=wanted)
    except (IndexMissing, IndexMismatch) as err:
        if not rebuild:
            raise
        log.warning("%s; building it from %s", err, ", ".join(map(str, docs)))
        index, _, embedder = build(docs, index_dir, model, progress=progress)
        return Answerer(index, embedder)
    return Answerer(index, load_embedder(index.model_id))
