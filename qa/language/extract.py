"""Direct answers taken from a verified quote (pure functions over simplified text).

Every direct answer is a substring of the quoted sentence (or a count of such
substrings): titles in 《》, names after a post, dates, ordinals, amounts,
、-separated lists and the modifier of the noun a question asks about
("要营造什么样的营商环境" → the words before "的营商环境"). Nothing is
composed from outside the quote.
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.language import english
from qa.language.question import (
    ACT,
    AMONG_DOCUMENTS,
    AMOUNT,
    COUNT,
    DATE,
    DOC_NOUNS,
    DOCUMENTS,
    DURATION,
    EN_DOC_NOUNS,
    EVIDENCE,
    LIST,
    ORDINAL,
    PERSON,
    PHRASE,
    POST_HELD,
    VENUE,
    has_evidence,
)
from qa.language.terms import is_one_noun, key_terms
from qa.lexicon import (
    AMOUNT_SHAPE,
    AMOUNT_UNITS,
    ANY_ITEM_NOUNS,
    ATTENDANCE,
    BODY_ASKED,
    BODY_WORD_END,
    CHAIRED_AFTER_NAME,
    CLOZE_GAP,
    COMPOUND_SURNAMES,
    COUNT_LEAD,
    COUNTED_END,
    COUNTERS,
    DEPUTY_MARKS,
    DURATION_SPAN,
    EFFECTIVE_ASKED,
    EFFECTIVE_STATED,
    EN_CHAIR_ASKED,
    EN_POSTS,
    HAN,
    INVITATION_ASKED,
    INVITED,
    LEADERS_LISTED,
    LIST_ASKED_ZH,
    MEETING_TERM,
    MONEY_AMOUNT,
    MONEY_ASKED,
    NAME,
    NAMED_POST,
    PEOPLE_COUNTED,
    PERSON_COUNTERS,
    PINYIN_NAME,
    POST,
    POST_MUST,
    REPORT_ASKED,
    REPORT_ITEM,
    REPORTS_HEARD,
    SITTING_IN,
    SPEAKING_ACT,
    SUBJECT_CHARGED,
    SUBJECT_MANNER,
    SUFFIX_ASKED_ZH,
    SURNAMES,
    TARGET_ASKED,
    TITLE,
    TITLES_JOINED,
)

DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ORDINAL_RE = re.compile(rf"第[0-9一二三四五六七八九十百零〇两]+[{HAN}]")
AMOUNT_RE = re.compile(AMOUNT_SHAPE.format(units=AMOUNT_UNITS))
# A post chain and the name after it: "市委副书记、市长汤方栋", "秘书长崔发林".
_AFTER_NAME = r"(?=\d|主持|今天|昨天|近日|日前|在|及|与|应邀|参加|出席|列席|陪同|召开|讲话|指出|强调|表示|介绍|汇报|说明|、|，|,|。|；|等|和|同志|$)"
PERSON_RE = re.compile(rf"((?:[{HAN}]{{0,5}}?{POST}、)*[{HAN}]{{0,5}}?{POST})({NAME}){_AFTER_NAME}")
# A name before its post, then what they did: "胡绍军副市长连续两次召开", "李奉利区长强调", "李强总理批示".
_NAME_POST = re.compile(rf"({NAME}?)({POST})(?=连续|召开|主持|出席|参加|列席|强调|指出|要求|表示|讲话|批示|指示|还|在|对)")
# More names after a post's first one share it: "副县长何奎、顾欣、黄欢…出席会议".
_MORE_NAMES = re.compile(rf"、({NAME}){_AFTER_NAME}")
# Names listed without posts before attending: "张振中、陈伟森、安龙、王保国等参加会议",
# "王喜峰、韩纬达…苏祖翔和胡树杰参加会议" (the last joined by 和, 及 or 与).
_ATTENDEES = re.compile(rf"(?:^|(?<=[，,。；;：:\s]))((?:{NAME}、)+{NAME}(?:[和及与]{NAME})?)(?:等)?(?:同志)?(?:参加|出席|列席)")
_LISTED_NAME_BREAK = re.compile("[、和及与]")
# The leaders listed after 领导; a list of two or more may hold longer names ("旗领导马亚栋、
# 阿拉腾朝鲁、…、乌兰巴特尔,…参加会议"), a single name is two or three characters.
LEADERS_RE = re.compile(rf"领导((?:[{HAN}]{{2,5}}、)+[{HAN}]{{2,5}}|{NAME})(?=[，,。；]|等|参加|出席)")
INTERROGATIVE = re.compile(r"什么样的?|怎样的|怎么样的|什么|哪次|哪个|哪项|哪一")
CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?]")
# Longer pieces are clauses, not answers: the quote itself shows them.
MAX_SUBJECT_CHARS = 20  # the subject of "谁…" (a body or a person)
MAX_PHRASE_CHARS = 60  # a phrase answer ("什么样的营商环境")
VERB_TAIL = re.compile(r"(?:参加|出席|参会|列席|等)+$")
# What closes a list of topics ("…行动等工作", "…等有关事项") and the meeting's verb that opens it.
LIST_TAIL = re.compile(r"等(?:有关|相关)?(?:各项)?(?:工作|事项|事宜|问题|方面|领域|议题|内容)$")
LIST_HEAD = re.compile(r"^(?:研究部署|研究审议|研究|听取|审议|部署|讨论|传达学习|学习|安排)")


def titles(text: str) -> list[str]:
    """Titles in 《》, each once, in order."""
    return list(dict.fromkeys(TITLE.findall(text)))


def topic_of(terms: list[str]) -> list[str]:
    """The terms of a question that name its topic, not its meeting: without the approval
    verbs, the meeting's number ("第四十二"), its body ("县政府", "常务会议") and the place
    whose government held it ("镇江市": its titles need not all start with the city)."""
    from qa.language.english import is_proper_noun

    return [t for t in terms if t not in APPROVAL_WORDS and not MEETING_TERM.search(t)
            and not is_proper_noun(t) and not (len(t) > 2 and t[-1] in "省市县区州" and is_proper_noun(t[:-1]))]


def with_doc_nouns(terms: list[str]) -> list[str]:
    """Topic terms with the kind of document they name: "哪部法律" is met by a title ending
    in 法 ("…环境保护法")."""
    return [n for t in terms for n in [t, *re.findall(DOC_NOUNS, t)] if n]


def filter_titles(found: list[str], topic_terms: list[str]) -> list[str]:
    """Keep the titles that mention a topic term of the question, where any title does.

    "哪些财政文件获得通过" has the topic term 财政: the titles with 财政 are kept.
    "会议审议通过了哪些文件" has none that occurs in a title: all are kept.
    """
    used = [t for t in with_doc_nouns(topic_of(topic_terms)) if any(t in title for title in found)]
    if not used:
        return found
    return [title for title in found if any(t in title for t in used)]


ASKED_POST = NAMED_POST


def counted_holders(text: str, question: str) -> list[str]:
    """For "几位副区长出席" (people counted by the post they hold): those the text names holding
    it ("副区长王胜男、李强、盛振亮出席" → all three); [] for any other question."""
    counter = COUNTER.search(question)
    if not counter or counter.group(1) not in PERSON_COUNTERS or not asked_posts(question):
        return []
    return people(text, question)


def asked_posts(question: str, terms: list[str] = ()) -> list[str]:
    """Posts a question asks about: "市政府秘书长是谁" → 市政府秘书长; a translated term 秘书长."""
    return ASKED_POST.findall(question) + [t for t in terms if ASKED_POST.fullmatch(t)]


def holds(post_chain: str, asked: str) -> bool:
    """Whether a post chain ("市委副书记、市长") includes the asked post; 副市长 is not 市长."""
    for part in post_chain.split("、"):
        if part.endswith(asked) and not part[: len(part) - len(asked)].endswith(DEPUTY_MARKS):
            return True
        if asked.endswith(part) and len(part) >= 2 and not asked[: len(asked) - len(part)].endswith(DEPUTY_MARKS):
            return True
    return False


# What a person named after a post does in a communiqué: a name before it needs no common
# surname ("政府旗长希尼主持召开", "副旗长阿拉腾朝鲁出席").
_ACTS = re.compile(rf"{CHAIRED_AFTER_NAME.pattern}|参加|出席|列席|陪同|讲话")


# Words after a post that start like a surname but name no one ("区长强调", "市长主持").
NOT_NAMES = frozenset("强调 要求 指出 表示 主持 出席 参加 讲话 同志 一行 介绍 汇报 说明 部署 同时 还要 对此 在会 和同".split())


def is_name(word: str) -> bool:
    """Whether a two- or three-character word after a post can be a person's name: it
    starts with a common surname ("李伟光", not the "质量奖" of "区长质量奖")."""
    return (2 <= len(word) <= 4 and word not in NOT_NAMES and not BODY_WORD_END.search(word)
            and (word[0] in SURNAMES or word[:2] in COMPOUND_SURNAMES))


def post_names(text: str) -> list[tuple[str, str]]:
    """(post chain, name) for each name a post introduces, in order, with the names listed
    after the first sharing its post ("副县长何奎、顾欣" → both 副县长)."""
    out: list[tuple[str, str]] = []
    for m in PERSON_RE.finditer(text):
        post, name = m.group(1), m.group(2)
        if not (is_name(name) or _ACTS.match(text, m.end())):
            continue
        out.append((post, name))
        pos = m.end()
        while (more := _MORE_NAMES.match(text, pos)) and is_name(more.group(1)):
            out.append((post, more.group(1)))
            pos = more.end()
    for m in _NAME_POST.finditer(text):
        name = m.group(1)
        # "重要指示和李强总理批示": 和 joins the name on; it is not the surname 和
        name = name[1:] if name[0] in "和及与" and is_name(name[1:]) else name
        if is_name(name) and (m.group(2), name) not in out:
            out.append((m.group(2), name))
    return out


# A chair named without a post where a line or sentence starts: "刘国中主持召开省政府第五次常务会议".
_CHAIR_ALONE = re.compile(rf"(?:^|(?<=[\s\]】：:，,。；]))({NAME}?)(?={CHAIRED_AFTER_NAME.pattern})")


def chair_names(text: str) -> list[tuple[str, str]]:
    """Who chaired, as ``text`` says: (post, name) for a name right before 主持, the post ""
    where the name stands alone ("刘国中主持召开…")."""
    out = [(m.group(1), m.group(2)) for m in PERSON_RE.finditer(text) if CHAIRED_AFTER_NAME.match(text, m.end())]
    return out or [("", m.group(1)) for m in _CHAIR_ALONE.finditer(text) if is_name(m.group(1))]


def shown(pairs: list[tuple[str, str]]) -> list[str]:
    """(post, name) pairs as answers show them: "汤方栋（市长）", or the name alone."""
    return [f"{n}（{p}）" if p else n for p, n in pairs]


def chairs(text: str) -> list[str]:
    """The chairs ``text`` names, shown as answers ("汤方栋（市长）", or the name alone)."""
    return shown(chair_names(text))


def asks_chair(question: str) -> bool:
    """"谁主持了会议" / "Who chaired the meeting?"."""
    return "主持" in question or bool(EN_CHAIR_ASKED.search(question))


def attendance_part(text: str, question: str) -> str:
    """For "谁参加/出席了会议" / "Who attended": the sentences of ``text`` that say who
    attended, none where it has none (the chair named in another sentence did not attend
    in that sense)."""
    if not asks_attendance(question):
        return text
    sentences = [s for s in re.split(r"[。；;\n]", text) if ATTENDANCE.search(s)]
    if not sentences:
        return ""  # a passage that says no one attended names no attendee (the chair did not "attend")
    # 列席 (attending without a vote) is not 出席/参加: a question asking one reads only it
    verb = "列席" if SITTING_IN.search(question) else "出席|参加|与会"
    return "。".join(s for s in sentences if re.search(verb, s))


def chair_question(question: str) -> bool:
    """"谁主持了会议" asks for the chair; "李奉利主持的会议有谁参加" names the chair to say
    which meeting it means."""
    return asks_chair(question) and "主持的" not in question


def asks_attendance(question: str) -> bool:
    return bool(ATTENDANCE.search(question)) and "主持" not in question


# Who attended, named by posts alone: "县政府副县长及办公室主任出席会议".
_ATTENDING_POSTS = re.compile(r"(?:^|(?<=[，,。；;\s]))([^，,。；;\s]{2,30}?)(?:出席|参加|列席)(?:了)?会议")


def people(text: str, question: str, terms: list[str] = ()) -> list[str]:
    """Names with their posts ("汤方栋（市委副书记、市长）"), narrowed to the post the question names.

    "哪些市领导…" takes the list after 领导; "秘书长是谁" (or a translated term
    秘书长) takes the name after 秘书长, and gives nothing for a quote where no
    one holds that post ("市委书记是谁" against 市委副书记), so that the next
    quote is tried and, if none has one, the question is not answered.
    """
    if chair_question(question):
        # "谁主持了会议": the name before 主持, and nothing from a quote that names no chair;
        # "由哪位副市长主持": only a chair holding that post (the mayor did not answer it)
        found = chair_names(text) if "主持" in text else []
        asked = ASKED_POST.findall(question.split("主持")[0][-8:])  # the question's own words
        if asked:
            found = [(p, n) for p, n in found if p and any(holds(p, a) for a in asked)]
        return shown(found)
    if INVITATION_ASKED.search(question):  # "会议还邀请了谁参加": those invited, not the leaders
        return invited(text)
    if act := asked_act(question):  # "请谁授课": who the communiqué says did that
        done = _actor_pairs(text, act)
        if asked := asked_posts(question, terms):  # "哪位副市长作了汇报": only one holding that post
            done = [(p, n) for p, n in done if p and any(holds(p, a) for a in asked)]
        return shown(done)
    text = attendance_part(text, question)
    if "领导" in question and (m := LEADERS_RE.search(text)):
        return m.group(1).split("、")
    found = post_names(text)
    asked = asked_posts(question, terms)
    if asked:
        found = [(p, n) for p, n in found if any(holds(p, a) for a in asked)]
        return list(dict.fromkeys(f"{n}（{p}）" for p, n in found))
    leaders = m.group(1).split("、") if (m := LEADERS_RE.search(text)) else []
    listed_only = [n for m in _ATTENDEES.finditer(text) if all(is_name(n) for n in _LISTED_NAME_BREAK.split(m.group(1)))
                   for n in _LISTED_NAME_BREAK.split(m.group(1))] if asks_attendance(question) else []
    named = list(dict.fromkeys(leaders + listed_only + [f"{n}（{p}）" for p, n in found]))
    # "县政府副县长及办公室主任出席会议": the posts the sentence names (not "各部门负责人")
    if not named and asks_attendance(question):
        posts = [m.group(1) for m in _ATTENDING_POSTS.finditer(text)]
        return list(dict.fromkeys(p for p in posts if NAMED_POST.search(p) and not p.startswith(("各", "有关", "相关"))))
    if asks_attendance(question):
        # "旗长敖慧然主持召开…，旗领导万宏宇、孙秋庚参加会议": the chair did not attend in that sense
        chairs = {n for _, n in chair_names(text)}
        named = [x for x in named if x.split("（")[0] not in chairs] or named
    return named


def asked_act(question: str) -> str:
    """The act a "who" question asks about, where it is one a person does at a meeting
    other than chairing or attending ("请谁授课" → 授课); "" otherwise."""
    m = re.search(r"(?:谁|哪位|何人)(.*)", question)
    act = SPEAKING_ACT.search(m.group(1)) if m else None
    return act.group(0) if act and "主持" not in m.group(1) else ""  # "谁主持会议并讲话" asks the chair


_HEARD_FROM = re.compile(rf"听取(?:了)?([{HAN}]{{2,{MAX_SUBJECT_CHARS}}}?)(?:关于|就|对|的|情况|$)")


def _post_before(text: str, name: str) -> str:
    """The post right before ``name`` in ``text``, "" where there is none."""
    m = re.search(f"{NAMED_POST.pattern}$", text[: text.find(name)])
    return m.group(0) if m else ""


def actors(text: str, act: str) -> list[str]:
    """Who ``text`` says did ``act``: in each clause holding it, the people named before it
    (with their post where one introduces them: "市政府法律顾问屈茂辉…进行了授课" → 屈茂辉),
    else the body whose report was heard ("听取了国家发展改革委关于…的汇报" → 国家发展改革委)."""
    return shown(_actor_pairs(text, act))


def _actor_pairs(text: str, act: str) -> list[tuple[str, str]]:
    """``actors`` as (post, who) pairs, the post "" for a body or a name given without one."""
    from qa.language.terms import person_names

    stem = SPEAKING_ACT.search(act)
    found: list[tuple[str, str]] = []
    for clause in re.split(r"[，,。；;\n]", text):
        m = SPEAKING_ACT.search(clause)
        if not m or not stem or m.group(0)[:2] != stem.group(0)[:2]:
            continue
        before = clause[: m.start()]
        posted = [(p, n) for p, n in post_names(before) if is_name(n)]
        named = posted or [(_post_before(before, n), n) for n in person_names(before) if is_name(n)]
        heard = _HEARD_FROM.search(before)
        found += named or ([("", heard.group(1))] if heard else [])
    return list(dict.fromkeys(found))


def acts_of(text: str, question: str) -> list[str]:
    """What the person a question names (by name, or by a post they hold) did, as ``text``
    says right after naming them: "区长杨海三出席会议并讲话" → "出席会议并讲话"; or what
    holders of the post asked must do ("各分管区长要定期调度并督查检查…")."""
    asked = asked_posts(question)
    out = []
    for m in PERSON_RE.finditer(text):
        post, name = m.group(1), m.group(2)
        if name in question or (asked and any(holds(post, a) for a in asked)):
            act = CLAUSE_BREAK.split(text[m.end() :], 1)[0].strip()
            if 2 <= len(act) <= MAX_SUBJECT_CHARS:
                out.append(act)
    for a in asked:  # a post named without a person: "各分管区长要定期调度并督查检查…"
        for m in re.finditer(rf"{re.escape(a)}{POST_MUST}", text):
            act = CLAUSE_BREAK.split(text[m.end() :], 1)[0].strip()
            if not text[: m.start()].endswith(DEPUTY_MARKS) and 2 <= len(act) <= MAX_PHRASE_CHARS:
                out.append(act)
    return list(dict.fromkeys(out))


def invited(text: str) -> list[str]:
    """Those a communiqué says were invited to the meeting, as it lists them."""
    return list(dict.fromkeys(p.strip() for m in INVITED.finditer(text) for p in re.split("[、，,]|和|及", m.group(1)) if p.strip()))


def posts_held(text: str, question: str) -> list[str]:
    """The posts ``text`` gives the people a question names ("汤方栋担任什么职务" →
    "市委副书记、市长"; "What position does Tang Fangdong hold?" names him in pinyin)."""
    pairs = post_names(text) + chair_names(text)
    pairs += [(m.group(1), n) for m in LEADERS_LISTED.finditer(text) for n in m.group(2).split("、")]
    named = [post for post, name in pairs if post and names_person(question, name)]
    if not named and asks_chair(question) and not names_anyone(question):
        # "会议主持人是什么职务": the chair's, where the question names no one
        named = [post for post, _ in chair_names(text) if post]
    return list(dict.fromkeys(named))


def names_anyone(question: str) -> bool:
    """Whether a question names a person: a name jieba tags in Chinese, two capitalised
    words in a row in English ("Li Ming")."""
    if re.search(f"[{HAN}]", question):
        from qa.language.terms import person_names

        return bool(person_names(question))
    return bool(PINYIN_NAME.search(question))


def names_person(question: str, name: str) -> bool:
    """Whether a question names the person ``name``: in Chinese, or an English question in
    pinyin ("Tang Fangdong" / "Fangdong Tang" → 汤方栋, tones and spaces aside)."""
    if re.search(f"[{HAN}]", question):
        return name in question
    from qa.language.english import name_runs, spells

    return any(spells(run, name) for run in name_runs(re.findall(r"[a-z]+", question.lower())))


def subject_of(text: str, question: str) -> str:
    """"谁要对本地区清欠工作负总责" → the subject before that predicate in ``text`` (省级政府)."""
    m = re.search(rf"(?:是)?(?:谁|{BODY_ASKED.pattern}|哪些部门|何人)(.+)", question)
    if not m:
        return ""
    predicate = re.split(r"[？?。！!]", m.group(1))[0].lstrip("来去")
    for size in range(len(predicate), 3, -1):
        pos = text.find(predicate[:size])
        if pos > 0:
            return _subject_before(text, pos)
    # "哪个部门通报了上半年经济运行情况" and "区发改局通报了全区上半年经济运行情况": the verb,
    # with another of the predicate's words later in its clause
    words = list(key_terms(predicate))
    if len(words) >= 2 and len(words[0]) >= 2 and predicate.startswith(words[0]):
        for m2 in re.finditer(re.escape(words[0]), text):
            clause = CLAUSE_BREAK.split(text[m2.end() :], 1)[0]
            if m2.start() > 0 and any(w in clause for w in words[1:]):
                return _subject_before(text, m2.start())
    return ""


def _subject_before(text: str, pos: int) -> str:
    """The words of ``text`` from the clause's start up to ``pos``, where they can be a subject:
    without the verb that charges it ("责成县妇联…") or the manner said between it and the
    predicate ("县妇联根据会议讨论意见修改完善" → 县妇联)."""
    before = text[:pos]
    start = max((before.rfind(c) for c in "，,。；;：:、"), default=-1) + 1
    subject = SUBJECT_MANNER.sub("", SUBJECT_CHARGED.sub("", before[start:].strip()))
    return subject if 2 <= len(subject) <= MAX_SUBJECT_CHARS else ""


def reports_of(text: str, question: str) -> list[str]:
    """What the body a question names reported on, as the text lists its reports heard
    ("县住建局汇报了哪些事项" and "听取县住建局关于建设人工湿地…的汇报和关于溪河公园优化设计
    有关情况的汇报" → both subjects); [] where the question names no body whose reports the
    text lists."""
    if not REPORT_ASKED.search(question):
        return []
    for m in REPORTS_HEARD.finditer(text):
        body = m.group(1)
        if body in question or (len(body) > 3 and body[0] in "省市县区" and body[1:] in question):
            return REPORT_ITEM.findall(m.group(2))
    return []


COUNTER = re.compile(rf"(?:几|多少)([{COUNTERS}])")


def can_answer(kind: str | None, text: str, question: str, terms: list[str] = (), language: str = "zh") -> bool:
    """Whether ``text`` holds an answer of the kind asked for: a name for the post asked
    about, a subject for "谁…", a number with the counter word asked for ("多少部")."""
    if kind == PERSON:
        if BODY_ASKED.search(question):
            # the predicate may be worded otherwise than in the text: any passage may hold
            # the body (the reader's span answers where the subject is not found)
            return True
        return bool(people(text, question, terms) or (not chair_question(question) and subject_of(text, question)))
    if kind == COUNT:
        # an English count may be answered by a passage whose words for the thing counted
        # the dictionary misses: any number or list may hold its answer
        found = direct_answer(COUNT, text, question, list(terms), list(terms))
        return bool(found or (language == "en" and has_evidence(COUNT, text)))
    if kind == POST_HELD:
        return bool(posts_held(text, question))
    if kind == ACT:
        return bool(acts_of(text, question))
    if kind == DOCUMENTS and language == "zh":
        # "which of the documents…": any title may be one (the answer filters them by meaning)
        # documents listed without 《》 count when they are of the kind asked ("研究了哪些报告")
        return bool((titles(text) if AMONG_DOCUMENTS.search(question) else topical_titles(text, list(terms))) or unbracketed(text, question, list(terms)))
    if kind == DATE and EFFECTIVE_ASKED.search(question):
        return bool(effective_dates(text))
    if kind == AMOUNT and MONEY_ASKED.search(question):  # money is answered by a sum of money
        return bool(MONEY_AMOUNT.search(text))
    return has_evidence(kind, text)


def effective_dates(text: str, doc_date: str = "") -> list[str]:
    """The dates of the sentences that say something takes effect on them."""
    return [d for s in re.split(r"(?<=[。！？；])", text) if EFFECTIVE_STATED.search(s) for d in dates(s, doc_date)]


def unbracketed(text: str, question: str, anchors: list[str]) -> list[str]:
    """Documents a communiqué lists without 《》 ("会议研究了自治区政府工作报告、…的报告"):
    the 、-list items that are of the kind of document asked for ("哪些报告")."""
    m = re.search(DOC_NOUNS, question)
    if not m or TITLE.search(text):
        return []
    return [i for i in listed(text, anchors + [m.group(0)]) if m.group(0) in i]


def dates(text: str, doc_date: str = "") -> list[str]:
    """Dates in ``text``, with the year from the document's ISO date when the text gives none."""
    year = doc_date[:4] if re.match(r"\d{4}-\d{2}-\d{2}", doc_date or "") else ""
    out = []
    for m in DATE_RE.finditer(text):
        y = m.group(1) or year
        out.append(f"{y + '年' if y else ''}{int(m.group(2))}月{int(m.group(3))}日")
    return out


def ordinals(text: str, question: str) -> list[str]:
    """"第20次" for "第几次": the ordinal whose counter word the question uses."""
    m = re.search(rf"第几([{HAN}])", question)
    found = ORDINAL_RE.findall(text)
    if m:
        found = [f for f in found if f.endswith(m.group(1))] or found
    return list(dict.fromkeys(found))


@lru_cache(maxsize=512)
def counted_terms(question: str) -> tuple[str, ...]:
    """What a count question counts, in the words a communiqué would use: the key terms
    after its counter word ("会议研究了几项议题" → 议题; "103项重点工作中有多少项涉及教育" →
    涉及、教育), or the Chinese for the words after "how many"; empty where it names none."""
    if m := COUNTER.search(question):
        tail = COUNTED_END.split(re.match(rf"[{HAN}]*", question[m.end() :]).group(0))[0]
        if tail:
            return tuple(key_terms(tail))
        # "民生实事项目一共有多少项": nothing after the counter, the head noun before it
        head = re.search(rf"[{HAN}]*$", COUNT_LEAD.sub("", question[: m.start()])).group(0)
        return tuple(t for t in tuple(key_terms(head))[-1:] if is_one_noun(t))
    return tuple(english.counted_words(question))


def counts(clause: str, items: list[str], counted: tuple[str, ...]) -> bool:
    """Whether a clause's list is of the thing counted: a counted word follows the list
    ("A、B、C等三所高中", "…等工作"), follows 等 or a counter in its last item ("…和C三个方案"),
    or is in every item ("A汇报、B汇报"). A word before the list is its subject or verb's
    context ("义务教育是惠及千家万户、…的举措" lists no 教育)."""
    if not counted:
        return True
    after = clause[clause.rfind(items[-1]) + len(items[-1]) :]
    tail = re.search(rf"(?:等|[{COUNTERS}])[^、]*$", items[-1])
    return any(t in after or all(t in i for i in items) or (tail and t in tail.group(0)) for t in counted)


def listed(text: str, anchors: list[str], counted: tuple[str, ...] = ()) -> list[str]:
    """The 、-separated items of the clause that holds one of the anchor words (and, for a
    count, whose list is of the thing ``counted``: see ``counts``).

    The list starts after the anchor when the anchor is the verb before it
    ("邀请了A、B、C"), else after the last 了/是/有 of its first item
    ("会议同时邀请了盘锦市融媒体、…" with the anchor 媒体 inside the list).
    """
    for clause in CLAUSE_BREAK.split(text):
        clause = TITLES_JOINED.sub("》、《", clause)  # "审定了《A》《B》和《C》": titles side by side are items
        if "、" not in clause or not any(a in clause for a in anchors):
            continue
        first = clause.find("、")
        inside = [range(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", clause)]
        cut = 0
        for a in anchors:
            pos = clause.find(a)
            # an anchor inside a 《title》 of the first item is no verb before the list
            if 0 <= pos and pos + len(a) <= first - 2 and not any(pos in r for r in inside):
                cut = max(cut, pos + len(a))
        if not cut:
            head = clause[:first]
            cut = max((head.rfind(w) + 1 for w in "了是有：:"), default=0)
            cut = cut if cut > 0 else 0
        items = [LIST_TAIL.sub("", VERB_TAIL.sub("", i.strip().lstrip("了的是有：:"))) for i in re.split("、|以及", clause[cut:])]
        items = [i for i in items if i]
        if items and not cut:  # "研究A、B等工作" at a clause start: the verb is not part of A
            items[0] = LIST_HEAD.sub("", items[0]) or items[0]
        if len(items) >= 2 and counts(clause, items, counted):
            return items
    return []


def modifier(text: str, question: str) -> str:
    """What the question's noun is qualified as: 要营造什么样的营商环境 → 公开、透明、高效.

    The head noun is what follows the interrogative; in the text, the answer is
    the quoted “…” right before it, or the words between the question's verb
    (or the clause start) and the 的 before the head.
    """
    m = INTERROGATIVE.search(question)
    if not m:
        return ""
    head = re.split(r"[？?。！!吗呢]", question[m.end() :])[0].strip()
    verb = question[max(0, m.start() - 2) : m.start()]
    for size in range(len(head), 1, -1):  # the longest head that occurs, down to 2 characters
        part = head[:size]
        pos = text.find(part)
        if pos <= 0:
            continue
        before = text[:pos]
        quoted = re.search(rf"“([^“”]+)”的?[{HAN}]{{0,6}}$", before)
        if quoted:
            return quoted.group(1)
        start = max(before.rfind(verb) + len(verb) if verb and verb in before else -1, max((before.rfind(c) for c in "，,。；;：:“"), default=-1) + 1)
        segment = before[start:]
        if m.group(0).startswith("哪"):  # "哪次会议" asks for the whole name: 中央…第七次会议
            segment = (segment + re.sub(r"(上的|上|的).*$", "", part)).strip("在于从 ")
            return segment if 2 <= len(segment) <= MAX_PHRASE_CHARS else ""
        if "的" in segment:
            segment = segment[: segment.rfind("的")]
        segment = segment.strip("起了着好 ")
        return segment if 2 <= len(segment) <= MAX_PHRASE_CHARS else ""
    return ""


def list_as_asked(text: str, question: str) -> list[str]:
    """The 、-list the text gives right after a Chinese list question's own verb, where
    its items hold every word of the noun asked for ("听取了哪些一季度工作情况" and "听取《…》任务
    分解情况、一季度大气污染防治工作情况、…"); where the noun's rarest word is in two items or
    more but not all, only those ("一季度工作情况": the first-quarter reports, not the task
    breakdown)."""
    if suffix := SUFFIX_ASKED_ZH.search(question):
        return suffixed(text, suffix.group(1))
    m = LIST_ASKED_ZH.search(question)
    if not m or m.group(1)[-1] in "有是" or MEETING_TERM.search(m.group(1)):
        return []
    verb, weights = m.group(1), {w: idf for w, idf in key_terms(m.group(2)).items() if len(w) >= 2}
    words = list(weights)
    items = listed(text, [verb]) or _one_listed(text, verb, m.group(2))
    # every word of the noun asked for is in the list ("哪些旅游项目": a list of projects none
    # of which is on tourism does not answer it)
    if not items or not words or (pos := text.find(verb)) < 0 or text.find(items[0]) < pos or not all(any(w in i for i in items) for w in words):
        return []
    rarest = max(words, key=weights.get) if len(words) >= 2 else ""  # the modifier that tells items apart
    kept = [i for i in items if rarest and rarest in i]
    return kept if 2 <= len(kept) < len(items) else items


def suffixed(text: str, suffix: str) -> list[str]:
    """The first enumeration of two-character words with ``suffix`` ("科学化、民主化和法治化"
    for 化): the items, two or more."""
    item = rf"[{HAN}]{{2}}{suffix}"
    m = re.search(rf"{item}(?:[、，,]{item})*(?:[、和及与]{item})", text)
    return re.findall(item, m.group(0)) if m else []


def _one_listed(text: str, verb: str, noun: str) -> list[str]:
    """The one item a clause gives after the verb where a communiqué names an item a sentence
    ("会议听取了关于全区招商引资工作情况的汇报。"): what follows the verb to the clause's end,
    where it ends with the noun asked for ("听取了哪些汇报") or that noun says only "things"
    ("审定了哪些事项"); [] otherwise."""
    head = noun[-2:]
    for clause in CLAUSE_BREAK.split(text):
        if (pos := clause.find(verb)) >= 0 and (item := clause[pos + len(verb) :].lstrip("了").strip()) and "、" not in item \
                and (item.endswith(head) or head in ANY_ITEM_NOUNS):
            return [item]
    return []


CLOZE_ANCHOR_CHARS = 8  # the most question characters before the gap looked for in the text
CLOZE_HEAD_CHARS = 4  # the longest noun after a gap taken as part of its answer
CLOZE_ONE_SIDED_CHARS = 3  # the shortest run before the gap that places it where nothing after it matches


def cloze(text: str, question: str) -> str:
    """What fills a question's gap where the text repeats the question's words right
    before it: the longest run (2 characters or more) of the question ending at its
    interrogative that the text holds, then the text after that run, up to the words the
    question has right after the gap where the text has them within the clause
    ("…关于什么的汇报" and "听取了…关于2023年度灭火救援装备建设计划的汇报" → 2023年度灭火救援
    装备建设计划), else to the clause's end. Where nothing after the gap matches, the run before it must be 3
    characters or more and occur once ("要立足于什么" and "要立足于“防大汛、抗大灾、抢大险”"). ""
    where the text does not repeat them."""
    m = CLOZE_GAP.search(question)
    if not m:
        return ""
    before = question[: m.start()]
    after = re.split(r"[？?。！!吗呢，,]", question[m.end() :])[0]
    for size in range(min(CLOZE_ANCHOR_CHARS, len(before)), 1, -1):
        anchor = before[-size:]
        if MEETING_TERM.search(anchor) or (pos := text.find(anchor)) < 0:
            continue
        rest, two_sided = CLAUSE_BREAK.split(text[pos + size :], maxsplit=1)[0], False
        for end in range(len(after), 1, -1):  # the longest start of what follows the gap
            if (stop := rest.find(after[:end])) > 0:
                if rest[:stop].count("“") > rest[:stop].count("”") and (close := rest.find("”", stop)) > 0:
                    stop = close + 1  # "放大什么经济效应" and "放大“票根经济”效应": the whole quotation
                # a short noun right after the gap is part of the name asked for ("开展什么行动" →
                # 县域普通高中振兴行动); "的汇报", "摆在突出位置" or a verb are not
                if end == len(after) <= CLOZE_HEAD_CHARS and not after.startswith(("的", "来", "去", "为", "作为")):
                    stop += len(after)
                rest, two_sided = rest[:stop], True
                break
        if not two_sided and (size < CLOZE_ONE_SIDED_CHARS or text.count(anchor) > 1):
            return ""  # a short or repeated run alone ("加强", "推动") does not place the gap
        rest = rest.strip("了着的 ")
        if rest.startswith("“") and rest.endswith("”"):
            rest = rest[1:-1]
        return rest if 2 <= len(rest) <= MAX_PHRASE_CHARS else ""
    return ""


def asks_document_count(question: str) -> bool:
    """"几个文件", "How many documents": a count of documents, answered by titles."""
    return bool(re.search(DOC_NOUNS, question) or re.search(EN_DOC_NOUNS, question, re.I))


def counted_titles(text: str, question: str) -> list[str]:
    """The titles a document count counts: those of the kind asked ("几个报告" counts the
    报告, not the 《…保护法》 studied beside them) where any is, else all of them."""
    found = titles(text)
    noun = re.search(DOC_NOUNS, question)
    kind = [t for t in found if noun and noun.group(0) in t]
    return kind or found


def stated_count(text: str, question: str) -> list[str]:
    """"多少项…" answered by a number the text states with that counter ("新增22项")."""
    counter = COUNTER.search(question)
    counted = counted_terms(question)
    if not counter and not counted:
        return []
    # an English count ("How many nuclear power projects…") takes any counter word before
    # the Chinese for what it counts ("四个核电项目")
    unit = counter.group(1) if counter else f"[{COUNTERS}]"
    found = [m.group(1) for m in re.finditer(rf"((?:\d+|[一二两三四五六七八九十百千]+)(?:多)?{unit})([^，,。；;：:！？!?]*)", text)
             # of the thing counted where the question names it ("部署了20项重点任务" for "多少项重点任务")
             if (not counted or any(t in m.group(2) for t in counted))
             # "一批", "一个": for an English count, an article, not a number
             and (counter or not re.fullmatch(rf"一[{COUNTERS}]", m.group(1)))]
    # "103项重点工作中有多少项…": a count the question itself states does not answer it
    return list(dict.fromkeys(f for f in found if f not in question))[:3]


APPROVAL_WORDS = frozenset("通过 批准 印发 出台 审议 审定 审查 同意 表决 获得 原则 讨论 部署".split())
# A 《document》 a meeting approves: "审议并原则通过了《…》", "审定了县编办送审的《…》".
APPROVED_TITLE = re.compile(r"(?:通过|批准|审议|审定|同意)[^。；;《]{0,12}《")


def topical_titles(text: str, topic_terms: list[str]) -> list[str]:
    """Titles in ``text`` that mention the question's topic; with no topic (only approval
    verbs), all titles. "哪些财政文件获得通过" needs a title with 财政."""
    found = titles(text)
    topic = with_doc_nouns(topic_of(topic_terms))
    if not topic:
        return found
    return [title for title in found if any(t in title for t in topic)]


def direct_answer(kind: str | None, text: str, question: str, topic_terms: list[str], anchors: list[str], doc_date: str = "") -> list[str]:
    """The direct answer items for a question of ``kind`` from quote ``text`` (simplified)."""
    if kind == DOCUMENTS:
        return filter_titles(titles(text), topic_terms) or unbracketed(text, question, anchors)
    if kind == PERSON:
        if BODY_ASKED.search(question):  # "哪个部门通报了…": the body the text says did it
            return [s] if (s := subject_of(text, question)) else []
        found = people(text, question, anchors)
        return found or ([s] if (s := subject_of(text, question)) else [])
    if kind == DATE:
        return (effective_dates(text, doc_date) if EFFECTIVE_ASKED.search(question) else dates(text, doc_date))[:1]
    if kind == ORDINAL:
        return ordinals(text, question)[:1]
    if kind == DURATION:  # "延期开工多久": the length of time in the clause with most of the question's words
        clauses = [c for c in CLAUSE_BREAK.split(text) if DURATION_SPAN.search(c)]
        best = max(clauses, key=lambda c: sum(a in c for a in anchors), default="")
        return [DURATION_SPAN.search(best).group(0)] if best else []
    if kind == AMOUNT:
        money = bool(MONEY_ASKED.search(question))
        wanted = lambda a: not money or MONEY_AMOUNT.fullmatch(a.strip())  # noqa: E731
        found = [a for a in dict.fromkeys(AMOUNT_RE.findall(text)) if wanted(a)][:3]
        if TARGET_ASKED.search(question):  # "提高到多少", "raised to what level": the value reached
            reached = [m.group(1) for m in re.finditer(rf"(?:至|到|为)\s*({AMOUNT_RE.pattern})", text) if wanted(m.group(1))]
            return list(dict.fromkeys(reached))[:3] or found
        return found
    if kind == COUNT:
        if stated := stated_count(text, question):
            return stated
        if reports := reports_of(text, question):  # "县住建局作了几个汇报"
            return [f"{len(reports)}（{'、'.join(reports)}）"]
        counter, counted = COUNTER.search(question), counted_terms(question)
        # "几位副市长出席", "How many vice mayors attended": the officials a communiqué names;
        # "多少人死亡" or "多少项涉及教育" is no count of the names in the text
        of_people = bool(NAMED_POST.search(question) or ATTENDANCE.search(question) or "领导" in question
                         or any(post in question.lower() for post in EN_POSTS)
                         or (not counter and any(PEOPLE_COUNTED.search(t) for t in counted)))
        if asks_document_count(question):  # "几个文件": count the titles, nothing else
            names = [f"《{t}》" for t in counted_titles(text, question)]
        elif counter and counter.group(1) in PERSON_COUNTERS:  # nor of any other list
            names = people(text, question, anchors) if of_people else []
        else:
            # an English count whose words' translations the text lacks cannot tell which list
            # is of the thing counted: none is counted
            judged = bool(counter) or any(t in text for t in counted)
            names = (people(text, question, anchors) if of_people else []) or (listed(text, anchors, counted) if judged else [])
        return [f"{len(names)}（{'、'.join(names)}）"] if names else []
    if kind == LIST:
        return listed(text, anchors) or people(text, question, anchors)
    if kind == PHRASE:
        found = modifier(text, question)
        return [found] if found else []
    if kind == POST_HELD:
        return posts_held(text, question)
    if kind == ACT:
        return acts_of(text, question)
    if kind == VENUE:  # the room or building a communiqué says the meeting was held in
        return [m.group(1) for m in EVIDENCE[VENUE].finditer(text)][:1]
    return []
