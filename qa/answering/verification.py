"""Fact verification for staff: is a claim supported, refuted, or not found in the communiqués?

"Refuted" means the communiqués say otherwise about the same event: a slot that
has one value per meeting (who chaired it, its date, its number) or a person's
post is stated with a different value. A claim whose entities (titles in 《》,
names, dates, numbers) are simply absent is "not found": a communiqué that lists
three approved documents does not say a fourth was not approved.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from qa.answering.answer import Answerer
from qa.answering.question_input import (
    MAX_QUESTION_CHARS,
    as_received,
    normalize_question,
)
from qa.language.extract import (
    DATE_RE,
    LEADERS_RE,
    ORDINAL_RE,
    PERSON_RE,
    chair_names,
    holds,
    titles,
)
from qa.language.meeting import chaired_by as chaired  # the name, then 主持 with at most a day, a time or a place between
from qa.language.meeting import format_day, without_meeting
from qa.language.question import (
    DOC_NOUNS,
    DOCUMENTS,
    Question,
    analyse,
    asked_dates,
    english_date_spans,
)
from qa.language.terms import coverage, place_names
from qa.lexicon import (
    AMOUNT_UNITS,
    ATTENDANCE,
    EN_CHAIR_ACTIVE,
    EN_CHAIRED,
    EN_POSTS,
    HAN,
    MEASURE_UNITS,
    NAME,
    NAMED_POST,
    OPPOSITES,
    POST,
    TITLE,
)
from qa.ranking.retrieve import THRESHOLD, Search
from qa.records import Citation, Hit
from qa.text.script import language_of, to_simplified
from qa.wording import REASONS

SUPPORTED, REFUTED, NOT_FOUND = "supported", "refuted", "not_found"
CLAIM_POST = NAMED_POST
NUMBER = re.compile(rf"(\d+(?:\.\d+)?)\s*(多|余)?\s*(万亿|万|亿)?\s*({AMOUNT_UNITS}|{MEASURE_UNITS}|次)")
# Evidence may refute a claim at half the relevance an answer needs: the claim's wrong
# value (another post, date or number) is itself what lowers the match.
REFUTE_LEVEL = THRESHOLD / 2
MIN_COVERAGE = 0.75  # share of the claim's key terms the evidence must hold to support it
# English: its words reach the Chinese text through dictionary renderings and lose some on
# the way. Set on the tuned half's English claims: supported ones reach 0.6–0.86 (two of them
# 0.6–0.7), those the communiqués do not state at most 0.4.
MIN_COVERAGE_EN = 0.6
MAX_OPENING_PASSAGES = 5  # where a communiqué names its chair


@dataclass(frozen=True)
class Verdict:
    claim: str
    verdict: str
    reason: str
    evidence: list[Citation] = field(default_factory=list)

    def to_json(self) -> dict:
        keys = ("doc", "title", "date", "paragraph", "start", "end", "quote", "original", "score", "page", "url", "publisher")
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "reason": self.reason,
            "evidence": [{k: v for k, v in c.to_json().items() if k in keys} for c in self.evidence],
        }




def _conflict(claim: str, evidence: list[str]) -> tuple[str, dict] | None:
    """The first slot on which the evidence states another value than the claim."""
    claimed_posts = CLAIM_POST.findall(claim)
    named = [n for text in evidence for n in named_people(text) if n in claim]  # people of the evidence the claim names
    latin = _LATIN_CHAIR.search(claim)  # an English claim's name that matched no one in the evidence
    named += [latin.group(1)] if latin else []
    named += [n for n in _HAN_CHAIR.findall(claim) if not CLAIM_POST.fullmatch(n)]  # "由李克强主持": whoever the evidence names
    for text in evidence:
        people = PERSON_RE.findall(text)
        if "主持" in claim:
            chairs = [(p, n) for p, n in people if chaired(text, n)]
            for post, name in chairs:
                if name in claim:
                    break
                if claimed_posts and not any(holds(post, c) for c in claimed_posts):
                    return "chair", {"found": f"{post.split('、')[-1]}{name}", "claimed": claimed_posts[0]}
                if named:  # someone the communiqué names, but not as the chair (an attendee)
                    return "chair", {"found": f"{post.split('、')[-1]}{name}", "claimed": named[0]}
        for post, name in people:
            if name in claim and claimed_posts and not any(holds(post, c) for c in claimed_posts):
                return "post", {"name": name, "found": post, "claimed": claimed_posts[0]}
    claim_dates = DATE_RE.findall(claim)
    if claim_dates and any(w in claim for w in ("召开", "举行", "开会", "会议于")):
        wanted = {f"{int(m)}月{int(d)}日" for _, m, d in claim_dates}
        for text in evidence:
            found = {f"{int(m)}月{int(d)}日" for _, m, d in DATE_RE.findall(text)}
            if found and "召开" in text and not (found & wanted):
                return "date", {"found": "、".join(sorted(found)), "claimed": "、".join(sorted(wanted))}
    claim_ordinals = set(ORDINAL_RE.findall(claim))
    if claim_ordinals:
        for text in evidence:
            found = set(ORDINAL_RE.findall(text))
            same_kind = {o for o in found if any(o[-1] == c[-1] for c in claim_ordinals)}
            if same_kind and not (same_kind & claim_ordinals):
                return "ordinal", {"found": "、".join(sorted(same_kind)), "claimed": "、".join(sorted(claim_ordinals))}
    claimed = NUMBER.findall(claim)
    for value, _, scale, unit in claimed:
        for text in evidence[:1]:
            same_unit = [m for m in NUMBER.finditer(text) if (m.group(3) or "", m.group(4)) == (scale, unit)]
            if same_unit and not any(m.group(1) == value for m in same_unit):
                other = [m for m in same_unit if m.group(1) not in {v for v, *_ in claimed}] or same_unit
                return "number", {"found": other[0].group(0), "claimed": f"{value}{scale}{unit}"}
    return _opposite(claim, evidence)


OPPOSITE_CONTEXT = 3  # characters each side that must be the same around the opposite word
_BOTH_WAYS = (*OPPOSITES, *((b, a) for a, b in OPPOSITES))
_HAN_RUN = re.compile(f"[{HAN}]+")


def _opposite(claim: str, evidence: list[str]) -> tuple[str, dict] | None:
    """A word of the claim whose opposite the evidence says with the same words beside it
    (``OPPOSITE_CONTEXT`` characters after or before it), where the evidence never says
    the claim's word: "实行“正面清单”管理" against "…投向领域“负面清单”管理"."""
    for word, other in _BOTH_WAYS:
        for m in re.finditer(re.escape(word), claim):
            before = claim[max(0, m.start() - OPPOSITE_CONTEXT) : m.start()]
            after = claim[m.end() : m.end() + OPPOSITE_CONTEXT]
            for text in evidence:
                if word in text:
                    continue
                if (len(after) >= 2 and other + after in text) or (len(before) >= 2 and before + other in text):
                    near = "".join(_HAN_RUN.findall(after))[:2]  # "清单": the words that make it one statement
                    return "opposite", {"found": other + near, "claimed": word + near}
    return None


