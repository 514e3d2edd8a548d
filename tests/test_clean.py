from hypothesis import given
from hypothesis import strategies as st

from qa.text.clean import MISSING, clean_text, is_pinyin
from tests.conftest import SEED


def test_strips_pinyin_after_han_characters():
    assert clean_text("市長(zhǎng)湯方棟主持召開(kāi)會議").text == "市長湯方棟主持召開會議"
    assert clean_text("盤（pán）錦").text == "盤錦"  # full-width brackets
    assert clean_text("他(ta)们").text == "他们"  # neutral tone, no mark


def test_keeps_real_parenthesised_text():
    for text in ["关于《条例（草案）》的说明", "规划(2024—2030年)", "世界贸易组织(WTO)", "方案(试行)", "(an)开头", "组织(ME)"]:
        assert clean_text(text).text == text


def test_garbled_annotation_is_marked_and_reported():
    cleaned = clean_text("盤(pán)錦市日?qǐng)?bào)社參加")
    assert cleaned.text == f"盤錦市日{MISSING}{MISSING}社參加"
    (g,) = cleaned.garbled
    assert g.raw == "?qǐng)?bào)"
    assert cleaned.text[g.offset : g.offset + 2] == MISSING * 2


def test_seed_is_clean_except_the_reported_spot():
    cleaned = clean_text(SEED.read_text(encoding="utf-8"))
    assert "(" not in cleaned.text and "ǎ" not in cleaned.text
    assert len(cleaned.garbled) == 1
    assert cleaned.text.startswith("市長湯方棟主持召開市政府第20次常務會議")


def test_pinyin_syllables():
    assert all(is_pinyin(s) for s in ["zhǎng", "kāi", "yuàn", "lüè", "er", "zhuang"])
    assert not any(is_pinyin(s) for s in ["wto", "abc", "xyz", "草案"])


han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
plain = st.text(alphabet=st.one_of(han, st.sampled_from(list("，。、；：“”《》 \n0123456789"))), max_size=80)


@given(plain)
def test_text_without_annotations_is_unchanged(text):
    assert clean_text(text).text == text.replace("\r\n", "\n")


@given(st.lists(st.tuples(han, st.sampled_from(["zhǎng", "kāi", "guó", "wù", "yuàn", None])), max_size=30))
def test_annotations_are_removed_exactly(pairs):
    annotated = "".join(c + (f"({p})" if p else "") for c, p in pairs)
    assert clean_text(annotated).text == "".join(c for c, _ in pairs)
