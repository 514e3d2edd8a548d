"""The asked meeting: dates, numbers and places a question names, and the documents they
pick out; which-meeting answers from the communiqué's own opening."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.language.english import is_proper_noun, place_names
from qa.language.meeting import (
    asked_ordinals,
    asked_places,
    asks_meeting,
    body_level,
    format_day,
    meeting_day,
    meeting_name,
    number,
    own_places,
)
from qa.language.question import asked_dates, without_dates
from qa.ranking.scope import scope_of


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones or not head else "")


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_read_back_as_numbers(n):
    assert number(_chinese(n)) == n
    assert number(str(n)) == n


def test_english_and_iso_dates_are_read():
    assert asked_dates("What did the meeting of 19 May 2023 approve?") == [(2023, 5, 19)]
    assert asked_dates("approved on May 19, 2023") == [(2023, 5, 19)]
    assert asked_dates("the 5th of December 2025 meeting") == [(2025, 12, 5)]
    assert asked_dates("meetings in March 2024") == [(2024, 3, None)]
    assert asked_dates("the meeting on 2024-04-26") == [(2024, 4, 26)]
    assert asked_dates("we may 5 times ask") == []  # the verb "may" is no month


def test_a_question_without_its_dates_keeps_what_it_asks():
    assert without_dates("Which draft law did the meeting of 29 June 2023 decide to submit?") == "Which draft law did the meeting decide to submit?"
    assert without_dates("What did the meeting on May 19, 2023 approve?") == "What did the meeting approve?"
    assert without_dates("On 2024-04-26, what was approved?") == "what was approved?"
    assert without_dates("2023年4月7日的国务院常务会议审议通过了什么条例？") == "的国务院常务会议审议通过了什么条例？"
    # not a date: a 《title》's years, a bare day count, a question with none
    assert without_dates("《方案（2024—2030年）》何时通过？") == "《方案（2024—2030年）》何时通过？"
    assert without_dates("会议持续了3日吗？") == "会议持续了3日吗？"
    assert without_dates("哪些财政文件获得通过？") == "哪些财政文件获得通过？"


@given(st.text(alphabet="年月日号0123456789 会议审通过ofnMay", max_size=30))
def test_taking_dates_out_never_adds_a_date(text):
    assert len(asked_dates(without_dates(text))) <= len(asked_dates(text))


def test_meeting_numbers_in_questions():
    assert asked_ordinals("盘锦市政府第21次常务会议审议通过了哪些文件？", "zh") == [21]
    assert asked_ordinals("市政府第二十一次常务会议", "zh") == [21]
    assert asked_ordinals("What did the 21st executive meeting approve?", "en") == [21]
    assert asked_ordinals("第一批试点城市有哪些？", "zh") == []  # not a meeting


def test_places_whose_government_held_the_meeting():
    zh = lambda q: asked_places(q, "zh", is_proper_noun, place_names)  # noqa: E731
    en = lambda q: asked_places(q, "en", is_proper_noun, place_names)  # noqa: E731
    assert zh("深圳市政府常务会议审议通过了哪些文件？") == [(("深圳",), "市")]
    assert zh("通江县第四十二次常务会议由谁主持？") == [(("通江",), "县")]
    assert zh("西藏自治区政府常务会议研究了什么？") == [(("西藏",), "自治区")]
    assert zh("市政府第20次常务会议审议通过了哪些文件？") == []  # no place named
    names, level = en("Who chaired the Guilin city government executive meeting?")[0]
    assert "桂林" in names and level == "市"
    assert "内蒙古" in en("What did the Inner Mongolia regional government decide?")[0][0]
    assert en("What did the Inner Mongolia regional government decide?")[0][1] == "自治区"
    assert en("Which documents did the Shanghai municipal government approve?")[0][1] == "市"
    assert en("What did the Inner Mongolia government decide?")[0][1] == ""  # no level said
    assert en("Who chaired the State Council executive meeting?") == []
    # a place a local level follows names the body wherever it stands in the question
    names, level = en("When did Kaijiang county hold the 65th executive meeting?")[0]
    assert "开江" in names and level == "县"
    assert en("Which county high schools were named?") == []


OPENINGS = {
    "panjin20": "市政府第20次常务会议\n4月16日，市长主持召开盘锦市政府第20次常务会议",
    "panjin21": "市政府第21次常务会议\n5月6日，市长主持召开盘锦市政府第21次常务会议",
    "guilin5": "桂林市政府第5次常务会议\n3月2日，市长主持召开市政府第5次常务会议",
}


def _scope(question, lang="zh", dated=None):
    return scope_of(question, lang, OPENINGS, dated, is_proper_noun, place_names)


def test_the_scope_is_the_asked_meeting_or_absent():
    assert _scope("会议审议通过了哪些文件？").docs is None  # no meeting named: any document
    assert _scope("第21次常务会议审议通过了哪些文件？").docs == {"panjin21"}
    assert _scope("盘锦市政府第20次常务会议审议通过了什么？").docs == {"panjin20"}
    assert _scope("桂林市政府第20次常务会议审议通过了什么？").absent  # both exist, never together
    assert _scope("深圳市政府常务会议审议通过了什么？").absent
    assert _scope("Who chaired the Guilin city government meeting?", "en").docs == {"guilin5"}
    assert _scope("第20次常务会议", dated=["guilin5", "panjin20"]).docs == {"panjin20"}


# Pages on a government's own site often name only the body: "县政府第四十二次常务会议".
SITE_OPENINGS = {
    "county42": "12月31日,县长王军主持召开县政府第四十二次常务会议。",
    "county57": "3月26日,县长王军主持召开县政府第五十七次常务会议。会议审议了《通江县交通建设项目管理办法》",
    "city107": "4月14日,市政府召开第107次常务会议。",
    "panjin20": OPENINGS["panjin20"],
    "sc": "国务院总理李强主持召开国务院常务会议",
}


def _site_scope(question, lang="zh"):
    bodies = {d: (body_level(t), frozenset(own_places(t, t, body_level(t), is_proper_noun))) for d, t in SITE_OPENINGS.items()}
    return scope_of(question, lang, SITE_OPENINGS, None, is_proper_noun, place_names, (), lambda: bodies)


def test_a_page_naming_only_its_body_may_be_the_asked_place():
    assert body_level(SITE_OPENINGS["county42"]) == "县" and body_level(SITE_OPENINGS["sc"]) == "国务院"
    assert body_level("自治区党委副书记、自治区主席王莉霞主持召开自治区政府常务会议") == "自治区"
    assert own_places(SITE_OPENINGS["county57"], SITE_OPENINGS["county57"], "县", is_proper_noun) == {"通江"}
    assert own_places(SITE_OPENINGS["county42"], "学习了《四川省人民政府关于编制预算的通知》", "县", is_proper_noun) == set()
    assert _site_scope("通江县第四十二次常务会议由谁主持？").docs == {"county42"}  # names no place: of the level asked
    assert _site_scope("通江县政府常务会议审议了什么？").docs == {"county42", "county57"}
    assert _site_scope("中卫市政府第107次常务会议由谁主持？").docs == {"city107"}
    assert _site_scope("沈阳市政府第20次常务会议审议了什么？").absent  # panjin20 names its own city
    assert _site_scope("深圳市政府常务会议审议了什么？").docs == {"city107"}
    assert _site_scope("桂林县政府第107次常务会议审议了什么？").absent  # a county: the city's page is not it
    # no level said: the pages naming the place, and those naming none of the level of those pages
    assert _site_scope("What did the Tongjiang government decide?", "en").docs == {"county42", "county57"}  # of the level of the pages naming it


def test_which_meeting_questions_and_the_opening():
    assert asks_meeting("哪次会议审议通过了《供水条例（草案）》？", "zh", "phrase")
    assert asks_meeting("会议是哪天召开的？", "zh", "date")
    assert asks_meeting("When was the plan approved?", "en", "date")
    assert not asks_meeting("会议要求贯彻习近平总书记在哪次会议上的讲话精神？", "zh", "phrase")
    assert not asks_meeting("When will the rules take effect?", "en", "date")
    opening = "央视网消息（新闻联播）：国务院总理李克强26日主持召开国务院常务会议"
    assert meeting_day(opening, "2022-09-27") == (2022, 9, 26)
    assert meeting_day("国务院总理30日主持召开", "2022-10-01") == (2022, 9, 30)  # the month before
    assert meeting_day("4月16日，市长主持召开", "4月16日") == (None, 4, 16)
    assert meeting_name("4月16日，市长汤方栋主持召开市政府第20次常务会议，审议") == "市政府第20次常务会议"
    assert format_day((2024, 4, 26), "en") == "26 April 2024"
    assert format_day((None, 4, 16), "zh") == "4月16日"


@pytest.mark.parametrize(
    "question",
    ["盘锦市政府第21次常务会议审议通过了哪些文件？", "Who chaired the Guilin city government executive meeting?", "深圳市政府常务会议审议通过了哪些文件？"],
)
def test_a_meeting_the_index_lacks_is_not_found(seed_answerer, question):
    assert seed_answerer.answer(question).abstained


def test_the_asked_meeting_that_exists_answers(seed_answerer):
    answer = seed_answerer.answer("盘锦市政府第20次常务会议审议通过了哪些文件？")
    assert not answer.abstained and len(answer.direct) == 3
    which = seed_answerer.answer("哪次会议审议通过了《盘锦市市本级财政资金管理暂行办法》？")
    assert which.direct == ["4月16日（市政府第20次常务会议）"]
    assert seed_answerer.answer("When was the meeting held?").direct == ["16 April (4月16日)"]


def test_a_document_the_corpus_never_mentions_is_not_found(seed_answerer):
    assert seed_answerer.answer("会议什么时候审议通过了《中华人民共和国数据安全法》？").abstained
    named = seed_answerer.answer("哪次会议审议通过了《盘锦市市本级财政资金管理暂行办法》？")
    assert not named.abstained and "市本级财政资金管理暂行办法" in named.citations[0].quote


def test_a_title_with_full_width_brackets_inside_is_found(hash_embedder):
    """The question is NFKC-folded as it arrives ("（" → "("), the text is not: a title
    whose inner brackets are full-width is still the title the text names."""
    from qa.answering.question_input import normalize_question
    from qa.index.build import index_documents
    from qa.language.question import analyse as _analyse
    from qa.ranking.retrieve import Retriever
    from qa.records import Document

    def analyse(text):  # as a question arrives: folded first
        return _analyse(normalize_question(text))

    text = "市长主持召开常务会议。会议审议通过了《城市供水条例（2020年修订）实施细则》。"
    index, _ = index_documents([Document("d1", "市政府常务会议", "4月16日", "d1.txt", text)], hash_embedder, progress=False)
    retriever = Retriever(index, hash_embedder)
    assert not retriever._unknown_title(analyse("会议审议了《城市供水条例（2020年修订）实施细则》吗？"))
    assert retriever._unknown_title(analyse("会议审议了《城市排水条例（2020年修订）实施细则》吗？"))


def test_english_words_that_a_dictionary_entry_defines_together_are_one_term():
    from qa.language.english import expand, phrased, rendered_share

    assert phrased(["state", "council", "meeting"])[0] == ("state council", phrased(["state", "council"])[0][1])
    assert "国务院" in phrased(["state", "council"])[0][1]
    assert phrased(["meeting"]) == [("meeting", [])]
    # a phrase the corpus uses is one term; one it does not use falls back to its words
    terms = [w for w, _, _ in expand("Which free trade zone was named?", in_corpus=lambda zh: zh == "自由贸易区")]
    assert terms == ["free trade zone", "named"]
    terms = [w for w, _, _ in expand("Which free trade zone was named?", in_corpus=lambda zh: False)]
    assert terms[:3] == ["free", "trade", "zone"]
    # an English claim's words as a Chinese passage renders them, places by their Chinese names
    assert rendered_share("approved the Zhejiang nuclear power project", "会议决定核准浙江金七门核电项目。") == 1.0
    assert rendered_share("approved the Zhejiang nuclear power project", "会议研究了粮食生产。") == 0.0


def test_an_english_question_is_rendered_with_the_dictionary_phrase_the_passage_uses():
    from qa.language.english import chinese_question

    passage = "会议指出，要严厉打击涉烟违法活动。"
    assert "打击" in chinese_question("What did the meeting decide to crack down on?", passage)
    assert "打击" not in chinese_question("What did the meeting decide to crack down on?", "会议研究了粮食生产。")


def _retriever_on(tmp_path, hash_embedder, files: dict[str, str]):
    """A retriever over communiqués written as files (name → text) to a folder and indexed there."""
    from qa.index.build import build_index
    from qa.ranking.retrieve import Retriever

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Retriever(build_index([folder], hash_embedder, progress=False)[0], hash_embedder)


def test_the_meeting_named_is_ranked_by_what_is_asked_of_it(tmp_path, hash_embedder):
    from qa.language.meeting import without_meeting

    assert without_meeting("通江县第四十二次县政府常务会议由谁主持？") == "由谁主持？"
    assert without_meeting("镇江市政府第20次常务会议审议通过了哪些文件？") == "审议通过了哪些文件？"
    assert without_meeting("会议审议通过了哪些文件？") == "会议审议通过了哪些文件？"
    # the chair named says which meeting, not what is asked of it
    assert without_meeting("郭海磊主持的第49次常务会议上县住建局汇报了哪些事项？") == "上县住建局汇报了哪些事项？"
    assert without_meeting("会议是谁主持的？") == "会议是谁主持的？"
    assert without_meeting("区政府第70次常务会议听取了哪些汇报？") == "听取了哪些汇报？"  # the body alone names it too
    retriever = _retriever_on(tmp_path, hash_embedder, {"county.txt": (
        "县政府第四十二次常务会议\n12月31日,县长王军主持召开县政府第四十二次常务会议,研究部署近期工作。\n"
        "会议审定了县编办送审的《关于开展扩权强镇试点工作的实施意见》。\n县政府副县长及办公室主任出席会议。\n")})
    assert "扩权强镇" in retriever.search("县政府第四十二次常务会议审定了哪个文件？").hits[0].passage.text
    # the keyword side ranks the sentence that says who attended above the opening that
    # only repeats the meeting's name
    ranked = [h.passage.text for h in retriever.search("县政府第四十二次常务会议有谁出席？").ranking]
    assert ranked.index("县政府副县长及办公室主任出席会议。") < next(i for i, t in enumerate(ranked) if t.startswith("12月31日"))


def test_english_questions_reach_people_named_in_pinyin(tiny_index, hash_embedder):
    from qa.index import store
    from qa.ranking.retrieve import Retriever

    retriever = Retriever(store.load(tiny_index), hash_embedder)
    assert retriever._people_named("Did Zhang San chair the 5th meeting?") == ["张三"]  # "市长张三主持召开…"
    assert retriever._people_named("Who chaired the meeting?") == []
    # the meeting chaired by 张三 is found by its chair; what is asked of it is the rest of the question
    search = retriever.search("What did the meeting chaired by Zhang San approve?")
    assert {h.passage.doc for h in search.hits} == {"a"} and not any("张三" in alternatives for _, alternatives in search.groups)


def test_a_chair_named_picks_the_meeting():
    from qa.language.meeting import asked_chairs, chaired_by

    openings = {"lc": "6月7日,区委副书记、区长李奉利在区机关大楼第一接待室主持召开专题会议", "xg": "区长杨海三出席会议并讲话,副区长王喜宾主持会议"}
    assert asked_chairs("李奉利主持的专题会议有哪位副区长参加？") == ["李奉利"]
    assert chaired_by(openings["lc"], "李奉利") and not chaired_by(openings["xg"], "杨海三")
    assert scope_of("李奉利主持的专题会议有哪位副区长参加？", "zh", openings, None, is_proper_noun, place_names).docs == {"lc"}
    assert scope_of("王五主持的会议研究了什么？", "zh", openings, None, is_proper_noun, place_names).absent
    # the words before 主持的 that name no one ask who chaired; they pick no meeting
    assert asked_chairs("开江县第65次常务会议是谁主持的？") == [] == asked_chairs("会议由谁主持的？")
    assert asked_chairs("由王军主持的会议") == ["王军"] and asked_chairs("希尼主持的会议审议了什么？") == ["希尼"]
    assert scope_of("第65次常务会议是谁主持的？", "zh", {"a": "县长李奉利主持召开县政府第65次常务会议"}, None, is_proper_noun, place_names).docs == {"a"}


def test_a_page_of_two_meetings_a_place_named_only_in_titles_and_english_chairs():
    from qa.language.meeting import meeting_numbers, opening_of

    page = "本报讯 5月23日,县长施家雄主持召开县政府2025年第16次常务会议。" + "会议学习了有关精神。" * 40 + "\n又讯 5月29日,县长施家雄主持召开2025年第17次常务会议。\n会议还研究了其他事项。"
    opening = opening_of("县政府常务会议召开", page)
    assert meeting_numbers(opening) == {16, 17} and "其他事项" not in opening
    later = opening_of("", "会议学习了有关精神。" * 40 + "会议传达了中央全面深化改革委员会第七次会议精神。")
    assert meeting_numbers(later) == set()  # a meeting it did not hold
    # the asked place is the page's own (its 《長春市…》 titles), though its opening names none
    openings = {"cc": "9月13日,市长顾刚主持召开市政府第9次常务会议", "other": "市长张三主持召开市政府第9次常务会议"}
    bodies = lambda: {"cc": ("市", frozenset({"长春"})), "other": ("市", frozenset({"沈阳"}))}
    assert scope_of("长春市政府第9次常务会议听取了什么报告？", "zh", openings, None, is_proper_noun, place_names, (), bodies).docs == {"cc"}
    # an English question's pinyin names, as chairs, pick the meeting
    assert scope_of("What did Gu Gang's meeting decide?", "en", openings, None, is_proper_noun, place_names, chairs=["顾刚"]).docs == {"cc"}


def test_a_place_no_dictionary_lists_is_known_from_the_openings(tmp_path, hash_embedder):
    from qa.ranking.retrieve import CANNOT_ANSWER

    retriever = _retriever_on(tmp_path, hash_embedder, {
        "xg.txt": "西岗区政府全体会议\n8月16日下午,西岗区政府召开第十九届第二次全体会议,区长杨海三出席会议并讲话,副区长王喜宾主持会议。\n",
        "hn.txt": "海南省政府全体会议\n1月20日,海南省省长沈晓明主持召开七届省政府第三次全体会议,审议政府工作报告。\n",
    })
    assert retriever._is_place("西岗") and not retriever._is_place("研究")
    # the district's third meeting is not in the corpus: the province's third is not it
    assert retriever.search("西岗区政府第十九届第三次全体会议由谁主持？").relevance <= CANNOT_ANSWER
    assert "王喜宾" in retriever.search("西岗区政府第十九届第二次全体会议由谁主持？").hits[0].passage.text


def test_an_english_question_is_rendered_with_the_person_and_the_chairing_the_passage_names():
    from qa.language.english import chinese_question

    from qa.answering.reading import people_in

    passage = "18日,区党委副书记、自治区代理主席严金海主持召开自治区政府常务会议,研究强边工作。"
    people = people_in(passage)
    assert "严金海" in people
    rendered = chinese_question("What did the meeting chaired by Yan Jinhai study?", passage, people)
    assert "严金海" in rendered and "主持" in rendered and "主席" not in rendered
    assert "严金海" in chinese_question("Did Jinhai Yan chair it?", passage, people)  # either name order
    assert "严金海" not in chinese_question("What did Li Ming study?", passage, people)


def test_an_english_question_names_its_meeting_by_place_and_who_attended_is_not_the_chair():
    from qa.language.extract import people

    en = lambda q: asked_places(q, "en", is_proper_noun, place_names)  # noqa: E731
    assert "盘锦" in en("Who attended the Panjin meeting?")[0][0]
    names, level = en("Who attended the Tongjiang county 42nd executive meeting?")[0]
    assert "通江" in names and level == "县"
    assert en("Who chaired the State Council executive meeting?") == []  # a body, no place
    opening, attendance = "12月31日,县长王军主持召开县政府第四十二次常务会议。", "县政府副县长及办公室主任出席会议。"
    assert people(opening, "Who attended the meeting?") == [] and people(opening, "谁参加了会议？") == []
    assert people(attendance, "Who attended the meeting?") == ["县政府副县长及办公室主任"]
    assert people(opening, "Who chaired the meeting?") == ["王军（县长）"]


def test_a_name_in_pinyin_is_spelled_surname_first_or_last():
    from qa.language.english import name_runs, spells

    assert spells(["Tang", "Fangdong"], "汤方栋") and spells(["Fangdong", "Tang"], "汤方栋")
    assert spells(["Jin", "Hai", "Yan"], "严金海") and spells(["yan", "jin", "hai"], "严金海")
    assert not spells(["Li", "Ming"], "汤方栋") and not spells(["Tang"], "汤方栋")
    assert name_runs(["a", "b", "c"]) == [["a", "b"], ["a", "b", "c"], ["b", "c"]]


def test_a_capitalised_word_is_read_as_the_pinyin_it_may_spell():
    from qa.language.english import pinyin_pattern

    pattern = pinyin_pattern("Taipingling")
    assert pattern.search("决定核准广东太平岭、浙江金七门核电项目") and not pattern.search("决定核准广东大亚湾核电项目")
    assert pinyin_pattern("Committee") is None  # an English word
    assert pinyin_pattern("Qianhai").search("深圳前海") and not pinyin_pattern("Qianhai").search("深圳南山")
    assert pinyin_pattern("Tang") is None  # one syllable (and a dictionary word): too loose to tell


def test_a_meeting_named_by_its_governments_term_and_number():
    from qa.language.meeting import asked_terms, meeting_numbers, meeting_terms

    opening = "2016年11月2日下午,区长戴斌主持召开了区政府六届一次常务会议。"
    assert asked_ordinals("区政府六届一次常务会议由谁主持？", "zh") == [1] and meeting_numbers(opening) == {1}
    assert asked_terms("区政府六届二次常务会议通报了哪些事项？", "zh") == [6] and meeting_terms(opening) == {6}
    assert asked_ordinals("县十六届第9次政府常务会议审议了什么？", "zh") == [9]
    assert asked_ordinals("Who chaired the district's second executive meeting of 2017?", "en") == [2]
    assert asked_ordinals("Which plan was first approved at the meeting?", "en") == []  # no ordinal of a meeting
    openings = {"a": opening, "b": "区长金玉主持召开区政府第1次常务会议。"}
    never = lambda _: False
    assert scope_of("区政府六届一次常务会议由谁主持？", "zh", openings, None, never, lambda _: []).docs == {"a"}
    assert scope_of("区政府五届一次常务会议由谁主持？", "zh", openings, None, never, lambda _: []).absent
    # in English: "of its 18th government", "the 18th county government's 65th meeting"
    assert asked_terms("When was the 65th executive meeting of its 18th government held?", "en") == [18]
    assert asked_terms("What did the 18th county government's 65th meeting approve?", "en") == [18]
    assert asked_terms("What did the first government meeting approve?", "en") == []  # a meeting's number
    assert scope_of("What did the sixth government's first executive meeting approve?", "en", openings, None, never, lambda _: []).docs == {"a"}


def test_a_year_alone_dates_the_meeting_only_where_it_says_so(tmp_path, hash_embedder):
    from qa.language.question import topic_years

    assert topic_years("开江2018年脱贫攻坚目标绩效考核结果要报哪里审定？") == {2018}
    assert topic_years("确定2015年财政预算总额是多少？") == {2015}
    # the meeting's own year: its number, the meeting or 召开 follows
    assert topic_years("通城县2020年第6次常务会议审议了哪些文件？") == set() == topic_years("2023年召开的常务会议研究了什么？")
    assert topic_years("会议要求《2012年政府工作报告》要更加贴近什么？") == set() == topic_years("2023年4月7日的会议")
    retriever = _retriever_on(tmp_path, hash_embedder, {
        "2019-11-12.txt": "县政府第65次常务会议\n2019年11月12日,县长周建平主持召开县第十八届人民政府第65次常务会议。\n"
        "会议同意县脱贫攻坚办拟定的《2018年脱贫攻坚工作目标绩效考核结果》,报县委审定。\n",
        "2016-03-26.txt": "县政府第57次常务会议\n2016年3月26日,县长王军主持召开县政府第五十七次常务会议。\n会议传达了全市2016年城乡规划工作会议精神。\n",
        "2018-05-02.txt": "县政府第30次常务会议\n2018年5月2日,县长王军主持召开县政府第30次常务会议。\n会议研究了防汛工作。\n",
    })
    # a meeting of 2019 decides on the results of 2018; 2016's meeting is no answer
    search = retriever.search("2018年脱贫攻坚目标绩效考核结果要报哪里审定？")
    assert "报县委审定" in search.hits[0].passage.text and search.relevance > 0
    assert retriever.search("2016年脱贫攻坚目标绩效考核结果要报哪里审定？").hits[0].passage.doc != "2019-11-12"


def test_the_day_of_a_meeting_named_in_english_is_its_communiques_date(tmp_path, hash_embedder):
    from qa.ranking.retrieve import THRESHOLD

    files = {}
    for day, n, chair in (("2019-11-12", 65, "周建平"), ("2021-03-11", 98, "李文章")):
        y, m, d = (int(x) for x in day.split("-"))
        files[f"{day}.txt"] = (f"第十八届人民政府第{n}次常务会议\n{y}年{m}月{d}日,县长{chair}主持召开开江县第十八届人民政府第{n}次常务会议。\n"
                               "会议审定了《开江县现代农业园区建设推进方案》。\n")
    retriever = _retriever_on(tmp_path, hash_embedder, files)
    search = retriever.search("When did Kaijiang county hold the 65th executive meeting of its 18th government?")
    assert search.hits[0].passage.doc == "2019-11-12" and search.relevance >= THRESHOLD
    assert retriever.search("When did Kaijiang county hold its 66th executive meeting?").relevance < THRESHOLD


def test_a_question_opening_with_a_county_or_district_names_its_place():
    known = {"龙湖", "兴县", "太湖"}.__contains__
    zh = lambda q: asked_places(q, "zh", known, place_names)  # noqa: E731
    assert zh("龙湖区要求节假日期间严格执行什么值班制度？") == [(("龙湖",), "区")]
    assert zh("兴县鼓励群众发展哪些庭院经济？") == [(("兴县",), "县")]  # a one-character place keeps its level
    assert zh("兴县常务会议有几位副县长出席？") == [(("兴县",), "县")]
    assert zh("太湖县第48次常务会议审定了哪些事项？") == [(("太湖",), "县")]
    assert zh("区政府第70次常务会议听取了哪些汇报？") == [] and zh("县长主持了什么会议？") == []
    assert zh("深圳市要求做好哪些工作？") == []  # a city is often a State Council meeting's topic
    # a one-character county named only in its titles is the page's own place
    assert own_places("县政府召开常务会议", "会议原则通过了《兴县发展特色庭院经济实施方案》", "县", known) == {"兴县"}


def test_pages_naming_the_place_come_before_pages_naming_none():
    openings = {
        "longhu": "6月15日下午,龙湖区委副书记、区长黄晓欢主持召开区政府常务会议。",
        "longhu2": "7月3日,区长黄晓欢主持召开区政府第9次常务会议。",
        "other": "2月13日上午,区长金玉主持召开区政府第25次常务会议。",
    }
    known = {"龙湖"}.__contains__
    bodies = {d: (body_level(t), frozenset(own_places(t, t, body_level(t), known))) for d, t in openings.items()}

    def scope(question):
        return scope_of(question, "zh", openings, None, known, place_names, (), lambda: bodies).docs

    # the page naming no place is the district's where its chair chaired a page naming it
    assert scope("龙湖区政府常务会议是谁主持的？") == {"longhu", "longhu2"}
    # where none of those fits the meeting asked, a page naming no place may still be it
    assert scope("龙湖区政府第25次常务会议由谁主持？") == {"other"}


def test_english_words_naming_the_meeting_are_not_what_is_asked():
    from qa.language.meeting import asked_terms, without_meeting_en

    asked = "When was the 70th district government executive meeting chaired by Song Huadong held?"
    assert without_meeting_en(asked, ["Song Huadong"]) == "When was the held?"
    assert without_meeting_en("Which products were named at Song Huadong's meeting?", ["Song Huadong"]) == "Which products were named at meeting?"
    assert without_meeting_en("Who chaired the Longhu district executive meeting?") == "Who chaired the ?"
    assert without_meeting_en("What did the meeting decide about the Hengqin zone?") == "What did the meeting decide about the Hengqin zone?"
    # "70th district government executive meeting" is the meeting's number, not a government's term
    assert asked_terms(asked, "en") == [] and asked_terms("the 65th executive meeting of its 18th government", "en") == [18]


def test_an_english_meeting_named_by_number_and_chair_is_answered_by_its_day(tmp_path, hash_embedder):
    from qa.ranking.retrieve import THRESHOLD

    retriever = _retriever_on(tmp_path, hash_embedder, {
        "2025-06-06.txt": "区政府常务会议召开 宋华东主持\n6月6日,区政府第70次常务会议召开。区委副书记、区长宋华东主持;副区长王胜男出席。\n"
        "会议听取了关于全区招商引资工作情况的汇报。\n",
        "2025-05-06.txt": "区政府常务会议召开 宋华东主持\n5月6日,区政府第69次常务会议召开。区委副书记、区长宋华东主持。\n"
        "会议听取了关于美丽乡村样板建设情况的汇报。\n",
    })
    search = retriever.search("When was the 70th district government executive meeting chaired by Song Huadong held?")
    assert search.hits[0].passage.doc == "2025-06-06" and search.relevance >= THRESHOLD
    # the words naming the meeting are not terms the passages must hold: what is left is
    assert not any("宋华东" in alternatives for _, alternatives in search.groups)


def test_the_body_named_keeps_the_meetings_of_its_level():
    openings = {
        "district27": "9月13日,区长秦大海在区会议中心主持召开区政府第27次常务会议。",
        "province27": "12月14日,省长金湘军主持召开省政府第27次常务会议。",
    }
    bodies = {d: (body_level(t), frozenset()) for d, t in openings.items()}

    def scope(question):
        return scope_of(question, "zh", openings, None, lambda _: False, place_names, (), lambda: bodies).docs

    assert scope("区政府第27次常务会议是哪天召开的？") == {"district27"}  # not the province's 27th
    assert scope("省政府第27次常务会议研究了什么？") == {"province27"}
    assert scope("第27次常务会议研究了什么？") == {"district27", "province27"}
    # a government's term between the level and 人民政府 still says the level
    assert body_level("县长张鑫主持召开开江县第十九届人民政府第61次常务会议") == "县"


def test_a_place_the_meeting_speaks_of_is_not_the_pages_own():
    known = {"南京雨花台", "雨花台", "广州", "濉溪"}.__contains__
    said = ("2月27日,区长马小锋主持召开2024年区政府第4次常务会议。会议学习了安全生产重要论述。\n"
            "会议强调,要深刻吸取南京雨花台区“2·23”火灾事故教训。")
    assert own_places(said, said, "区", known) == set()  # a page naming no place of its own
    # a place in the lines before what was said stays the page's own: its source line, its meeting sentence
    assert own_places("省政府召开常务会议\n来源:广州市人民政府办公厅\n会议强调,要做好防汛。", "", "市", known) == {"广州"}
    assert own_places("4月16日,广州市政府召开第20次常务会议。\n会议听取了汇报。", "", "市", known) == {"广州"}


def test_a_chair_who_convenes_chaired():
    from qa.language.extract import chair_names
    from qa.language.meeting import chaired_by

    opening = "12月18日,区长李旭召开区政府第63次常务会议。区领导胡汪兴、陈福建出席会议。"
    assert chaired_by(opening, "李旭") and not chaired_by(opening, "胡汪兴")
    assert chair_names(opening) == [("区长", "李旭")]


def test_which_day_it_was_held_asks_the_meetings_day():
    from qa.language.meeting import asks_meeting

    assert asks_meeting("会议是哪天开的？", "zh", "date") and asks_meeting("第18次常务会议是哪一天召开的？", "zh", "date")
    assert not asks_meeting("新办法是哪天公开的？", "zh", "date")  # 公开 is no meeting's act
