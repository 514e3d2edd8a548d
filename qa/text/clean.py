"""Cleaning scraped communiqué text (pure functions).

The seed was scraped from a mirror that converted it to traditional script and
put the pinyin of every converted character right after it: ``市長(zhǎng)``.
Those annotations are removed; real parenthesised text such as ``（草案）`` or
``(2024—2030年)`` is kept because it is not a pinyin syllable after a Han
character. Spots where an annotation lost its character (``日?qǐng)?bào)社``)
cannot be restored: each lost character is kept as ``□`` (the customary mark
for an illegible character) and reported with its raw span.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qa.lexicon import HAN

MISSING = "□"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_LETTERS = "a-zü" + _TONED + "ê"
_PLAIN = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿê", "aaaaeeeeiiiioooouuuuvvvvvnnnme")

# A toneless pinyin syllable: optional initial, then a final.
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|"
    r"ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v)|ng|m|n|hm|hng"
)
_ANNOTATION = rf"(?<=[{HAN}])[(（](?P<syl>[{_LETTERS}]{{1,6}}(?: [{_LETTERS}]{{1,6}})*)[)）]"
# Leftover pinyin with a tone mark and a closing bracket, with the "?" that
# replaced its lost character: what remains of an annotation whose character
# was garbled away.
_GARBLED = rf"[?？\ufffd]*(?:[(（]?[{_LETTERS}]*[{_TONED}][{_LETTERS}]*[)）][?？\ufffd]*)+|\ufffd+"
_SCAN = re.compile(rf"(?P<ann>{_ANNOTATION})|(?P<garbled>{_GARBLED})", re.IGNORECASE)
_UNIT = re.compile(rf"[{_LETTERS}]*[{_TONED}][{_LETTERS}]*|\ufffd")


def is_pinyin(word: str) -> bool:
    """True if every space-separated part is a valid pinyin syllable (tone marks allowed)."""
    parts = word.split(" ")
    return all(_SYLLABLE.fullmatch(p.translate(_PLAIN)) for p in parts) and bool(parts)


@dataclass(frozen=True)
class Garbled:
    raw_offset: int  # offset in the text given to clean_text
    offset: int  # offset of the first □ in the cleaned text
    raw: str  # the raw span that was replaced
    replacement: str  # the □s standing for the lost characters


@dataclass(frozen=True)
class Cleaned:
    text: str
    garbled: tuple[Garbled, ...]


def normalize(raw: str) -> str:
    """Drop a BOM, unify line breaks and compose Unicode (NFC); no other change."""
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def clean_text(raw: str) -> Cleaned:
    """Normalise, strip pinyin annotations and mark garbled spots as □.

    Garbled offsets are reported both in ``raw`` (after normalisation) and in
    the cleaned text.
    """
    text = normalize(raw)
    out: list[str] = []
    garbled: list[Garbled] = []
    pos = 0
    length = 0
    for m in _SCAN.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.lastgroup == "ann":
            syl = m.group("syl")
            # "(WTO)", "(ME)": all-capital words are abbreviations, not pinyin.
            if is_pinyin(syl.lower()) and not (syl.isupper() and len(syl) > 1):
                continue
            out.append(m.group(0))
            length += len(m.group(0))
            continue
        units = len(_UNIT.findall(m.group(0)))
        replacement = MISSING * max(units, 1)
        garbled.append(Garbled(m.start(), length, m.group(0), replacement))
        out.append(replacement)
        length += len(replacement)
    out.append(text[pos:])
    return Cleaned("".join(out), tuple(garbled))
