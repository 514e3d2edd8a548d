"""What a question asks for: its language, script and expected answer type.

The answer type drives two things: a small retrieval bonus for passages that
contain something of that type (a date for "when", a 《title》 for "which
documents"), and the extraction of the direct answer from the quoted
sentence. The patterns are general question forms, not particular questions.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from qa.lexicon import (
    AMOUNT_UNITS,
    CHINESE_DIGITS,
    COUNTERS,
    DATE_PREPOSITION_EN,
    DURATION_SPAN,
    EN_DAY_MONTH,
    EN_MONTH_DAY,
    EN_MONTH_YEAR,
    EN_MONTHS,
    EN_PLURAL,
    EN_TOPIC_VERBS_ZH,
    EN_WHICH_NOUNS,
    ISO_DATE,
    NAME,
    POST,
    TITLE,
    YEAR_OF_MEETING,
)
from qa.text.script import display_script, language_of, to_simplified

DOCUMENTS, PERSON, DATE, ORDINAL, COUNT, AMOUNT, LIST, PHRASE, PLACE, VENUE, POST_HELD, ACT = (
    "documents", "person", "date", "ordinal", "count", "amount", "list", "phrase", "place", "venue", "post", "act",
)
DURATION = "duration"  # how long: a length of time, never a date
# Kinds of document that communiqués name in 《》 (measures and policies usually are not).
# "法" alone is a law ("哪部法"), not the 法 of 违法, 执法, 方法, 做法, 依法, 合法, 立法, 守法, 犯法.
DOC_NOUNS = "文件|方案|办法|条例|规定|意见|法规|规划|纲要|报告|草案|决定|通知|(?<![违执方做依合立守犯])法"
# The same kinds of document in English ("which plans", "how many documents").
EN_DOC_NOUNS = r"\b(?:documents?|plans?|regulations?|rules?|drafts?|laws?|programmes?|programs?|files?|schemes?)\b"
# "通过的文件中，哪个与固体废弃物有关": which of the documents (a topic said in other words
# than the titles', or a relation no title states: "哪些是县交运局送审的").
AMONG_DOCUMENTS = re.compile(rf"(?:{DOC_NOUNS})(?:中|里|当中|之中)[，,]?(?:有|的)?(?:哪些|哪几|哪一?个|哪一?项|哪一?份|哪一?部)")

_ZH_RULES: list[tuple[str, re.Pattern]] = [
    (ORDINAL, re.compile(r"第几")),
    # (日期 not of "节假日期间": a day followed by 期间, "during")
    (DATE, re.compile(r"哪天|哪一天|何时|什么时候|什么时间|几月几[日号]|哪年|哪一年|哪几年|哪些年|日期(?!间)|什么日子")),
    (DURATION, re.compile(r"多久|多长时间|多长期限|期限(?:是|为)?多长")),
    (COUNT, re.compile(rf"(?<!哪)(?:几|多少)[{COUNTERS}]")),  # not "哪几个方面": which ones
    (AMOUNT, re.compile(r"多少(?:钱|元|亿|万|资金)|规模有?多大|金额|多少")),
    # "审议了关于什么工作的实施意见": what a document is about, a phrase
    (PHRASE, re.compile(r"关于(?:什么|哪些|哪个|哪方面)[^，。？?]{0,8}?的")),
    (DOCUMENTS, re.compile(
        # (not across a 《: "针对什么问题对《快递暂行条例》…" asks no document)
        rf"(?:哪些|哪几|哪一?个|哪一?项|哪一?份|哪一?部|什么|何种)[^，。？?《]{{0,8}}?(?:{DOC_NOUNS})"
        rf"|(?:{DOC_NOUNS})(?:的?名称|的?标题)?(?:叫|是)什么|(?:审议|通过|出台|印发|讨论)了?(?:哪些|什么)(?!事项|事宜|工作|问题|议题|内容)"
        rf"|{AMONG_DOCUMENTS.pattern}"
    )),
    (PERSON, re.compile(rf"谁|哪位|哪几位|哪一?个(?:部门|单位|机构)|哪些(?:市|省|县|区|州|旗|自治区|国务院)?(?:领导|人|同志|官员|负责人)|哪些[^，。？?]{{0,4}}?{POST}|何人|叫什么名字|什么名字|姓名")),
    (VENUE, re.compile(r"(?:哪里|哪儿|什么地方|何地|哪个会议室)(?:主持)?(?:召开|举行|开的|开会)|会议地点")),  # where the meeting was held
    (PLACE, re.compile(r"哪里|哪儿|什么地方|何地")),
    # the post a named person holds: "汤方栋担任什么职务", "崔发林是做什么的"
    (POST_HELD, re.compile(
        r"(?:担任|任|是|当)(?:的是)?(?:什么|何|哪个|哪一?种|哪些)(?:职务|职位|官职|职|身份|官)|(?:职务|职位|官职|身份|头衔)(?:是|为)(?:什么|何)"
        r"|是(?:做|干)什么的|以(?:什么|何种|哪种|何)(?:身份|职务)|主持人?(?:是|的)?(?:什么|何)(?:职务|身份)"
    )),
    (LIST, re.compile(r"哪些|哪几")),
    # what someone holding a post did at the meeting: "西岗区区长在全体会议上做了什么？"
    (ACT, re.compile(rf"{POST}[^，。？?]{{0,12}}?(?:做|干)了?些?什么[？?]?$")),
    # "哪本杂志", "哪届全会": which one of a kind the counter word names
    (PHRASE, re.compile(r"什么样的?|怎样的?|怎么样的?|什么|哪次|哪个|如何|为什么|为何|哪一?[本篇届家条种首座所场]")),
]
_EN_TOPIC_ASKED = re.compile(rf"^\s*(?:what|which\s+[\w\s'-]*?)\s+(?:did|does|will)\b.*\b({'|'.join(EN_TOPIC_VERBS_ZH)})\s*\??\s*$", re.I)


def asked_topic_verbs(question: str) -> tuple[str, ...]:
    """"What did the meeting study?", "Which reports did it hear?" → the Chinese verbs its
    topics follow (研究, 听取); () else."""
    m = _EN_TOPIC_ASKED.search(question)
    return EN_TOPIC_VERBS_ZH[m.group(1).lower()] if m else ()


_EN_RULES: list[tuple[str, re.Pattern]] = [
    # "which day / what date / in what year", not "which five-year plan" (a year inside a word)
    (DATE, re.compile(r"\bwhen\b|\b(?:what|which)\b.*(?<![-\w])(?:date|day|year)(?![-\w])|\bwhat time\b", re.I)),
    (DURATION, re.compile(r"\bhow long\b|\bfor how many (?:days|weeks|months|years)\b", re.I)),
    (COUNT, re.compile(r"\bhow many\b", re.I)),
    (AMOUNT, re.compile(r"\bhow much\b|\bwhat (?:amount|sum|scale)\b|\bto what (?:level|rate|ratio|percentage|proportion|share)\b", re.I)),
    (DOCUMENTS, re.compile(rf"\b(?:which|what)\b[\w\s-]{{0,30}}?{EN_DOC_NOUNS}", re.I)),
    (PERSON, re.compile(r"\bwho\b|\bwhom\b|\bwhich (?:officials?|leaders?|people|persons?)\b", re.I)),
    (PLACE, re.compile(r"\bwhere\b", re.I)),
    (POST_HELD, re.compile(r"\b(?:what|which)(?:'s| is| was)?\b[\w\s']{0,30}?\b(?:position|post|title|job)s?\b|\bin what capacity\b", re.I)),
    # "What did the meeting study / discuss?": the topics it lists (as "研究了哪些工作")
    (LIST, re.compile(rf"\bwhich\b|{_EN_TOPIC_ASKED.pattern}", re.I)),
    (PHRASE, re.compile(r"\bwhat\b|\bhow\b|\bwhy\b", re.I)),
]


@dataclass(frozen=True)
class Question:
    text: str
    simplified: str  # the question in simplified script (unchanged for English)
    lang: str  # "zh" or "en"
    script: str  # display script
    kind: str | None  # expected answer type
    yes_no: bool = False  # "会议讨论了X吗？", "是否…", "Did the meeting …?"


def answer_kind(simplified: str, lang: str) -> str | None:
    for kind, pattern in _EN_RULES if lang == "en" else _ZH_RULES:
        if pattern.search(simplified):
            if kind == LIST and lang == "en" and _one_thing(simplified):
                return PHRASE
            return kind
    return None


def _one_thing(question: str) -> bool:
    """"Which system should … be combined with?": a "which" whose words name no plural asks
    for one thing, a phrase, as "哪个" does ("Which first-quarter reports did …" asks a list)."""
    m = EN_WHICH_NOUNS.search(question)
    return bool(m) and not _EN_TOPIC_ASKED.search(question) and not any(EN_PLURAL.search(w) for w in m.group(1).split())


_YES_NO_ZH = re.compile(r"(?:吗|嘛|没有)[？?。！!\s]*$|是否|有没有|是不是|有无|能否|可否")
_YES_NO_EN = re.compile(r"^\s*(?:did|does|do|was|were|is|are|has|have|had|will|can|could|should)\b", re.I)


def is_yes_no(simplified: str, lang: str) -> bool:
    return bool((_YES_NO_EN if lang == "en" else _YES_NO_ZH).search(simplified))


def analyse(text: str) -> Question:
    lang = language_of(text)
    simplified = to_simplified(text) if lang == "zh" else text
    kind = answer_kind(simplified, lang)
    return Question(text, simplified, lang, display_script(text), kind, is_yes_no(simplified, lang))


# What a passage must contain to possibly answer each kind.
EVIDENCE = {
    DOCUMENTS: TITLE,
    DATE: re.compile(r"\d{1,4}\s*[年月]\s*\d{0,2}\s*[月日号]?|[一二三四五六七八九十〇]+月[一二三四五六七八九十]+日|\d+日"),
    PERSON: re.compile(rf"{POST}{NAME}|领导{NAME}、"),
    POST_HELD: re.compile(rf"{POST}{NAME}|{NAME}{POST}"),
    ACT: re.compile(rf"{POST}{NAME}"),
    ORDINAL: re.compile(r"第[0-9一二三四五六七八九十百零〇]+"),
    COUNT: re.compile(rf"\d|[{CHINESE_DIGITS}]+[{COUNTERS}]|、"),
    AMOUNT: re.compile(rf"\d+(?:\.\d+)?\s*(?:多)?(?:万|亿|千)?{AMOUNT_UNITS}"),
    DURATION: DURATION_SPAN,
    LIST: re.compile(r"、"),
    # where a meeting was held: "在区机关大楼第一接待室主持召开", "在区会议中心3号会议室"
    VENUE: re.compile(r"在([^，,。；在]{2,24}(?:室|厅|楼|中心|宾馆|酒店|大厦|会场|礼堂))(?:[^，,。；]{0,12}?)(?:主持)?(?:召开|举行)"),
}


def has_evidence(kind: str | None, passage_simplified: str) -> bool:
    pattern = EVIDENCE.get(kind or "")
    return bool(pattern and pattern.search(passage_simplified))


_ASKED_DATE = re.compile(r"(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月)?\s*(?:(\d{1,2})\s*[日号])?")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")
_RANGE_END = re.compile(r"\d{4}\s*年?\s*[—–\-~～至到]\s*$")  # "2024—" before "2030年"


def asked_dates(simplified: str) -> list[tuple[int | None, int | None, int | None]]:
    """(year, month, day) of each date a question names ("2023年4月7日", "2023年4月", "4月7日");
    not the years of a 《title》 or the end of a range ("《…方案（2024—2030年）》", "2024—2030年")."""
    return [date for _, date in _chinese_date_spans(simplified)] + _english_dates(simplified)


def _titles_blanked(simplified: str) -> str:
    """The question with each 《title》's inside blanked, its length kept: a year there is
    the document's, not a date asked."""
    return TITLE.sub(lambda m: "《" + " " * (len(m.group(0)) - 2) + "》", simplified)


