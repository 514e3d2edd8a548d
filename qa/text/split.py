"""Sentence splitting and passage grouping with exact character offsets.

Sentences end at 。！？；!?; or a line break. A closing quote or bracket right
after the end mark stays with its sentence, and nothing splits inside “…”
or 「…」, so a quoted principle such as “先有预算、后有支出，没有预算、不能支出”
is never cut in half.
"""
from __future__ import annotations

from dataclasses import dataclass

ENDERS = set("。！？；!?;…")
OPENERS = {"“": "”", "「": "」", "『": "』", "‘": "’"}
CLOSERS = set("”」』’）)》】\"'")
MAX_CHARS = 240  # a longer sentence is cut at a comma so passages stay quotable
SOFT_BREAKS = set("，,、：:")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    paragraph: int  # 1-based number of the non-empty line it is in


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) of ``text`` around ``start:end``."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines, without surrounding white space."""
    spans, pos, number = [], 0, 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            number += 1
            start = pos + (len(line) - len(line.lstrip()))
            spans.append(Span(start, start + len(stripped), number))
        pos += len(line) + 1
    return spans


def sentences(text: str) -> list[Span]:
    """All sentences of ``text``, in order, with their paragraph numbers."""
    result: list[Span] = []
    for para in paragraphs(text):
        result.extend(_split_paragraph(text, para))
    return result


def _split_paragraph(text: str, para: Span) -> list[Span]:
    spans: list[Span] = []
    start, open_quotes, i = para.start, [], para.start
    while i < para.end:
        ch = text[i]
        ends = False
        if ch in OPENERS:
            open_quotes.append(OPENERS[ch])
        elif open_quotes and ch == open_quotes[-1]:
            open_quotes.pop()
            # “这是真的。” — a quoted sentence that ends inside its quote ends here
            ends = not open_quotes and i > para.start and text[i - 1] in ENDERS
        elif ch in ENDERS and not open_quotes:
            ends = True
        if not ends:
            i += 1
            continue
        j = i + 1
        while j < para.end and (text[j] in ENDERS or text[j] in CLOSERS):
            j += 1
        spans.extend(_bounded(text, start, j, para.paragraph))
        start = j
        while start < para.end and text[start].isspace():
            start += 1
        i = start
    if start < para.end:
        spans.extend(_bounded(text, start, para.end, para.paragraph))
    return spans


def _bounded(text: str, start: int, end: int, paragraph: int) -> list[Span]:
    """Cut an over-long sentence at soft breaks into pieces of at most MAX_CHARS."""
    pieces = []
    while end - start > MAX_CHARS:
        cut = max((k + 1 for k in range(start + MAX_CHARS // 2, start + MAX_CHARS) if text[k] in SOFT_BREAKS), default=start + MAX_CHARS)
        pieces.append(Span(start, cut, paragraph))
        start = cut
    pieces.append(Span(start, end, paragraph))
    return pieces


def merge_short(spans: list[Span], min_chars: int = 12) -> list[Span]:
    """Join a very short sentence to the next one in the same paragraph.

    A fragment like "会议还研究了其他事项。" is kept alone when it is a whole
    paragraph; it is merged only when a neighbour in its paragraph exists.
    """
    merged: list[Span] = []
    for span in spans:
        if merged:
            prev = merged[-1]
            if prev.paragraph == span.paragraph and prev.end - prev.start < min_chars:
                merged[-1] = Span(prev.start, span.end, span.paragraph)
                continue
        merged.append(span)
    return merged
