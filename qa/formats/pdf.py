"""PDF: the text layer of each page (pypdf), page numbers kept; a page without one
(a scan) goes through OCR (RapidOCR, whose Chinese models ship inside its wheel, so
it runs offline), or is reported "scanned, not read" where OCR is not installed."""
from __future__ import annotations

import io
import logging

from qa.formats import Read, Unreadable

log = logging.getLogger(__name__)
MIN_TEXT_CHARS = 10  # a page with less text than this and an image is taken for a scan
_SENTENCE_END = tuple("。！？：；!?:;")


def _ocr_engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    if not hasattr(_ocr_engine, "engine"):
        _ocr_engine.engine = RapidOCR()
    return _ocr_engine.engine


def ocr_image(image_bytes: bytes) -> str | None:
    """The text of a page image, its visual lines joined into paragraphs (a line that
    does not end a sentence runs on); None when OCR is not available."""
    engine = _ocr_engine()
    if engine is None:
        return None
    result, _ = engine(image_bytes)
    out = ""
    for _, line, _score in result or []:
        line = line.strip()
        if line:
            out += line + ("\n" if line.endswith(_SENTENCE_END) else "")
    return out


def read_pdf(data: bytes) -> Read:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("an encrypted PDF (it needs a password)")
        pages, notes = [], []
        for number, page in enumerate(reader.pages, 1):
            text = page.extract_text() or ""
            if len(text.strip()) < MIN_TEXT_CHARS:
                scanned = _page_ocr(page, number, notes)
                text = scanned if scanned is not None else text
            pages.append(text)
        meta = reader.metadata
        title = (meta.title or "") if meta else ""
        created = meta.creation_date if meta else None
    except Unreadable:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as err:
        raise Unreadable(f"not a readable PDF ({type(err).__name__}: {err})") from None
    if not any(p.strip() for p in pages):
        raise Unreadable("a PDF with no text" + (f" ({'; '.join(notes)})" if notes else ""))
    return Read(pages=pages, title=str(title).strip(), date=created.date().isoformat() if created else "", notes=notes)


def _page_ocr(page, number: int, notes: list[str]) -> str | None:
    try:
        images = list(page.images)
    except Exception as err:  # a damaged image stream: the page is reported, the rest read
        notes.append(f"page {number}: images not readable ({type(err).__name__})")
        return None
    if not images:
        return None
    largest = max(images, key=lambda im: len(im.data))
    try:
        text = ocr_image(largest.data)
    except Exception as err:  # OCR failing on one page must not lose the document
        log.warning("OCR failed on page %d: %s", number, err)
        text = None
    if text is None:
        notes.append(f"page {number}: scanned, not read")
    return text
