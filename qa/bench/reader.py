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
}


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


def gold(reader, items: list[Example]) -> dict:
    """Read each question's own paragraph (forced to answer)."""
    t = time.perf_counter()
    spans = reader.read([e.question for e in items], [e.context for e in items], batch_size=64)
    pairs = [([a for a, _ in e.answers], e.context[s.start : s.end]) for e, s in zip(items, spans)]
    result = score(pairs)
    result["seconds"] = round(time.perf_counter() - t, 1)
    return result


def run(bench_dir: Path, datasets: list[str], weights: Path | None = None, device: str | None = None, limit: int | None = None, log=print) -> dict:
    from qa.models.e5_torch import resolve_device
    from qa.reader.read import Reader

    reader = Reader(weights, device=resolve_device(device))
    out = {"reader": {k: reader.meta.get(k) for k in ("layers", "epochs", "lr", "examples", "seconds", "device")}, "gold": {}}
    for name in datasets:
        out["gold"][name] = gold(reader, examples(bench_dir, name, limit))
        log(f"{name}: gold paragraph {out['gold'][name]}")
    return out


def format_report(result: dict) -> str:
    lines = ["reader: " + ", ".join(f"{k} {v}" for k, v in result["reader"].items() if v is not None), "", "gold paragraph   EM     F1   questions  seconds"]
    for name, r in result["gold"].items():
        lines.append(f"{name:<14} {r['em']:>5.1f}  {r['f1']:>5.1f}  {r['questions']:>9}  {r['seconds']:>7}")
    return "\n".join(lines)
