"""Retrieval benchmarks on public data: CMRC 2018, DRCD, XQuAD (zh and en→zh).

The pool is every paragraph of a file and a question's gold is its own paragraph.
Four rankers run in the same process on the same paragraphs:

- ``bm25-jieba``: BM25 over jieba words of each paragraph (the baseline);
- ``bm25-char``:  BM25 over character 1+2-grams of each paragraph;
- ``dense``:      the embedding model on our sentence passages, a paragraph scored
                  by its best passage;
- ``hybrid``:     the product's retriever (qa.retrieve) over the same passages.

hit@1, hit@5 and MRR@10 are reported; every ranker sees simplified text.
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

from qa.records import Document
from qa.text.script import to_simplified
from qa.text.tokenize import char_ngrams

DATASETS = {
    "cmrc": ("cmrc2018_dev.json", "cmrc2018_dev.json"),
    "drcd": ("drcd_dev.json", "drcd_dev.json"),
    "xquad-zh": ("xquad.zh.json", "xquad.zh.json"),
    "xquad-en": ("xquad.en.json", "xquad.zh.json"),
}
RANKERS = ("bm25-jieba", "bm25-char", "dense", "hybrid")


def load(bench_dir: Path, name: str, limit: int | None = None) -> tuple[list[str], list[tuple[str, int]]]:
    """Paragraphs, and (question, index of its paragraph) pairs."""
    qfile, pfile = DATASETS[name]
    paragraphs: list[str] = []
    gold_of: dict[str, int] = {}
    for article in json.loads((bench_dir / pfile).read_text(encoding="utf-8"))["data"]:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                gold_of[qa["id"]] = len(paragraphs)
            paragraphs.append(para["context"])
    questions = []
    for article in json.loads((bench_dir / qfile).read_text(encoding="utf-8"))["data"]:
        for para in article["paragraphs"]:
            questions += [(qa["question"], gold_of[qa["id"]]) for qa in para["qas"] if qa["id"] in gold_of]
    return paragraphs, questions[:limit] if limit else questions


def paragraph_titles(bench_dir: Path, name: str) -> list[str]:
    """The title of each paragraph's article, in ``load``'s order: the paragraph's
    document title, as a communiqué's passages have theirs."""
    pfile = DATASETS[name][1]
    articles = json.loads((bench_dir / pfile).read_text(encoding="utf-8"))["data"]
    return [article.get("title", "") for article in articles for _ in article["paragraphs"]]


def documents(bench_dir: Path, name: str, paragraphs: list[str]) -> list[Document]:
    """One document per paragraph, titled with its article's title."""
    titles = paragraph_titles(bench_dir, name)
    return [Document(str(i), titles[i], "", f"{name}:{i}", p) for i, p in enumerate(paragraphs)]


def metrics(rankings: list[list[int]], golds: list[int]) -> dict[str, float]:
    def rank(r: list[int], g: int) -> int | None:
        return r.index(g) + 1 if g in r else None

    ranks = [rank(r[:10], g) for r, g in zip(rankings, golds)]
    return {
        "hit@1": round(float(np.mean([x == 1 for x in ranks])), 3),
        "hit@5": round(float(np.mean([x is not None and x <= 5 for x in ranks])), 3),
        "mrr@10": round(float(np.mean([1 / x if x else 0.0 for x in ranks])), 3),
    }


def _bm25_rankings(paragraph_tokens: list[list[str]], query_tokens: list[list[str]]) -> list[list[int]]:
    from qa.index.keyword import KeywordIndex

    index = KeywordIndex.build(paragraph_tokens)
    return [list(np.argsort(-index.scores(list(dict.fromkeys(q))), kind="stable")[:10]) for q in query_tokens]


def run(name: str, bench_dir: Path, embedder, limit: int | None = None, progress: bool = True, cache: Path | None = None) -> dict:
    """One dataset, all rankers. With ``cache``, the dataset's index is kept in
    ``cache/<dataset>`` and its vectors reused by the next run (same model)."""
    import jieba

    from qa.index import store
    from qa.index.build import index_documents
    from qa.index.update import previous_index
    from qa.ranking.retrieve import Retriever

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    paragraphs, questions = load(bench_dir, name, limit)
    simple_paras = [to_simplified(p) for p in paragraphs]
    simple_qs = [q if name == "xquad-en" else to_simplified(q) for q, _ in questions]
    golds = [g for _, g in questions]
    out: dict = {"dataset": name, "paragraphs": len(paragraphs), "questions": len(questions), "rankers": {}}

    def words(text: str) -> list[str]:
        return [w.lower() for w in tk.cut(text) if w.strip() and any(c.isalnum() for c in w)]

    t = time.perf_counter()
    out["rankers"]["bm25-jieba"] = metrics(_bm25_rankings([words(p) for p in simple_paras], [words(q) for q in simple_qs]), golds)
    out["rankers"]["bm25-char"] = metrics(_bm25_rankings([char_ngrams(p) for p in simple_paras], [char_ngrams(q) for q in simple_qs]), golds)
    out["seconds_bm25"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    docs = documents(bench_dir, name, paragraphs)
    folder = cache / name.split("-")[0] if cache else None  # xquad-zh and xquad-en share paragraphs
    previous = previous_index(folder) if folder is not None else None
    index, _ = index_documents(docs, embedder, progress=progress, previous=previous)
    if folder is not None:
        store.save(index, folder)
    out["seconds_index"] = round(time.perf_counter() - t, 1)
    para_of = np.array([int(p.doc) for p in index.passages])
    retriever = Retriever(index, embedder)

    t = time.perf_counter()
    dense_rankings, hybrid_rankings = [], []
    vectors = embedder.encode_query(simple_qs)
    for qv, question in zip(vectors, [q for q, _ in questions]):
        ids, _ = index.dense.search(qv, 200)
        dense_rankings.append(list(dict.fromkeys(int(para_of[i]) for i in ids))[:10])
        hits = retriever.search(question, k=60).ranking
        hybrid_rankings.append(list(dict.fromkeys(int(h.passage.doc) for h in hits))[:10])
    out["rankers"]["dense"] = metrics(dense_rankings, golds)
    out["rankers"]["hybrid"] = metrics(hybrid_rankings, golds)
    out["seconds_query"] = round(time.perf_counter() - t, 1)
    return out


def format_table(results: list[dict]) -> str:
    lines = [f"{'dataset':10} {'ranker':11} {'hit@1':>7} {'hit@5':>7} {'mrr@10':>7}  (hit@1 / bm25-jieba)"]
    for r in results:
        base = r["rankers"]["bm25-jieba"]["hit@1"] or 1e-9
        for ranker in RANKERS:
            m = r["rankers"][ranker]
            lines.append(f"{r['dataset']:10} {ranker:11} {m['hit@1']:7.3f} {m['hit@5']:7.3f} {m['mrr@10']:7.3f}  ×{m['hit@1'] / base:.2f}")
    return "\n".join(lines)
