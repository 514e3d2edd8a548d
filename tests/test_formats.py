"""Communiqués as published: web pages, text and scanned PDF, Word; bad files reported
and skipped; the year, summary lists and garbled dates; quotes verified whatever the format."""
import datetime as dt
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.formats import Unreadable, read_format
from qa.index.ingest import read_documents, with_year
from qa.text.summary import drop_repeated_summary
from tests import format_fixtures as fx


def _write(folder, name, data):
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_government_web_page_gives_its_text_and_what_it_says_of_itself(tmp_path, encoding):
    read = read_format(_write(tmp_path, "page.html", fx.web_page(encoding)), fx.web_page(encoding))
    text = read.pages[0]
    assert all(line in text for line in fx.PAGE_LINES)
    for boilerplate in ("首页", "导航脚本", "版权所有", "color"):
        assert boilerplate not in text
    assert read.title == "桂林市人民政府第5次常务会议召开"
    assert read.date == "2024-03-03" and read.url == fx.PAGE_URL and read.publisher == fx.PAGE_PUBLISHER


def test_a_text_pdf_keeps_its_pages(tmp_path):
    path = _write(tmp_path, "minutes.pdf", fx.text_pdf(pages=3))
    docs, problems = read_documents([path])
    (doc,) = docs
    assert not [p for p in problems if p.kind == "skipped"]
    assert len(doc.pages) == 3 and doc.pages[0] == 0
    second = doc.text.index("第2页")
    assert doc.page_of(second) == 2 and doc.page_of(0) == 1 and doc.page_of(len(doc.text) - 1) == 3
    assert doc.title == "市政府第21次常务会议"


@pytest.mark.integration
def test_a_scanned_page_is_read_by_ocr(tmp_path):
    docs, problems = read_documents([_write(tmp_path, "scan.pdf", fx.scanned_pdf())])
    (doc,) = docs
    assert "盘锦市海绵城市建设管理办法" in doc.text and "第23次常务会议" in doc.text
    assert not [p for p in problems if p.kind in ("skipped", "unread")]


def test_a_word_file_gives_its_paragraphs_in_order_and_its_date(tmp_path):
    docs, _ = read_documents([_write(tmp_path, "meeting.docx", fx.word_file())])
    (doc,) = docs
    assert doc.text.split("\n") == fx.DOCX_LINES
    assert doc.date == "2025-05-20"  # "5月20日" with the year of the file's date


def test_bad_files_are_reported_and_skipped_and_the_rest_indexed(tmp_path, monkeypatch):
    _write(tmp_path, "good.docx", fx.word_file())
    _write(tmp_path, "locked.pdf", fx.encrypted_pdf())
    _write(tmp_path, "broken.docx", b"PK\x03\x04 not really a zip")
    _write(tmp_path, "empty.html", '<html><body><div class="nav">首页</div></body></html>'.encode())
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as f:  # a 200 MB file, sparse: refused from its size alone
        f.truncate(200 << 20)
    docs, problems = read_documents([tmp_path])
    assert [d.id for d in docs] == ["good"]
    reasons = {os.path.basename(p.source): p.reason for p in problems if p.kind == "skipped"}
    assert "encrypted" in reasons["locked.pdf"]
    assert "Word" in reasons["broken.docx"]
    assert "no body text" in reasons["empty.html"]
    assert "too large" in reasons["huge.pdf"]


def test_a_pdf_page_without_text_and_without_ocr_is_reported(tmp_path, monkeypatch):
    from qa.formats import pdf

    monkeypatch.setattr(pdf, "ocr_image", lambda data: None)  # as where OCR is not installed
    path = tmp_path / "mixed.pdf"
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (fx.text_pdf(), fx.scanned_pdf()):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    writer.write(path)
    docs, problems = read_documents([path])
    assert len(docs) == 1 and "盘锦市城市供水管理办法" in docs[0].text
    assert [p.reason for p in problems if p.kind == "unread"] == ["page 2: scanned, not read"]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 40))
def test_the_year_comes_from_the_publication_date(meeting, delay):
    published = meeting + dt.timedelta(days=delay)
    found = f"{meeting.month}月{meeting.day}日"
    assert with_year(found, published.isoformat()) == meeting.isoformat()


