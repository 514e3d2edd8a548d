import json

import pytest

from qa.answering.question_input import normalize_question
from qa.answering.verification import (
    NOT_FOUND,
    REFUTED,
    SUPPORTED,
    _conflict,
    _missing,
    chaired,
    fold,
    states,
    verify,
    without_dates,
)
from qa.language.question import asked_dates
from qa.text.script import to_simplified
from tests.conftest import shared

TEXT = "4月16日,市委副书记、市长汤方栋主持召开市政府第20次常务会议,审议并原则通过《某市财政资金管理暂行办法》。"
ATTEND = "市领导王庆良、李睿懿参加会议,市政府秘书长崔发林列席。"


def test_conflicting_slots_refute():
    assert _conflict("会议由常务副市长主持", [TEXT])[0] == "chair"
    assert _conflict("会议由市长汤方栋主持", [TEXT]) is None
    assert _conflict("会议于4月15日召开", [TEXT])[0] == "date"
    assert _conflict("这是第21次常务会议", [TEXT])[0] == "ordinal"
    assert _conflict("崔发林是副市长", [ATTEND])[0] == "post"
    assert _conflict("崔发林是市政府秘书长", [ATTEND]) is None


def test_absent_entities_are_not_found_not_refuted():
    assert _conflict("会议通过了《某市住房保障实施方案》", [TEXT]) is None
    assert _missing("会议通过了《某市住房保障实施方案》", TEXT) == ["《某市住房保障实施方案》"]
    assert _missing("会议通过了《某市财政资金管理暂行办法》", TEXT) == []


