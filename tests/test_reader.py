"""The reader: windows and labels, span choice, the weights file, the metric, and the
bundled reader on the seed."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from qa.bench.reader_metrics import exact, f1
from qa.reader import features, spans
from tests.test_e5_convert import tiny_file


@pytest.fixture(scope="module")
def tokenizer():
    from qa.models import e5_convert

    return e5_convert.build_tokenizer(tiny_file())


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="会议通过。ab ", min_size=1, max_size=300), st.data())
def test_windows_cover_the_passage_and_label_the_answer(text, data):
    from qa.models import e5_convert

    tok = e5_convert.build_tokenizer(tiny_file())
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    # an answer begins and ends on a character a token holds (answers are trimmed; a space
    # has no token of its own to label)
    assume(not text[start].isspace() and not text[end - 1].isspace())
    wins = features.windows(tok, ["会议?"], [text], [(start, end)], max_len=24, stride=6)
    covered = set()
    for w in wins:
        assert len(w.ids) <= 24 and w.ids[0] == 0 and w.ids[-1] == 2
        covered.update(map(tuple, w.offsets.tolist()))
        if w.start:  # the label's tokens cover the answer's characters
            a, b = w.offsets[w.start - w.context_start][0], w.offsets[w.end - w.context_start][1]
            assert a <= start and end <= b and w.start <= w.end
    all_tokens = tok.encode(text, add_special_tokens=False).offsets
    assert covered == set(map(tuple, all_tokens))
    span = features.token_span(np.asarray(all_tokens).reshape(-1, 2), start, end)
    if span is not None and span[1] - span[0] < 24 - 10 - 6:
        assert any(w.start for w in wins)  # an answer that fits a window is labelled in one


def test_best_span_is_the_brute_force_best():
    rng = np.random.default_rng(0)
    for _ in range(50):
        s, e = rng.normal(size=20), rng.normal(size=20)
        a, b, score = spans.best_in_window(s, e, 3, 12, max_tokens=5)
        brute = max((s[3 + i] + e[3 + j], i, j) for i in range(12) for j in range(i, min(12, i + 5)))
        assert (a, b) == (brute[1], brute[2]) and score == pytest.approx(brute[0])


def test_trim_drops_edge_punctuation_only():
    text = "，汤方栋。"
    assert spans.trim(text, 0, len(text)) == (1, 4)
    assert spans.trim("。", 0, 1) == (0, 1)  # never empty


def test_cmrc_metric():
    assert exact(["汤方栋"], "汤方栋。") == 1.0 and exact(["汤方栋"], "汤方") == 0.0
    assert f1(["市长汤方栋"], "汤方栋") == pytest.approx(2 * 1.0 * 0.6 / 1.6)
    assert f1(["2024年"], "2024 年") == 1.0 and f1(["甲"], "乙") == 0.0


def test_word_rows_equal_the_dequantized_table():
    from qa.models import e5_file
    from qa.reader.model import WordRows

    f = tiny_file()
    ids = np.array([[0, 5, 5, 7], [3, 2, 1, 15]])
    np.testing.assert_array_equal(WordRows(f)(ids), e5_file.weights(f, "emb.word")[ids])


def test_weights_round_trip(tmp_path):
    """Saved as int8 rows: the loaded reader (rows from the file) scores as the trained one."""
    import torch

    from qa.reader import model

    f = tiny_file()
    torch.manual_seed(0)
    net = model.from_e5(f, 2).eval()
    model.save(net, tmp_path / "r.safetensors", {"epochs": 0})
    loaded, meta = model.load(tmp_path / "r.safetensors")
    assert meta["layers"] == 2 and meta["epochs"] == 0
    ids = torch.tensor([[0, 5, 6, 2, 2, 13, 14, 2]])
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        s1, e1 = net(input_ids=ids, attention_mask=mask)
        embeds = torch.from_numpy(model.WordRows(f)(ids.numpy()))
        s2, e2 = loaded(inputs_embeds=embeds, attention_mask=mask)
    np.testing.assert_allclose(s1.numpy(), s2.numpy(), atol=0.05)
    np.testing.assert_allclose(e1.numpy(), e2.numpy(), atol=0.05)
    assert (tmp_path / "r.safetensors").stat().st_size < 200_000  # no word table inside


@pytest.mark.integration
def test_bundled_reader_reads_the_seed():
    from qa.reader.read import WEIGHTS, Reader

    assert WEIGHTS.stat().st_size <= 25_000_000
    reader = Reader()
    assert reader.meta["layers"] >= 1 and "CC BY-SA" in reader.meta["licence"]
    passage = "4月16日,市委副书记、市长汤方栋主持召开市政府第20次常务会议,审议并原则通过《盘锦市公共资源交易创新发展系列实施方案》。"
    questions = ["谁主持了这次会议？", "会议是哪天召开的？", "Who chaired the meeting?"]
    found = [passage[s.start : s.end] for s in reader.read(questions, [passage] * 3)]
    assert "汤方栋" in found[0] and "4月16日" in found[1] and "汤方栋" in found[2]


def test_training_questions_glossed_into_english():
    import random

    from qa.reader.gloss import gloss

    rng = random.Random(0)
    assert gloss("会议由谁主持？", rng).startswith("Who ")  # the question word first, as English asks
    english = gloss("1994年3月，范廷颂担任什么职务？", rng)
    assert english.startswith("What ") and "March 1994" in english and english.endswith("?")
    assert "范廷颂" in english  # a name the dictionary lacks stays as written, not glossed character by character
    assert gloss("哪些財政文件獲得通過？", rng).startswith("Which ")  # traditional questions too
    mixed = gloss("国务院常务会议审议通过了哪些条例草案？", random.Random(1), keep_chinese=1.0)
    assert mixed.startswith("Which ") and "国务院" in mixed  # every word kept Chinese but the question word


def test_english_training_examples_reuse_their_glosses(tmp_path):
    from qa.reader.squad import Example
    from qa.reader.train import english_examples

    examples = [Example(str(i), q, "会议由市长主持。", (("市长", 3),), "a") for i, q in enumerate(["会议由谁主持？", "谁主持了会议？", "会议是什么时候举行的？", "会议在哪里举行？"])]
    cache = tmp_path / "glosses.json.gz"
    first = english_examples(examples, 0.5, 0, cache)
    assert len(first) == 2 and all(e.id.endswith("-en") and e.answers == examples[0].answers for e in first)
    assert english_examples(examples, 0.5, 0, cache) == first  # read back, not glossed again
    changed = [Example(e.id, e.question + "？", e.context, e.answers, e.article) for e in examples]
    with pytest.raises(ValueError, match="delete it"):
        english_examples(changed, 0.5, 0, cache)


def _oracle_texts() -> list[str]:
    texts = [
        "会议审议通过了《盘锦市2024年财政预算》，市长汤方栋主持。", "Who chaired the  meeting on 16 April?", "", " ", "  a  b ",
        "\u3000全角空格与ＡＢＣ１２３", "～〜①②ﬁ㋿", "x\u0301e\u0301", "ﾊﾞｽ", "😀 emoji\t\n", "會議審議通過了《條例（草案）》。",
    ]
    from tests.conftest import SHARED

    bench = SHARED / "bench"
    if bench.is_dir():
        from qa.reader.squad import read_examples

        for name in ("cmrc2018_dev.json", "drcd_dev.json", "xquad.en.json"):
            examples = read_examples(bench / name)
            texts += list(dict.fromkeys(e.context for e in examples))[:40] + [e.question for e in examples[:100]]
    return texts


def test_the_readers_tokenizer_matches_the_tokenizers_library_build():
    """Oracle: the plain-Python Unigram tokenizer gives the ids and offsets of the
    ``tokenizers`` build of the same vocabulary (which holds ~220 MB more)."""
    from qa.models import e5_convert
    from qa.reader.read import open_e5_file
    from qa.reader.tokenizer import UnigramTokenizer

    file = open_e5_file()
    ours, reference = UnigramTokenizer.from_e5(file), e5_convert.build_tokenizer(file)
    texts = _oracle_texts()
    for text, a, b in zip(texts, ours.encode_batch(texts), reference.encode_batch(texts, add_special_tokens=False)):
        assert (a.ids, a.offsets) == (b.ids, [tuple(o) for o in b.offsets]), text
    assert ours.token_to_id("<s>") == reference.token_to_id("<s>") and ours.token_to_id("</s>") == reference.token_to_id("</s>")
