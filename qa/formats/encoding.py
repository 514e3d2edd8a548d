"""Text files' bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, or a detected
Chinese encoding (GB18030/GBK, Big5)."""
from __future__ import annotations


class Unreadable(Exception):
    """Bytes that are no text we can read (binary, or an encoding we do not take)."""


# Encodings accepted from detection: Chinese and Unicode ones. A guess of a
# Western code page for Chinese bytes is a wrong guess, not a decoding.
_ACCEPTED = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "hz", "utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "ascii"}


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or a detected Chinese encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise Unreadable("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8"]).best()
    if best is None or best.encoding not in _ACCEPTED:
        raise Unreadable("not UTF-8, GB18030/GBK or Big5 text")
    return str(best)
