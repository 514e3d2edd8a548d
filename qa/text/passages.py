"""Passages: the sentences of a document worth retrieving and quoting, with their
paragraphs (pure; the same at build and at load)."""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from qa.records import Document, Passage
from qa.text import split
from qa.text.script import han_count

_URL = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+")
MIN_HAN = 5


def is_content(text: str) -> bool:
    """False for lines that are only a link or navigation ("[查看原文](https://…)"): they stay
    in the document text but are not passages to retrieve or quote."""
    return han_count(_URL.sub("", text)) >= MIN_HAN


def paragraph_units(passages: list[Passage]) -> tuple[list[tuple[str, int]], np.ndarray]:
    """The paragraphs holding passages, in passage order, as (doc, first passage id), and
    each passage's paragraph number in that list (pure; the same at build and load)."""
    units: list[tuple[str, int]] = []
    of = np.zeros(len(passages), dtype=np.int64)
    last = None
    for p in passages:
        key = (p.doc, p.paragraph)
        if key != last:
            units.append((p.doc, p.id))
            last = key
        of[p.id] = len(units) - 1
    return units, of


def paragraph_text(doc: Document, passage: Passage) -> str:
    """The whole line of ``doc`` holding ``passage``."""
    left, right = split.paragraph_bounds(doc.text, passage.start, passage.end)
    return doc.text[left:right]


def make_passages(documents: Iterable[Document]) -> list[Passage]:
    """Sentence passages (very short sentences joined to the next), numbered in order."""
    passages: list[Passage] = []
    for doc in documents:
        for span in split.merge_short(split.sentences(doc.text)):
            if not is_content(doc.text[span.start : span.end]):
                continue
            passages.append(Passage(len(passages), doc.id, span.paragraph, span.start, span.end, doc.text[span.start : span.end]))
    return passages
