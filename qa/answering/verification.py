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
from qa.language.extract import DATE_RE, ORDINAL_RE, PERSON_RE, holds, titles
from qa.language.question import DOC_NOUNS, DOCUMENTS, Question, analyse
from qa.lexicon import AMOUNT_UNITS, NAMED_POST
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
    for text in evidence:
        people = PERSON_RE.findall(text)
        if "主持" in claim:
            chairs = [(p, n) for p, n in people if text.find(n + "主持") >= 0]
            for post, name in chairs:
                if name in claim:
                    break
                if claimed_posts and not any(holds(post, c) for c in claimed_posts):
                    return "chair", {"found": f"{post.split('、')[-1]}{name}", "claimed": claimed_posts[0]}
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
    conflict = _conflict(simplified_claim, evidence) if lang == "zh" and search.relevance >= REFUTE_LEVEL else None
    if conflict:
        slot, values = conflict
        return Verdict(raw, REFUTED, reasons[slot].format(**values), citations)
    joined = "\n".join(evidence)
    missing = _missing(simplified_claim, joined) if lang == "zh" else []
    if missing:
        return Verdict(raw, NOT_FOUND, reasons["missing"].format(what="、".join(missing)), citations)
    coverage = search.coverage if search.coverage is not None else search.dense_level
    if citations and search.relevance >= THRESHOLD and coverage >= MIN_COVERAGE:
        return Verdict(raw, SUPPORTED, reasons["supported"], citations)
    return Verdict(raw, NOT_FOUND, reasons["not_found"], citations if search.relevance >= THRESHOLD else [])
