"""Reading communiqués as governments publish them: saved web pages (.html/.htm),
PDF (text layer; OCR for scanned pages) and Word (.docx). Each reader returns a
``Read``: the text (per page for PDF), with what the file says of its title,
publication date, canonical URL and publisher. Cleaning and offsets stay in
``qa.index.ingest``: every format goes through the same cleaner."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = (".html", ".htm", ".pdf", ".docx")
# A published communiqué is a few pages; a file of this size is something else (or an
# attack on the disk and the cores): skipped with the reason.
MAX_FORMAT_BYTES = int(os.environ.get("QA_MAX_FORMAT_BYTES", 100 << 20))


class Unreadable(Exception):
    """A file of a known format that cannot be read (encrypted, damaged, empty)."""


@dataclass
class Read:
    pages: list[str]  # the text, one item per page (one item for non-paged formats)
    title: str = ""
    date: str = ""  # publication date, ISO, from the file's metadata
    url: str = ""  # the page's canonical URL, where a saved page names one
    publisher: str = ""
    notes: list[str] = field(default_factory=list)  # pages not read ("page 3: scanned, not read")


def read_format(path: Path, data: bytes) -> Read:
    """Read one file of a FORMATS suffix; raises Unreadable with the reason."""
    if len(data) > MAX_FORMAT_BYTES:
        raise Unreadable(f"file too large ({len(data):,} bytes, limit {MAX_FORMAT_BYTES:,}; QA_MAX_FORMAT_BYTES)")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        from qa.formats.html import read_html

        return read_html(data)
    if suffix == ".pdf":
        from qa.formats.pdf import read_pdf

        return read_pdf(data)
    if suffix == ".docx":
        from qa.formats.docx import read_docx

        return read_docx(data)
    raise Unreadable(f"not a supported format ({suffix})")
