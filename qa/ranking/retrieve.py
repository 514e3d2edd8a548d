"""Hybrid retrieval: BM25 over character n-grams + dense vectors in FAISS, fused,
and one relevance decision on the fused result."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from qa.index.store import Index
from qa.language.extract import can_answer, chair_names, post_names
from qa.language.meeting import (
    asked_places,
    asks_meeting,
    body_level,
    opening_of,
    own_places,
    without_meeting,
    without_meeting_en,
)
from qa.language.question import (
    ACT,
    DATE,
    POST_HELD,
    Question,
    analyse,
    asked_dates,
    date_matches,
    topic_years,
    without_dates,
)
from qa.language.terms import (
    TermGroup,
    coverage,
    idf,
    key_terms,
    keyword_query,
    term_groups,
)
from qa.lexicon import BODY_PLACE, CAPITALISED, EN_CHAIR_CUE, PINYIN_NAME, TITLE
from qa.models.calibration import dense_weight_for, z_levels_for, zscore
from qa.models.embedding import Embedder
from qa.ranking import fusion
from qa.ranking.scope import Scope, scope_of
from qa.records import Hit
from qa.text.script import to_simplified
from qa.text.tokenize import char_ngrams, title_terms

# Single characters that carry grammar, not topic; dropped from the keyword query.
FUNCTION_CHARS = frozenset("的了是在和与及或吗呢也都还又就把被将这那其之么啊吧")
ANSWER_POOL = 3  # first hits considered as the answer passage when the first cannot answer
CANDIDATES = 50  # per side, before fusion
# Weight of the dense side in ranking, per model (qa.models.calibration.dense_weight_for).
# Share of the keyword weight given to BM25 over the passage's whole paragraph (its
# context) instead of the passage alone: 0.5, chosen on CMRC 2018's even-numbered
# questions (with USE), held out: CMRC with e5 0.979 → 0.986 hit@1, XQuAD zh 0.941 →
# 0.955, XQuAD en→zh 0.835 → 0.844 (README). It cost one of 8 English questions of our
# State Council set its first place (hit@3 unchanged).
PARAGRAPH_SHARE = {"zh": 0.5, "en": 0.5}
PARAGRAPH_CANDIDATES = 10  # passages of the best paragraphs join the candidates
# Weight of how much of the passage's document title the question names (share of the
# title's terms, ``fusion.named_share``), added to the fused score: a question naming a
# document's subject ("黄足笛鲷的上颌…", "盘锦市第5次常务会议…") prefers that document to a
# neighbour that mentions it. 0.1 gains on CMRC 2018 and XQuAD en→zh and changes nothing
# on DRCD, on the tuned and the held-out halves; 0.2 gains more on CMRC but loses on DRCD
# (README, retrieval benchmarks).
TITLE_SHARE = {"zh": 0.1, "en": 0.1}
# Answer types. A question asking for a date, a person, document titles, an
# ordinal or an amount can only be answered by a passage holding one. Ranking
# ignores this (type bonuses and type-first ranking cost 1-6 points of hit@1 on
# CMRC 2018 and XQuAD, where most paragraphs hold some date or number); choosing
# the answer passage and the relevance decision use it.
STRONG_TYPES = frozenset({"date", "documents", "person", "ordinal", "amount", "count", "venue", "post", "act", "duration"})
TYPED_KINDS = STRONG_TYPES | {"list"}
THRESHOLD = 0.5  # relevance at or above which the passages answer the question
# Relevance given to a passage that cannot answer (no communiqué of the date asked
# about; no date, person or number of the kind asked for): clearly below THRESHOLD.
CANNOT_ANSWER = 0.5 * THRESHOLD
# Added to the fused score (≤ 1) of the passages of a date or 《title》 the question
# names, so that they rank above every other passage.
NAMED_BOOST = 2.0
# A title's closing note, left out when looking a named title up: "（草案）", "（修订草案）".
_TITLE_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
MIN_TITLE_CHARS = 4  # shorter "titles" are too general to say the corpus lacks them
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")


@dataclass(frozen=True)
class Query:
    tokens: list[str]  # keyword side: character n-grams (and dictionary expansions)
    groups: list[TermGroup]  # key terms with their alternatives, for coverage
    terms: list[str]  # the key terms the answer-type check looks for
    vector: np.ndarray  # dense side


@dataclass(frozen=True)
class Candidates:
    ids: np.ndarray  # passage ids to score
    keyword_all: np.ndarray  # BM25 of every passage
    paragraph_all: np.ndarray | None  # BM25 of every paragraph (context), if stored
    named: set[int]  # passages of a date or 《title》 the question names
    dated: bool  # the question names a date some document has
    scope: Scope  # the documents of the meeting the question names


@dataclass(frozen=True)
class Search:
    question: Question
    hits: list[Hit]
    relevance: float
    dense_level: float
    coverage: float | None
    groups: list[TermGroup]
    ranking: list[Hit]  # retrieval order (fused scores); ``hits`` starts with the answer passage

    @property
    def answerable(self) -> bool:
        return bool(self.hits) and self.relevance >= THRESHOLD


def english_keywords(question: str, known: Callable[[str], bool]) -> tuple[list[str], list[TermGroup]]:
    """Keyword tokens and term groups from CC-CEDICT expansions of an English question.

    A candidate is taken for the keyword query only if all its character bigrams
    occur in the corpus; the first chosen counts twice, the second once.
    """
    from qa.language.english import expand

    def in_corpus(zh: str) -> bool:
        grams = char_ngrams(zh)
        return all(known(g) for g in grams)

    tokens: list[str] = []
    groups: list[TermGroup] = []
    for _, candidates, chosen in expand(question, in_corpus):
        for rank, zh in enumerate(chosen):
            tokens.extend(char_ngrams(zh) * (2 if rank == 0 else 1))
        groups.append((idf(candidates[0]), candidates))
    return tokens, groups


class Retriever:
    def __init__(self, index: Index, embedder: Embedder):
        self.index = index
        self.embedder = embedder
        self._simplified = [to_simplified(p.text) for p in index.passages]
        self._titles = {d.id: to_simplified(d.title) for d in index.documents.values()}
        # where a communiqué names its body, place and meeting number
        self._openings = {d.id: to_simplified(opening_of(d.title, d.text)) for d in index.documents.values()}
        self._bodies: dict[str, tuple[str, frozenset[str]]] | None = None  # built at the first question naming a place
        self._pinyin_people: dict[str, set[str]] | None = None  # built at the first English question naming someone
        self._body_places: set[str] | None = None  # places openings name as their government's
        self._all_text: str | None = None  # every passage, for names an English question spells in pinyin
        self._doc_passages: dict[str, list[int]] = {}
        self._by_title: dict[str, list[int]] = {}  # 《title》 → passages quoting it
        for p in index.passages:
            self._doc_passages.setdefault(p.doc, []).append(p.id)
            for title in set(TITLE.findall(self._simplified[p.id])):
                # keyed as a question's title arrives: NFKC-normalized, "（草案）" → "(草案)"
                self._by_title.setdefault(unicodedata.normalize("NFKC", title), []).append(p.id)
        # Relevance levels and dense weight of the model (a test fake may declare its own).
        self.z_levels = getattr(embedder, "z_levels", None) or z_levels_for(embedder.model_id)
        self.dense_weight = dense_weight_for(embedder.model_id)
        from qa.index.build import paragraph_units

        units, self._paragraph_of = paragraph_units(index.passages)
        # A paragraph's passages are consecutive: those of paragraph u are start[u]:start[u + 1].
        self._paragraph_start = np.array([first for _, first in units] + [len(index.passages)], dtype=np.int64)
        self._title_terms = {d: title_terms(t) for d, t in self._titles.items()}

    def passage_simplified(self, pid: int) -> str:
        return self._simplified[pid]

    def passages_of(self, doc: str) -> list:
        """The passages of one document, in order."""
        return [self.index.passages[pid] for pid in self._doc_passages.get(doc, [])]

    def search(self, question: str | Question, k: int = 5, docs: set[str] | None = None) -> Search:
        """Rank passages for ``question`` and decide whether they answer it; with ``docs``
        (a follow-up's documents in focus), only their passages are candidates."""
        q = question if isinstance(question, Question) else analyse(question)
        query = self._query(q)
        pool = self._candidates(q, query, docs)
        if pool.scope.docs and docs is None:
            query, pool = self._within_meeting(q, query, pool)
        if pool.ids.size == 0:
            return Search(q, [], 0.0, 0.0, None, query.groups, [])
        fused, dense, keyword = self._fuse(q, query, pool)
        order = np.argsort(-fused, kind="stable")

        def hit(i: int) -> Hit:
            return Hit(self.index.passages[int(pool.ids[i])], float(min(fused[i], 1.0)), float(dense[i]), float(keyword[i]))

        ranking = [hit(i) for i in order[:k]]
        head = [hit(i) for i in self._answer_pool(q, query, pool, order)]
        chosen, rel, level, cov = self._decide(q, query, pool, head, follow_up=docs is not None)
        if pool.scope.absent or self._unknown_title(q) or self._unknown_name(q):
            rel = min(rel, CANNOT_ANSWER)  # no communiqué of the meeting, the 《document》 or the name asked about
        hits = [chosen] + [h for h in ranking if h.passage.id != chosen.passage.id][: k - 1]
        return Search(q, hits, rel, level, cov, query.groups, ranking)

    def _query(self, q: Question) -> Query:
        """Keyword tokens, key-term groups and the dense vector of a question."""
        if q.lang == "zh":
            tokens = [t for t in char_ngrams(keyword_query(q.simplified)) if t not in FUNCTION_CHARS]
            terms = key_terms(q.simplified)
            groups = term_groups({t: w for t, w in terms.items() if not _LATIN_WORD.fullmatch(t)})
            english = " ".join(t for t in terms if _LATIN_WORD.fullmatch(t))
            if english:  # English words inside a Chinese question ("会议approved哪些文件？")
                extra_tokens, extra_groups = english_keywords(english, self.index.keyword.knows)
                tokens, groups = tokens + extra_tokens, groups + extra_groups
        else:
            tokens, groups = english_keywords(q.text, self.index.keyword.knows)
            for zh in self._people_named(q.text):  # "chaired by Yan Jinhai" → 严金海
                tokens, groups = tokens + char_ngrams(zh) * 2, groups + [(idf(zh), (zh,))]
        vector = self.embedder.encode_query([q.simplified])[0]
        return Query(tokens, groups, self._terms(q, groups), vector)

    def _people_named(self, question: str) -> list[str]:
        """The people of the communiqués an English question names in pinyin ("Yan Jinhai",
        "Zhao Gang"): names its communiqués' openings give after a post or before 主持."""
        from qa.language.english import name_runs

        spelled = set()
        for m in PINYIN_NAME.finditer(question):  # every run of two or three of its words
            spelled |= {"".join(run) for run in name_runs(m.group(0).lower().split())}
        if not spelled:
            return []
        people = self._spelled_people()
        return sorted({n for s in spelled for n in people.get(s, ())})

    def _chair_spellings(self, question: str) -> list[str]:
        """The runs of an English question's capitalised words that spell a person the
        communiqués' openings name, as written ("Song Huadong" in "chaired by Song Huadong")."""
        from qa.language.english import name_runs

        runs = [run for m in PINYIN_NAME.finditer(question) for run in name_runs(m.group(0).split())]
        if not runs:
            return []
        people = self._spelled_people()
        return [" ".join(run) for run in runs if "".join(run).lower() in people]

    def _spelled_people(self) -> dict[str, set[str]]:
        """Each pinyin spelling (lower case, no spaces) of the people the openings name after a
        post or before 主持, with the names it spells; read once."""
        if self._pinyin_people is None:
            from qa.language.english import name_pinyin

            self._pinyin_people = {}
            for opening in self._openings.values():
                for name in (n for _, n in post_names(opening) + chair_names(opening)):
                    for spelling in name_pinyin(name):
                        self._pinyin_people.setdefault(spelling, set()).add(name)
        return self._pinyin_people

    def _within_meeting(self, q: Question, query: Query, pool: Candidates) -> tuple[Query, Candidates]:
        """Once the meeting a question names by its number or place is found, the keyword side
        ranks its passages by what the question asks about it: "通江县第四十二次常务会议…"
        matches the opening, not the passage that answers. (A date stays: the opening that
        states it is where a report sums up what the meeting decided.) The dense side and
        the key terms of the relevance decision are the question's own: fewer terms would
        let a passage of the meeting that lacks the detail asked pass. Only an English
        question's words naming its one communiqué ("the 70th district government executive
        meeting chaired by Song Huadong") leave its key terms too: their dictionary words are
        not the text's ("When was … held?")."""
        if q.lang == "en":
            topic = without_meeting_en(without_dates(q.text), self._chair_spellings(q.text))
            if topic == q.text or len(pool.scope.docs) != 1:
                return query, pool
            tokens, groups = english_keywords(topic, self.index.keyword.knows)
            for zh in self._people_named(q.text):  # the chair stays on the keyword side, as a date does
                tokens += char_ngrams(zh) * 2
            query = replace(query, groups=groups, terms=self._terms(q, groups))
        else:
            topic = without_meeting(q.simplified)
            for names, level in asked_places(q.simplified, q.lang, self._is_place, lambda phrase: []):
                for name in names:  # "龙湖区要求…": the place of the meeting found
                    topic = topic.replace(name if name.endswith(level) else name + level, " ")
            topic = " ".join(topic.split())
            tokens = [t for t in char_ngrams(keyword_query(topic)) if t not in FUNCTION_CHARS]
        if topic == q.simplified or not tokens:
            return query, pool
        keyword_all = self.index.keyword.scores(tokens)
        paragraph_all = self._paragraph_scores(tokens) if pool.paragraph_all is not None else None
        return replace(query, tokens=tokens), replace(pool, keyword_all=keyword_all, paragraph_all=paragraph_all)

    def _candidates(self, q: Question, query: Query, docs: set[str] | None) -> Candidates:
        """The passages worth scoring: the best of each side, the passages of the best
        paragraphs, and those of a date or 《title》 the question names."""
        keyword_all = self.index.keyword.scores(query.tokens)
        ids, _ = self.index.dense.search(query.vector, CANDIDATES)
        top_kw = fusion.top_k(keyword_all, CANDIDATES)
        top_kw = top_kw[keyword_all[top_kw] > 0]
        paragraph_all = self._paragraph_scores(query.tokens) if PARAGRAPH_SHARE[q.lang] > 0 else None
        if paragraph_all is not None:
            best = fusion.top_k(paragraph_all, PARAGRAPH_CANDIDATES)
            start = self._paragraph_start
            top_kw = np.concatenate([top_kw] + [np.arange(start[u], start[u + 1]) for u in best[paragraph_all[best] > 0]])
        # A question that names a date ("2023年4月7日的会议…") is about the documents of that
        # date; one that quotes a title in 《》 is about the passages that hold that exact title.
        from qa.language.english import place_names

        titled = self._titled_passages(q)
        titled_docs = {self.index.passages[pid].doc for pid in titled}
        # "What did Zhang Baishun's meeting say…", "the meeting chaired by Yan Jinhai": the
        # people an English question names in pinyin, as chairs
        chairs = self._people_named(q.text) if q.lang == "en" and EN_CHAIR_CUE.search(q.text) else []
        dates = asked_dates(q.simplified)
        # a year of what is asked about ("开江2018年脱贫攻坚考核结果要报哪里审定"), not of the
        # meeting: planned the year before, reported on the year after
        years = topic_years(q.simplified)
        around = [(y + step, None, None) for y, month, _ in dates if month is None and y in years for step in (-1, 1)]
        dated = self.documents_on(dates + around) if dates else None
        scope = scope_of(q.simplified, q.lang, self._openings, dated, self._is_place, place_names, titled_docs, self.bodies, chairs)
        by_date = {pid for d in dated or () for pid in self._doc_passages.get(d, [])}
        named = by_date | titled
        ids = np.unique(np.concatenate([ids.astype(np.int64), top_kw.astype(np.int64), np.array(sorted(named), dtype=np.int64)]))
        if scope.docs:  # the meeting asked about: all its passages, nothing else
            ids = np.array(sorted(pid for d in scope.docs for pid in self._doc_passages.get(d, [])), dtype=np.int64)
        if docs is not None:  # a follow-up about the documents in focus: all their passages, nothing else
            ids = np.array(sorted(pid for d in docs for pid in self._doc_passages.get(d, [])), dtype=np.int64)
        return Candidates(ids, keyword_all, paragraph_all, named, bool(by_date), scope)

    def _fuse(self, q: Question, query: Query, pool: Candidates) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Fused scores of the candidates, with their raw cosines and BM25 scores."""
        dense = self.index.dense.scores_for(query.vector, pool.ids)
        keyword = pool.keyword_all[pool.ids]
        weight = self.dense_weight[q.lang] if keyword.max(initial=0) > 0 else 1.0
        if pool.paragraph_all is not None:
            share = PARAGRAPH_SHARE[q.lang]
            context = pool.paragraph_all[self._paragraph_of[pool.ids]]
            keyword_mix = (1 - share) * fusion.minmax(keyword) + share * fusion.minmax(context)
            fused = fusion.weighted(dense, keyword_mix, weight)
        else:
            fused = fusion.weighted(dense, keyword, weight)
        share = TITLE_SHARE[q.lang]
        if share:
            asked = title_terms(q.simplified)
            docs = [self.index.passages[int(i)].doc for i in pool.ids]
            named = {d: fusion.named_share(self._title_terms[d], asked) for d in set(docs)}
            fused = fused + share * np.array([named[d] for d in docs], dtype=np.float32)
        if pool.named:
            fused = fused + NAMED_BOOST * np.isin(pool.ids, list(pool.named))
        return fused, dense, keyword

    def _answer_pool(self, q: Question, query: Query, pool: Candidates, order: np.ndarray) -> list[int]:
        """Positions (into the candidates) of the passages that may be the answer passage.

        Choosing the answer passage is separate from ranking: the first few hits, plus,
        when the first cannot hold the kind of answer asked for (a "哪天" question whose
        first passage has no date), the best-ranked passage that can."""

        def typed(i: int) -> bool:
            return can_answer(q.kind, self._simplified[int(pool.ids[i])], q.simplified, query.terms, q.lang)

        head = list(order[:ANSWER_POOL])
        if q.kind in STRONG_TYPES and not typed(order[0]):
            able = next((i for i in order if typed(i)), None)
            if able is not None and able not in head:
                head.append(able)
        return head

    def _decide(self, q: Question, query: Query, pool: Candidates, head: list[Hit], follow_up: bool) -> tuple[Hit, float, float, float | None]:
        """The answer passage among ``head`` and the one relevance decision:
        (passage, relevance, dense level, key-term coverage)."""
        # Dense side: is the topic there at all? The strongest of these passages counts.
        z = zscore(max(h.dense for h in head), query.vector, self.index.background)
        if (topic := self._topic_similarity(q, pool, head)) is not None:
            z = max(z, zscore(*topic, self.index.background))
        # In a follow-up the documents in focus already carry the topic ("它们是什么时候通过的？"
        # says nothing of it itself), so only the keyword side and the answer type decide;
        # so too for the post of a person named ("崔发林是做什么的？") or what someone of a post
        # did ("秘书长做了什么？"): the person is all the question says, and a passage naming
        # them so answers it.
        level = 1.0 if follow_up or q.kind in (POST_HELD, ACT) else fusion.calibrate(z, *self.z_levels[q.lang])
        # Keyword side, per passage: the first hit stays the answer passage if it is
        # relevant enough, else the most relevant of the pool.
        judged = [self._judge(q, query.groups, query.terms, level, h) for h in head]
        best = 0 if judged[0][0] >= THRESHOLD else max(range(len(head)), key=lambda i: (judged[i][0], -i))
        if asks_meeting(q.simplified, q.lang, q.kind):
            # which day: a relevant passage that states the date is the better quote
            stated = [i for i, h in enumerate(head) if judged[i][0] >= THRESHOLD and can_answer(DATE, self._simplified[h.passage.id], q.simplified)]
            best = stated[0] if stated else best
            if pool.scope.docs and len(pool.scope.docs) == 1 and head[best].passage.doc in pool.scope.docs:
                # "When did Kaijiang county hold its 65th executive meeting?": the words that
                # name the meeting found its one communiqué; its day answers, whatever else matches
                judged[best] = (max(judged[best][0], THRESHOLD), judged[best][1])
        rel, cov = judged[best]
        if asked_dates(q.simplified) and not pool.dated and not any(self._mentions_date(q, h) for h in head):
            rel = min(rel, CANNOT_ANSWER)  # no communiqué of the date asked about
        return head[best], rel, level, cov

    def _topic_similarity(self, q: Question, pool: Candidates, head: list[Hit]) -> tuple[float, np.ndarray] | None:
        """Where the question's date found its documents, the strongest dense similarity
        of the head passages to the question without the date, and that vector ("the
        meeting of 29 June 2023" is matched by the documents of that day; what is asked
        about them is the rest). None where no date found documents."""
        if not pool.dated:
            return None
        topic = without_dates(q.simplified)
        if not topic or topic == q.simplified:
            return None
        vector = self.embedder.encode_query([topic])[0]
        ids = np.array([h.passage.id for h in head], dtype=np.int64)
        return float(self.index.dense.scores_for(vector, ids).max()), vector

    def _paragraph_scores(self, tokens: list[str]) -> np.ndarray | None:
        if self.index.paragraph_keyword is None:
            return None
        return self.index.paragraph_keyword.scores(tokens)

    @staticmethod
    def _terms(q: Question, groups: list[TermGroup]) -> list[str]:
        if q.lang == "en":
            return [a for _, alternatives in groups for a in alternatives]
        return [alternatives[0] for _, alternatives in groups]

    def bodies(self) -> dict[str, tuple[str, frozenset[str]]]:
        """Each document's level of government and the places it names as its own."""
        if self._bodies is None:
            self._bodies = {}
            for d in self.index.documents.values():
                opening = self._openings[d.id]
                level = body_level(opening)
                text = "\n".join(self._simplified[pid] for pid in self._doc_passages.get(d.id, []))  # already simplified
                self._bodies[d.id] = (level, frozenset(own_places(opening, text, level, self._is_place)))
        return self._bodies

    def _is_place(self, word: str) -> bool:
        """A place name: one the dictionary lists as a proper noun, or one an opening names
        as its government's ("西岗区政府召开…", though no dictionary lists 西岗)."""
        from qa.language.english import is_proper_noun

        if self._body_places is None:
            from qa.language.terms import is_one_noun

            heads = {m.group(1) for opening in self._openings.values() for m in BODY_PLACE.finditer(opening)}
            self._body_places = {h for h in heads if is_one_noun(h)}
        return is_proper_noun(word) or word in self._body_places

    def documents_on(self, days: list[tuple[int | None, int | None, int | None]]) -> list[str]:
        """The documents dated on any of ``days`` (``date_matches``: a report may be dated
        the day after its meeting)."""
        return [d.id for d in self.index.documents.values() if any(date_matches(a, d.date) for a in days)]

    def _titled_passages(self, q: Question) -> set[int]:
        wanted = [unicodedata.normalize("NFKC", t) for t in TITLE.findall(q.simplified) if len(t) >= 2]
        return {pid for t in wanted for pid in self._by_title.get(t, ())}

    def _meeting_dated(self, q: Question, hit: Hit) -> bool:
        """A which-meeting / which-day question about the communiqué's own meeting, and
        the passage's document is dated: its date answers, whatever the passage holds."""
        doc = self.index.documents.get(hit.passage.doc)
        return bool(doc and doc.date) and asks_meeting(q.simplified, q.lang, q.kind)

    def _unknown_title(self, q: Question) -> bool:
        """Whether the question names a 《document》 that no passage mentions: its core title
        (without "中华人民共和国" and a closing "（草案）"-like note) is nowhere in the text."""
        for title in TITLE.findall(q.simplified):
            core = _TITLE_NOTE.sub("", title.removeprefix("中华人民共和国"))
            # the question was NFKC-folded ("（" → "("); the text keeps its full-width brackets
            spellings = {core, core.replace("(", "（").replace(")", "）")}
            if len(core) >= MIN_TITLE_CHARS and not any(s in text for text in self._simplified for s in spellings):
                return True
        return False

    def _pinyin_words(self, question: str) -> list[re.Pattern]:
        """For the capitalised words of an English question past the first that are no
        English word and may spell Chinese in pinyin, the pattern of what they may spell."""
        from qa.language.english import pinyin_pattern

        return [p for w in CAPITALISED.findall(question)[1:] if (p := pinyin_pattern(w)) is not None]

    def _unknown_name(self, q: Question) -> bool:
        """Whether an English question names, in pinyin, something no communiqué names
        ("the Hengqin cooperation zone" where no 横琴 is)."""
        return q.lang == "en" and any(not p.search(self._corpus_text()) for p in self._pinyin_words(q.text))

    def _corpus_text(self) -> str:
        if self._all_text is None:
            self._all_text = "\n".join(self._simplified)
        return self._all_text

    def _mentions_date(self, q: Question, hit: Hit) -> bool:
        text = self._simplified[hit.passage.id]
        return any(f"{m}月{d}日" in text for _, m, d in asked_dates(q.simplified) if m and d)

    def _judge(self, q: Question, groups: list[TermGroup], terms: list[str], level: float, hit: Hit) -> tuple[float, float | None]:
        """(relevance, coverage) of one passage as the answer to ``q``.

        Key terms are looked for in the passage with its document's title, which
        every passage of the document shares as context ("国务院常务会议").
        """
        text = self._simplified[hit.passage.id]
        context = self._titles.get(hit.passage.doc, "") + "\n" + text
        # "哪天审议通过了《…》": the meeting's date is the document's, whatever the passage holds
        answers = can_answer(q.kind, text, q.simplified, terms, q.lang) or self._meeting_dated(q, hit)
        cov = None
        if q.kind in TYPED_KINDS:
            # "the passage holds the kind of thing asked for" counts as one more term;
            # for "会议审议通过了哪些文件" it is the only one.
            weight = float(np.mean([w for w, _ in groups])) if groups else 1.0
            cov = coverage(groups, context, [(weight, answers)]) if groups else float(answers)
        elif groups:
            cov = coverage(groups, context)
        rel = fusion.relevance(level, cov, absence_counts=q.lang == "zh" or q.yes_no, yes_no=q.yes_no)
        if q.kind in STRONG_TYPES and not answers:
            # "多少" with no number, "哪天" with no date, "市委书记是谁" with no one
            # holding that post in the passage: it cannot answer.
            rel = min(rel, CANNOT_ANSWER)
        return rel, cov
