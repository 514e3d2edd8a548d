"""Exact match and F1 as CMRC 2018's official evaluation computes them (character-level
for Chinese, words for other runs, punctuation removed; F1 from the longest common
substring; the best over the gold answers). Pure functions."""
from __future__ import annotations

import re

# The official script's punctuation list.
PUNCTUATION = set("-:_*^/\\~`+=，。：？！“”；’《》……·、「」（）－～『』")
_HAN = re.compile(r"[\u4e00-\u9fa5]")
# The official script splits non-Chinese runs with nltk.word_tokenize; words and single
# symbols come close for the short spans compared here.
_WORDS = re.compile(r"\w+|[^\w\s]")


def segments(text: str, drop_punctuation: bool = True) -> list[str]:
    text = str(text).lower().strip()
    out, run = [], ""
    for ch in text:
        if drop_punctuation and ch in PUNCTUATION:
            continue
        if _HAN.match(ch) or ch in PUNCTUATION:
            if run:
                out.extend(_WORDS.findall(run))
                run = ""
            out.append(ch)
        else:
            run += ch
    if run:
        out.extend(_WORDS.findall(run))
    return out


def _lcs(a: list[str], b: list[str]) -> int:
    """Length of the longest common contiguous run."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def f1(answers: list[str], prediction: str) -> float:
    scores = []
    pred = segments(prediction)
    for ans in answers:
        gold = segments(ans)
        common = _lcs(gold, pred)
        if common == 0:
            scores.append(0.0)
            continue
        p, r = common / len(pred), common / len(gold)
        scores.append(2 * p * r / (p + r))
    return max(scores) if scores else 0.0


def _plain(text: str) -> str:
    return "".join(ch for ch in str(text).lower().strip() if ch not in PUNCTUATION)


def exact(answers: list[str], prediction: str) -> float:
    return float(any(_plain(a) == _plain(prediction) for a in answers))
