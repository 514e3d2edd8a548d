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
    url: str = ""  # the original's address, where the file names one (a saved page's canonical URL)
    publisher: str = ""  # where the page or record states one ("来源：…")
    pages: tuple[int, ...] = ()  # PDF: the offset in ``text`` where each page starts (page 1 first)

    def page_of(self, offset: int) -> int | None:
        """The 1-based page holding ``offset`` (None for documents without pages)."""
        if not self.pages:
            return None
        return sum(1 for start in self.pages if start <= offset) or 1

    def to_json(self) -> dict:
        """The stored row: optional fields only where set."""
        row = {"id": self.id, "title": self.title, "date": self.date, "source": self.source, "text": self.text}
        row.update({k: v for k, v in (("url", self.url), ("publisher", self.publisher), ("pages", list(self.pages))) if v})
        return row

    @classmethod
    def from_json(cls, row: dict) -> Document:
        return cls(row["id"], row["title"], row["date"], row["source"], row["text"],
                   str(row.get("url") or ""), str(row.get("publisher") or ""), tuple(int(x) for x in row.get("pages") or ()))


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
    page: int | None = None  # PDF page of the quote's start
    url: str = ""  # the original's address, where known
    publisher: str = ""

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
            "page": self.page,
            "url": self.url,
            "publisher": self.publisher,
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
