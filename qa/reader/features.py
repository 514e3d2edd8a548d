"""Windows over (question, passage) pairs for the reader, with answer labels (pure,
given a ``tokenizers.Tokenizer``).

A window is ``<s> question </s></s> passage piece </s>``; long passages are cut
into overlapping pieces. Token offsets point into the passage text, so a span of
tokens maps back to characters exactly; the label of a window whose piece does
not hold the whole answer is position 0 (no answer here).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_LEN = 384
STRIDE = 128  # tokens shared by consecutive windows of one passage
MAX_QUESTION = 64
SPECIALS = 4  # <s> … </s></s> … </s>


@dataclass(frozen=True)
class Window:
    item: int  # which (question, passage) pair
    ids: np.ndarray  # int64 token ids
    context_start: int  # position of the first passage token in ids
    offsets: np.ndarray  # (n, 2) character offsets in the passage of the passage tokens
    start: int = 0  # label: answer start position in ids (0: not in this window)
    end: int = 0


def token_span(offsets: np.ndarray, start: int, end: int) -> tuple[int, int] | None:
    """The passage tokens covering characters [start, end) (extended to whole tokens)."""
    if end <= start or len(offsets) == 0:
        return None
    covering = np.nonzero((offsets[:, 1] > start) & (offsets[:, 0] < end))[0]
    if covering.size == 0:
        return None
    return int(covering[0]), int(covering[-1])


def windows(tokenizer, questions: list[str], passages: list[str], answers: list[tuple[int, int] | None] | None = None, max_len: int = MAX_LEN, stride: int = STRIDE) -> list[Window]:
    """Windows for each (question, passage) pair; ``answers``: the character span of
    the answer in each passage (None: no answer), for training labels."""
    bos, eos = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    q_enc = tokenizer.encode_batch(questions, add_special_tokens=False)
    p_enc = tokenizer.encode_batch(passages, add_special_tokens=False)
    out: list[Window] = []
    for item, (qe, pe) in enumerate(zip(q_enc, p_enc)):
        q_ids = qe.ids[:MAX_QUESTION]
        p_ids = np.asarray(pe.ids, dtype=np.int64)
        offsets = np.asarray(pe.offsets, dtype=np.int64).reshape(-1, 2)
        budget = max_len - len(q_ids) - SPECIALS
        step = max(budget - stride, 1)
        span = None
        if answers is not None and answers[item] is not None:
            span = token_span(offsets, *answers[item])
        head = np.asarray([bos] + q_ids + [eos, eos], dtype=np.int64)
        first = 0
        while True:
            piece = slice(first, min(first + budget, len(p_ids)))
            ids = np.concatenate([head, p_ids[piece], [eos]])
            start = end = 0
            if span is not None and span[0] >= piece.start and span[1] < piece.stop:
                start, end = span[0] - first + len(head), span[1] - first + len(head)
            out.append(Window(item, ids, len(head), offsets[piece], start, end))
            if piece.stop >= len(p_ids):
                break
            first += step
    return out


def batch(windows_: list[Window], pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    """Padded ids and attention mask for a list of windows."""
    width = max(len(w.ids) for w in windows_)
    ids = np.full((len(windows_), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(windows_), width), dtype=np.int64)
    for i, w in enumerate(windows_):
        ids[i, : len(w.ids)] = w.ids
        mask[i, : len(w.ids)] = 1
    return ids, mask
