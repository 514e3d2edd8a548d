"""Answers that quote: retrieval → relevance decision → verified quotes → direct answer."""
from __future__ import annotations

import logging
import re
from dataclasses import replace

from qa.answering import reading
from qa.answering.question_input import (
    MAX_QUESTION_CHARS,
    as_received,
    normalize_question,
    unanswerable_input,
)
from qa.index.store import Index
from qa.language import extract, meeting
from qa.language.question import (
    ACT,
    COUNT,
    DOCUMENTS,
    DURATION,
    LIST,
    PERSON,
    PHRASE,
    POST_HELD,
    VENUE,
    Question,
    analyse,
    asked_topic_verbs,
)
from qa.language.terms import key_terms
from qa.lexicon import ATTENDANCE, DOCUMENT_EVENT_TERMS, TITLE
from qa.models.embedding import Embedder
from qa.ranking.retrieve import THRESHOLD, Retriever, Search
from qa.records import Answer, Citation, Hit
from qa.text.script import convert, script_of, to_simplified
from qa.wording import EN_LEAD_OTHER, EN_LEAD_QUOTES, EN_LEADS, LABELS

log = logging.getLogger(__name__)
MAX_QUOTES = 3
MAX_MORE_APPROVALS = 4  # quotes added for the other documents a communiqué approves
# Answer kinds whose shapes the rules know (《titles》; a post and the name after it; a
# stated or counted number): they list all of them in a quote where a reader's span
# holds one. The reader's span answers these only where the rules find none.
RULES_FIRST = frozenset({DOCUMENTS, PERSON, COUNT, VENUE, POST_HELD, ACT, DURATION})  # COUNT: a count of listed items is no span
REPORT_KINDS = frozenset({PHRASE, LIST})  # what a body reported: one report or several (a count is a rule's)
QUOTE_MARGIN = 0.2  # further quotes must score within this of the first
TITLE_SPREAD = 0.01  # English title filter: below this cosine spread all titles are kept


def chinese_document_topic(simplified: str) -> list[str]:
    """What a Chinese document question is about: its key terms that name no meeting, no
    event and no kind of document ("通过的文件中，哪个与固体废弃物有关" → 固体废弃物)."""
    return [t for t in extract.topic_of(list(key_terms(simplified))) if t not in DOCUMENT_EVENT_TERMS]


def english_lead(kind: str | None, direct: list[str], first: Citation) -> str:
    """The English sentence before the Chinese quotes, with the direct answer when there is one."""
    source = f" of {english_date(first.date)}" if first.date else ""
    if direct:
        x = "; ".join(direct)
        template = EN_LEADS.get(kind or "", EN_LEAD_OTHER)
        return template.format(x=x).replace("the communiqué [1]", f"the communiqué{source} [1]")
    return EN_LEAD_QUOTES.format(source=source)


def english_date(date: str) -> str:
    """A document date for an English answer: "2024-04-26" → "26 April 2024", "4月16日" → "16 April"."""
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date)
    short = re.fullmatch(r"(\d{1,2})月(\d{1,2})日", date)
    if iso:
        return meeting.format_day((int(iso[1]), int(iso[2]), int(iso[3])), "en")
    if short:
        return meeting.format_day((None, int(short[1]), int(short[2])), "en")
    return date