_LATIN_CHAIR = re.compile(r"会议由([A-Za-z][A-Za-z .'-]+)主持")
_HAN_CHAIR = re.compile(rf"(?:由|^)(?:[{HAN}]{{0,8}}?{POST})?({NAME})主持")  # the chair a Chinese claim names


def named_people(text: str) -> list[str]:
    """Everyone a passage names: after a post ("市长汤方栋") or in a list of leaders
    ("市领导王庆良、李睿懿…参加会议")."""
    out = [n for _, n in PERSON_RE.findall(text)]
    for m in LEADERS_RE.finditer(text):
        out += m.group(1).split("、")
    return list(dict.fromkeys(out))


def attended(claim: str, evidence: list[str]) -> bool:
    """A claim that someone attended ("王庆良参加了会议"), and the evidence names them as
    chairing or attending (chairing a meeting is attending it)."""
    if not ATTENDANCE.search(claim):
        return False
    for text in evidence:
        if ATTENDANCE.search(text) or "主持" in text:
            if any(n in claim for n in named_people(text)):
                return True
    return False


def chaired_as_claimed(claim: str, evidence: list[str]) -> bool:
    """The evidence names a chair, and the claim names them or a post they hold."""
    posts = CLAIM_POST.findall(claim)
    for text in evidence:
        for post, name in PERSON_RE.findall(text):
            if chaired(text, name) and (name in claim or any(holds(post, c) for c in posts)):
                return True
        # a chair named without a post ("刘国中主持召开…"), named by the claim
        if any(name in claim for post, name in chair_names(text) if not post):
            return True
    return False


