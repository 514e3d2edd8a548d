"""Measuring the relevance levels of a model (``python -m qa.bench.calibration MODEL``):
how qa.models.calibration's Z_LEVELS were set for e5-small and MODEL_Z_LEVELS for others."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from qa.models.calibration import background_vectors, zscore


def measure_levels(embedder, bench_dir: Path, n: int = 150, seed: int = 0) -> dict:
    """z-scores of a question's own paragraph (best sentence) against its best of 50
    unrelated sentences, on CMRC 2018 (Chinese questions) and XQuAD (English questions,
    Chinese paragraphs); and the levels they suggest: low = unrelated p75, high = halfway
    between unrelated p90 and own p10. How Z_LEVELS were set for e5-small; run it for
    another model with ``python -m qa.models.calibration MODEL``."""
    import json
    import random
    import re

    from qa.text.script import to_simplified

    def sentences(text: str) -> list[str]:
        return [s for s in re.split(r"(?<=[。！？])", to_simplified(text)) if len(s.strip()) >= 6]

    def pairs(qfile: str, pfile: str) -> list[tuple[str, list[str], int]]:
        paras, gold = [], {}
        for article in json.loads((bench_dir / pfile).read_text(encoding="utf-8"))["data"]:
            for para in article["paragraphs"]:
                for qa in para["qas"]:
                    gold[qa["id"]] = len(paras)
                paras.append(sentences(para["context"]))
        out = []
        for article in json.loads((bench_dir / qfile).read_text(encoding="utf-8"))["data"]:
            for para in article["paragraphs"]:
                out += [(qa["question"], paras, gold[qa["id"]]) for qa in para["qas"] if qa["id"] in gold]
        return out

    background = background_vectors(embedder)
    rng = random.Random(seed)
    result = {}
    for lang, (qfile, pfile) in {"zh": ("cmrc2018_dev.json", "cmrc2018_dev.json"), "en": ("xquad.en.json", "xquad.zh.json")}.items():
        sample = rng.sample(pairs(qfile, pfile), n)
        pos, neg = [], []
        for question, paras, g in sample:
            qv = embedder.encode_query([question if lang == "en" else to_simplified(question)])[0]
            own = embedder.encode_document(paras[g])
            others = [s for i in rng.sample(range(len(paras)), 60) if i != g for s in paras[i][:1]][:50]
            pos.append(zscore(float((own @ qv).max()), qv, background))
            neg.append(zscore(float((embedder.encode_document(others) @ qv).max()), qv, background))
        p = {"own_p10": float(np.percentile(pos, 10)), "unrelated_p75": float(np.percentile(neg, 75)), "unrelated_p90": float(np.percentile(neg, 90))}
        p["levels"] = (round(p["unrelated_p75"], 1), round((p["unrelated_p90"] + p["own_p10"]) / 2, 1))
        result[lang] = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in p.items()}
    return result


if __name__ == "__main__":  # python -m qa.models.calibration [MODEL] [BENCH_DIR]
    import sys

    from qa.models.embedding import load_embedder

    emb = load_embedder(sys.argv[1] if len(sys.argv) > 1 else None)
    print(emb.model_id, measure_levels(emb, Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/bench")))
