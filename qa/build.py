"""Building an index: read → clean → split → embed → FAISS + BM25 → atomic save."""
from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from qa import split, store
from qa.calibration import background_vectors
from qa.dense import DenseIndex
from qa.embedding import Embedder
from qa.errors import NoDocuments
from qa.ingest import read_documents
from qa.keyword import KeywordIndex
from qa.records import Document, Passage, Problem
from qa.script import han_count, to_simplified
from qa.tokenize import char_ngrams

DEFAULT_DOCS = ("seeds",)
EMBED_BATCH = 64


_URL = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+")
MIN_HAN = 5


def is_content(text: str) -> bool:
    """False for lines that are only a link or navigation ("[查看原文](https://…)"): they stay
    in the document text but are not passages to retrieve or quote."""
    return han_count(_URL.sub("", text)) >= MIN_HAN


def make_passages(documents: Iterable[Document]) -> list[Passage]:
    """Sentence passages (very short sentences joined to the next), numbered in order."""
    passages: list[Passage] = []
    for doc in documents:
        for span in split.merge_short(split.sentences(doc.text)):
            if not is_content(doc.text[span.start : span.end]):
                continue
            passages.append(Passage(len(passages), doc.id, span.paragraph, span.start, span.end, doc.text[span.start : span.end]))
    return passages


def embed_passages(embedder: Embedder, texts: list[str], progress: bool = True) -> np.ndarray:
    """Embed in length-sorted batches (less padding) with a progress bar counting characters."""
    from tqdm import tqdm

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    with tqdm(total=sum(map(len, texts)), unit="char", unit_scale=True, desc="embed", disable=not progress, file=sys.stderr) as bar:
        for b in range(0, len(order), EMBED_BATCH):
            rows = order[b : b + EMBED_BATCH]
            out[rows] = embedder.encode_document([texts[i] for i in rows])
            bar.update(sum(len(texts[i]) for i in rows))
    return out


def build_index(paths: Iterable[str | Path], embedder: Embedder, progress: bool = True) -> tuple[store.Index, dict]:
    """Build an in-memory index and its report from the documents under ``paths``."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    documents, problems = read_documents(paths)
    timings["read_clean"] = time.perf_counter() - t0
    if not documents:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in problems[:5])
        raise NoDocuments(f"no readable documents found{': ' + reasons if reasons else ''}")
    return index_documents(documents, embedder, problems, timings, progress)


def index_documents(documents: list[Document], embedder: Embedder, problems: list[Problem] = (), timings: dict | None = None, progress: bool = True) -> tuple[store.Index, dict]:
    """Index documents already read (the benchmarks build from paragraphs this way)."""
    timings = dict(timings or {})
    problems = list(problems)
    t = time.perf_counter()
    passages = make_passages(documents)
    simplified = [to_simplified(p.text) for p in passages]
    timings["split_convert"] = time.perf_counter() - t
    t = time.perf_counter()
    vectors = embed_passages(embedder, simplified, progress)
    timings["embed"] = time.perf_counter() - t
    t = time.perf_counter()
    dense = DenseIndex.build(vectors)
    keyword = KeywordIndex.build([char_ngrams(s) for s in simplified])
    background = background_vectors(embedder)
    timings["index"] = time.perf_counter() - t
    report = make_report(documents, passages, problems, timings)
    manifest = store.make_manifest({d.id: d for d in documents}, passages, embedder.model_id, embedder.dim, report, {"keyword_tokens": "char-1+2gram"})
    return store.Index({d.id: d for d in documents}, passages, dense, keyword, background, manifest), report


def make_report(documents: list[Document], passages: list[Passage], problems: list[Problem], timings: dict[str, float]) -> dict:
    return {
        "documents": len(documents),
        "passages": len(passages),
        "characters": sum(len(d.text) for d in documents),
        "skipped": [p.to_json() for p in problems if p.kind == "skipped"],
        "garbled": [p.to_json() for p in problems if p.kind == "garbled"],
        "seconds": {k: round(v, 3) for k, v in timings.items()},
    }


def format_report(report: dict) -> str:
    lines = [f"indexed {report['documents']} document(s), {report['passages']} passages, {report['characters']:,} characters"]
    for p in report["skipped"]:
        lines.append(f"skipped {p['source']}: {p['reason']}")
    for p in report["garbled"]:
        lines.append(f"garbled {p['source']} at offset {p['offset']}: {p['span']!r} ({p['reason']})")
    secs = report.get("seconds", {})
    if secs:
        lines.append("time: " + ", ".join(f"{k} {v:.2f}s" for k, v in secs.items()))
    return "\n".join(lines)
