import json

import pytest

from qa.answering.verification import NOT_FOUND, REFUTED, SUPPORTED, _conflict, _missing, verify
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
])
def test_chairing_is_told_from_attending_in_chinese_and_english(seed_answerer, claim, verdict, reason_has):
    result = verify(seed_answerer, claim)
    assert result.verdict == verdict and reason_has in result.reason, (result.verdict, result.reason)
