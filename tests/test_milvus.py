"""The Milvus vector store (Milvus Lite here) behind the same interface as FAISS:
the same search results as brute force, and the same answers as FAISS on the seed gold."""
import json

import numpy as np
import pytest

pytest.importorskip("pymilvus", reason="pymilvus / milvus-lite not installed (pip install -r requirements.txt)")

from qa.index import (
    store,  # noqa: E402
    update,
)
from qa.index.milvus import MilvusVectors, StoreError, parse  # noqa: E402
from tests.conftest import ROOT, SHARED  # noqa: E402


def test_search_equals_brute_force(tmp_path):
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    dense = MilvusVectors.build(vectors, f"milvus-lite:{tmp_path / 'v.db'}")
    assert (dense.size, dense.dim) == (300, 16)
    for q in vectors[:10] + 0.1 * rng.normal(size=(10, 16)).astype(np.float32):
        q = q / np.linalg.norm(q)
        brute = vectors @ q
        ids, scores = dense.search(q, 5)
        assert ids.tolist() == np.argsort(-brute)[:5].tolist()
        np.testing.assert_allclose(scores, brute[ids], rtol=1e-4, atol=1e-4)
    some = np.array([0, 7, 299])
    np.testing.assert_allclose(dense.vectors(some), vectors[some], atol=1e-6)


def test_bad_store_values_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="must end in .db"):
        parse("milvus-lite:/tmp/x.txt")
    with pytest.raises(StoreError, match="unknown vector store"):
        parse("elastic://x")


def test_incremental_updates_keep_two_collections(tiny_docs, tmp_path, hash_embedder):
    folder, db = tmp_path / "index", tmp_path / "m.db"
    update.build([tiny_docs], folder, embedder=hash_embedder, progress=False, vector_store=f"milvus-lite:{db}")
    extra = tmp_path / "c.txt"
    extra.write_text("9月9日，市政府召开第6次常务会议，审议通过《某市养老服务条例（草案）》。\n", encoding="utf-8")
    update.add([extra], folder, embedder=hash_embedder, progress=False)
    index, report = update.remove(["b"], folder)
    assert report["embedded_passages"] == 0 and index.dense.kind == "milvus"
    loaded = store.load(folder)
    assert loaded.manifest["vector_store"] == f"milvus-lite:{db}" and set(loaded.documents) == {"a", "c"}
    assert loaded.dense.size == len(loaded.passages)
    names = [n for n in loaded.dense.client.list_collections() if n.startswith("qa_")]
    assert len(names) == 2 and loaded.dense.collection in names  # this build's and the one it replaced
    pointer = json.loads((folder / "vectors.milvus.json").read_text())
    assert pointer["collection"] == loaded.dense.collection


@pytest.mark.integration
def test_same_answers_as_faiss_on_the_seed_gold(seed_index, seed_answerer, real_embedder, real_reader, tmp_path):
    from qa.answering.answer import Answerer
    from qa.index.build import build_index

    gold = SHARED / "eval" / "seed_questions.jsonl"
    questions = [json.loads(line)["question"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()] if gold.exists() else []
    questions += [json.loads(line)["question"] for line in (ROOT / "tests" / "seed_extra_questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    # The Milvus index takes the FAISS index's vectors (nothing re-embedded).
    index, report = build_index([ROOT / "seeds"], real_embedder, progress=False, previous=store.load(seed_index), vector_store=f"milvus-lite:{tmp_path / 'seed.db'}")
    assert report["reused_passages"] == report["passages"]
    store.save(index, tmp_path / "index")
    milvus = Answerer(store.load(tmp_path / "index"), real_embedder, real_reader)
    assert milvus.retriever.index.dense.kind == "milvus"
    for q in questions:
        faiss_search, milvus_search = seed_answerer.retriever.search(q), milvus.retriever.search(q)
        assert [h.passage.id for h in milvus_search.ranking] == [h.passage.id for h in faiss_search.ranking], q
        assert milvus.answer(q).to_json() == seed_answerer.answer(q).to_json(), q