def english_claim(claim: str, evidence: list[str]) -> str | None:
    """An English claim about who chaired, put in Chinese for the checks above: the post
    through EN_POSTS ("the executive vice mayor" → 常务副市长), a name through the pinyin of
    the people the evidence names ("Tang Fangdong" → 汤方栋); None when it is no such claim."""
    from qa.language.english import name_pinyin

    m = EN_CHAIRED.search(claim) or EN_CHAIR_ACTIVE.search(claim)
    if not m:
        return None
    who = m.group(1).strip()
    for english, chinese in sorted(EN_POSTS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{english}\b", who, re.I):
            return f"会议由{chinese}主持"
    wanted = re.sub(r"[^a-z]", "", who.lower())
    people = [n for text in evidence for n in named_people(text)]
    for name in people:
        if wanted and wanted in name_pinyin(name):
            return f"会议由{name}主持"
    return f"会议由{who}主持" if wanted else None


def _missing(claim: str, evidence_text: str) -> list[str]:
    """Entities of the claim the evidence does not contain: titles, places and numbers
    (dates are the meeting's: ``verify`` looks for the meeting of the date first)."""
    missing = [f"《{t}》" for t in titles(claim) if t not in evidence_text]
    # a title's places are the title's; the place and number naming the meeting
    # ("通江县第四十二次常务会议") were checked when its communiqué was found
    outside = without_meeting(TITLE.sub("", claim))
    missing += [p for p in place_names(outside) if p not in evidence_text]
    missing += [m.group(0) for m in NUMBER.finditer(without_meeting(claim)) if m.group(1) not in evidence_text]
    return missing


_APPROVAL = re.compile(rf"(?:通过|审议|批准|印发|出台).{{0,30}}(?:{DOC_NOUNS}|《)|\b(?:approv|adopt|pass|issu)\w*\b.{{0,40}}\b(?:plans?|regulations?|measures?|documents?|rules?|polic\w+|programs?|schemes?)\b", re.I)


def claim_question(claim: str) -> Question:
    """A claim searched as a question; one about approving a document looks for 《titles》."""
    q = analyse(claim)
    if _APPROVAL.search(q.simplified):
        return replace(q, kind=DOCUMENTS)
    return replace(q, kind=None)


def fold(text: str) -> str:
    """Evidence as a claim is compared with it: simplified script, NFKC-folded as the claim
    was on input ("（草案）" → "(草案)")."""
    return unicodedata.normalize("NFKC", to_simplified(text))


def without_dates(text: str) -> str:
    """A claim with the dates it names taken out (Chinese, English and ISO forms)."""
    spans = [m.span() for m in DATE_RE.finditer(text)] + [span for span, _ in english_date_spans(text)]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + text[end:]
    return " ".join(text.split())


def states(search: Search, claim: str, evidence: list[str], lang: str) -> bool:
    """Whether the evidence of a search states what the claim says: relevant, the claim's
    key terms covered, its titles, places and numbers all there."""
    return covers(search, claim, evidence, lang) and not (lang == "zh" and _missing(claim, "\n".join(evidence)))


def covers(search: Search, claim: str, evidence: list[str], lang: str) -> bool:
    """Whether the evidence is relevant and holds enough of the claim's key terms."""
    share = best_coverage(search, evidence)
    if lang == "en":  # the claim's words as the passage renders them (the search's terms are single senses)
        from qa.language.english import rendered_share

        words = without_dates(claim)  # the day is the meeting's, checked apart
        share = max([share] + [r for e in evidence if (r := rendered_share(words, e)) is not None])
    level = MIN_COVERAGE_EN if lang == "en" else MIN_COVERAGE
    return bool(evidence) and search.relevance >= THRESHOLD and share >= level


def best_coverage(search: Search, evidence: list[str]) -> float:
    """The share of the claim's key terms held by the best of its evidence passages (the
    search judged only its answer passage; a claim may be stated by the next one)."""
    judged = search.coverage if search.coverage is not None else search.dense_level
    return max([judged] + [c for e in evidence if (c := coverage(search.groups, e)) is not None])


def claimed_days(q: Question) -> list[tuple[int | None, int, int]]:
    """The days a claim names (with a month and a day): the day of the meeting it is about."""
    return [d for d in asked_dates(q.simplified) if d[1] and d[2]]


def states_day(text: str, days: list[tuple[int | None, int, int]]) -> bool:
    """Whether a passage states one of the days ("3月24日", or "26日" as an opening may)."""
    return any(f"{m}月{d}日" in text or re.search(rf"(?<![\d月]){d}日", text) for _, m, d in days)


def names_chair(text: str) -> bool:
    return any(chaired(text, name) for _, name in PERSON_RE.findall(text))


def with_chair(answerer: Answerer, q: Question, citations: list[Citation]) -> list[Citation]:
    """For a claim about who chaired: the quotes with the passage of the first quote's
    document that names its chair (an opening: "国务院总理李强12月5日主持召开…"), where
    none of them does."""
    if any(names_chair(fold(c.original)) for c in citations):
        return citations
    for passage in answerer.retriever.passages_of(citations[0].doc)[:MAX_OPENING_PASSAGES]:
        if names_chair(fold(passage.text)):
            return citations[:2] + answerer.cite(q, [Hit(passage, 0.0, 0.0, 0.0)])
    return citations


def _wrong_meeting(answerer: Answerer, text: str, claim: str, lang: str, days: list, dated: set[str]) -> Verdict | None:
    """A Chinese claim that puts at the meeting of a day what another meeting states:
    refuted on the date, for acts that happen once (a 《document》 approved, a named
    place's project); another meeting that merely also studied a topic says nothing
    about this one."""
    if lang != "zh" or not (titles(claim) or place_names(TITLE.sub("", claim))):
        return None  # (an English claim's words reach the text too loosely to say another meeting states it)
    other = answerer.retriever.search(claim_question(without_dates(text)))  # any meeting
    citations = answerer.evidence(other, limit=3)
    if other.hits and other.hits[0].passage.doc not in dated and states(other, claim, [fold(c.original) for c in citations], lang):
        found = format_day(answerer.meeting_day(other.hits[0].passage.doc), lang)
        return Verdict(text, REFUTED, REASONS[lang]["date"].format(found=found, claimed=format_day(days[0], lang)), citations)
    return None


def verify(answerer: Answerer, claim: str) -> Verdict:
    raw = as_received(claim) if isinstance(claim, str) else ""
    text = normalize_question(raw)
    if not text:
        return Verdict(raw[:MAX_QUESTION_CHARS], NOT_FOUND, REASONS["zh"]["not_found"])
    if len(text) > MAX_QUESTION_CHARS:  # one long claim must not hold the model for everyone
        lang = language_of(text[:MAX_QUESTION_CHARS])
        return Verdict(raw[:MAX_QUESTION_CHARS], NOT_FOUND, REASONS[lang]["too_long"].format(n=MAX_QUESTION_CHARS))
    question = claim_question(text)
    lang = question.lang
    reasons = REASONS[lang]
    simplified_claim = to_simplified(text) if lang == "zh" else text
    days = claimed_days(question)
    # a claim about the meeting of a day is checked against that meeting (None: it names no day)
    dated = set(answerer.retriever.documents_on(days)) if days else None
    # the day is checked as the meeting's: the rest of the claim is what the meeting must state
    search = answerer.retriever.search(claim_question(without_dates(text)) if dated else question, docs=dated or None)
    citations = answerer.evidence(search, limit=3)
    if dated and citations and not any(states_day(fold(c.original), days) for c in citations):
        # the quotes show the meeting's day too: the best passage of a search with the day
        dayed = [c for c in answerer.evidence(answerer.retriever.search(question, docs=dated), limit=3) if states_day(fold(c.original), days)]
        citations = citations[:2] + dayed[:1] if dayed else citations
    if citations and ("主持" in simplified_claim or EN_CHAIRED.search(text) or EN_CHAIR_ACTIVE.search(text)):
        citations = with_chair(answerer, search.question, citations)
    evidence = [fold(c.original) for c in citations]
    # the meeting's own quotes: another communiqué's chair or date is no conflict
    own = [fold(c.original) for c in citations if c.doc == citations[0].doc]
    checked = simplified_claim if lang == "zh" else english_claim(text, own)
    conflict = _conflict(checked, own) if checked and search.relevance >= REFUTE_LEVEL else None
    if conflict:  # within the meeting of the day, or (no meeting that day) its own date misstated
        slot, values = conflict
        return Verdict(raw, REFUTED, reasons[slot].format(**values), citations)
    if days and (not dated or not states(search, simplified_claim, evidence, lang)):
        if wrong := _wrong_meeting(answerer, text, simplified_claim, lang, days, dated or set()):
            return replace(wrong, claim=raw)
        if not dated:
            return Verdict(raw, NOT_FOUND, reasons["no_meeting"].format(day=format_day(days[0], lang)))
    if attended(simplified_claim, own) or (checked and "主持" in checked and chaired_as_claimed(checked, own)):
        return Verdict(raw, SUPPORTED, reasons["supported"], citations)
    joined = "\n".join(evidence)
    missing = _missing(simplified_claim, joined) if lang == "zh" else []
    if missing:
        return Verdict(raw, NOT_FOUND, reasons["missing"].format(what="、".join(missing)), citations)
    if covers(search, simplified_claim, evidence, lang):  # nothing missing: checked just above
        return Verdict(raw, SUPPORTED, reasons["supported"], citations)
    return Verdict(raw, NOT_FOUND, reasons["not_found"], citations if search.relevance >= THRESHOLD else [])
