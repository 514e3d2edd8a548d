"""Chinese script handling with OpenCC.

Matching is done in simplified script (both indexes and every question are
converted), because the same communiqué circulates in both scripts and the
seed itself was converted to traditional by a mirror. Display keeps the
verified original span and converts it to the asker's script.
"""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

from qa.lexicon import HAN_RE as _HAN

HANS, HANT = "zh-Hans", "zh-Hant"
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def script_of(text: str) -> str:
    """zh-Hant if more characters change under t2s than under s2t, else zh-Hans."""
    to_s = sum(a != b for a, b in zip(text, to_simplified(text)))
    to_t = sum(a != b for a, b in zip(text, to_traditional(text)))
    return HANT if to_s > to_t else HANS


def language_of(question: str) -> str:
    """'en' for a question written in Latin letters with no Han characters, else 'zh'."""
    if han_count(question) == 0 and _LATIN.search(question):
        return "en"
    return "zh"


def display_script(question: str) -> str:
    """The script answers are shown in: traditional for a traditional question, else simplified."""
    if language_of(question) == "zh" and script_of(question) == HANT:
        return HANT
    return HANS


def convert(text: str, script: str) -> str:
    """Show ``text`` in ``script``; text already in that script is returned unchanged."""
    if script == HANT:
        return text if script_of(text) == HANT else to_traditional(text)
    return to_simplified(text)
