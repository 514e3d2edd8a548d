"""Typed records that flow through the pipeline.

Every passage and citation carries character offsets into its document's
cleaned text, so any quote can be traced back and checked verbatim.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    date: str  # ISO "2022-09-27", or as written ("4月16日") when no year is known
    source: str  # path (and line for JSONL) it was read from
    text: str  # cleaned text; all offsets point into it


@dataclass(frozen=True)
class Passage:
    id: int  # row in the index (FAISS id, BM25 row)
    doc: str
    paragraph: int  # 1-based paragraph (non-empty line) number in the document
    start: int
    end: int
    text: str  # == document.text[start:end]


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused relevance in [0, 1]
    dense: float  # raw cosine similarity
    keyword: float  # raw BM25 score


@dataclass(frozen=True)
class Citation:
    n: int  # citation number shown as [n]
    doc: str
    title: str
    date: str
    paragraph: int
    start: int
    end: int
    quote: str  # in the display script
    original: str  # verified span of the stored source, in its own script
    score: float

    def to_json(self) -> dict:
        return {
            "doc": self.doc,
            "title": self.title,
            "date": self.date,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "original": self.original,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    direct: list[str] = field(default_factory=list)
    abstained: bool = False
    script: str = "zh-Hans"  # script of the display: zh-Hans, zh-Hant
    lang: str = "zh"  # language of the question: zh or en
    citations: list[Citation] = field(default_factory=list)
    relevance: float = 0.0
    lead: str = ""  # the sentence before the quotes (English answers; which meeting, among many)

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "direct": list(self.direct),
            "abstained": self.abstained,
            "script": self.script,
            "lang": self.lang,
            "relevance": round(self.relevance, 4),
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(frozen=True)
class Problem:
    """Something the build could not use or could not fully clean."""

    source: str
    kind: str  # "skipped" (file not indexed) or "garbled" (span kept as □)
    reason: str
    offset: int | None = None
    span: str | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}
