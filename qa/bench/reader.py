"""Reader benchmark (``python -m qa bench reader``): exact match and F1 (CMRC 2018's
official scoring) on CMRC 2018 dev, DRCD dev, XQuAD zh and English→Chinese, given the
gold paragraph; and open-pool end to end (retrieve among all paragraphs of the file,
then read), beside retrieval alone."""
from __future__ import annotations

import time
from pathlib import Path

from qa.bench.reader_metrics import exact, f1
from qa.reader.squad import Example, read_examples

# dataset → (questions file, paragraphs file); XQuAD English asks about the Chinese paragraphs.
DATASETS = {
    "cmrc": ("cmrc2018_dev.json", "cmrc2018_dev.json"),
    "drcd": ("drcd_dev.json", "drcd_dev.json"),
    "xquad-zh": ("xquad.zh.json", "xquad.zh.json"),
    "xquad-en": ("xquad.en.json", "xquad.zh.json"),
    "xquad-en-words": ("xquad.en.json", "xquad.zh.json"),  # the English questions as answering reads them
}
# Datasets whose English questions are read as answering reads them (qa.answering.reading:
# rendered in the paragraph's Chinese words and as written, the surer reading).
RENDERED = {"xquad-en-words"}


def _file(bench_dir: Path, name: str) -> Path:
    """``name`` in ``bench_dir``, or its gzipped copy."""
    path = bench_dir / name
    return path if path.exists() or not (bench_dir / (name + ".gz")).exists() else bench_dir / (name + ".gz")


def examples(bench_dir: Path, name: str, limit: int | None = None) -> list[Example]:
    qfile, pfile = DATASETS[name]
    questions = read_examples(_file(bench_dir, qfile))
    if qfile != pfile:  # English questions, Chinese paragraphs and answers (same ids)
        zh = {e.id: e for e in read_examples(_file(bench_dir, pfile))}
        questions = [Example(e.id, e.question, zh[e.id].context, zh[e.id].answers, zh[e.id].article) for e in questions if e.id in zh]
    return questions[:limit] if limit else questions


def score(pairs: list[tuple[list[str], str]]) -> dict:
    n = max(len(pairs), 1)
    return {"questions": len(pairs), "em": round(100 * sum(exact(a, p) for a, p in pairs) / n, 1), "f1": round(100 * sum(f1(a, p) for a, p in pairs) / n, 1)}


def gold(reader, items: list[Example], english: bool = False) -> dict:
    """Read each question's own paragraph (forced to answer); ``english``: as answering
    reads an English question (``qa.answering.reading``: rendered and as written, the surer)."""
    t = time.perf_counter()
    contexts = [e.context for e in items]
    if english:
        from qa.answering.reading import WAYS, english_questions, surest

        renderings = [english_questions(e.question, [e.context]) for e in items]
        questions = [ways[j] for j in range(WAYS) for ways in renderings]
        spans = surest(reader.read(questions, contexts * WAYS, batch_size=64), len(items))
    else:
        spans = reader.read([e.question for e in items], contexts, batch_size=64)
    pairs = [([a for a, _ in e.answers], e.context[s.start : s.end]) for e, s in zip(items, spans)]
    result = score(pairs)
    result["seconds"] = round(time.perf_counter() - t, 1)
    return result


OPEN_READ = 3  # paragraphs read per question in the open pool (the reader picks among them)


