"""Keyword tokens for BM25 over simplified text.

Chinese has no spaces, and word segmenters miss names and new terms, so the
index uses character unigrams and bigrams of every Han run (measured on CMRC
2018: hit@1 0.965 against 0.960 for jieba words). Latin and digit runs are
kept as lower-cased words. Optionally, jieba words (with a corpus user
dictionary of 《》 titles and organisation names) are added beside them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z]+|\d+(?:\.\d+)?")
_TITLE = re.compile(r"《([^《》]{2,60})》")
_ORG = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:委员会|人民政府|办公厅|办公室|研究院|电视台|融媒体|日报社|报社|银行|集团|大学|中心|协会|局|厅|部|署)")


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


def user_dictionary(texts: Iterable[str]) -> list[str]:
    """Words worth teaching jieba: document titles in 《》 and organisation names."""
    words: set[str] = set()
    for text in texts:
        words.update(_TITLE.findall(text))
        words.update(_ORG.findall(text))
    return sorted(w for w in words if " " not in w)


class Tokenizer:
    """Char n-grams, plus jieba search-mode words when ``words`` is set."""

    def __init__(self, words: bool = False, user_words: Iterable[str] = ()):
        self.words = words
        self._jieba = None
        self._user_words = list(user_words)

    def _segmenter(self):
        if self._jieba is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            for word in self._user_words:
                tk.add_word(word, freq=None)
            self._jieba = tk
        return self._jieba

    def __call__(self, text: str) -> list[str]:
        tokens = char_ngrams(text)
        if self.words:
            tokens.extend("w:" + w for w in self._segmenter().cut_for_search(text) if len(w) > 1 and _RUN.match(w))
        return tokens