def texts(q: Question) -> dict[str, str]:
    """Interface strings in the asker's language and script."""
    if q.lang == "en":
        return LABELS["en"]
    return {k: convert(v, q.script) for k, v in LABELS["zh"].items()}


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
    def __init__(self, index: Index, embedder: Embedder, reader=None, levels: reading.Levels = reading.LEVELS):
        self.index = index
        self.retriever = Retriever(index, embedder)
        self.reader = reader  # qa.reader.read.Reader; None: rules alone find direct answers
        self.levels = levels

    @property
    def embedder(self) -> Embedder:
        return self.retriever.embedder

    @property
    def documents(self) -> dict:
        """The indexed documents by id."""
        return self.index.documents

    def passage_counts(self) -> dict[str, int]:
        """Passages per document, as recorded at build time."""
        return {doc: entry.get("passages", 0) for doc, entry in self.index.manifest.get("documents", {}).items()}

    def warm_up(self, english: bool = True) -> None:
        """Load what the first question would otherwise wait for (jieba; CC-CEDICT for
        English questions unless ``english`` is False: the app loads it after start)."""
        self.answer("会议审议通过了哪些文件？")
        if english:
            self.answer("Which documents were approved?")

    def answer(self, question: str, docs: set[str] | None = None) -> Answer:
        """Answer one question; with ``docs``, only from those documents (a follow-up's focus)."""
        raw = as_received(question) if isinstance(question, str) else ""
        cleaned = normalize_question(raw)
        if not cleaned:
            return Answer(question=raw, text=LABELS["zh"]["empty"], abstained=True)
        if (reply := unanswerable_input(cleaned)) is not None:
            return Answer(question=raw, text=reply, abstained=True)
        too_long = len(cleaned) > MAX_QUESTION_CHARS
        q = analyse(cleaned[:MAX_QUESTION_CHARS])
        t = texts(q)
        notes = [t["truncated"].format(n=MAX_QUESTION_CHARS)] if too_long else []
        search = self.retriever.search(q, docs=docs)
        reader = self.reader  # read once: the app attaches it while serving
        best = None
        if reader is not None and reading.applies(q):
            readings = reading.read(reader, q.text, search.hits[: reading.READ_PASSAGES], english=q.lang == "en")
            best = reading.choose(reading.heard(q.simplified, readings))
        read = search.hits[: reading.READ_PASSAGES]
        gated = (reading.gates(q) and not self._titled(q, read) and not self._post_of_named(q, read) and not self._listed_as_asked(q, read)
                 and not self._reported(q, read) and not self._counted_holders(q, read))
        if not reading.answerable(search.relevance, THRESHOLD, best if gated else None, self.levels, english=q.lang == "en"):
            return self._not_found(q, search, notes)
        citations = self._citations(q, search, best)
        if not citations:
            return self._not_found(q, search, notes)
        direct, source = self._direct(q, search, citations, best)
        if source:  # the quote the direct answer comes from goes first
            order = [citations[source]] + citations[:source] + citations[source + 1 :]
            citations = [replace(c, n=i + 1) for i, c in enumerate(order)]
        return self._answer(raw, q, direct, citations, notes, search.relevance)

    def _titled(self, q: Question, hits: list[Hit]) -> bool:
        """Whether a document question's topic is spelt out in a title of the passages read
        ("通过的文件中，哪个与固体废弃物有关" and 《…大宗固体废弃物综合利用基地建设实施方案》):
        that title answers it, whatever the reader's margin (it reads titles poorly)."""
        if q.kind != DOCUMENTS or q.lang != "zh":
            return False
        topic = chinese_document_topic(q.simplified)
        return bool(topic) and self._any_read(hits, lambda text: any(t in title for title in extract.titles(text) for t in topic))

    def _post_of_named(self, q: Question, hits: list[Hit]) -> bool:
        """Whether a passage read gives the post of the person a "what post does X hold"
        question names ("陈平担任什么职务" and "市委副书记、市长陈平主持…"): that answers it,
        whatever the reader's margin (it reads such questions poorly)."""
        if q.kind != POST_HELD or not extract.names_anyone(q.simplified):
            return False
        return self._any_read(hits, lambda text: extract.posts_held(text, q.simplified))

    def _listed_as_asked(self, q: Question, hits: list[Hit]) -> bool:
        """Whether a passage read lists, after the list question's own verb, the things it
        asks for ("听取了哪些一季度工作情况" and "听取…、一季度招商引资工作情况、…"): that list
        answers it, whatever the reader's margin (it reads long lists poorly)."""
        if q.kind != LIST or q.lang != "zh":
            return False
        return self._any_read(hits, lambda text: extract.list_as_asked(text, q.simplified))

    def _reported(self, q: Question, hits: list[Hit]) -> bool:
        """Whether a passage read lists the reports heard from the body a question names
        ("县教育局汇报了什么" and "听取了县教育局关于…的汇报"): they answer it, whatever the
        reader's margin."""
        return q.kind in REPORT_KINDS and q.lang == "zh" and self._any_read(hits, lambda text: extract.reports_of(text, q.simplified))

    def _counted_holders(self, q: Question, hits: list[Hit]) -> bool:
        """Whether a passage read names people holding the post a count question asks about
        ("几位副区长出席" and "副区长王胜男、李强、盛振亮出席"): they answer it, whatever the
        reader's margin (it reads counts poorly)."""
        return q.kind == COUNT and q.lang == "zh" and self._any_read(hits, lambda text: extract.counted_holders(text, q.simplified))

    def _any_read(self, hits: list[Hit], finds) -> bool:
        """Whether ``finds`` finds anything in one of the passages read (simplified)."""
        return any(finds(self.retriever.passage_simplified(h.passage.id)) for h in hits)

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

    def _citations(self, q: Question, search: Search, best: reading.Reading | None = None) -> list[Citation]:
        top = search.hits[0].score
        chosen = [h for h in search.hits if h.score >= top - QUOTE_MARGIN][:MAX_QUOTES]
        if best is not None and best.margin >= self.levels.direct and best.hit not in chosen:
            chosen = [best.hit] + chosen[: MAX_QUOTES - 1]  # the passage the reader answers from is quoted
        if q.kind == PHRASE and q.lang == "zh" and chosen:
            # a passage read that repeats the question's words around its gap is quoted too
            filled = next((h for h in search.hits[: reading.READ_PASSAGES] if h.passage.doc == chosen[0].passage.doc
                           and extract.cloze(self.retriever.passage_simplified(h.passage.id), q.simplified)), None)
            if filled is not None and filled not in chosen:
                chosen = chosen + [filled]
        if (q.kind == DOCUMENTS or (q.kind == COUNT and extract.asks_document_count(q.simplified))) and not q.yes_no and chosen:
            chosen += self._more_approvals(chosen)
        return self._verified(q, chosen)

    def _more_approvals(self, chosen: list[Hit]) -> list[Hit]:
        """"会议审议通过了哪些文件": the other passages of the first quote's communiqué that
        approve a 《document》, for a communiqué that approves one a sentence ("会议审议并通过
        《A》。…会议审议并通过《B》。") — quoted too, so that every title answered is in a quote."""
        doc, have = chosen[0].passage.doc, {(h.passage.doc, h.passage.start) for h in chosen}
        more = [p for p in self.retriever.passages_of(doc)
                if (doc, p.start) not in have and extract.APPROVED_TITLE.search(to_simplified(p.text))]
        return [Hit(p, chosen[0].score, 0.0, 0.0) for p in more[:MAX_MORE_APPROVALS]]

    def evidence(self, search: Search, limit: int = 3) -> list[Citation]:
        """The first ``limit`` hits as verified citations, whatever their scores (for verification)."""
        return self._verified(search.question, search.hits[:limit])

    def opening(self, doc_id: str) -> str:
        """The part of a document that names its meeting (simplified)."""
        return to_simplified(self.index.documents[doc_id].text[: meeting.OPENING_CHARS])

    def meeting_day(self, doc_id: str) -> tuple[int | None, int | None, int | None]:
        """The (year, month, day) of a document's meeting, as its opening states it."""
        return meeting.meeting_day(self.opening(doc_id), self.index.documents[doc_id].date)

    def cite(self, q: Question, hits: list[Hit]) -> list[Citation]:
        """Chosen hits as verified citations (for verification)."""
        return self._verified(q, hits)

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
                    page=doc.page_of(hit.passage.start),
                    url=doc.url,
                    publisher=doc.publisher,
                )
            )
        return citations

    def _direct(self, q: Question, search: Search, citations: list[Citation], best: reading.Reading | None = None) -> tuple[list[str], int]:
        """Direct answer items (shown in the asker's script) and the position of the quote
        they come from: the reader's span where it is sure enough, else what the rules
        find in the quotes (the rules first for RULES_FIRST kinds)."""
        if meeting.asks_meeting(q.simplified, q.lang, q.kind):
            return self._meeting_items(q, citations[0]), 0
        if q.kind in REPORT_KINDS and q.lang == "zh":
            # "县住建局汇报了哪些事项": the subjects of the reports the communiqué heard from that body
            same = [c for c in citations if c.doc == citations[0].doc]
            if found := self._first_items(q, same, lambda text: extract.reports_of(text, q.simplified)):
                return found[0], citations.index(same[found[1]])
        if q.kind == PHRASE and q.lang == "zh":
            # a quote of the first quote's communiqué that repeats the question's words right
            # before its gap answers it with what fills the gap, whatever span the reader prefers;
            # the reader's passage first, where the words recur in several
            read = best.hit.passage if best is not None else None
            order = sorted(range(len(citations)), key=lambda i: not (read and (citations[i].doc, citations[i].start) == (read.doc, read.start)))
            for pos in order:
                c = citations[pos]
                text = to_simplified(c.original)
                if c.doc == citations[0].doc and (filled := extract.cloze(text, q.simplified)):
                    if self._reader_agrees(best, c, text.find(filled), len(filled)):
                        break  # the reader's sure span covers the same words: its extent is learned
                    return [display_item(filled, text, c.original, q.script)], pos
        span = self._span_items(q, citations, best)
        # English questions are read in Chinese words and their spans are less sure: the
        # rules keep every kind they know, the span answers what a phrase says
        if q.kind in RULES_FIRST or (q.lang == "en" and q.kind != PHRASE):
            ruled = self._rule_items(q, search, citations)
            return ruled if ruled[0] else (span or ([], 0))
        if span and q.kind == LIST:
            # a list question: the span is often one member of the quote's 、-list (or of a list
            # the communiqué gives a paragraph an item); the rules' list of that quote holding the
            # span, with its communiqué's other quotes, is the whole answer
            held = citations[span[1]]
            ruled = self._rule_items(q, search, [held] + [c for c in citations if c.doc == held.doc and c is not held])
            joined = "".join(ruled[0])
            if len(ruled[0]) > len(span[0]) and any(to_simplified(i) in to_simplified(joined) for i in span[0]):
                return ruled[0], span[1]
            # the list the communiqué gives after the question's own verb, of the noun it asks for
            # ("听取了哪些汇报", "推进哪些改革"), where the span is none of its items
            asked = [c for c in citations if c.doc == held.doc] if q.lang == "zh" else []
            if (found := self._first_items(q, asked, lambda text: extract.list_as_asked(text, q.simplified))) and len(found[0]) >= 2:
                return found[0], citations.index(asked[found[1]])
        return span or self._rule_items(q, search, citations)

    def _reader_agrees(self, best: reading.Reading | None, c: Citation, start: int, length: int) -> bool:
        """Whether the reader's sure span lies in quote ``c`` and overlaps its characters
        ``start``..``start + length`` within their clause (a span running on into the
        clause before, a title there, reads other words)."""
        if best is None or best.margin < self.levels.direct or (best.hit.passage.doc, best.hit.passage.start) != (c.doc, c.start):
            return False
        breaks = [m.start() for m in extract.CLAUSE_BREAK.finditer(c.original)]
        clause_start = max((i + 1 for i in breaks if i < start), default=0)
        clause_end = min((i for i in breaks if i >= start + length), default=len(c.original))
        within = clause_start <= best.start and best.end <= clause_end
        return start >= 0 and within and best.start < start + length and start < best.end

    def _meeting_items(self, q: Question, c: Citation) -> list[str]:
        """"Which meeting / which day": the quoted communiqué's meeting day, with the
        meeting's number where its opening gives one ("2024年4月26日（市政府第20次常务会议）")."""
        opening = self.opening(c.doc)
        when = meeting.meeting_day(opening, c.date)
        day, name = meeting.format_day(when, "zh"), meeting.meeting_name(opening)
        if q.lang == "en":  # "16 April (4月16日)": the English date beside the source's wording
            return [f"{meeting.format_day(when, 'en')} ({day})"] if day else []
        if not day:
            return [convert(name, q.script)] if name else []
        return [f"{day}（{convert(name, q.script)}）" if name else day]

    def _span_items(self, q: Question, citations: list[Citation], best: reading.Reading | None) -> tuple[list[str], int] | None:
        if best is None or best.margin < (self.levels.direct_en if q.lang == "en" else self.levels.direct):
            return None
        pos = next((i for i, c in enumerate(citations) if c.doc == best.hit.passage.doc and c.start == best.hit.passage.start), None)
        if pos is None:
            return None
        c = citations[pos]
        text = to_simplified(c.original)
        widened = reading.widen(best, q.kind)
        found = reading.items(widened, q.kind)
        shown = [display_item(to_simplified(i), text, c.original, q.script) for i in found]
        titled = bool(TITLE.search(widened)) or (q.kind == DOCUMENTS and f"《{to_simplified(best.text)}》" in text)
        return ([f"《{i}》" for i in shown] if titled else shown), pos

    def _rule_items(self, q: Question, search: Search, citations: list[Citation]) -> tuple[list[str], int]:
        topic, anchors = self._topic_terms(q, search)
        if q.kind == COUNT:  # a number the text states beats counting names or titles
            for pos, c in enumerate(citations):
                if stated := extract.stated_count(to_simplified(c.original), q.simplified):
                    return stated, pos
            if extract.asks_document_count(q.simplified) and citations:
                return self._document_count(q, citations)
        if q.kind == LIST and (verbs := list(asked_topic_verbs(q.text))):
            # "What did the meeting study?": the topics listed after 研究 in any quote, not people;
            # else the reader's span, if sure enough
            return self._first_items(q, citations, lambda text: extract.listed(text, verbs)) or ([], 0)
        if q.kind == LIST and q.lang == "zh" and (found := self._first_items(q, citations, lambda text: extract.list_as_asked(text, q.simplified))):
            return found
        order = list(range(len(citations)))
        if q.kind == PERSON and (extract.asks_attendance(q.simplified) or extract.asks_chair(q.simplified)):
            # "谁参加了会议" / "谁主持了会议": a quote that says who attended / chaired first
            verb = re.compile("主持") if extract.asks_chair(q.simplified) else ATTENDANCE
            order.sort(key=lambda i: not verb.search(to_simplified(citations[i].original)))
        for pos in order:
            c = citations[pos]
            text = to_simplified(c.original)
            items = extract.direct_answer(q.kind, text, q.simplified, topic, anchors, c.date)
            where = {i: (text, c.original) for i in items}
            if q.kind == DOCUMENTS and items:
                # a communiqué that approves one document a sentence ("会议审议并通过《A》。…
                # 会议审议并通过《B》。"): the titles of its other quotes belong to the answer
                for other in citations[pos + 1 :]:
                    if other.doc == c.doc:
                        other_text = to_simplified(other.original)
                        for i in extract.direct_answer(q.kind, other_text, q.simplified, topic, anchors, other.date):
                            where.setdefault(i, (other_text, other.original))
                items = list(where)
            if q.kind == DOCUMENTS and len(items) > 1:
                items = self._titles_by_meaning(self._document_topic(q, items), items)
            if items:
                shown = [display_item(i, *where[i], q.script) for i in items]
                if q.kind == DOCUMENTS:  # a title in 《》 as the quote has it; a listed report as it is
                    shown = [f"《{s}》" if f"《{i}》" in where[i][0] else s for i, s in zip(items, shown)]
                return shown, pos
        return [], 0

    @staticmethod
    def _first_items(q: Question, citations: list[Citation], find) -> tuple[list[str], int] | None:
        """The items ``find`` gives for the first quote (simplified) that has any, shown in the
        asker's script, and that quote's position; None where no quote has any. Where that
        quote gives one item (a communiqué hearing one report a paragraph: "会议听取了关于A的
        汇报。…会议听取了关于B的汇报。"), the same communiqué's other quotes give the rest, in
        the order of its text; a quote giving several is the list (an opening summing up)."""
        for pos, c in enumerate(citations):
            text = to_simplified(c.original)
            if items := find(text):
                quotes = sorted((o for o in citations if o.doc == c.doc), key=lambda o: o.start) if len(items) == 1 else [c]
                shown: list[str] = []
                for quote in quotes:
                    quote_text = to_simplified(quote.original)
                    found = items if quote is c else find(quote_text)
                    shown += [s for i in found if (s := display_item(i, quote_text, quote.original, q.script)) not in shown]
                return shown, pos
        return None

    def _document_count(self, q: Question, citations: list[Citation]) -> tuple[list[str], int]:
        """"几个文件获得通过": the titles of the first quote that holds any; where it holds one
        (a communiqué approving one document a sentence), with those of the same
        communiqué's other quotes that approve one. A quote listing several is the list (an
        opening that sums up the meeting; later sentences name the same documents again)."""
        texts = [to_simplified(c.original) for c in citations]
        counted = [extract.counted_titles(t, q.simplified) for t in texts]
        pos = next((i for i, found in enumerate(counted) if found), None)
        if pos is None:
            return [], 0
        found = list(counted[pos])
        if len(found) == 1:
            found += [t for i, c in enumerate(citations) if i != pos and c.doc == citations[pos].doc
                      and extract.APPROVED_TITLE.search(texts[i]) for t in counted[i]]
        names = [f"《{display_item(t, texts[pos], citations[pos].original, q.script) if t in texts[pos] else convert(t, q.script)}》" for t in dict.fromkeys(found)]
        return [f"{len(names)}（{'、'.join(names)}）"], pos

    def _topic_terms(self, q: Question, search: Search) -> tuple[list[str], list[str]]:
        if q.lang == "zh":
            terms = list(key_terms(q.simplified))
            return terms, terms
        alternatives = [a for _, alts in search.groups for a in alts]
        return alternatives, alternatives

    @staticmethod
    def _document_topic(q: Question, found: list[str]) -> list[str]:
        """What a document question is about, for filtering titles by meaning: the English
        content words; the Chinese key terms that say no event or kind of document, unless
        one occurs in a title (then the titles holding it were already kept, by the rules)."""
        if q.lang == "en":
            from qa.language.english import ANSWER_NOUNS, EVENT_WORDS, content_words

            return [w for w in content_words(q.text) if w not in ANSWER_NOUNS and w not in EVENT_WORDS]
        topic = chinese_document_topic(q.simplified)
        return [] if any(t in title for t in topic for title in found) else topic

    def _titles_by_meaning(self, topic: list[str], found: list[str]) -> list[str]:
        """Keep the titles whose meaning is close to the question's topic words.

        Translations and paraphrases rarely hit title words ("fiscal", "预算" for
        财政资金), so each title is compared with the topic by the dense model. When the
        titles differ clearly (spread ≥ TITLE_SPREAD), those in the upper half of the
        range are kept; when they are about equally close, all are.
        """
        if not topic:
            return found
        embedder = self.embedder
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
        lines.append(f"{t['sources']}:")
        for c in citations:
            shown = english_date(c.date) if q.lang == "en" else c.date
            date = (f" ({shown}) " if q.lang == "en" else f"（{shown}）") if c.date else " "
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

