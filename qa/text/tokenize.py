"""Keyword tokens for BM25 over simplified text.

Chinese has no spaces, and word segmenters miss names and new terms, so the
index uses character unigrams and bigrams of every Han run (measured on CMRC
2018: hit@1 0.965 against 0.960 for jieba words). Latin and digit runs are
kept as lower-cased words. Adding jieba search-mode words beside the n-grams
gained nothing (hit@1 CMRC 0.961 → 0.961, DRCD 0.943 → 0.943), so the index
holds n-grams only.
"""
from __future__ import annotations

import re

from qa.lexicon import HAN

_RUN = re.compile(rf"[{HAN}]+|[A-Za-z]+|\d+(?:\.\d+)?")


def char_ngrams(text: str) -> list[str]:
    """Han unigrams and bigrams plus lower-cased Latin/number words, in text order."""
    tokens: list[str] = []
    for run in _RUN.findall(text):
        if run[0].isascii():
            tokens.append(run.lower())
            continue
        tokens.extend(run)
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def title_terms(text: str) -> frozenset[str]:
    """The terms a title is named by: the character bigrams of its Han runs (a lone
    character as itself) and its lower-cased Latin and number words."""
    terms: set[str] = set()
    for run in _RUN.findall(text):
        if run[0].isascii() or len(run) == 1:
            terms.add(run.lower())
        else:
            terms.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(terms)
