"""Choosing the answer span from start/end scores (pure numpy)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.lexicon import EDGE_PUNCTUATION

MAX_ANSWER_TOKENS = 48


@dataclass(frozen=True)
class Span:
    item: int  # which (question, passage) pair
    start: int  # character offsets in the passage
    end: int
    score: float  # start + end score of the span
    null: float  # start + end score of "no answer" (position 0) in the same window


def best_in_window(start_logits: np.ndarray, end_logits: np.ndarray, context_start: int, n_context: int, max_tokens: int = MAX_ANSWER_TOKENS) -> tuple[int, int, float]:
    """The best (start, end) among the passage tokens of one window, as positions into
    the passage tokens, with its score."""
    s = start_logits[context_start : context_start + n_context]
    e = end_logits[context_start : context_start + n_context]
    scores = s[:, None] + e[None, :]
    i, j = np.indices(scores.shape)
    scores = np.where((j >= i) & (j - i < max_tokens), scores, -np.inf)
    flat = int(np.argmax(scores))
    a, b = divmod(flat, scores.shape[1])
    return a, b, float(scores[a, b])


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without punctuation or spaces at either edge (never empty)."""
    a, b = start, end
    while a < b - 1 and text[a] in EDGE_PUNCTUATION:
        a += 1
    while b > a + 1 and text[b - 1] in EDGE_PUNCTUATION:
        b -= 1
    return a, b


def best_spans(windows, start_logits: np.ndarray, end_logits: np.ndarray, passages: list[str]) -> list[Span]:
    """The best span of each (question, passage) pair over its windows; its ``null`` is
    the lowest no-answer score among those windows (as in SQuAD 2.0)."""
    best: dict[int, Span] = {}
    for w, s, e in zip(windows, start_logits, end_logits):
        a, b, score = best_in_window(s, e, w.context_start, len(w.offsets))
        null = float(s[0] + e[0])
        start, end = trim(passages[w.item], int(w.offsets[a][0]), int(w.offsets[b][1]))
        old = best.get(w.item)
        if old is None or score > old.score:
            best[w.item] = Span(w.item, start, end, score, min(null, old.null) if old else null)
        else:
            best[w.item] = Span(old.item, old.start, old.end, old.score, min(null, old.null))
    return [best[i] for i in sorted(best)]
