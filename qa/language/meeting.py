"""Which meeting a question is about: the number ("第21次常务会议", "the 21st meeting")
and the place whose government held it ("盘锦市政府", "the Guilin city government"),
as general question forms; and a document's own meeting date and number, for
"which meeting / which day" answers."""
from __future__ import annotations

import re

from qa.lexicon import (
    BODIES_NOT_PLACES,
    BODY_LEVEL,
    CHAIRED_AFTER_NAME,
    EFFECTIVE_ASKED,
    EN_LEVELS,
    EN_MONTHS,
    EN_ORDINAL_WORDS,
    HAN,
    MEETING_ACT,
    MEETING_CALLED,
    MEETING_NAME,
    MEETING_ORDINAL_EN,
    MEETING_ORDINAL_ZH,
    MEETING_QUESTION,
    MEETING_SAID,
    MEETING_TERM_EN,
    MEETING_TERM_ZH,
    NAME,
    NOT_IN_NAME,
    PLACE_HOLDER_EN,
    PLACE_HOLDER_ZH,
    PLACE_LEADING_ZH,
    PLACE_POST_ZH,
)

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100}
_MEETING_NUMBER = re.compile(r"(?:第|(?<=届))([0-9一二三四五六七八九十百零〇两]+)次")
_TERM = re.compile(r"([0-9一二三四五六七八九十百零〇两]+)届")
_OPENING_DAY = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")
OPENING_CHARS = 300  # the part of a document that names its meeting: title and opening


def opening_of(title: str, text: str) -> str:
    """Where a communiqué names its meeting(s): its title and opening, and any later
    sentence that holds another numbered meeting ("又讯 5月29日,…主持召开…2025年第17次常务
    会议": a page may report two)."""
    head = title + "\n" + text[:OPENING_CHARS]
    later = [s for s in re.split(r"(?<=[。\n])", text[OPENING_CHARS:]) if "召开" in s and MEETING_ORDINAL_ZH.search(s)]
    return "\n".join([head, *later])


