"""Answers that quote: retrieval → relevance decision → verified quotes → direct answer."""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import replace

from qa import extract
from qa.embedding import Embedder
from qa.question import COUNT, DOCUMENTS, Question, analyse
from qa.records import Answer, Citation, Hit
from qa.retrieve import Retriever, Search
from qa.script import convert, han_count, script_of, to_simplified
from qa.store import Index
from qa.terms import key_terms

log = logging.getLogger(__name__)
MAX_QUOTES = 3
QUOTE_MARGIN = 0.2  # further quotes must score within this of the first
MAX_QUESTION_CHARS = 500
TITLE_SPREAD = 0.01  # English title filter: below this cosine spread all titles are kept

TEXTS = {
    "zh": {
        "not_found": "公报中没有找到能回答这个问题的内容。",
        "nearest": "检索到的最接近的文件是：{titles}。",
        "empty": "请输入一个问题，例如：会议审议通过了哪些文件？",
        "truncated": "（问题过长，只使用了前{n}个字。）",
        "direct": "答：{direct}",
        "source": "出处",
        "paragraph": "第{n}段",
    },
    "en": {
        "not_found": "The communiqués do not answer this question.",
        "nearest": "The closest documents found: {titles}.",
        "empty": "Please ask a question, e.g. “Which documents did the meeting approve?”",
        "truncated": "(The question was too long; only its first {n} characters were used.)",
        "direct": "{direct}",
        "source": "Source",
        "paragraph": "paragraph {n}",
    },
}


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_HTML_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|$)", re.I | re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_KANA = re.compile(r"[\u3040-\u30ff]")
UNSUPPORTED = "我只能回答中文（简体或繁体）或英文的问题。 I can answer questions in Chinese (simplified or traditional) or English."
NOTHING_TO_ASK = "请输入一个问题，例如：会议审议通过了哪些文件？ Please ask a question, e.g. “Which documents did the meeting approve?”"


def normalize_question(text: str) -> str:
    """Full-width letters and digits to ASCII (NFKC); terminal escapes, control and
    zero-width characters removed; HTML tags (and script/style blocks) and Markdown
    link/image syntax reduced to their text; white space collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _ANSI.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\n\t")
    text = _MD_LINK.sub(r"\1", _HTML_TAG.sub(" ", _HTML_BLOCK.sub(" ", text)))
    return " ".join(text.split())


def unanswerable_input(cleaned: str) -> str | None:
    """A reply for input that is no question we can take: nothing but symbols or emoji,
    or a language other than Chinese and English (Cyrillic, Arabic, Japanese kana, …)."""
    letters = [ch for ch in cleaned if ch.isalnum()]
    if not letters:
        return NOTHING_TO_ASK
    if _KANA.search(cleaned):
        return UNSUPPORTED
    if han_count(cleaned) == 0 and not any(ch.isascii() for ch in letters):
        return UNSUPPORTED
    return None


EN_LEADS = {
    "person": "According to the communiqué [1], it was {x}.",
    "date": "According to the communiqué [1], the date was {x}.",
    "documents": "According to the communiqué [1], the documents are {x}.",
    "count": "According to the communiqué [1], the number is {x}.",
    "amount": "According to the communiqué [1], the amount is {x}.",
}


def english_lead(kind: str | None, direct: list[str], first: Citation) -> str:
    """The English sentence before the Chinese quotes, with the direct answer when there is one."""
    source = f" of {first.date}" if first.date else ""
    if direct:
        x = "; ".join(direct)
        template = EN_LEADS.get(kind or "", "According to the communiqué [1]: {x}.")
        return template.format(x=x).replace("the communiqué [1]", f"the communiqué{source} [1]")
    return f"The communiqué{source} states (quoted in Chinese, simplified script):"


def texts(q: Question) -> dict[str, str]:
    """Interface strings in the asker's language and script."""
    if q.lang == "en":
        return TEXTS["en"]
    return {k: convert(v, q.script) for k, v in TEXTS["zh"].items()}


def verify_quote(index: Index, hit: Hit) -> bool:
    """True if the passage text is, character for character, the stored source at its offsets."""
    doc = index.documents.get(hit.passage.doc)
    p = hit.passage
    return doc is not None and 0 <= p.start < p.end <= len(doc.text) and doc.text[p.start : p.end] == p.text


