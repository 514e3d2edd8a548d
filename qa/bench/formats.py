"""How fast published formats are read: a text PDF of many pages (pages/s) and a
scanned page (seconds, OCR), beside reading the same text as a .txt file (the
baseline). The sample files are made here: a PDF written with reportlab's built-in
CID font (STSong-Light) and a page image rendered with a Noto CJK font.

    python -m qa bench formats [--pages 300] [--json]
"""
from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SAMPLE_LINES = [
    "5月6日，市长主持召开市政府第21次常务会议。",
    "会议审议通过了《盘锦市城市供水管理办法》。",
    "会议要求，要加强水源保护，保障城市供水安全，完善应急供水预案。",
    "会议强调，要统筹城乡供水设施建设，提升供水服务质量和管理水平。",
]


def text_pdf(pages: int = 1, lines: list[str] = SAMPLE_LINES, title: str = "市政府第21次常务会议", lines_per_page: int = 30) -> bytes:
    """A text PDF: ``lines`` on page 1; later pages "第N页。" and the lines again, filled to
    ``lines_per_page`` lines (a page of a communiqué is ~30 lines)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setTitle(title)
    for number in range(pages):
        c.setFont("STSong-Light", 12)
        page = lines if number == 0 else [f"第{number + 1}页。", *(lines[1:] * lines_per_page)][:lines_per_page]
        for i, line in enumerate(page):
            c.drawString(72, 780 - 24 * i, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(lines: list[str] = SAMPLE_LINES, font: Path = NOTO) -> bytes:
    """One A4 page at 150 dpi: ``lines`` rendered to an image, wrapped in a PDF (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype(str(font), 36)
    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((100, 150 + 70 * i), line, fill="black", font=face)
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=150)
    return buf.getvalue()


def run(pages: int = 300, repeats: int = 3) -> dict:
    from qa.index.ingest import read_documents

    result: dict = {"pages": pages}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = folder / "long.pdf"
        pdf.write_bytes(text_pdf(pages))
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            docs, _ = read_documents([pdf])
            times.append(time.perf_counter() - started)
        text = docs[0].text
        result["text_pdf_seconds"] = round(statistics.median(times), 3)
        result["text_pdf_pages_per_s"] = round(pages / statistics.median(times), 1)
        result["characters"] = len(text)
        txt = folder / "long.txt"  # the baseline: the same text, as a .txt file
        txt.write_text(text, encoding="utf-8")
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            read_documents([txt])
            times.append(time.perf_counter() - started)
        result["txt_seconds"] = round(statistics.median(times), 3)
        scan = folder / "scan.pdf"
        scan.write_bytes(scanned_pdf())
        started = time.perf_counter()
        docs, _ = read_documents([scan])  # the first includes loading the OCR models
        result["scanned_page_first_seconds"] = round(time.perf_counter() - started, 2)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            docs, _ = read_documents([scan])
            times.append(time.perf_counter() - started)
        result["scanned_page_seconds"] = round(statistics.median(times), 2)
        result["scanned_page_read_right"] = all(line in docs[0].text.replace("\n", "") for line in SAMPLE_LINES[:2])
    return result


def format_report(r: dict) -> str:
    return "\n".join([
        f"text PDF, {r['pages']} pages ({r['characters']:,} characters): {r['text_pdf_seconds']:.2f} s = {r['text_pdf_pages_per_s']:.0f} pages/s"
        f" (the same text as .txt: {r['txt_seconds']:.3f} s)",
        f"scanned page (OCR): {r['scanned_page_seconds']:.2f} s (first, loading the OCR models: {r['scanned_page_first_seconds']:.2f} s);"
        f" text read right: {r['scanned_page_read_right']}",
    ])
