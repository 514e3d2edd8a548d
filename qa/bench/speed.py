"""Speed and size at scale: ``python -m qa bench speed``.

Builds an index of a large corpus (by default the 50 work reports and the
19,876 news stories in ../shared/corpora), then, in a fresh process as the
app would, loads it and answers a few hundred questions. Reports:

- build throughput per stage (characters/s): read+clean, split+convert,
  embed, FAISS, BM25; index size on disk; peak RSS of the build;
- serving: time to ready (index + model loaded, warmed up), RSS after loading
  and after all questions, and per-question latency p50/p95/p99 of BM25 alone
  (the baseline, same process, same questions), dense alone, the hybrid
  retrieval and the whole answer (retrieval, extraction, quote checks);
- the FAISS choice at this size: exact (flat) against HNSW, latency and
  HNSW's recall@10 against exact search.

The index folder is kept, so a second run re-embeds nothing (incremental build).
"""
from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

DEFAULT_CORPORA = ("../shared/corpora/gov_work_reports", "../shared/corpora/news_stories.jsonl.gz")
GOLD_FILES = ("../shared/eval/seed_questions.jsonl", "tests/seed_extra_questions.jsonl", "tests/state_council_questions.jsonl")


def percentiles(ms: list[float]) -> dict[str, float]:
    a = np.asarray(ms, dtype=np.float64)
    return {f"p{q}": round(float(np.percentile(a, q)), 2) for q in (50, 95, 99)} | {"mean": round(float(a.mean()), 2)}


def rss_mb(pid: int | str = "self") -> dict[str, float]:
    """Resident memory of a process (MB), from /proc: current, peak, and the current
    split into private memory (anon) and pages of mapped files (file: the memory-mapped
    index and the libraries, shared and reclaimable). Empty when the process is gone."""
    keys = {"VmRSS:": "rss_mb", "VmHWM:": "peak_rss_mb", "RssAnon:": "anon_mb", "RssFile:": "file_mb"}
    out = {}
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        key = line.split(" ", 1)[0].split("\t", 1)[0]
        if key in keys:
            out[keys[key]] = round(int(line.split()[1]) / 1024, 1)
    return out


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)


def questions(documents: dict, n: int, seed: int = 0) -> list[str]:
    """Gold questions of the project, then document titles as searches, ``n`` in all."""
    from qa.bench.evaluate import gold_questions

    out = gold_questions(GOLD_FILES)
    titles = [d.title.strip("【】 ") for d in documents.values() if len(d.title) >= 6]
    random.Random(seed).shuffle(titles)
    return (out + [t.split("】")[-1] for t in titles])[:n]


def build(paths: list[str], index_dir: Path, model: str | None, limit: int | None, progress: bool, device: str | None = None) -> dict:
    from qa.index import store
    from qa.index.build import index_documents
    from qa.index.ingest import read_documents
    from qa.index.update import previous_index
    from qa.models.embedding import load_embedder

    timings: dict[str, float] = {}
    t = time.perf_counter()
    documents, problems = read_documents(paths)
    documents = documents[:limit] if limit else documents
    timings["read_clean"] = time.perf_counter() - t
    t = time.perf_counter()
    embedder = load_embedder(model, device)
    model_load = time.perf_counter() - t
    with store.writing(index_dir):
        previous = previous_index(index_dir)
        index, report = index_documents(documents, embedder, problems, timings, progress, previous)
        passages = [p.text for p in index.passages]
        t = time.perf_counter()
        store.save(index, index_dir)
        report["seconds"]["save"] = round(time.perf_counter() - t, 3)
    chars = report["characters"]
    secs = report["seconds"]
    per_stage = {}
    for stage, seconds in secs.items():
        basis = chars
        if stage == "embed":
            if report["embedded_passages"] == 0:
                continue
            basis = report["embedded_characters"]
        per_stage[stage] = {"seconds": seconds, "chars_per_s": round(basis / seconds) if seconds > 0 else None}
    return {
        "model": embedder.model_id,
        "documents": report["documents"],
        "passages": report["passages"],
        "characters": chars,
        "embedded_passages": report["embedded_passages"],
        "model_load_s": round(model_load, 2),
        "stages": per_stage,
        "total_s": round(sum(secs.values()), 1),
        "index_mb": folder_mb(index_dir),
        "dense_kind": index.dense.kind,
        "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "device": getattr(embedder, "device", "cpu"),
    }, passages


