"""The sources panel's HTML (escaped, quote marked at its offsets) and the feedback store."""
import csv
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.records import Answer, Citation, Document
from qa.text.split import paragraph_bounds
from qa.web.feedback import FeedbackStore, export_csv
from qa.web.sources_panel import document_html, documents_table, sources_html

DOC = Document("d1", "市长<b>张三</b>主持会议", "2024-03-02", "d1.txt", "第一段<script>alert(1)</script>。\n3月2日，会议审议通过《某办法》。会议强调预算约束。\n市领导参加。")


def citation(n=1, quote="会议审议通过《某办法》。"):
    start = DOC.text.index(quote)
    return Citation(n, "d1", DOC.title, DOC.date, 2, start, start + len(quote), quote, quote, 0.9)


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")


def test_quote_is_marked_inside_its_paragraph_and_everything_is_escaped():
    answer = Answer("q", "a", citations=[citation()], lang="zh")
    html = sources_html(answer, {"d1": DOC}, turn=3)
    assert "<mark>会议审议通过《某办法》。</mark>" in html
    assert '<blockquote class="para">3月2日，<mark>' in html  # its own paragraph, not the first
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html
    assert 'id="src-3-1"' in html and 'id="doc-3-1"' in html and 'id="mark-3-1"' in html
    assert "第2段" in html and "2024-03-02" in html


def test_english_labels_and_empty_panel():
    answer = Answer("q", "a", citations=[citation()], lang="en")
    assert "Sources" in sources_html(answer, {"d1": DOC}) and "paragraph 2" in sources_html(answer, {"d1": DOC})
    assert "出处会显示在这里" in sources_html(None, {})


@given(st.text(alphabet="会议<>&\"'ab\n。", min_size=1, max_size=60), st.data())
def test_document_html_keeps_the_text_and_marks_the_span(text, data):
    doc = Document("x", "", "", "x.txt", text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = paragraph_bounds(text, start, end)
    html = document_html(doc, start, end, None, "m")
    assert "<script" not in html.replace("&lt;script", "")
    body = "".join(line for line in text.split("\n") if line.strip())
    assert text_of(html).endswith(body)  # every paragraph, in order, nothing added but the title
    if "\n" not in text[start:end] and text[lo:hi].strip():
        marked = re.search(r'<mark id="m">(.*?)</mark>', html, re.S)
        assert marked and text_of(marked.group(1)) == text[start:end]


def test_documents_table_filters_in_either_script():
    docs = {"a": Document("a", "市長主持召開常務會議", "2024-01-02", "", "x"), "b": Document("b", "防汛会议", "2023-05-01", "", "y")}
    rows = documents_table(docs, "常务会议")
    assert rows == [["a", "市長主持召開常務會議", "2024-01-02", 1]]
    assert [r[0] for r in documents_table(docs, "")] == ["a", "b"]  # newest first
    assert documents_table(docs, "2023")[0][0] == "b"


def test_documents_table_searches_the_text_and_counts_paragraphs_as_citations_do():
    doc = Document("c", "常务会议", "2024-01-02", "", "第一段。\n\n会议研究了防汛工作。\n第三段。")
    assert documents_table({"c": doc}, "防汛") == [["c", "常务会议", "2024-01-02", 3]]
    assert documents_table({"c": doc}, "不存在的词") == []


def test_feedback_rows_comments_and_csv(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    answer = {"answer": "答：张三", "citations": [{"doc": "d1", "quote": "张三主持"}]}
    row = store.record("down", "谁主持？", answer)
    assert store.comment(row, "不对") and not store.comment(row + 99, "x")
    store.record("up", "哪天？", {"answer": "3月2日", "citations": []})
    with pytest.raises(ValueError):
        store.record("meh", "q", answer)
    out = io.StringIO()
    assert export_csv(tmp_path / "fb.sqlite3", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["verdict"], r["question"], r["comment"]) for r in rows] == [("down", "谁主持？", "不对"), ("up", "哪天？", "")]
    assert "张三主持" in rows[0]["citations"] and rows[0]["time"]


def test_feedback_export_cli(tmp_path):
    from qa.cli import main

    FeedbackStore(tmp_path / "fb.sqlite3").record("up", "问题", {"answer": "答", "citations": []})
    assert main(["feedback", "export", "--db", str(tmp_path / "fb.sqlite3"), "--out", str(tmp_path / "out.csv")]) == 0
    assert "问题" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert main(["feedback", "export", "--db", str(tmp_path / "none.sqlite3")]) == 1
