"""Reading source documents: .txt, .md and .jsonl (each also gzipped, ``.jsonl.gz``),
in UTF-8, GB18030/GBK, Big5 or UTF-16; saved web pages, PDF and Word through
``qa.formats``.

Files that cannot be read are reported (``Problem``) and skipped; the rest is
returned. Cleaning (pinyin annotations, garbled spots) happens here too, so
every ``Document.text`` is the cleaned text that offsets point into.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from qa.formats import FORMATS, read_format
from qa.formats import Unreadable as FormatUnreadable
from qa.formats.encoding import Unreadable, decode
from qa.lexicon import GARBLED_DATE
from qa.records import Document, Problem
from qa.text.clean import clean_text
from qa.text.summary import drop_repeated_summary

SUFFIXES = (".txt", ".md", ".jsonl", *FORMATS)


def _kind(path: Path) -> str:
    """The document suffix of ``path``, looking through a ``.gz``: "a.jsonl.gz" → ".jsonl"."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix
_DATE_FULL = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_SHORT = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_COMPACT_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


# One communiqué is a few thousand characters, a long work report ~100,000. A single
# document beyond this is skipped with the reason (embedding 2 M characters takes
# ~15 minutes here): split it into several files or JSONL records.
MAX_DOCUMENT_CHARS = int(os.environ.get("QA_MAX_DOCUMENT_CHARS", 2_000_000))
MAX_FILE_BYTES = int(os.environ.get("QA_MAX_FILE_BYTES", 1 << 30))  # a file is read whole


def find_date(text: str) -> str:
    """The first date written near the top: ISO when it has a year, else as written (``4月16日``)."""
    head = text[:400]
    m = _DATE_FULL.search(head)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = _DATE_SHORT.search(head)
    return f"{int(m[1])}月{int(m[2])}日" if m else ""


def with_year(found: str, published: str) -> str:
    """A date found in the text ("4月16日") completed with the year of the publication
    date (ISO): a communiqué is published on or after its meeting, so a month after
    the publication month is from the year before. Unchanged without a usable year."""
    m = _DATE_SHORT.fullmatch(found or "")
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    if not (m and iso):
        return found or published or ""
    year = int(iso[1]) - (1 if (int(m[1]), int(m[2])) > (int(iso[2]), int(iso[3])) else 0)
    return f"{year:04d}-{int(m[1]):02d}-{int(m[2]):02d}"


def normalize_date(value: str) -> str:
    m = _COMPACT_DATE.fullmatch(str(value).strip())
    return f"{m[1]}-{m[2]}-{m[3]}" if m else str(value).strip()


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Every readable file under ``paths`` (folders recursively, sorted); a Problem for a missing path."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _kind(p) in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            yield Problem(str(path), "skipped", "no such file or folder")


def _clean(raw_text: str, source: str, problems: list[Problem]) -> str:
    cleaned = clean_text(drop_repeated_summary(raw_text))
    for g in cleaned.garbled:
        problems.append(
            Problem(source, "garbled", f"lost character(s) kept as {g.replacement} at cleaned offset {g.offset}", g.raw_offset, g.raw)
        )
    return cleaned.text.strip("\n")


