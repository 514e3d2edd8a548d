"""The reader's place in answering: choosing the answer passage, the one decision with
retrieval relevance, list items from a span, and where the span is not the answer."""
from __future__ import annotations

import json
from collections import Counter

from qa.answering import reading
from qa.language.question import analyse
from qa.records import Hit, Passage
from tests.conftest import ROOT


def hit(pid: int, text: str) -> Hit:
    return Hit(Passage(pid, "d", 1, 0, len(text), text), 0.9, 0.5, 1.0)


def r(pid: int, margin: float) -> reading.Reading:
    return reading.Reading(hit(pid, "会议审议通过《甲办法》《乙方案》。"), 0, 4, margin)


def test_the_first_sure_passage_in_retrieval_order_is_chosen():
    assert reading.choose([r(0, 7.0), r(1, 12.0)]).hit.passage.id == 0  # sure enough, and ranked first
    assert reading.choose([r(0, 1.0), r(1, 12.0)]).hit.passage.id == 1
    assert reading.choose([r(0, -3.0), r(1, -1.0)]).hit.passage.id == 1  # none sure: the surest
    assert reading.choose([]) is None


def test_one_decision_from_relevance_and_margin():
    levels = reading.Levels(abstain=-2.0, rescue=8.0, rescue_relevance=0.3, direct=-2.0, direct_en=-11.0)
    assert reading.answerable(0.9, 0.5, r(0, 3.0), levels)
    assert not reading.answerable(0.9, 0.5, r(0, -5.0), levels)  # relevant-looking text without the answer
    assert reading.answerable(0.4, 0.5, r(0, 9.0), levels)  # retrieval unsure, reader sure
    assert not reading.answerable(0.2, 0.5, r(0, 9.0), levels)
    assert reading.answerable(0.6, 0.5, None, levels) and not reading.answerable(0.4, 0.5, None, levels)
    # English: the reader's "no answer" does not overrule retrieval, nor rescue by default
    assert reading.answerable(0.9, 0.5, r(0, -20.0), levels, english=True)
    assert not reading.answerable(0.4, 0.5, r(0, 30.0), levels, english=True)


def test_items_of_a_span():
    assert reading.items("《甲办法》《乙方案》", "documents") == ["甲办法", "乙方案"]
    assert reading.items("融媒体、广播电视台", "list") == ["融媒体", "广播电视台"]
    assert reading.items("小额、便民", "phrase") == ["小额、便民"]  # a phrase stays whole


def test_where_the_span_is_not_the_answer():
    assert reading.applies(analyse("预算刚性约束要遵循什么原则？"))
    assert not reading.applies(analyse("哪次会议审议通过了《供水条例（草案）》？"))  # the answer is a date
    assert not reading.applies(analyse("会议讨论了住房问题吗？"))  # yes/no
    assert reading.applies(analyse("Who chaired the meeting?"))  # read in Chinese words
    assert not reading.applies(analyse("Did the meeting discuss housing?"))


def test_an_english_question_is_read_in_the_words_its_passage_uses():
    from qa.language.english import chinese_question

    passage = "会议审议通过了《盘锦市2024年财政预算》。会议由市长汤方栋主持，常务副市长王庆良出席。"
    zh = chinese_question("Which budget did the meeting of 16 April 2024 adopt?", passage)
    assert zh.startswith("哪个") and "预算" in zh and "会议" in zh and "2024年4月16日" in zh and zh.endswith("？")
    assert "通过" in zh  # "adopt" as this passage words it
    # the candidate the passage uses, not the dictionary's most common one (计划 for "plan")
    assert "方案" in chinese_question("What plan was approved?", "会议通过了《行动方案》。") and "计划" not in chinese_question("What plan was approved?", "会议通过了《行动方案》。")
    # a word whose Chinese the passage does not use stays English (no guess to mislead the reader)
    assert "submarine" in chinese_question("How many submarines were approved?", passage)
    assert chinese_question("Who attended the Shenzhen meeting?", "深圳市政府召开常务会议，出席的有王庆良。").startswith("谁出席深圳")


def test_english_questions_read_in_chinese_words_find_their_span(real_reader):
    """With the real reader: the rendered question finds the answer that the English
    question alone does not."""
    passage = "会议指出，制造业企业新增留抵退税平均2个工作日到账，要持续优化办税服务。"
    question = "How long does it take on average for the new VAT credit refunds to arrive?"
    raw = reading.read(real_reader, question, [hit(0, passage)])[0]
    words = reading.read(real_reader, question, [hit(0, passage)], english=True)[0]
    assert "2个工作日" in words.text and words.margin > raw.margin