def open_pool(reader, bench_dir: Path, name: str, embedder, limit: int | None = None, cache: Path | None = None) -> dict:
    """Retrieve among all paragraphs of the file (the product's retriever over sentence
    passages), then read the best paragraphs: hit@1 of retrieval alone, hit@1 of the
    paragraph the reader answers from, and EM/F1 of its span."""
    from qa.answering.reading import choose
    from qa.bench import retrieval
    from qa.index import store
    from qa.index.build import index_documents
    from qa.index.update import previous_index
    from qa.ranking.retrieve import Retriever

    items = examples(bench_dir, name, limit)
    paragraphs, questions = retrieval.load(bench_dir, name, limit)
    docs = retrieval.documents(bench_dir, name, paragraphs)
    folder = cache / name.split("-")[0] if cache else None
    index, _ = index_documents(docs, embedder, progress=False, previous=previous_index(folder) if folder else None)
    if folder is not None:
        store.save(index, folder)
    retriever = Retriever(index, embedder)
    t = time.perf_counter()
    ranked = [list(dict.fromkeys(int(h.passage.doc) for h in retriever.search(q, k=60).ranking))[:OPEN_READ] for q, _ in questions]
    retrieval_seconds = time.perf_counter() - t
    # every (question, paragraph) pair read in one batched run
    pairs_q = [q for (q, _), r in zip(questions, ranked) for _ in r]
    pairs_p = [p for r in ranked for p in r]
    spans = reader.read(pairs_q, [paragraphs[p] for p in pairs_p], batch_size=32)
    pairs, hit_retrieval, hit_reader, k = [], 0, 0, 0
    for ex, (question, gold_para), r in zip(items, questions, ranked):
        readings = [_Read(r[i], spans[k + i].start, spans[k + i].end, spans[k + i].score - spans[k + i].null) for i in range(len(r))]
        k += len(r)
        chosen = choose(readings)
        hit_retrieval += bool(r) and r[0] == gold_para
        hit_reader += chosen is not None and chosen.paragraph == gold_para
        pairs.append(([a for a, _ in ex.answers], paragraphs[chosen.paragraph][chosen.start : chosen.end] if chosen else ""))
    n = max(len(pairs), 1)
    result = score(pairs)
    result.update({"hit@1_retrieval": round(hit_retrieval / n, 3), "hit@1_read": round(hit_reader / n, 3), "paragraphs": len(paragraphs), "seconds": round(time.perf_counter() - t, 1), "retrieval_seconds": round(retrieval_seconds, 1)})
    return result


class _Read:
    """A reading of one paragraph (the shape qa.answering.reading.choose takes)."""

    def __init__(self, paragraph: int, start: int, end: int, margin: float):
        self.paragraph, self.start, self.end, self.margin = paragraph, start, end, margin


def run(bench_dir: Path, datasets: list[str], weights: Path | None = None, device: str | None = None, limit: int | None = None, log=print, modes: tuple[str, ...] = ("gold",), model: str | None = None, cache: Path | None = None) -> dict:
    from qa.models.e5_torch import resolve_device
    from qa.reader.read import Reader

    reader = Reader(weights, device=resolve_device(device))
    out = {"reader": {k: reader.meta.get(k) for k in ("layers", "epochs", "lr", "examples", "seconds", "device")}, "gold": {}, "open": {}}
    for name in datasets:
        if "gold" in modes:
            out["gold"][name] = gold(reader, examples(bench_dir, name, limit), english=name in RENDERED)
            log(f"{name}: gold paragraph {out['gold'][name]}")
    if "open" in modes:
        from qa.models.embedding import load_embedder

        embedder = load_embedder(model, device)
        for name in datasets:
            folder = cache / embedder.model_id.replace("/", "_") if cache else None
            out["open"][name] = open_pool(reader, bench_dir, name, embedder, limit, folder)
            log(f"{name}: open pool {out['open'][name]}")
    return out


def format_report(result: dict) -> str:
    lines = ["reader: " + ", ".join(f"{k} {v}" for k, v in result["reader"].items() if v is not None), "", "gold paragraph   EM     F1   questions  seconds"]
    for name, r in result["gold"].items():
        lines.append(f"{name:<14} {r['em']:>5.1f}  {r['f1']:>5.1f}  {r['questions']:>9}  {r['seconds']:>7}")
    if result.get("open"):
        lines += ["", f"open pool: {OPEN_READ} best paragraphs read   EM     F1   hit@1 retrieval   hit@1 read   questions"]
        for name, r in result["open"].items():
            lines.append(f"{name:<33} {r['em']:>5.1f}  {r['f1']:>5.1f}  {r['hit@1_retrieval']:>16}  {r['hit@1_read']:>11}  {r['questions']:>10}")
    return "\n".join(lines)
