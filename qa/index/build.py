"""Building an index: read → clean → split → embed → FAISS + BM25 → atomic save."""
from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.errors import NoDocuments
from qa.index import store
from qa.index.dense import DenseIndex
from qa.index.ingest import read_documents
from qa.index.keyword import KeywordIndex
from qa.models.calibration import background_vectors
from qa.models.embedding import Embedder, model_family
from qa.records import Document, Passage, Problem
from qa.text.passages import make_passages, paragraph_text, paragraph_units
from qa.text.script import to_simplified
from qa.text.tokenize import char_ngrams

DEFAULT_DOCS = ("seeds",)
EMBED_BATCH = 64


def embed_passages(embedder: Embedder, texts: list[str], progress: bool = True) -> np.ndarray:
    """Embed in length-sorted batches (less padding) with a progress bar counting characters."""
    from tqdm import tqdm

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    with tqdm(total=sum(map(len, texts)), unit="char", unit_scale=True, desc="embed", disable=not progress, file=sys.stderr) as bar:
        step = getattr(embedder, "build_batch", EMBED_BATCH)  # a GPU model takes far more at once
        for b in range(0, len(order), step):
            rows = order[b : b + step]
            out[rows] = embedder.encode_document([texts[i] for i in rows])
            bar.update(sum(len(texts[i]) for i in rows))
    return out


SETTINGS = {"keyword_tokens": "char-1+2gram", "passages": "sentences-v1"}


@dataclass(frozen=True)
class Changes:
    """What an update did to the set of documents (ids, in order)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0

    def summary(self) -> str:
        return f"{len(self.added):,} added, {len(self.changed):,} changed, {len(self.removed):,} removed, {self.unchanged:,} unchanged"

    def to_json(self) -> dict:
        return {"added": list(self.added), "changed": list(self.changed), "removed": list(self.removed), "unchanged": self.unchanged}


def _same(a: Document, b: Document) -> bool:
    return (a.text, a.title, a.date) == (b.text, b.title, b.date)


def plan_changes(previous: dict[str, Document], documents: Iterable[Document]) -> Changes:
    """Compare the documents wanted with those indexed (pure; the source path does not count)."""
    wanted = {d.id: d for d in documents}
    added = tuple(i for i in wanted if i not in previous)
    changed = tuple(i for i, d in wanted.items() if i in previous and not _same(previous[i], d))
    removed = tuple(i for i in previous if i not in wanted)
    return Changes(added, changed, removed, len(wanted) - len(added) - len(changed))


def reusable(previous: store.Index | None, model_id: str | None) -> bool:
    """Whether ``previous``'s vectors can be reused: same model (when one is given) and settings."""
    if previous is None:
        return False
    same_model = model_id is None or previous.model_family == model_family(model_id)
    return same_model and previous.manifest.get("settings") == SETTINGS


def read_some_documents(paths: Iterable[str | Path]) -> tuple[list[Document], list[Problem]]:
    """``read_documents``, but finding nothing readable is a NoDocuments error naming why."""
    documents, problems = read_documents(paths)
    if not documents:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in problems[:5])
        raise NoDocuments(f"no readable documents found{': ' + reasons if reasons else ''}")
    return documents, problems


