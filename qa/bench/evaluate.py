"""Scoring the bot against a gold file (format of shared/eval/seed_questions.jsonl)."""
from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from qa.answering.answer import Answerer
from qa.text.script import to_simplified


def read_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_questions(paths) -> list[str]:
    """The questions of the gold files among ``paths`` that exist, in order."""
    return [g["question"] for path in paths if Path(path).exists() for g in read_gold(path)]


def _has(text: str, item: str) -> bool:
    """``item`` may be "a|b": either alternative counts."""
    return any(alt in text for alt in item.split("|"))


def score_one(answerer: Answerer, gold: dict) -> dict:
    t0 = time.perf_counter()
    answer = answerer.answer(gold["question"])
    seconds = time.perf_counter() - t0
    search = answerer.retriever.search(gold["question"])  # the ranked passages, for hit@k
    passages = [answerer.retriever.passage_simplified(h.passage.id) for h in search.hits]
    evidence = gold.get("evidence") or []

    def hit(k: int) -> bool:
        return any(all(e in p for e in evidence) for p in passages[:k])

    text = to_simplified(answer.text)
    direct = to_simplified(" ".join(answer.direct))
    row = {
        "id": gold.get("id"),
        "lang": gold.get("lang", "?"),
        "category": gold.get("category"),
        "half": gold.get("half"),
        "answerable": bool(gold.get("answerable", True)),
        "abstained": answer.abstained,
        "seconds": seconds,
    }
    if row["answerable"]:
        row["hit1"] = hit(1) and not answer.abstained
        row["hit3"] = hit(3) and not answer.abstained
        row["contains"] = all(_has(text, a) for a in gold.get("answer") or [])
        if gold.get("direct"):
            row["direct_ok"] = all(_has(direct, d) for d in gold["direct"]) and not any(_has(direct, d) for d in gold.get("direct_not") or [])
    return row


def summarize(rows: list[dict]) -> dict:
    def block(rs: list[dict]) -> dict:
        ans = [r for r in rs if r["answerable"]]
        una = [r for r in rs if not r["answerable"]]
        directs = [r for r in ans if "direct_ok" in r]
        mean = lambda key, xs: round(float(np.mean([r[key] for r in xs])), 3) if xs else None
        return {
            "questions": len(rs),
            "hit@1": mean("hit1", ans),
            "hit@3": mean("hit3", ans),
            "answer_contains": mean("contains", ans),
            "direct_accuracy": mean("direct_ok", directs),
            "direct_questions": len(directs),
            "abstained_unanswerable": f"{sum(r['abstained'] for r in una)}/{len(una)}",
            "abstained_answerable": f"{sum(r['abstained'] for r in ans)}/{len(ans)}",
        }

    failed = [r["id"] for r in rows if (r["answerable"] and (not r["hit3"] or not r["contains"] or not r.get("direct_ok", True))) or (not r["answerable"] and not r["abstained"])]
    return _report(rows, block, failed)


def _report(rows: list[dict], block, failures: list) -> dict:
    """A summary of scored rows: ``block`` of all of them, by language, by half (a dev
    set's tuned / held-out halves) and by category where the gold file has them; latency."""

    def grouped(key: str) -> dict[str, dict]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            if r.get(key) is not None:
                groups[r[key]].append(r)
        return {name: block(rs) for name, rs in sorted(groups.items())}

    secs = [r["seconds"] for r in rows]
    return {
        "overall": block(rows),
        "by_language": grouped("lang"),
        "by_half": grouped("half"),
        "by_category": grouped("category"),
        "latency_ms": {"p50": round(1000 * float(np.percentile(secs, 50)), 1), "p95": round(1000 * float(np.percentile(secs, 95)), 1)} if secs else {},
        "failures": failures,
    }


def score_claim(answerer: Answerer, gold: dict) -> dict:
    """One claim of a claims file (format of shared/eval/seed_claims.jsonl): the verdict,
    and for a supported or refuted one, whether the expected evidence is among the first
    three quotes."""
    from qa.answering.verification import verify

    t0 = time.perf_counter()
    verdict = verify(answerer, gold["claim"])
    seconds = time.perf_counter() - t0
    quotes = [to_simplified(c.original) for c in verdict.evidence[:3]]
    return {
        "id": gold.get("id"),
        "lang": gold.get("lang"),  # a file without languages is not split by them
        "half": gold.get("half"),
        "category": gold["verdict"],  # claims are grouped by the verdict they should get
        "verdict": verdict.verdict,
        "right": verdict.verdict == gold["verdict"],
        "evidence_ok": all(any(e in q for q in quotes) for e in gold.get("evidence") or []),
        "seconds": seconds,
    }


def summarize_claims(rows: list[dict]) -> dict:
    def block(rs: list[dict]) -> dict:
        return {
            "claims": len(rs),
            "verdict_right": round(float(np.mean([r["right"] for r in rs])), 3) if rs else None,
            "right_with_evidence": round(float(np.mean([r["right"] and r["evidence_ok"] for r in rs])), 3) if rs else None,
            "wrong": {f"{r['category']}→{r['verdict']}": sum(1 for x in rs if (x["category"], x["verdict"]) == (r["category"], r["verdict"])) for r in rs if not r["right"]},
        }

    return _report(rows, block, [r["id"] for r in rows if not (r["right"] and r["evidence_ok"])])


def format_claims_summary(summary: dict) -> str:
    lines = [f"{'':14}{'claims':>10}{'verdict_right':>16}{'with evidence':>16}  wrong (expected→given)"]
    for name, b in _blocks(summary):
        wrong = ", ".join(f"{k} ×{v}" for k, v in b["wrong"].items())
        lines.append(f"{name[:14]:14}{b['claims']:>10}{b['verdict_right']!s:>16}{b['right_with_evidence']!s:>16}  {wrong}")
    return "\n".join(lines + _tail(summary, "claim"))


def _blocks(summary: dict) -> list[tuple[str, dict]]:
    """The rows of a printed summary: overall, each language, each half, each category."""
    rows = [("overall", summary["overall"]), *summary["by_language"].items()]
    return rows + [(f"half {k}", v) for k, v in summary.get("by_half", {}).items()] + list(summary.get("by_category", {}).items())


def _tail(summary: dict, what: str) -> list[str]:
    lines = []
    if lat := summary.get("latency_ms"):
        lines.append(f"latency per {what}: p50 {lat['p50']} ms, p95 {lat['p95']} ms")
    if summary["failures"]:
        lines.append("not fully right: " + ", ".join(map(str, summary["failures"])))
    return lines


def format_summary(summary: dict) -> str:
    cols = ["questions", "hit@1", "hit@3", "answer_contains", "direct_accuracy", "abstained_unanswerable", "abstained_answerable"]
    header = f"{'':14}" + "".join(f"{c:>24}" for c in cols)
    lines = [header]
    for name, block in _blocks(summary):
        lines.append(f"{name[:14]:14}" + "".join(f"{block[c]!s:>24}" for c in cols))
    return "\n".join(lines + _tail(summary, "question"))
