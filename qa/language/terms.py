"""Key terms of a question, for the keyword side of the relevance decision.

Interrogatives and function words say what kind of answer is wanted, not what
it is about, so they are removed before matching. Terms are weighted by
jieba's general-language IDF table: a missing rare word (房价, 教育) weighs
more than a missing common one (情况).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from qa.lexicon import HAN

QUESTION_WORDS = (
    "哪一天", "哪一年", "哪一次", "哪一个", "哪一项", "哪一份", "哪一位", "哪一部", "什么时候", "多长时间",
    "为什么", "什么样", "怎么样", "怎样", "什么", "哪些", "哪个", "哪位", "哪天", "哪年", "哪里", "哪儿", "哪次", "哪",
    "如何", "多少", "多大", "几位", "几个", "几次", "第几", "几", "是否", "有没有", "是不是", "谁", "何时", "何地", "吗", "呢", "么",
)
# Function words and generic meeting vocabulary that every communiqué shares.
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 有 要 对 把 被 将 就 都 也 还 又 中 上 下 为 以 从 于 由 这 那 这次 本次 此次 该 其 其中 "
    "进行 获得 得到 一个 一些 哪些 方面 情况 问题 请问 会议 会上 提出 表示 指出 认为 强调 要求 部署 "
    # what a meeting does; communiqués use these interchangeably ("讨论并原则通过")
    "讨论 研究 听取 确定 决定 审议 审定 审查 同意 表决 召开 举行 举办 开会 "
    # modal verbs of a question ("…需要报省委审定吗？")
    "需要 应当 应该 必须 "
    # nouns that name the kind of answer wanted rather than its subject
    "文件 时间 日期 地点 原因 人员 名单 名称 叫 职务 职位 官职 头衔 身份 "
    # pronouns of follow-up questions ("它们是什么时候通过的？")
    "它们 它 这些 那些 上述 以上 他们 她们 这个 那个 此 有关 "
    # prepositions and connectives
    "关于 对于 根据 按照 以及 有关 相关 通过对 通过了".split()
)
_HAN_RUN = re.compile(rf"[{HAN}]+|[A-Za-z][A-Za-z0-9]*|\d+")


_DATE = re.compile(r"(?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{4}\s*年|\d{1,2}\s*[日号]")


def strip_question_words(text: str) -> str:
    """Remove interrogatives."""
    for word in QUESTION_WORDS:
        text = text.replace(word, " ")
    return text


def keyword_query(question_simplified: str) -> str:
    """The question without interrogatives and generic words, for the BM25 query."""
    text = strip_question_words(question_simplified)
    for word in sorted((w for w in STOPWORDS if len(w) > 1), key=len, reverse=True):
        text = text.replace(word, " ")
    return text


PLACE_WEIGHT = 0.3  # a place name sets the scope of a question, not its subject


@lru_cache(maxsize=1)
def _tools():
    import jieba
    import jieba.analyse
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    # jieba's own instances, which importing jieba.analyse builds anyway: a second tagger
    # and IDF table of the same files cost ~0.8 s of every start, and jieba.dt's dictionary
    # is the one the English side loads too
    extractor = jieba.analyse.default_tfidf
    return jieba.posseg.dt, extractor.idf_freq, extractor.median_idf


def key_terms(question_simplified: str) -> dict[str, float]:
    """Content words of a (simplified) question with their IDF weights.

    In "盘锦市的人口有多少" the subject is 人口; 盘锦市 (a place, jieba tag ns)
    only says where, so its weight is cut to PLACE_WEIGHT.
    """
    tagger, idf, median = _tools()
    terms: dict[str, float] = {}
    # A date picks documents by their metadata (and still counts in BM25); it is not a key term.
    for chunk in _HAN_RUN.findall(strip_question_words(_DATE.sub(" ", question_simplified))):
        for pair in tagger.cut(chunk):
            word = pair.word.strip().lower()
            if not word or word in STOPWORDS or (len(word) == 1 and not word.isascii()):
                continue
            terms[word] = idf.get(word, median) * (PLACE_WEIGHT if pair.flag == "ns" else 1.0)
    return terms


def person_names(text_simplified: str) -> list[str]:
    """The personal names a (simplified) text holds, as jieba tags them (nr): "李明以什么身份
    主持会议" → ["李明"]."""
    tagger, _, _ = _tools()
    return [p.word for p in tagger.cut(text_simplified) if p.flag == "nr" and 2 <= len(p.word) <= 4]


def is_one_noun(word: str) -> bool:
    """Whether jieba reads ``word`` as one noun ("西岗", "乌审"; not "研究", "会议以")."""
    tagger, _, _ = _tools()
    pairs = list(tagger.cut(word))
    return len(pairs) == 1 and pairs[0].flag.startswith("n")


def names_place(text_simplified: str) -> bool:
    """Whether a text names a place: a word jieba tags as one (ns) that CC-CEDICT lists as
    a proper noun ("北京", "宁夏", "浙江省"); jieba alone also tags 普通高中 and 城市."""
    return bool(place_names(text_simplified))


def place_names(text_simplified: str) -> list[str]:
    """The places a text names (as ``names_place`` finds them), in order."""
    from qa.language.english import is_proper_noun

    tagger, _, _ = _tools()
    return list(dict.fromkeys(pair.word for pair in tagger.cut(text_simplified) if pair.flag == "ns" and is_proper_noun(pair.word)))


def idf(word: str) -> float:
    _, table, median = _tools()
    return table.get(word, median)


# A term group: (weight, alternatives); the group counts as present when any alternative is.
TermGroup = tuple[float, tuple[str, ...]]


def term_groups(terms: dict[str, float]) -> list[TermGroup]:
    return [(w, (t,)) for t, w in terms.items()]


def coverage(groups: list[TermGroup], text_simplified: str, extra: list[tuple[float, bool]] = ()) -> float | None:
    """Weighted share of term groups present in ``text`` (plus ``extra`` (weight, present)
    signals); None when there are no groups."""
    if not groups:
        return None
    low = text_simplified.lower()
    found = [(w, max((presence(a, low) for a in alternatives), default=0.0)) for w, alternatives in groups] + list(extra)
    total = sum(w for w, _ in found)
    return sum(w * float(present) for w, present in found) / total if total > 0 else None


def presence(term: str, text: str) -> float:
    """1 if ``term`` is in ``text``; for a longer term the share of its character bigrams
    that are (主持人 against 主持召开: 0.5), so a paraphrase still counts in part."""
    if term in text:
        return 1.0
    if len(term) < 3:
        return 0.0
    grams = [term[i : i + 2] for i in range(len(term) - 1)]
    return sum(g in text for g in grams) / len(grams)