def serve(index_dir: str, n_questions: int) -> dict:
    """In this (fresh) process: load as the app does, then time each question."""
    started = time.perf_counter()
    from qa.service import open_answerer

    answerer = open_answerer(index_dir)
    answerer.warm_up()
    ready = time.perf_counter() - started
    after_load = rss_mb()
    from qa.language.question import analyse
    from qa.language.terms import keyword_query
    from qa.ranking import fusion
    from qa.text.tokenize import char_ngrams

    retriever = answerer.retriever
    index = retriever.index
    qs = questions(index.documents, n_questions)
    lat: dict[str, list[float]] = {"bm25_only": [], "dense_only": [], "hybrid_search": [], "answer": []}
    for q in qs:
        t = time.perf_counter()
        answerer.answer(q)
        lat["answer"].append(time.perf_counter() - t)
        t = time.perf_counter()
        tokens = char_ngrams(keyword_query(analyse(q).simplified))
        fusion.top_k(index.keyword.scores(tokens), 10)
        lat["bm25_only"].append(time.perf_counter() - t)
        t = time.perf_counter()
        index.dense.search(retriever.embedder.encode_query([q])[0], 10)
        lat["dense_only"].append(time.perf_counter() - t)
        t = time.perf_counter()
        retriever.search(q)
        lat["hybrid_search"].append(time.perf_counter() - t)
    latency = {k: percentiles([x * 1000 for x in v]) for k, v in lat.items()}
    latency.update(reader_tradeoff(answerer, qs))
    base = latency["bm25_only"]["p95"] or 1e-9
    return {
        "questions": len(qs),
        "ready_s": round(ready, 2),
        "after_load": after_load,
        "after_questions": rss_mb(),
        "latency_ms": latency,
        "p95_vs_bm25_only": {k: round(v["p95"] / base, 1) for k, v in latency.items()},
        "faiss": faiss_choice(index, retriever.embedder, qs),
    }


def reader_tradeoff(answerer, qs: list[str], limit: int = 100) -> dict:
    """Reading alone, per question, as passages read and precision vary: the reader on
    the first 1, 2 or 3 hits in float32, and on 3 with dynamic int8 matrices."""
    if answerer.reader is None:
        return {}
    import copy

    import torch

    from qa.answering import reading

    searches = [answerer.retriever.search(q) for q in qs[:limit]]
    out = {}
    variants = [("read_1_fp32", answerer.reader, 1), ("read_2_fp32", answerer.reader, 2), ("read_3_fp32", answerer.reader, 3)]
    int8 = copy.copy(answerer.reader)
    int8.net = torch.ao.quantization.quantize_dynamic(answerer.reader.net, {torch.nn.Linear}, dtype=torch.qint8)
    variants.append(("read_3_int8", int8, 3))
    for name, reader, n in variants:
        ms = []
        for q, s in zip(qs, searches):
            t = time.perf_counter()
            reading.read(reader, q, s.hits[:n])
            ms.append((time.perf_counter() - t) * 1000)
        out[name] = percentiles(ms)
    return out