def build_index(paths: Iterable[str | Path], embedder: Embedder, progress: bool = True, previous: store.Index | None = None, vector_store: str | None = None) -> tuple[store.Index, dict]:
    """Build an in-memory index and its report from the documents under ``paths``;
    passages whose text is already in ``previous`` keep their vectors."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    documents, problems = read_some_documents(paths)
    timings["read_clean"] = time.perf_counter() - t0
    return index_documents(documents, embedder, problems, timings, progress, previous, vector_store)


def index_documents(
    documents: list[Document],
    embedder: Embedder | None,
    problems: Iterable[Problem] = (),
    timings: dict | None = None,
    progress: bool = True,
    previous: store.Index | None = None,
    vector_store: str | None = None,
) -> tuple[store.Index, dict]:
    """Index documents already read. With ``previous`` (an index built with the same
    model and settings), passages whose text it holds reuse its vectors, so only new
    text is embedded; ``embedder`` may then be None when nothing new is to be embedded
    (removing documents).

    ``vector_store``: "faiss" (the default) or a Milvus one ("milvus-lite:PATH.db",
    "milvus://HOST:PORT", see qa.milvus_store); None keeps ``previous``'s store."""
    timings = dict(timings or {})
    if vector_store is None:
        vector_store = previous.manifest.get("vector_store", "faiss") if previous is not None else "faiss"
    problems = list(problems)
    model_id = embedder.model_id if embedder is not None else (previous.model_id if previous else None)
    if not reusable(previous, model_id):
        previous = None
    changes = plan_changes(previous.documents if previous else {}, documents)
    t = time.perf_counter()
    passages = make_passages(documents)
    simplified = [to_simplified(p.text) for p in passages]
    timings["split_convert"] = time.perf_counter() - t
    t = time.perf_counter()
    vectors, embedded, embedded_chars = _vectors(passages, simplified, embedder, previous, progress)
    timings["embed"] = time.perf_counter() - t
    t = time.perf_counter()
    dense = _dense(vectors, vector_store, previous)
    timings["faiss" if vector_store == "faiss" else "milvus"] = time.perf_counter() - t
    t = time.perf_counter()
    keyword = KeywordIndex.build([char_ngrams(s) for s in simplified])
    units, _ = paragraph_units(passages)
    by_id = {d.id: d for d in documents}
    paragraph_keyword = KeywordIndex.build([char_ngrams(to_simplified(paragraph_text(by_id[doc], passages[first]))) for doc, first in units])
    timings["bm25"] = time.perf_counter() - t
    t = time.perf_counter()
    background = previous.background if previous is not None else background_vectors(embedder)
    timings["calibration"] = time.perf_counter() - t
    report = make_report(documents, passages, problems, timings)
    report["changes"] = changes.to_json()
    report["embedded_passages"] = embedded
    report["embedded_characters"] = embedded_chars
    report["reused_passages"] = len(passages) - embedded
    dim = vectors.shape[1]
    manifest = store.make_manifest(by_id, passages, model_id, dim, report, dict(SETTINGS), model_family(model_id) if model_id else None)
    manifest["vector_store"] = vector_store
    manifest["dense_kind"] = dense.kind
    return store.Index(by_id, passages, dense, keyword, background, manifest, paragraph_keyword), report


def _dense(vectors: np.ndarray, vector_store: str, previous: store.Index | None):
    if vector_store == "faiss":
        return DenseIndex.build(vectors)
    from qa.index.milvus import MilvusVectors

    # A rebuild keeps its index's collection name prefix, so older collections can be dropped.
    family = getattr(previous.dense, "family", None) if previous is not None else None
    return MilvusVectors.build(vectors, vector_store, family)


def _vectors(passages: list[Passage], simplified: list[str], embedder: Embedder | None, previous: store.Index | None, progress: bool) -> tuple[np.ndarray, int, int]:
    """Vectors for ``passages``: reused from ``previous`` where it holds the same text, else
    embedded. Returns (vectors, passages embedded, characters embedded)."""
    known: dict[str, int] = {}
    if previous is not None:
        for p in previous.passages:
            known.setdefault(p.text, p.id)
    reuse = [known.get(p.text, -1) for p in passages]
    todo = [i for i, r in enumerate(reuse) if r < 0]
    if todo and embedder is None:
        raise ValueError("new passages to embed but no embedder")
    dim = embedder.dim if embedder is not None else previous.dense.dim
    out = np.zeros((len(passages), dim), dtype=np.float32)
    kept = [i for i, r in enumerate(reuse) if r >= 0]
    if kept:
        out[kept] = previous.dense.vectors(np.array([reuse[i] for i in kept], dtype=np.int64))
    if todo:
        out[todo] = embed_passages(embedder, [simplified[i] for i in todo], progress)
    return out, len(todo), sum(len(simplified[i]) for i in todo)


def make_report(documents: list[Document], passages: list[Passage], problems: list[Problem], timings: dict[str, float]) -> dict:
    return {
        "documents": len(documents),
        "passages": len(passages),
        "characters": sum(len(d.text) for d in documents),
        "skipped": [p.to_json() for p in problems if p.kind == "skipped"],
        "garbled": [p.to_json() for p in problems if p.kind == "garbled"],
        # indexed, with something to know: no year found, a scanned page not read
        "notes": [p.to_json() for p in problems if p.kind not in ("skipped", "garbled")],
        "seconds": {k: round(v, 3) for k, v in timings.items()},
    }


def format_report(report: dict) -> str:
    lines = [f"indexed {report['documents']} document(s), {report['passages']} passages, {report['characters']:,} characters"]
    for p in report["skipped"]:
        lines.append(f"skipped {p['source']}: {p['reason']}")
    for p in report["garbled"]:
        lines.append(f"garbled {p['source']} at offset {p['offset']}: {p['span']!r} ({p['reason']})")
    for p in report.get("notes", []):
        lines.append(f"{p['kind']} {p['source']}: {p['reason']}")
    if "changes" in report:
        c = report["changes"]
        lines.append(Changes(tuple(c["added"]), tuple(c["changed"]), tuple(c["removed"]), c["unchanged"]).summary()
                     + f" document(s); {report['embedded_passages']:,} passages embedded, {report['reused_passages']:,} reused")
    secs = report.get("seconds", {})
    if secs:
        lines.append("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in secs.items()))
    return "\n".join(lines)
