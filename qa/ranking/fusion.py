"""Score fusion and the relevance decision (pure functions).

Measured on CMRC/DRCD/XQuAD: a weighted sum of min-max-normalised BM25 and
dense scores beat reciprocal-rank fusion in every pairing, so ranking uses it.
Min-max scores are relative to one question's candidates, so they cannot say
whether *anything* answers it; the relevance decision therefore uses absolute
signals from both sides: the dense cosine of the best passage and how much of
the question's key terms (weighted by IDF) that passage contains.
"""
from __future__ import annotations

import numpy as np


def minmax(scores: np.ndarray) -> np.ndarray:
    scores = np.asarray(scores, dtype=np.float32)
    if scores.size == 0:
        return scores
    lo, hi = float(scores.min()), float(scores.max())
    if hi - lo < 1e-9:
        return np.zeros_like(scores) if hi <= 0 else np.ones_like(scores)
    return (scores - lo) / (hi - lo)


def weighted(dense: np.ndarray, keyword: np.ndarray, dense_weight: float) -> np.ndarray:
    """dense_weight * minmax(dense) + (1 - dense_weight) * minmax(keyword)."""
    return dense_weight * minmax(dense) + (1.0 - dense_weight) * minmax(keyword)


def named_share(title: frozenset[str], asked: frozenset[str] | set[str]) -> float:
    """Share of a title's terms that the question contains: 1.0 when it names the title
    whole ("前肛鳗" in "前肛鳗的体长是多少？"), 0.5 for half of it ("异齿前肛鳗")."""
    return len(title & asked) / len(title) if title else 0.0


def rrf(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    """Reciprocal-rank fusion, kept as the baseline the weighted sum is measured against."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank + 1)
    return fused


def calibrate(value: float, floor: float, ceiling: float) -> float:
    """Map a score onto [0, 1] between its typical unrelated (floor) and related (ceiling) levels."""
    if ceiling <= floor:
        return float(value >= floor)
    return float(np.clip((value - floor) / (ceiling - floor), 0.0, 1.0))


def relevance(dense_level: float, coverage: float | None, absence_counts: bool = True, yes_no: bool = False) -> float:
    """One relevance number in [0, 1] from both signals.

    ``coverage`` is the weighted share of the question's key terms found in the
    best passage (None when the question has none; the dense level then decides).
    For a Chinese question both signals must agree: the geometric mean is low
    when either is, so a passage that merely shares a place name with the
    question (high dense similarity, few key terms) does not count as an answer.
    A yes/no question asserts something specific: if any of its key terms is
    missing, the communiqués do not confirm it, and relevance stays below 0.5
    (in English too: a verification answers "yes" only on the words themselves).
    For other English questions the key terms are dictionary translations; one
    the communiqué doesn't use is no evidence of absence (``absence_counts=False``),
    so coverage can only raise the dense level.
    """
    if coverage is None:
        return dense_level
    if not absence_counts:
        return max(dense_level, 0.5 * (dense_level + coverage))
    combined = float(np.sqrt(dense_level * coverage))
    if yes_no and coverage < 0.999:
        combined = min(combined, 0.5 * coverage)
    return combined


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest scores, best first (ties by index), without sorting
    them all: O(n) selection, then a sort of ``k``."""
    n = len(scores)
    if k >= n:
        return np.argsort(-scores, kind="stable")
    kth = scores[np.argpartition(-scores, k - 1)[k - 1]]  # the k-th highest value
    above = np.flatnonzero(scores > kth)
    tied = np.flatnonzero(scores == kth)[: k - len(above)]  # ties: lowest positions first
    chosen = np.concatenate([above, tied])
    return chosen[np.lexsort((chosen, -scores[chosen]))]