@pytest.mark.integration
def test_seed_claims_all_right_with_evidence_in_the_first_three(seed_answerer):
    for line in shared("eval", "seed_claims.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        verdict = verify(seed_answerer, gold["claim"])
        assert verdict.verdict == gold["verdict"], (gold, verdict.reason)
        quotes = [to_simplified(c.quote) for c in verdict.evidence[:3]]
        for expected in gold["evidence"]:
            assert any(expected in q for q in quotes), (gold["id"], expected, quotes)
        assert verdict.reason
        for c in verdict.evidence:
            assert seed_answerer.index.documents[c.doc].text[c.start : c.end] == c.original


@pytest.mark.integration
def test_more_claims(seed_answerer):
    cases = {
        "会议于4月15日召开": REFUTED,
        "崔发林是副市长": REFUTED,
        "会议由市长汤方栋主持": SUPPORTED,
        "会议讨论了房价调控": NOT_FOUND,
        "": NOT_FOUND,
    }
    for claim, expected in cases.items():
        assert verify(seed_answerer, claim).verdict == expected, claim


@pytest.mark.integration
@pytest.mark.parametrize("claim, verdict, reason_has", [
    ("王庆良主持了这次会议", "refuted", "汤方栋"),  # he attended; the mayor chaired
    ("崔发林主持了会议", "refuted", "汤方栋"),
    ("王庆良参加了会议", "supported", ""),
    ("汤方栋参加了会议", "supported", ""),  # chairing is attending
    ("The meeting was chaired by the executive vice mayor", "refuted", "汤方栋"),
    ("The meeting was chaired by Wang Qingliang", "refuted", "Wang Qingliang"),
    ("The meeting was chaired by Tang Fangdong", "supported", ""),
    ("The meeting was chaired by the mayor", "supported", ""),
    # a claim is checked against the meeting of the day it names
    ("4月16日的会议原则通过了《盘锦市市本级财政资金管理暂行办法》", "supported", ""),
    # no meeting on the 20th; the document was approved at the meeting of the 16th
    ("4月20日的会议原则通过了《盘锦市市本级财政资金管理暂行办法》", "refuted", "4月16日"),
    ("4月20日的会议研究了财政资金管理", "not_found", "4月20日"),  # no meeting that day; not a once-only act
    ("The meeting of 20 April approved the measures for fiscal funds management", "not_found", "20 April"),
    ("Tang Fangdong chaired the meeting", "supported", ""),
    ("The meeting of 16 April approved a plan for public resource trading.", "supported", ""),
    ("The meeting of 16 April approved a plan for building high-speed railways.", "not_found", ""),
])
def test_chairing_is_told_from_attending_and_a_claim_is_checked_against_the_meeting_of_its_day(seed_answerer, claim, verdict, reason_has):
    result = verify(seed_answerer, claim)
    assert result.verdict == verdict and reason_has in result.reason, (result.verdict, result.reason)


SC_OPENING = "央视网消息（新闻联播）：国务院总理李强10月10日主持召开国务院常务会议，审议通过《积极发展老年助餐服务行动方案》。"


def test_a_chair_named_before_the_day_is_the_chair():
    assert chaired(SC_OPENING, "李强")
    assert not chaired("市领导王庆良参加会议，市长汤方栋主持。", "王庆良")
    assert _conflict("会议由国务院副总理丁薛祥主持", [SC_OPENING])[0] == "chair"
    assert _conflict("会议由李强主持", [SC_OPENING]) is None


def test_a_number_without_a_scale_is_compared_and_the_other_value_reported():
    evidence = ["研发费用税前加计扣除比例由75%提高至100%的政策"]
    assert _conflict("研发费用税前加计扣除比例由75%提高至120%", evidence) == ("number", {"found": "100%", "claimed": "120%"})
    assert _conflict("研发费用税前加计扣除比例由75%提高至100%", evidence) is None


def test_a_claims_day_is_taken_out_for_its_content_and_a_titles_years_are_no_day():
    assert without_dates("2023年12月29日的会议决定核准核电项目") == "的会议决定核准核电项目"
    assert without_dates("The meeting of 5 December 2025 approved it") == "The meeting of approved it"
    assert asked_dates("会议讨论通过了《新一轮千亿斤粮食产能提升行动方案(2024—2030年)》") == []
    assert asked_dates("2024—2030年粮食产能") == []
    assert asked_dates("2023年4月7日的会议") == [(2023, 4, 7)]


def test_evidence_is_folded_as_the_claim_is():
    claim = normalize_question("会议审议通过了《领事保护与协助条例（草案）》")
    assert _missing(claim, fold("会议审议通过《中华人民共和国领事保护与协助条例（草案）》。")) == []


def test_a_chinese_claims_chair_and_a_quantity_in_any_measure_are_compared():
    opening = "国务院总理李强6月29日主持召开国务院常务会议"
    assert _conflict("2023年6月29日的国务院常务会议由李克强主持。", [opening]) == ("chair", {"found": "国务院总理李强", "claimed": "李克强"})
    assert _conflict("会议由国务院总理李强主持", [opening]) is None
    assert _conflict("会议由市长主持", ["市委副书记、市长汤方栋主持召开"]) is None  # a post, not a name
    grain = ["确保全年粮食产量保持在1.3万亿斤以上。"]
    assert _conflict("全年粮食产量保持在1.5万亿斤以上", grain) == ("number", {"found": "1.3万亿斤", "claimed": "1.5万亿斤"})
    assert _conflict("全年粮食产量保持在1.3万亿斤以上", grain) is None


def test_an_english_claim_is_stated_by_a_passage_that_renders_most_of_its_words():
    from qa.ranking.retrieve import Search

    passage = ["会议决定核准广东太平岭、浙江金七门核电项目。"]
    search = Search(question=None, hits=[], relevance=1.0, dense_level=0.0, coverage=0.0, groups=[], ranking=[])
    # "Jinqimen" is in no dictionary; the day is the meeting's, not a word to find
    assert states(search, "The meeting of 29 December 2023 approved the Jinqimen nuclear power project.", passage, "en")
    assert not states(search, "The meeting of 29 December 2023 approved a maglev railway project.", passage, "en")


def test_a_word_whose_opposite_the_evidence_says_around_the_same_words_refutes():
    evidence = ["指出要实行地方政府专项债券投向领域“负面清单”管理，允许用于土地储备。"]
    assert _conflict("会议决定对专项债券投向领域实行“正面清单”管理", evidence) == ("opposite", {"found": "负面清单", "claimed": "正面清单"})
    assert _conflict("会议决定对专项债券投向领域实行“负面清单”管理", evidence) is None
    # the opposite said of something else is no contradiction
    assert _conflict("会议要求降低研发费用加计扣除比例", ["将研发费用税前加计扣除比例由75%提高至100%"]) is None


def test_the_meeting_naming_words_of_a_claim_are_not_facts_to_find_in_the_quotes():
    from qa.answering.verification import _missing, chaired_as_claimed

    quotes = "12月31日,县长王军主持召开县政府第四十二次常务会议。"
    # the county and the meeting's number were checked when the communiqué was found
    assert _missing("通江县第四十二次常务会议由县长王军主持。", quotes) == []
    assert _missing("通江县第四十二次常务会议审议了8个方案。", quotes) == ["8个"]
    assert chaired_as_claimed("陕西省政府第五次常务会议由刘国中主持。", ["[陕西新闻联播]刘国中主持召开省政府第五次常务会议"])
    assert not chaired_as_claimed("会议由赵刚主持。", ["[陕西新闻联播]刘国中主持召开省政府第五次常务会议"])