def test_no_year_and_garbled_dates_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("12月31日 县长主持召开县政府第四十二次常务会议。\n会议于2022年33日部署了防汛工作。\n", encoding="utf-8")
    docs, problems = read_documents([tmp_path])
    assert docs[0].date == "12月31日"
    kinds = {(p.kind, p.span) for p in problems}
    assert ("garbled", "2022年33日") in kinds and any(k == "undated" for k, _ in kinds)


def test_a_summary_list_that_repeats_the_body_is_kept_once():
    body = "12月31日，县长主持召开县政府第四十二次常务会议。\n会议审议通过了《甲县防汛预案》。要求……\n会议听取了乙工作的汇报。指出……"
    summary = "1.会议审议通过了《甲县防汛预案》\n2.会议听取了乙工作的汇报\n"
    assert drop_repeated_summary(summary + body) == body
    assert drop_repeated_summary(body) == body
    numbered = "1.会议审议通过了《甲县防汛预案》。\n2.会议要求加强巡查。"  # a numbered body, nothing repeated
    assert drop_repeated_summary(numbered) == numbered


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(Unreadable):
        read_format(tmp_path / "x.odt", b"")


@pytest.mark.integration
def test_every_format_answers_its_question_with_a_verified_quote(tmp_path, real_embedder, real_reader):
    from qa.answering.answer import Answerer
    from qa.index.build import build_index

    _write(tmp_path, "guilin.html", fx.web_page("gbk"))
    _write(tmp_path, "water.pdf", fx.text_pdf())
    _write(tmp_path, "sponge.pdf", fx.scanned_pdf())
    _write(tmp_path, "green.docx", fx.word_file())
    index, report = build_index([tmp_path], real_embedder, progress=False)
    assert report["documents"] == 4 and not report["skipped"]
    answerer = Answerer(index, real_embedder, real_reader)
    for question, doc, expected in [
        ("桂林市政府第5次常务会议审议通过了什么办法？", "guilin", "漓江风景名胜区保护办法"),
        ("第21次常务会议审议通过了哪个办法？", "water", "城市供水管理办法"),
        ("第23次常务会议审议通过了哪个办法？", "sponge", "海绵城市建设管理办法"),
        ("第22次常务会议要求扩大什么？", "green", "城市绿地面积"),
    ]:
        answer = answerer.answer(question)
        assert not answer.abstained, question
        first = answer.citations[0]
        assert first.doc == doc and expected in first.original
        assert index.documents[doc].text[first.start : first.end] == first.original
    assert index.documents["guilin"].url == fx.PAGE_URL and index.documents["guilin"].date == "2024-03-02"


def test_url_publisher_and_pages_survive_the_stored_index(tmp_path, hash_embedder):
    import json

    from qa.index import store
    from qa.index.build import build_index

    record = {"id": "n1", "title": "常务会议", "date": "2024-03-02", "text": "3月2日，会议审议通过了《甲办法》。", "url": "https://example.gov.cn/a.html", "publisher": "某市人民政府"}
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "n.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    _write(tmp_path / "docs", "minutes.pdf", fx.text_pdf(pages=2))
    index, _ = build_index([tmp_path / "docs"], hash_embedder, progress=False)
    store.save(index, tmp_path / "index")
    loaded = store.load(tmp_path / "index")
    assert loaded.documents["n1"].url == record["url"] and loaded.documents["n1"].publisher == record["publisher"]
    assert loaded.documents["minutes"].pages == index.documents["minutes"].pages and len(loaded.documents["minutes"].pages) == 2
    assert loaded.documents["n1"].pages == ()


def test_the_sources_panel_links_the_original_and_names_the_publisher():
    from qa.records import Answer, Citation, Document
    from qa.web.sources_panel import sources_html

    doc = Document("g", "常务会议", "2024-03-02", "g.html", "会议审议通过了《甲办法》。", "https://example.gov.cn/a.html", "某市人民政府")
    bad = Document("b", "常务会议", "2024-03-02", "b.html", "会议审议通过了《乙办法》。", "javascript:alert(1)")
    cites = [Citation(1, "g", "常务会议", "2024-03-02", 1, 0, 13, doc.text, doc.text, 1.0), Citation(2, "b", "常务会议", "2024-03-02", 1, 0, 13, bad.text, bad.text, 1.0)]
    html = sources_html(Answer("q", "a", citations=cites), {"g": doc, "b": bad})
    assert 'href="https://example.gov.cn/a.html"' in html and "原文 · Source" in html and "某市人民政府" in html
    assert "javascript:" not in html and "2024-03-02" in html
