"""Fact verification for staff: is a claim supported, refuted, or not found in the communiqués?

"Refuted" means the communiqués say otherwise about the same event: a slot that
has one value per meeting (who chaired it, its date, its number) or a person's
post is stated with a different value. A claim whose entities (titles in 《》,
names, dates, numbers) are simply absent is "not found": a communiqué that lists
three approved documents does not say a fourth was not approved.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from qa.answering.answer import Answerer
from qa.answering.question_input import (
    MAX_QUESTION_CHARS,
    as_received,
    normalize_question,
)
from qa.language.extract import DATE_RE, LEADERS_RE, ORDINAL_RE, PERSON_RE, holds, titles
from qa.language.question import DOC_NOUNS, DOCUMENTS, Question, analyse
from qa.lexicon import AMOUNT_UNITS, ATTENDANCE, EN_CHAIRED, EN_POSTS, NAMED_POST
from qa.ranking.retrieve import THRESHOLD
from qa.records import Citation
from qa.text.script import language_of, to_simplified
from qa.wording import REASONS

SUPPORTED, REFUTED, NOT_FOUND = "supported", "refuted", "not_found"
CLAIM_POST = NAMED_POST
NUMBER = re.compile(rf"(\d+(?:\.\d+)?)\s*(多|余)?\s*(万|亿)?\s*({AMOUNT_UNITS}|次)")
# Evidence may refute a claim at half the relevance an answer needs: the claim's wrong
# value (another post, date or number) is itself what lowers the match.
REFUTE_LEVEL = THRESHOLD / 2
MIN_COVERAGE = 0.75  # share of the claim's key terms the evidence must hold to support it


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
    for text in evidence:
        people = PERSON_RE.findall(text)
        if "主持" in claim:
            chairs = [(p, n) for p, n in people if text.find(n + "主持") >= 0]
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
    for value, _, scale, unit in NUMBER.findall(claim):
        for text in evidence[:1]:
            same_unit = [m for m in NUMBER.finditer(text) if (m.group(3), m.group(4)) == (scale, unit)]
            if same_unit and not any(m.group(1) == value for m in same_unit):
                return "number", {"found": same_unit[0].group(0), "claimed": f"{value}{scale}{unit}"}
    return None


_LATIN_CHAIR = re.compile(r"会议由([A-Za-z][A-Za-z .'-]+)主持")


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
            if text.find(name + "主持") >= 0 and (name in claim or any(holds(post, c) for c in posts)):
                return True
    return False


def english_claim(claim: str, evidence: list[str]) -> str | None:
    """An English claim about who chaired, put in Chinese for the checks above: the post
    through EN_POSTS ("the executive vice mayor" → 常务副市长), a name through the pinyin of
    the people the evidence names ("Tang Fangdong" → 汤方栋); None when it is no such claim."""
    from qa.language.english import name_pinyin

    m = EN_CHAIRED.search(claim)
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
    """Entities of the claim the evidence does not contain: titles, dates, numbers."""
    missing = [f"《{t}》" for t in titles(claim) if t not in evidence_text]
    missing += [m.group(0) for m in DATE_RE.finditer(claim) if m.group(0) not in evidence_text]
    missing += [m.group(0) for m in NUMBER.finditer(claim) if m.group(1) not in evidence_text]
    return missing


_APPROVAL = re.compile(rf"(?:通过|审议|批准|印发|出台).{{0,30}}(?:{DOC_NOUNS}|《)|\b(?:approv|adopt|pass|issu)\w*\b.{{0,40}}\b(?:plans?|regulations?|measures?|documents?|rules?|polic\w+|programs?|schemes?)\b", re.I)


def claim_question(claim: str) -> Question:
    """A claim searched as a question; one about approving a document looks for 《titles》."""
    q = analyse(claim)
    if _APPROVAL.search(q.simplified):
        return replace(q, kind=DOCUMENTS)
    return replace(q, kind=None)


def verify(answerer: Answerer, claim: str) -> Verdict:
    raw = as_received(claim) if isinstance(claim, str) else ""
    text = normalize_question(raw)
    if not text:
        return Verdict(raw[:MAX_QUESTION_CHARS], NOT_FOUND, REASONS["zh"]["not_found"])
    if len(text) > MAX_QUESTION_CHARS:  # one long claim must not hold the model for everyone
        lang = language_of(text[:MAX_QUESTION_CHARS])
        return Verdict(raw[:MAX_QUESTION_CHARS], NOT_FOUND, REASONS[lang]["too_long"].format(n=MAX_QUESTION_CHARS))
    search = answerer.retriever.search(claim_question(text))
    lang = search.question.lang
    reasons = REASONS[lang]
    citations = answerer.evidence(search, limit=3)
    simplified_claim = to_simplified(text) if lang == "zh" else text
    evidence = [to_simplified(c.original) for c in citations]
    checked = simplified_claim if lang == "zh" else english_claim(text, evidence)
    conflict = _conflict(checked, evidence) if checked and search.relevance >= REFUTE_LEVEL else None
    if conflict:
        slot, values = conflict
        return Verdict(raw, REFUTED, reasons[slot].format(**values), citations)
    if attended(simplified_claim, evidence) or (lang == "en" and checked and chaired_as_claimed(checked, evidence)):
        return Verdict(raw, SUPPORTED, reasons["supported"], citations)
    joined = "\n".join(evidence)
    missing = _missing(simplified_claim, joined) if lang == "zh" else []
    if missing:
        return Verdict(raw, NOT_FOUND, reasons["missing"].format(what="、".join(missing)), citations)
    coverage = search.coverage if search.coverage is not None else search.dense_level
    if citations and search.relevance >= THRESHOLD and coverage >= MIN_COVERAGE:
        return Verdict(raw, SUPPORTED, reasons["supported"], citations)
    return Verdict(raw, NOT_FOUND, reasons["not_found"], citations if search.relevance >= THRESHOLD else [])
