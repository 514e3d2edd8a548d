"""Saved web pages: the main text, headline, publication date, canonical URL and
publisher, by trafilatura (navigation, scripts, styles and footers dropped)."""
from __future__ import annotations

import re

from qa.formats import Read, Unreadable
from qa.formats.encoding import Unreadable as NotText
from qa.formats.encoding import decode
from qa.lexicon import SOURCE_LINE

MIN_BODY_CHARS = 20  # less than this is a navigation bar or a heading, not a communiqué
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode_html(data: bytes) -> str:
    """The page as text: the charset its <meta> declares, else detected (UTF-8, GBK, Big5)."""
    m = _CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii").lower().replace("gb2312", "gb18030").replace("gbk", "gb18030"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(data)
    except NotText as err:
        raise Unreadable(str(err)) from None


def read_html(data: bytes) -> Read:
    import lxml.html
    import trafilatura

    html = decode_html(data)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if len(text) < MIN_BODY_CHARS:
        raise Unreadable("a web page with no body text" + (f" (only {text!r})" if text else ""))
    try:
        whole = lxml.html.fromstring(html).text_content()
    except (ValueError, lxml.etree.ParserError):
        whole = text
    source = SOURCE_LINE.search(whole)
    publisher = source.group(1) if source else (extracted.sitename or "")
    return Read(
        pages=[text],
        title=(extracted.title or "").strip(),
        date=extracted.date or "",
        url=extracted.url or "",
        publisher=publisher.strip(),
    )
