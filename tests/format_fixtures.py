"""Communiqués in the formats governments publish, made by the tests: a government-site
web page (UTF-8 and GBK), a text PDF (reportlab's built-in CID font STSong-Light), a
scanned PDF (the text rendered to an image with a Noto CJK font) and a Word file."""
from __future__ import annotations

import io

from qa.bench import formats

PAGE_LINES = [
    "3月2日，市长主持召开市政府第5次常务会议，研究部署漓江流域生态保护等工作。",
    "会议审议通过了《桂林市漓江风景名胜区保护办法（草案）》，决定提请市人大常委会审议。",
    "会议强调，要坚持生态优先、绿色发展，严格落实河长制，守护好漓江山水。",
]
PAGE_URL = "https://www.guilin.gov.cn/zwgk/2024/0302/t1.html"
PAGE_PUBLISHER = "桂林市人民政府办公室"


def web_page(encoding: str = "utf-8") -> bytes:
    body = "".join(f"<p>{line}</p>\n" for line in PAGE_LINES)
    html = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>桂林市人民政府第5次常务会议召开_桂林市人民政府门户网站</title>
<link rel="canonical" href="{PAGE_URL}"><meta name="PubDate" content="2024-03-03 10:20">
<script>var menu = "导航脚本不应出现";</script><style>.nav {{ color: red }}</style></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">互动交流</a></div>
<div class="article"><h1>桂林市人民政府第5次常务会议召开</h1>
<div class="info">发布时间：2024-03-03 来源：{PAGE_PUBLISHER} 字号：大 中 小</div>
<div class="content">
{body}</div></div>
<div class="footer">版权所有：桂林市人民政府 网站标识码 4503000001 桂ICP备05000000号</div>
</body></html>"""
    return html.encode(encoding)


PDF_LINES = [
    "5月6日，市长主持召开市政府第21次常务会议。",
    "会议审议通过了《盘锦市城市供水管理办法》。",
    "会议要求，要加强水源保护，保障城市供水安全。",
]
SCAN_LINES = [
    "6月18日，市长主持召开市政府第23次常务会议。",
    "会议审议通过了《盘锦市海绵城市建设管理办法》。",
]


def text_pdf(pages: int = 1) -> bytes:
    return formats.text_pdf(pages, PDF_LINES)


def scanned_pdf() -> bytes:
    return formats.scanned_pdf(SCAN_LINES)


DOCX_LINES = [
    "5月20日，市长主持召开市政府第22次常务会议。",
    "会议审议通过了《盘锦市城市绿化管理办法》，要求扩大城市绿地面积。",
]


def word_file(lines: list[str] = DOCX_LINES) -> bytes:
    import datetime as dt

    import docx

    document = docx.Document()
    document.core_properties.title = "市政府第22次常务会议"
    document.core_properties.created = dt.datetime(2025, 5, 21, 9, 0)
    for line in lines:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