def topic_years(simplified: str) -> set[int]:
    """The years a question names alone that need not be the meeting's: not followed by its
    number, the meeting or 召开 ("开江2018年脱贫攻坚考核结果要报哪里审定" — a meeting of 2019
    may decide it; "2020年第6次常务会议" dates the meeting)."""
    masked = _titles_blanked(simplified)
    return {int(m.group(1)) for m in re.finditer(r"(\d{4})\s*年(?!\s*\d{1,2}\s*月)", masked)
            if not YEAR_OF_MEETING.match(masked, m.end()) and not _RANGE_END.search(masked[: m.start()])}


def _chinese_date_spans(simplified: str):
    """Where each Chinese date of ``asked_dates`` stands, with its (year, month, day)."""
    masked = _titles_blanked(simplified)
    for m in _ASKED_DATE.finditer(masked):
        if m.group(1) and _RANGE_END.search(masked[: m.start()]):
            continue
        year, month, day = (int(g) if g else None for g in m.groups())
        if (year and (month or "年" in m.group(0))) or (month and day):
            yield m.span(), (year, month, day)


def english_date_spans(text: str) -> list[tuple[tuple[int, int], tuple[int | None, int | None, int | None]]]:
    """Dates written in English or ISO form, with where they stand: "19 May 2023", "May 19,
    2023", "May 2023", "2023-05-19"."""
    out: list = []

    def add(span, year, month, day):
        if not any(a < span[1] and span[0] < b for (a, b), _ in out):
            out.append((span, (int(year) if year else None, month, int(day) if day else None)))

    for m in ISO_DATE.finditer(text):
        add(m.span(), m[1], int(m[2]), m[3])
    for m in EN_DAY_MONTH.finditer(text):
        if m[2] != "may":  # the verb, not the month
            add(m.span(), m[3], EN_MONTHS[m[2].lower()], m[1])
    for m in EN_MONTH_DAY.finditer(text):
        if m[1] != "may":
            add(m.span(), m[3], EN_MONTHS[m[1].lower()], m[2])
    for m in EN_MONTH_YEAR.finditer(text):
        if m[1] != "may":
            add(m.span(), m[2], EN_MONTHS[m[1].lower()], None)
    return out


