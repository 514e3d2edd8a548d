"""A question as typed, made safe to analyse: normalised, bounded, and refused with a
clear reply when it is no question we can take."""
from __future__ import annotations

import re
import unicodedata

from qa.text.script import han_count
from qa.wording import NOTHING_TO_ASK, UNSUPPORTED

MAX_QUESTION_CHARS = 500  # longer questions are cut here (and the answer says so)
# Input beyond this is dropped before any work on it (a 1 MB "question" costs no more
# than a long one); what remains is still cut to MAX_QUESTION_CHARS after cleaning.
MAX_INPUT_CHARS = 8 * MAX_QUESTION_CHARS

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_HTML_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.I | re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_KANA = re.compile(r"[\u3040-\u30ff]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def as_received(text: str) -> str:
    """The input as it is echoed back (in answers, JSON, the feedback database): bounded
    to MAX_INPUT_CHARS and without lone surrogates, which no UTF-8 output can carry."""
    return _SURROGATE.sub("", text[:MAX_INPUT_CHARS])


def normalize_question(text: str) -> str:
    """Full-width letters and digits to ASCII (NFKC); terminal escapes, control and
    zero-width characters and lone surrogates removed; HTML tags (and script/style
    blocks) and Markdown link/image syntax reduced to their text; white space
    collapsed. Only the first MAX_INPUT_CHARS characters are looked at."""
    text = unicodedata.normalize("NFKC", text[:MAX_INPUT_CHARS])
    text = _ANSI.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs") or ch in "\n\t")
    text = _MD_LINK.sub(r"\1", _HTML_TAG.sub(" ", _HTML_BLOCK.sub(" ", text)))
    return " ".join(text.split())


def unanswerable_input(cleaned: str) -> str | None:
    """A reply for input that is no question we can take: nothing but symbols or emoji,
    or a language other than Chinese and English (Cyrillic, Arabic, Japanese kana, …)."""
    letters = [ch for ch in cleaned if ch.isalnum()]
    if not letters:
        return NOTHING_TO_ASK
    if _KANA.search(cleaned):
        return UNSUPPORTED
    if han_count(cleaned) == 0 and not any(ch.isascii() for ch in letters):
        return UNSUPPORTED
    return None
