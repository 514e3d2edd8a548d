"""Writing an index folder: build, add and remove documents, one writer at a time,
swapped in atomically (a running app picks the new index up)."""
from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from qa.errors import IndexMismatch, IndexMissing, NoDocuments, UnknownDocument
from qa.index import store
from qa.index.build import DEFAULT_DOCS, build_index, index_documents, read_some_documents, reusable
from qa.models.embedding import load_embedder

log = logging.getLogger(__name__)
DEFAULT_INDEX = "index"


def previous_index(index_dir: str | Path) -> store.Index | None:
    """The index already at ``index_dir`` when it loads (its vectors may be reused), else None."""
    try:
        return store.load(index_dir)
    except (IndexMissing, IndexMismatch) as err:
        if Path(index_dir, store.MANIFEST).exists():
            log.warning("%s; building a new one", err)
        return None


def build(docs: Sequence[str] = DEFAULT_DOCS, index_dir: str | Path = DEFAULT_INDEX, model: str | None = None, progress: bool = True, embedder=None, full: bool = False, vector_store: str | None = None, device: str | None = None):
    """Build and save an index of exactly ``docs``; returns (index, report, embedder).

    An index already there (same model and settings) lends its vectors: only
    new or changed text is embedded, unless ``full``. ``vector_store``: "faiss",
    "milvus-lite:PATH.db" or "milvus://HOST:PORT" (default: $QA_STORE, else the
    store of the index there, else faiss)."""
    vector_store = vector_store or os.environ.get("QA_STORE") or None
    if vector_store not in (None, "faiss"):
        from qa.index.milvus import parse

        parse(vector_store)  # a wrong --store fails before any embedding
    with store.writing(index_dir):
        embedder = embedder or load_embedder(model, device)
        previous = None if full else previous_index(index_dir)
        index, report = build_index(docs, embedder, progress=progress, previous=previous, vector_store=vector_store)
        store.save(index, index_dir)
    return index, report, embedder


def add(paths: Sequence[str], index_dir: str | Path = DEFAULT_INDEX, progress: bool = True, embedder=None, device: str | None = None):
    """Add (or replace, by id) the documents under ``paths`` in an existing index; returns (index, report)."""
    with store.writing(index_dir):
        previous = store.load(index_dir)
        documents, problems = read_some_documents(paths)
        new = {d.id: d for d in documents}
        merged = [new.pop(d.id, d) for d in previous.documents.values()] + list(new.values())
        embedder = embedder or load_embedder(previous.model_id, device)
        index, report = index_documents(merged, embedder, problems, progress=progress, previous=previous)
        store.save(index, index_dir)
    return index, report


def remove(doc_ids: Sequence[str], index_dir: str | Path = DEFAULT_INDEX):
    """Remove documents by id (no model needed: nothing is embedded); returns (index, report).
    An unknown id is an error and nothing is changed."""
    with store.writing(index_dir):
        previous = store.load(index_dir)
        if not reusable(previous, None):
            raise IndexMismatch(f"the index at {index_dir} was built by an older version; rebuild it with: python -m qa build --index {index_dir}")
        unknown = [i for i in doc_ids if i not in previous.documents]
        if unknown:
            raise UnknownDocument(f"no document {', '.join(map(repr, unknown))} in the index at {index_dir} (its ids are in documents.jsonl)")
        kept = [d for d in previous.documents.values() if d.id not in set(doc_ids)]
        if not kept:
            raise NoDocuments("removing these would leave the index empty; delete the index folder instead")
        index, report = index_documents(kept, None, progress=False, previous=previous)
        store.save(index, index_dir)
    return index, report