def without_dates(simplified: str) -> str:
    """The question with the dates it names taken out ("Which law did the meeting of 29
    June 2023 submit?" → "Which law did the meeting submit?"): what it asks about, once
    the documents of the date are found."""
    spans = [span for span, _ in [*english_date_spans(simplified), *_chinese_date_spans(simplified)]]
    out = simplified
    for start, end in sorted(spans, reverse=True):
        head = out[:start]
        if (p := DATE_PREPOSITION_EN.search(head)) is not None:
            head = head[: p.start()]
        head, tail = head.rstrip(), out[end:].lstrip()
        out = head + (" " if head[-1:].isascii() and head[-1:].isalnum() and tail[:1].isascii() and tail[:1].isalnum() else "") + tail
    return " ".join(out.split()).lstrip(" ,，、") if out != simplified else simplified


def _english_dates(text: str) -> list[tuple[int | None, int | None, int | None]]:
    return [date for _, date in english_date_spans(text)]


def date_matches(asked: tuple[int | None, int | None, int | None], doc_date: str) -> bool:
    """Whether a document dated ``doc_date`` (ISO, or "4月16日") is from the asked date.

    A report is often dated the day after its meeting (news of the 26th, broadcast
    on the 27th), so a document dated one day after an asked day also matches.
    """
    year, month, day = asked
    m = _ISO.fullmatch(doc_date or "")
    if m:
        doc = dt.date(int(m[1]), int(m[2]), int(m[3]))
        if month and day:
            asked_day = _day(year or doc.year, month, day)
            return asked_day is not None and 0 <= (doc - asked_day).days <= 1
        return doc.year == year and (month is None or doc.month == month)
    m = _MONTH_DAY.fullmatch(doc_date or "")
    return bool(m and month and day and not year and (int(m[1]), int(m[2])) == (month, day))


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