def number(text: str) -> int | None:
    """An ordinal's number, in digits, Chinese numerals or English words ("21", "二十一",
    "一百零二", "second")."""
    if text.isdigit():
        return int(text)
    if text.lower() in EN_ORDINAL_WORDS:
        return EN_ORDINAL_WORDS[text.lower()]
    total, digit = 0, None
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            total += (1 if digit is None else digit) * _UNIT[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _numbers(pattern: re.Pattern, text: str) -> list[int]:
    """The numbers that ``pattern``'s matches in ``text`` give in their first group."""
    return [n for m in pattern.finditer(text) if (n := number(m.group(1))) is not None]


def asked_ordinals(simplified: str, lang: str) -> list[int]:
    """Numbers of the meetings a question names."""
    return _numbers(MEETING_ORDINAL_EN if lang == "en" else MEETING_ORDINAL_ZH, simplified)


def meeting_numbers(opening: str) -> set[int]:
    """Numbers of the meetings a document's opening names ("市政府第20次常务会议", "区政府六届一次
    常务会议")."""
    return set(_numbers(_MEETING_NUMBER, opening))


def asked_terms(simplified: str, lang: str) -> list[int]:
    """The terms of the governments whose meetings a question names ("六届一次常务会议" → 6,
    "the 65th meeting of its 18th government" → 18)."""
    return _numbers(MEETING_TERM_EN if lang == "en" else MEETING_TERM_ZH, simplified)


def meeting_terms(opening: str) -> set[int]:
    """The government terms a document's opening names ("县十六届第9次政府常务会议" → 16)."""
    return set(_numbers(_TERM, opening))


def asked_places(simplified: str, lang: str, is_place, english_place) -> list[tuple[tuple[str, ...], str]]:
    """The places whose government the question says held the meeting, each as its
    Chinese spellings and the level of government asked for ("市", "县", "自治区"; "" when
    the question does not say): ``is_place(zh)`` says whether a Chinese word is a place
    name, ``english_place(phrase)`` gives the Chinese names of an English one."""
    out: list[tuple[tuple[str, ...], str]] = []
    if lang == "en":
        for m in PLACE_HOLDER_EN.finditer(simplified):
            phrase = (m.group(1) or m.group(2) or m.group(3) or "").strip()
            words = [w for w in phrase.split() if w.lower() not in ("the", "of")]
            level = next((EN_LEVELS[w.lower()] for w in m.group(0).split() if w.lower() in EN_LEVELS), "")
            # the longest run of the phrase's last words that names a place ("the Inner Mongolia …")
            for i in range(len(words)):
                names = [n for n in english_place(" ".join(words[i:])) if n not in BODIES_NOT_PLACES]
                if names:
                    out.append((tuple(names), level))
                    break
        return out
    for m in [*PLACE_HOLDER_ZH.finditer(simplified), *PLACE_POST_ZH.finditer(simplified), *PLACE_LEADING_ZH.finditer(simplified)]:
        head = m.group(1)
        # the longest tail of the characters before 市/省/… that is a place name ("召开盘锦" → 盘锦)
        name = next((head[i:] for i in range(len(head) - 1) if is_place(head[i:])), None) or _with_level(head, m.group(2), is_place)
        if name and ((name,), m.group(2)) not in out:
            out.append(((name,), m.group(2)))
    return out


_ASKED_CHAIR = re.compile(rf"({NAME})主持的")


def asked_chairs(simplified: str) -> list[str]:
    """The chair a question names to say which meeting it means ("李奉利主持的专题会议…"):
    what follows the last character no name holds, so "会议是谁主持的" names no one and
    "由王军主持的" names 王军."""
    out = []
    for m in _ASKED_CHAIR.finditer(simplified):
        name = re.split(f"[{NOT_IN_NAME}]", m.group(1))[-1]
        if len(name) >= 2:
            out.append(name)
    return out


def chaired_by(opening: str, name: str) -> bool:
    """Whether a communiqué's opening says ``name`` chaired: the name, then 主持 with at most a
    day, a time or a place between ("区长李奉利在区机关大楼第一接待室主持召开")."""
    return bool(re.search(re.escape(name) + CHAIRED_AFTER_NAME.pattern, opening))


def without_meeting(simplified: str) -> str:
    """A Chinese question with the words that name its meeting taken out: the number
    ("第四十二次常务会议"), the place's government ("镇江市政府第20次常务会议") or the body alone
    ("区政府第70次…") and its chair ("郭海磊主持的") — what is left says what it asks about
    that meeting."""
    spans = [m.span() for pattern in (MEETING_ORDINAL_ZH, PLACE_HOLDER_ZH, BODY_LEVEL, _ASKED_CHAIR) for m in pattern.finditer(simplified)
             # "会议是谁主持的" asks who chaired; it names no meeting
             if pattern is not _ASKED_CHAIR or asked_chairs(m.group(0))]
    return _without(simplified, spans)


# "chaired by Song Huadong", "presided over by …": the words before the chair's name
_EN_CHAIRED_BY = re.compile(r"\b(?:chaired|presided\s+over|hosted|convened)\s+by\s+$", re.I)


def without_meeting_en(question: str, chair_spellings: list[str] = ()) -> str:
    """An English question with the words that name its meeting taken out: its number and
    term ("the 70th district government executive meeting", "of its 18th government"), its
    place ("the Longhu district executive meeting") and the chair it names ("chaired by Song
    Huadong", "Song Huadong's"; ``chair_spellings``: the pinyin runs that spelled a chair) —
    what is left says what it asks about that meeting ("When was … held?")."""
    spans = [m.span() for p in (MEETING_ORDINAL_EN, MEETING_TERM_EN, PLACE_HOLDER_EN) for m in p.finditer(question)]
    for name in chair_spellings:
        for m in re.finditer(re.escape(name) + r"(?:'s)?", question):
            by = _EN_CHAIRED_BY.search(question[: m.start()])
            spans.append((by.start() if by else m.start(), m.end()))
    return _without(question, spans)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` taken out, its words rejoined by single spaces."""
    cut = [False] * len(text)
    for start, end in spans:
        cut[start:end] = [True] * (end - start)
    return " ".join("".join(" " if c else ch for ch, c in zip(text, cut)).split())


def body_level(opening: str) -> str:
    """The level of government whose meeting a communiqué reports, as its opening names the
    body: "国务院", "省", "市", "县", "区", "自治区", …; "" when it names none."""
    m = BODY_LEVEL.search(opening)
    return (m.group(1) or m.group(0)) if m else ""


def own_places(opening: str, text: str, level: str, is_place) -> set[str]:
    """The places a communiqué names as its own government's: a place of its level in its
    opening ("广州市市长…", "盘锦市政府…") or starting one of its 《titles》
    ("《通江县交通建设项目管理办法》"). Empty for a page that names only its body."""
    if not level or level == "国务院":
        return set()
    found = set()
    for m in re.finditer(rf"([{HAN}]{{2,8}}){level}", _naming(opening)):
        head = m.group(1)
        found.update(head[i:] for i in range(len(head) - 1) if is_place(head[i:]))
    for m in re.finditer(rf"《([{HAN}]{{1,6}}?){level}", text):
        if place := (m.group(1) if len(m.group(1)) > 1 and is_place(m.group(1)) else _with_level(m.group(1), level, is_place)):
            found.add(place)
    return found


def _naming(opening: str) -> str:
    """The part of an opening that names the communiqué's own meeting: its lines before the
    first paragraph of what the meeting said ("会议强调，…"), and any later sentence that
    convenes or chairs a meeting. A place in what was said is a topic ("会议强调,…要深刻吸取
    南京雨花台区“2·23”火灾事故教训"), not the page's own."""
    lines = opening.split("\n")
    said = next((i for i, line in enumerate(lines) if i and MEETING_SAID.match(line)), len(lines))
    later = [s for line in lines[said:] for s in re.split(r"(?<=[。！？；])", line) if MEETING_CALLED.search(s)]
    return "\n".join(lines[:said] + later)


def _with_level(head: str, level: str, is_place) -> str | None:
    """A one-character place keeps its level as its name ("兴" of 兴县 → 兴县, 沛县); None for
    a longer head or one that with its level names no place."""
    return head + level if len(head) == 1 and is_place(head + level) else None


def asks_meeting(simplified: str, lang: str, kind: str | None) -> bool:
    """Whether a question asks which meeting or which day the communiqué's own meeting
    did something ("哪次会议审议通过了《…》？", "会议是哪天召开的？", "When was … approved?")."""
    which = MEETING_QUESTION.search(simplified) or (lang == "en" and kind == "date")
    # "…自哪一天起施行？" asks when it takes effect, not when the meeting was
    return bool(which and MEETING_ACT.search(simplified)) and not EFFECTIVE_ASKED.search(simplified)


def meeting_day(opening: str, doc_date: str) -> tuple[int | None, int | None, int | None]:
    """The meeting's (year, month, day) as the opening states it, completed from the
    document's ISO date ("26日" in a report dated 2022-09-27 → 2022, 9, 26); else the
    document's date."""
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", doc_date or "")
    m = _OPENING_DAY.search(opening[:120])
    if m and iso:
        year, month, day = int(m.group(1) or iso.group(1)), int(m.group(2) or iso.group(2)), int(m.group(3))
        if not m.group(2) and day > int(iso.group(3)):  # "30日" in a report dated the 1st: the month before
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return year, month, day
    if iso:
        return int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    if m and m.group(2):
        return (int(m.group(1)) if m.group(1) else None), int(m.group(2)), int(m.group(3))
    return None, None, None


def meeting_name(opening: str) -> str:
    """The opening's name for its meeting ("市政府第20次常务会议"), "" when it gives no number."""
    m = MEETING_NAME.search(opening)
    return m.group(1) if m else ""


_MONTH_NAMES = {v: k.capitalize() for k, v in EN_MONTHS.items() if len(k) > 3 or k == "may"}


def format_day(day: tuple[int | None, int | None, int | None], lang: str) -> str:
    """A date for display: "2024年4月26日" / "26 April 2024" (the year only where known)."""
    y, m, d = day
    if not (m and d):
        return ""
    if lang == "en":
        return f"{d} {_MONTH_NAMES[m]}" + (f" {y}" if y else "")
    return (f"{y}年" if y else "") + f"{m}月{d}日"