def faiss_choice(index, embedder, qs: list[str], k: int = 10) -> dict:
    """Exact float32 search against float16 codes and HNSW at this index's size: build
    time, latency, recall@k against float32 and how often the first result is the same."""
    from qa.index.dense import DenseIndex

    vectors = index.dense.vectors(np.arange(index.dense.size))
    queries = embedder.encode_query(qs)
    out = {}
    results = {}
    for kind in ("flat", "fp16", "hnsw"):
        t = time.perf_counter()
        dense = index.dense if index.dense.kind == kind else DenseIndex.build(vectors, kind)
        built = time.perf_counter() - t
        ms, found = [], []
        for qv in queries:
            t = time.perf_counter()
            ids, _ = dense.search(qv, k)
            ms.append((time.perf_counter() - t) * 1000)
            found.append(set(ids.tolist()))
        results[kind] = found
        out[kind] = {"build_s": round(built, 2), "latency_ms": percentiles(ms)}
    for kind in ("fp16", "hnsw"):
        out[kind]["recall_at_10"] = round(float(np.mean([len(a & b) / max(len(a), 1) for a, b in zip(results["flat"], results[kind])])), 4)
    return out


def run(paths: list[str], index_dir: str, model: str | None = None, limit: int | None = None, n_questions: int = 300, progress: bool = True, device: str | None = None, build_only: bool = False) -> dict:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        from qa.errors import QAError

        raise QAError(f"corpus not found: {', '.join(missing)}")
    from qa.bench import embed_speed

    built, passages = build(paths, Path(index_dir), model, limit, progress, device)
    result = {"corpora": list(paths), "limit": limit, "build": built, "embedding": embed_speed.run(passages)}
    if build_only:
        return result
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-m", "qa.bench.speed", index_dir, str(n_questions)], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"serving benchmark failed:\n{proc.stderr[-2000:]}")
    result["serve"] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def format_report(r: dict) -> str:
    from qa.bench.embed_speed import format_rows

    b, s = r["build"], r.get("serve")
    lines = [
        f"corpus: {b['documents']:,} documents, {b['passages']:,} passages, {b['characters']:,} characters; model {b['model']} on {b['device']}",
        f"build: {b['total_s']:.1f} s (model load {b['model_load_s']} s), {b['embedded_passages']:,} passages embedded; "
        f"index {b['index_mb']} MB on disk ({b['dense_kind']}); peak RSS {b['build_peak_rss_mb']:.0f} MB",
        f"{'stage':14} {'seconds':>9} {'chars/s':>12}",
    ]
    for stage, v in b["stages"].items():
        cps = f"{v['chars_per_s']:,}" if v["chars_per_s"] else "-"
        lines.append(f"{stage:14} {v['seconds']:9.2f} {cps:>12}")
    lines += format_rows(r["embedding"])
    if s is None:
        return "\n".join(lines)
    lines.append(
        f"serve: ready in {s['ready_s']} s; RSS {s['after_load']['rss_mb']:.0f} MB after loading "
        f"({s['after_load'].get('anon_mb', 0):.0f} private + {s['after_load'].get('file_mb', 0):.0f} mapped files), "
        f"{s['after_questions']['rss_mb']:.0f} MB after {s['questions']} questions ({s['after_questions'].get('anon_mb', 0):.0f} + "
        f"{s['after_questions'].get('file_mb', 0):.0f}; peak {s['after_questions']['peak_rss_mb']:.0f} MB)"
    )
    lines.append(f"{'latency ms':14} {'p50':>8} {'p95':>8} {'p99':>8}  p95 ÷ bm25-only")
    for name, v in s["latency_ms"].items():
        lines.append(f"{name:14} {v['p50']:8.2f} {v['p95']:8.2f} {v['p99']:8.2f}  ×{s['p95_vs_bm25_only'][name]}")
    f = s["faiss"]
    lines.append(
        f"faiss at {b['passages']:,} vectors: float32 p95 {f['flat']['latency_ms']['p95']} ms; "
        f"float16 p95 {f['fp16']['latency_ms']['p95']} ms, recall@10 vs float32 {f['fp16']['recall_at_10']}; "
        f"hnsw p95 {f['hnsw']['latency_ms']['p95']} ms (build {f['hnsw']['build_s']} s), recall@10 vs float32 {f['hnsw']['recall_at_10']}"
    )
    return "\n".join(lines)


if __name__ == "__main__":  # the serving half, in a fresh process: python -m qa.bench.speed INDEX N
    import logging

    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(serve(sys.argv[1], int(sys.argv[2])), ensure_ascii=False))
