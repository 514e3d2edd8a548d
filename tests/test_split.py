from hypothesis import given
from hypothesis import strategies as st

from qa.text.split import MAX_CHARS, merge_short, paragraphs, sentences


def test_sentences_and_offsets():
    text = "标题\n会议强调，要加强管理。要按照“先有预算、后有支出。没有预算、不能支出”的原则！其他？\n最后一段"
    spans = sentences(text)
    parts = [text[s.start : s.end] for s in spans]
    assert parts == ["标题", "会议强调，要加强管理。", "要按照“先有预算、后有支出。没有预算、不能支出”的原则！", "其他？", "最后一段"]
    assert [s.paragraph for s in spans] == [1, 2, 2, 2, 3]


def test_closing_quote_stays_with_its_sentence():
    text = "他说：“这是真的。”然后走了。"
    assert [text[s.start : s.end] for s in sentences(text)] == ["他说：“这是真的。”", "然后走了。"]


def test_long_sentence_is_cut_at_commas():
    text = "，".join(["要加强管理工作"] * 80) + "。"
    spans = sentences(text)
    assert len(spans) > 1 and all(s.end - s.start <= MAX_CHARS for s in spans)
    assert "".join(text[s.start : s.end] for s in spans) == text


def test_merge_short_joins_within_a_paragraph_only():
    text = "短句。这是一个比较长的句子，内容足够。\n孤句。"
    merged = merge_short(sentences(text))
    assert [text[s.start : s.end] for s in merged] == ["短句。这是一个比较长的句子，内容足够。", "孤句。"]


alphabet = st.sampled_from(list("会议强调要加强管理财政资金，。！？；“”「」\n 、ab12"))


@given(st.text(alphabet=alphabet, max_size=600))
def test_splitting_loses_no_text_and_offsets_are_exact(text):
    spans = merge_short(sentences(text))
    # spans are ordered, disjoint, and within their paragraph
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    paras = {p.paragraph: p for p in paragraphs(text)}
    for s in spans:
        p = paras[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert text[s.start : s.end].strip() == text[s.start : s.end] or text[s.start : s.end].strip()
    # everything that is not white space is covered exactly once
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())


@given(st.text(alphabet=alphabet, max_size=2000))
def test_sentence_sizes_are_bounded(text):
    assert all(s.end - s.start <= MAX_CHARS for s in sentences(text))