def _document(doc_id: str, title: str, date: str, source: str, raw_text: str | list[str], problems: list[Problem],
              published: str = "", url: str = "", publisher: str = "") -> Document | None:
    """One cleaned document; ``raw_text`` a list: its pages, cleaned one by one and joined
    by a line break, their starts kept. ``date``: stated by the source (JSONL); else the
    text's first date, its year from ``published`` where it has none."""
    raw_pages = raw_text if isinstance(raw_text, list) else [raw_text]
    size = sum(len(p) for p in raw_pages)
    if size > MAX_DOCUMENT_CHARS:
        problems.append(Problem(source, "skipped", f"too long for one document ({size:,} characters, limit {MAX_DOCUMENT_CHARS:,}; "
                                "split it into several files or JSONL records, or raise QA_MAX_DOCUMENT_CHARS)"))
        return None
    text, starts = "", []
    for raw in raw_pages:
        page = _clean(raw, source, problems)
        starts.append(len(text) + (1 if text and page else 0))
        text = text + "\n" + page if text and page else text or page
    if not text.strip():
        problems.append(Problem(source, "skipped", "no text"))
        return None
    for m in GARBLED_DATE.finditer(text):
        problems.append(Problem(source, "garbled", "a date with a part missing or impossible", m.start(), m.group(0)))
    if not title:
        first = next((line.strip() for line in text.split("\n") if line.strip()), "")
        title = first.lstrip("#").strip()[:80]
    else:
        title = clean_text(title).text.strip()
    date = date or with_year(find_date(text), published)
    if not re.match(r"\d{4}", date or ""):
        problems.append(Problem(source, "undated", f"no year found (date {date!r}); give it in the text, the page's metadata or a JSONL date" if date
                                else "no date found"))
    return Document(doc_id, title, date, source, text, url, publisher, tuple(starts) if isinstance(raw_text, list) else ())


def read_file(path: Path, problems: list[Problem]) -> list[Document]:
    """Documents in one file; what cannot be read is appended to ``problems``."""
    if _kind(path) in FORMATS and not path.name.lower().endswith(".gz"):
        return _read_format(path, problems)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise Unreadable(f"file too large ({path.stat().st_size:,} bytes, limit {MAX_FILE_BYTES:,}; QA_MAX_FILE_BYTES)")
        data = path.read_bytes()
        if path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
        text = decode(data)
    except (Unreadable, UnicodeDecodeError, OSError, EOFError, zlib.error) as err:
        problems.append(Problem(str(path), "skipped", str(err) or type(err).__name__))
        return []
    if _kind(path) != ".jsonl":
        doc = _document(Path(path.name[:-3]).stem if path.name.lower().endswith(".gz") else path.stem, "", "", str(path), text, problems)
        return [doc] if doc else []
    docs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
            doc_id, body = str(record["id"]), record["text"]
            if not isinstance(body, str):
                raise TypeError("text is not a string")
        except (ValueError, KeyError, TypeError) as err:
            problems.append(Problem(source, "skipped", f"bad JSONL line: {err}"))
            continue
        doc = _document(doc_id, str(record.get("title") or ""), normalize_date(record.get("date") or ""), source, body, problems,
                        url=str(record.get("url") or ""), publisher=str(record.get("publisher") or ""))
        if doc:
            docs.append(doc)
    return docs


def _read_format(path: Path, problems: list[Problem]) -> list[Document]:
    """A web page, PDF or Word file as one document (a PDF keeps its pages)."""
    try:
        size = path.stat().st_size
        from qa.formats import MAX_FORMAT_BYTES

        if size > MAX_FORMAT_BYTES:  # checked before reading a byte of it
            raise FormatUnreadable(f"file too large ({size:,} bytes, limit {MAX_FORMAT_BYTES:,}; QA_MAX_FORMAT_BYTES)")
        read = read_format(path, path.read_bytes())
    except (FormatUnreadable, Unreadable, OSError) as err:
        problems.append(Problem(str(path), "skipped", str(err) or type(err).__name__))
        return []
    for note in read.notes:
        problems.append(Problem(str(path), "unread", note))
    paged = path.suffix.lower() == ".pdf"
    doc = _document(path.stem, read.title, "", str(path), read.pages if paged else read.pages[0], problems,
                    published=read.date, url=read.url, publisher=read.publisher)
    return [doc] if doc else []


def read_documents(paths: Iterable[str | Path]) -> tuple[list[Document], list[Problem]]:
    """All documents under ``paths``; duplicate ids after the first are skipped and reported."""
    problems: list[Problem] = []
    docs: list[Document] = []
    seen: set[str] = set()
    for item in iter_files(paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        for doc in read_file(item, problems):
            if doc.id in seen:
                problems.append(Problem(doc.source, "skipped", f"duplicate document id {doc.id!r}"))
                continue
            seen.add(doc.id)
            docs.append(doc)
    return docs, problems