def test_dev_set_is_split_and_covers_what_users_ask():
    rows = [json.loads(line) for line in (ROOT / "tests" / "dev" / "dev_questions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150 and len({r["doc"] for r in rows if r["doc"]}) >= 25
    langs, cats = Counter(r["lang"] for r in rows), Counter(r["category"] for r in rows)
    assert langs["en"] >= 20 and langs["zh-Hant"] >= 15 and cats["unanswerable"] >= 25
    assert {"list", "who", "when", "which_meeting", "how_many", "how_much", "what", "yes_no", "subset"} <= set(cats)
    halves = {r["half"] for r in rows}
    assert halves == {"tune", "held"}
    # a document's questions stay in one half, so the held half is read on unseen documents
    by_doc = {}
    for row in rows:
        if row["doc"]:
            by_doc.setdefault(row["doc"], set()).add(row["half"])
    assert all(len(h) == 1 for h in by_doc.values())


def test_dev_set_answers_are_in_its_documents():
    from tests.conftest import shared

    docs = {json.loads(line)["id"]: json.loads(line)["text"] for line in shared("corpora", "state_council_meetings.jsonl").read_text(encoding="utf-8").splitlines()}
    for line in (ROOT / "tests" / "dev" / "dev_questions.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["answerable"]:
            text = docs[row["doc"]]
            assert all(e in text for e in row["evidence"]), row["id"]
            assert all(any(alt in text for alt in a.split("|")) for a in row["answer"] + row["direct"]), row["id"]


def test_date_questions_are_not_turned_down_by_the_reader():
    """A date is often the document's own, which the passage need not state."""
    assert reading.applies(analyse("减征小微企业所得税的政策延续实施到什么时候？"))
    assert not reading.gates(analyse("减征小微企业所得税的政策延续实施到什么时候？"))
    assert reading.gates(analyse("医疗保障基金是人民群众的什么钱？"))


def test_a_span_cutting_into_titles_is_widened_to_them():
    text = "审议通过《甲市交易方案》《乙市资金办法》。"
    cut = reading.Reading(hit(0, text), text.index("交易"), text.index("资金") + 2, 5.0)
    assert reading.items(reading.widen(cut), "documents") == ["甲市交易方案", "乙市资金办法"]
    plain = reading.Reading(hit(0, "会议强调要坚持“先有预算”。"), 8, 12, 5.0)
    assert reading.widen(plain) == plain.text == "先有预算"


def test_a_span_stopping_inside_an_enumeration_is_carried_through_it():
    def widened(text: str, span: str, kind: str | None = "phrase") -> str:
        return reading.widen(reading.Reading(hit(0, text), text.index(span), text.index(span) + len(span), 5.0), kind)

    text = "会议强调,平台建设是创新政府配置资源方式、加快公共资源配置市场化改革的重要抓手。"
    assert widened(text, "创新政府配置资源方式") == "创新政府配置资源方式、加快公共资源配置市场化改革的重要抓手"
    assert widened("在监管体制、监管方式、监管手段等方面积极探索", "监管体制") == "监管体制、监管方式、监管手段"
    # a closing mark whose opening one is before the span ends the enumeration; one opened inside it does not
    assert widened("要坚持“先有预算、后有支出”的原则", "先有预算") == "先有预算、后有支出"
    assert widened("发挥“四两拨千斤”的作用、“稳定器”的作用。", "发挥“四两拨千斤”的作用") == "发挥“四两拨千斤”的作用、“稳定器”的作用"
    # the last member, a span not followed by 、, and numbers are left as they are
    assert widened("要坚持量力而行、尽力而为。", "尽力而为") == "尽力而为"
    assert widened("投资3亿元、5亿元。", "3亿元", "amount") == "3亿元"


def test_a_date_or_number_inside_a_title_is_not_widened_to_it():
    text = "审议通过《专利转化运用专项行动方案（2023—2025年）》。"
    years = reading.Reading(hit(0, text), text.index("2023"), text.index("年）") + 1, 5.0)
    assert reading.widen(years, "date") == "2023—2025年"
    assert reading.widen(years, "documents") == "《专利转化运用专项行动方案（2023—2025年）》"
    assert analyse("专项行动方案覆盖哪几年？").kind == "date"


def test_a_span_that_cannot_answer_counts_as_no_answer():
    """A span that only repeats the question, or names no place where places are asked
    for, is no answer however sure the reader is: the reader then says "not found"."""
    text = "会议确定了10个方面、103项重点工作。"
    echo = reading.Reading(hit(0, text), text.index("103"), text.index("项重") + 1, 9.0)
    assert echo.text == "103项"
    assert reading.echoes("会议确定的103项重点工作中有多少项涉及教育？", echo.text)
    assert not reading.echoes("会议确定了多少项重点工作？", echo.text)
    assert not reading.echoes("会议确定的是103项还是110项重点工作？", echo.text)  # the question offers it
    [heard] = reading.heard("会议确定的103项重点工作中有多少项涉及教育？", [echo])
    assert heard.margin == float("-inf")
    assert not reading.answerable(0.9, 0.5, reading.choose([heard]))
    action = "研究实施要素市场化配置综合改革试点工作，部署开展县域普通高中振兴行动。"
    assert not reading.fits("改革试点在哪些城市开展？", "县域普通高中振兴行动")
    assert reading.fits("改革试点在哪些城市开展？", "北京、上海、深圳等城市")
    assert reading.fits("Which cities host the pilot?", "在浙江省杭州市")
    assert reading.fits("改革试点要坚持什么原则？", action[-10:])  # no place asked for


class _OneSureQuestion:
    """A stand-in reader, sure only of the question it is told (no model): it records what
    it is asked and answers a passage's first two characters where sure, the next two
    where not."""

    def __init__(self, sure: str):
        self.sure, self.asked = sure, []

    def read(self, questions, passages, batch_size=None):
        from qa.reader.spans import Span

        self.asked += questions
        return [Span(i, 0, 2, 10.0, 0.0) if q == self.sure else Span(i, 2, 4, 1.0, 0.0) for i, q in enumerate(questions)]


def test_an_english_question_counts_its_surer_reading_as_written_or_rendered():
    passages = [hit(0, "会议审议通过《甲办法》。"), hit(1, "会议部署乙工作。")]
    question = "Which measures did the meeting approve?"
    as_written = _OneSureQuestion(question)
    readings = reading.read(as_written, question, passages, english=True)
    assert len(as_written.asked) == 4 and question in as_written.asked  # both ways, each passage
    assert [x.hit.passage.id for x in readings] == [0, 1] and [x.margin for x in readings] == [10.0, 10.0]
    rendered = _OneSureQuestion("nothing like it")
    assert [x.margin for x in reading.read(rendered, question, passages, english=True)] == [1.0, 1.0]
    chinese = _OneSureQuestion("会议审议通过了哪些文件？")
    assert [x.margin for x in reading.read(chinese, "会议审议通过了哪些文件？", passages)] == [10.0, 10.0]
    assert len(chinese.asked) == 2  # a Chinese question is read once


def test_the_reader_bench_reads_english_questions_as_answering_does():
    from qa.bench.reader import gold
    from qa.reader.squad import Example

    items = [Example("1", "Which plan was adopted?", "会议通过了《行动方案》。", (("会议", 0),), "a")]
    as_written = _OneSureQuestion("Which plan was adopted?")
    assert gold(as_written, items, english=True)["em"] == 100.0 and len(as_written.asked) == 2
    assert gold(_OneSureQuestion("nothing like it"), items, english=True)["em"] == 0.0


def test_local_dev_set_is_split_by_document_and_its_answers_are_in_them():
    """The local-government communiqués (tests/dev/local_communiques.jsonl, with their URLs) and
    the questions written on them: each document's questions in one half, every expected
    string in its document once converted to simplified script."""
    from qa.index.ingest import read_documents
    from qa.text.script import to_simplified

    docs, _ = read_documents([ROOT / "tests" / "dev" / "local_communiques.jsonl"])
    text = {d.id: to_simplified(d.text) for d in docs}
    assert len(text) >= 20 and all(d.url for d in docs)
    rows = [json.loads(line) for line in (ROOT / "tests" / "dev" / "dev_local_questions.jsonl").read_text(encoding="utf-8").splitlines()]
    halves: dict[str, set[str]] = {}
    for row in rows:
        halves.setdefault(row["doc"], set()).add(row["half"])
        if row["answerable"]:
            assert all(e in text[row["doc"]] for e in row["evidence"]), row["id"]
            assert all(any(alt in text[row["doc"]] for alt in a.split("|")) for a in row["answer"] + row["direct"] if not a.isascii()), row["id"]
    assert all(len(h) == 1 for h in halves.values()) and {h for hs in halves.values() for h in hs} == {"tune", "held"}


def test_seed_dev_set_answers_are_in_the_seed():
    """The questions written on the seed as users ask them (tests/dev/dev_seed_questions.jsonl):
    both halves present, every expected Chinese string in the seed's cleaned text (a string
    the source has garbled, such as 日报社, cannot be expected)."""
    from qa.index.ingest import read_documents
    from qa.text.script import to_simplified

    docs, _ = read_documents([ROOT / "seeds"])
    text = {d.id: to_simplified(d.text) for d in docs}
    rows = [json.loads(line) for line in (ROOT / "tests" / "dev" / "dev_seed_questions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 40 and {r["half"] for r in rows} == {"tune", "held"}
    for row in rows:
        if row["answerable"]:
            wanted = row["evidence"] + [a for a in row["answer"] + row["direct"] if not a.isascii()]
            assert all(w in text[row["doc"]] for w in wanted), row["id"]


def test_a_day_asked_for_is_answered_by_a_day():
    assert reading.fits("第17次常务会议是几月几日召开的？", "5月29日")
    assert not reading.fits("第17次常务会议是几月几日召开的？", "2025年第")
    assert not reading.fits("会议是哪天召开的？", "5月23日,县长施家雄主持召开县政府党组会议和县政府2025年第16次")
    assert reading.fits("政策延续到什么时候？", "2027年底")  # not a day asked for
