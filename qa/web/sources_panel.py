"""HTML for the web page's sources panel and document viewer (pure functions).

Every piece of text from a document or a question goes through ``html.escape``;
the only markup is ours. A quote is highlighted with ``<mark>`` at its verified
offsets inside its paragraph (sources panel) and inside the whole document
(viewer), in the script the answer is shown in.
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape

from qa.answering.answer import english_date
from qa.records import Answer, Citation, Document
from qa.text.script import convert as _convert
from qa.text.split import paragraph_bounds
from qa.web.chat import labels_for


def convert(text: str, script: str | None) -> str:
    """``text`` in ``script``; as stored when ``script`` is None."""
    return text if script is None else _convert(text, script)



def _marked(text: str, start: int, end: int, script: str | None, mark_id: str = "") -> str:
    ident = f' id="{escape(mark_id)}"' if mark_id else ""
    return (
        escape(convert(text[:start], script))
        + f"<mark{ident}>"
        + escape(convert(text[start:end], script))
        + "</mark>"
        + escape(convert(text[end:], script))
    )


def quote_in_paragraph(doc: Document, c: Citation, script: str) -> str:
    left, right = paragraph_bounds(doc.text, c.start, c.end)
    return _marked(doc.text[left:right], c.start - left, c.end - left, script)


def document_html(doc: Document, start: int | None = None, end: int | None = None, script: str | None = None, mark_id: str = "") -> str:
    """The whole document, one ``<p>`` a paragraph, in ``script`` (None: as stored);
    ``start:end`` highlighted."""
    out, pos = [], 0
    for line in doc.text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            continue
        if start is not None and lo <= start and end <= hi:
            out.append(f"<p>{_marked(line, start - lo, end - lo, script, mark_id)}</p>")
        else:
            out.append(f"<p>{escape(convert(line, script))}</p>")
    title = convert(doc.title, script) if doc.title else doc.id
    date = f' <span class="date">{escape(doc.date)}</span>' if doc.date else ""
    return f'<h4>《{escape(title)}》{date}</h4>' + "".join(out)


def sources_html(answer: Answer | None, documents: dict[str, Document], turn: int = 0, link: Callable[[Document], str] | None = None) -> str:
    """The sources panel of one answer: per citation, title, date, paragraph (and page)
    number, publisher, a link to the original (``link(doc)``, default the document's
    URL) and the quote highlighted in its paragraph, with the whole document folded
    beneath it."""
    lang = answer.lang if answer is not None else "zh"
    t = labels_for(lang, answer.script if answer is not None else "zh-Hans")
    if answer is None or not answer.citations:
        return f'<div class="qa-sources"><p class="empty">{escape(t["none"])}</p></div>'
    cards = []
    for c in answer.citations:
        doc = documents.get(c.doc)
        if doc is None:
            continue
        title = convert(c.title or doc.id, answer.script)
        where = t["paragraph"].format(n=c.paragraph)
        page = doc.page_of(c.start)
        if page is not None:
            where += " · " + t["page"].format(n=page)
        cards.append(
            f'<div class="qa-source" id="src-{turn}-{c.n}">'
            f'<div class="head"><span class="n">[{c.n}]</span> 《{escape(title)}》'
            f'{" · " + escape(english_date(c.date) if lang == "en" else c.date) if c.date else ""} · {escape(where)}</div>'
            f"{_provenance(doc, (link or original_url)(doc))}"
            f'<blockquote class="para">{quote_in_paragraph(doc, c, answer.script)}</blockquote>'
            f"{_as_written(c, t)}"
            f'<details class="doc" id="doc-{turn}-{c.n}"><summary data-open="{turn}-{c.n}">{escape(t["open"])}</summary>'
            f'<div class="doc-body">{document_html(doc, c.start, c.end, answer.script, f"mark-{turn}-{c.n}")}</div></details>'
            "</div>"
        )
    return f'<div class="qa-sources"><h3>{escape(t["sources"])}</h3>{"".join(cards)}</div>'


def original_url(doc: Document) -> str:
    """The original's web address, where the document names one (http or https only)."""
    return doc.url if doc.url.startswith(("https://", "http://")) else ""


def _as_written(c: Citation, t: dict[str, str]) -> str:
    """The quote as the source writes it, where the answer shows it converted (a
    traditional source quoted for a simplified question), for a fact-checker to compare."""
    if c.quote == c.original:
        return ""
    return f'<div class="as-written"><span class="label">{escape(t["original_text"])}：</span>{escape(c.original)}</div>'


def _provenance(doc: Document, url: str) -> str:
    """The publisher and a link to the original, where known."""
    from qa.wording import PAGE

    parts = []
    if doc.publisher:
        parts.append(f'{escape(PAGE["publisher"])}：{escape(doc.publisher)}')
    if url.startswith(("https://", "http://", "/")):  # never a javascript: or data: address
        parts.append(f'<a class="original" href="{escape(url, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">'
                     f'{escape(PAGE["original"])}</a>')
    return f'<div class="provenance">{" · ".join(parts)}</div>' if parts else ""


def paragraph_count(doc: Document) -> int:
    """Paragraphs as citations count them ("第N段"): the document's non-empty lines."""
    return sum(1 for line in doc.text.split("\n") if line.strip())


def documents_table(documents: dict[str, Document], query: str = "") -> list[list]:
    """Rows (id, title, date, paragraphs) of the indexed documents whose title, date, text
    or id contain ``query`` (in either script), newest first."""
    q = convert(query.strip(), "zh-Hans").lower()
    rows = []
    for d in documents.values():
        if not q or q in convert(f"{d.title} {d.date} {d.id}", "zh-Hans").lower() or q in convert(d.text, "zh-Hans").lower():
            rows.append([d.id, d.title or d.id, d.date, paragraph_count(d)])
    return sorted(rows, key=lambda r: (r[2], r[0]), reverse=True)