def display_item(item: str, simplified: str, original: str, script: str) -> str:
    """Show a direct-answer item in ``script``, taking each of its pieces from the
    original span where the original is already in that script (so 秘書長 stays
    as the source wrote it rather than OpenCC's 祕書長)."""
    if len(simplified) != len(original):
        return convert(item, script)
    pieces = re.split(r"([（）、]|\d+)", item)
    out = []
    for piece in pieces:
        pos = simplified.find(piece) if piece else -1
        if pos < 0:
            out.append(piece)
            continue
        source = original[pos : pos + len(piece)]
        out.append(source if script_of(source) == script else convert(source, script))
    return "".join(out)


class Answerer:
    def __init__(self, index: Index, embedder: Embedder):
        self.index = index
        self.retriever = Retriever(index, embedder)

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (jieba, CC-CEDICT)."""
        self.answer("会议审议通过了哪些文件？")
        self.answer("Which documents were approved?")

    def answer(self, question: str, docs: set[str] | None = None) -> Answer:
        """Answer one question; with ``docs``, only from those documents (a follow-up's focus)."""
        raw = question if isinstance(question, str) else ""
        cleaned = normalize_question(raw)
        if not cleaned:
            return Answer(question=raw, text=TEXTS["zh"]["empty"], abstained=True)
        if (reply := unanswerable_input(cleaned)) is not None:
            return Answer(question=raw, text=reply, abstained=True)
        too_long = len(cleaned) > MAX_QUESTION_CHARS
        q = analyse(cleaned[:MAX_QUESTION_CHARS])
        t = texts(q)
        notes = [t["truncated"].format(n=MAX_QUESTION_CHARS)] if too_long else []
        search = self.retriever.search(q, docs=docs)
        if not search.answerable:
            return self._not_found(q, search, notes)
        citations = self._citations(q, search)
        if not citations:
            return self._not_found(q, search, notes)
        direct, source = self._direct(q, search, citations)
        if source:  # the quote the direct answer comes from goes first
            order = [citations[source]] + citations[:source] + citations[source + 1 :]
            citations = [replace(c, n=i + 1) for i, c in enumerate(order)]
        return self._answer(raw, q, direct, citations, notes, search.relevance)

    def _answer(self, raw: str, q: Question, direct: list[str], citations: list[Citation], notes: list[str], relevance: float) -> Answer:
        lead = self._lead(q, direct, citations[0])
        return Answer(
            question=raw,
            text=self._compose(q, direct, citations, notes, lead),
            lead=lead,
            direct=direct,
            abstained=False,
            script=q.script,
            lang=q.lang,
            citations=citations,
            relevance=relevance,
        )

    def narrow(self, previous: Answer, question: str, items: list[str]) -> Answer:
        """A follow-up that picks some of the previous answer's items ("其中哪些与财政有关？"):
        the same verified quotes, with the chosen items as the direct answer."""
        q = analyse(normalize_question(question))
        citations = self._verified(q, [self._hit_of(c) for c in previous.citations])
        if not citations:
            return previous
        return self._answer(question, q, items, citations, [], previous.relevance)

    def _hit_of(self, c: Citation) -> Hit:
        passage = next(p for p in self.retriever.passages_of(c.doc) if p.start == c.start and p.end == c.end)
        return Hit(passage, c.score, 0.0, 0.0)

    def _citations(self, q: Question, search: Search) -> list[Citation]:
        top = search.hits[0].score
        chosen = [h for h in search.hits if h.score >= top - QUOTE_MARGIN][:MAX_QUOTES]
        return self._verified(q, chosen)

    def evidence(self, search: Search, limit: int = 3) -> list[Citation]:
        """The first ``limit`` hits as verified citations, whatever their scores (for verification)."""
        return self._verified(search.question, search.hits[:limit])

    def _verified(self, q: Question, chosen: list[Hit]) -> list[Citation]:
        citations: list[Citation] = []
        for hit in chosen:
            if not verify_quote(self.index, hit):
                log.warning("quote check failed for passage %s of %s at %d-%d; dropped", hit.passage.id, hit.passage.doc, hit.passage.start, hit.passage.end)
                continue
            doc = self.index.documents[hit.passage.doc]
            citations.append(
                Citation(
                    n=len(citations) + 1,
                    doc=doc.id,
                    title=convert(doc.title, q.script),
                    date=doc.date,
                    paragraph=hit.passage.paragraph,
                    start=hit.passage.start,
                    end=hit.passage.end,
                    quote=convert(hit.passage.text, q.script),
                    original=hit.passage.text,
                    score=hit.score,
                )
            )
        return citations

    def _direct(self, q: Question, search: Search, citations: list[Citation]) -> tuple[list[str], int]:
        """Direct answer items from the first quote that yields any (shown in the asker's
        script), and that quote's position."""
        topic, anchors = self._topic_terms(q, search)
        if q.kind == COUNT:  # a number the text states beats counting names or titles
            for pos, c in enumerate(citations):
                if stated := extract.stated_count(to_simplified(c.original), q.simplified):
                    return stated, pos
        for pos, c in enumerate(citations):
            text = to_simplified(c.original)
            items = extract.direct_answer(q.kind, text, q.simplified, topic, anchors, c.date)
            if q.kind == DOCUMENTS and q.lang == "en" and len(items) > 1:
                items = self._titles_by_meaning(q, items)
            if items:
                shown = [display_item(i, text, c.original, q.script) for i in items]
                return ([f"《{i}》" for i in shown] if q.kind == DOCUMENTS else shown), pos
        return [], 0

    def _topic_terms(self, q: Question, search: Search) -> tuple[list[str], list[str]]:
        if q.lang == "zh":
            terms = list(key_terms(q.simplified))
            return terms, terms
        alternatives = [a for _, alts in search.groups for a in alts]
        return alternatives, alternatives

    def _titles_by_meaning(self, q: Question, found: list[str]) -> list[str]:
        """For an English question, keep the titles whose meaning is close to the question's topic.

        Dictionary translations rarely hit title words, so each title is compared
        with the question's topic words (``fiscal``) by the dense model. When the
        titles differ clearly (spread ≥ TITLE_SPREAD), those in the upper half of
        the range are kept; when they are about equally close, all are.
        """
        from qa.english import ANSWER_NOUNS, EVENT_WORDS, content_words

        topic = [w for w in content_words(q.text) if w not in ANSWER_NOUNS and w not in EVENT_WORDS]
        if not topic:
            return found
        embedder = self.retriever.embedder
        qv = embedder.encode_query([" ".join(topic)])[0]
        sims = embedder.encode_document(found) @ qv
        spread = float(sims.max() - sims.min())
        if spread < TITLE_SPREAD:
            return found
        return [t for t, s in zip(found, sims) if s >= sims.max() - spread / 2]

    def _lead(self, q: Question, direct: list[str], first: Citation) -> str:
        if q.lang == "en":
            return english_lead(q.kind, direct, first)
        if len(self.index.documents) > 1:
            # among many communiqués, say which meeting the quotes come from
            return f"{first.date} {first.title}：" if first.date else f"{first.title}："
        return ""

    def _compose(self, q: Question, direct: list[str], citations: list[Citation], notes: list[str], lead: str) -> str:
        t = texts(q)
        lines = list(notes)
        if direct and q.lang == "zh":
            lines.append(t["direct"].format(direct="、".join(direct)))
        if lead:
            lines.append(lead)
        for c in citations:
            lines.append(f"> {c.quote} [{c.n}]")
        lines.append("")
        lines.append(f"{t['source']}:")
        for c in citations:
            date = f"（{c.date}）" if c.date else " "
            lines.append(f"[{c.n}] {c.title}{date}{t['paragraph'].format(n=c.paragraph)}")
        return "\n".join(lines)

    def _not_found(self, q: Question, search: Search, notes: list[str]) -> Answer:
        t = texts(q)
        lines = list(notes) + [t["not_found"]]
        docs = list(dict.fromkeys(h.passage.doc for h in search.hits))[:3]
        if docs:
            sep = "、" if q.lang == "zh" else "; "
            titles = sep.join(f"《{convert(self.index.documents[d].title, q.script)}》" for d in docs)
            lines.append(t["nearest"].format(titles=titles))
        return Answer(question=q.text, text="\n".join(lines), abstained=True, script=q.script, lang=q.lang, relevance=search.relevance)

