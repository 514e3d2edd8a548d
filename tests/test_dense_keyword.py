"""Oracle tests: FAISS against numpy brute force, bm25s against a direct BM25 formula."""
import math

import numpy as np

from qa.index.dense import DenseIndex
from qa.index.keyword import KeywordIndex
from qa.text.tokenize import char_ngrams


def test_faiss_equals_brute_force(tmp_path):
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(257, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex.build(vectors)
    index.save(tmp_path / "v.faiss")
    loaded = DenseIndex.load(tmp_path / "v.faiss")
    for q in vectors[:20] + 0.1 * rng.normal(size=(20, 32)).astype(np.float32):
        q = q / np.linalg.norm(q)
        brute = vectors @ q
        for k in (1, 7, 300):
            ids, scores = loaded.search(q, k)
            expected = np.argsort(-brute, kind="stable")[: min(k, 257)]
            np.testing.assert_allclose(scores, brute[expected], rtol=1e-5, atol=1e-5)
            assert set(ids[:-1]) <= set(np.argsort(-brute)[: len(ids) + 1])
        some = np.array([3, 100, 256])
        np.testing.assert_allclose(loaded.scores_for(q, some), brute[some], rtol=1e-5, atol=1e-5)


def bm25_reference(corpus: list[list[str]], query: list[str], k1=1.5, b=0.75) -> np.ndarray:
    """Lucene BM25 written out term by term (bm25s's default method)."""
    n = len(corpus)
    avg = sum(map(len, corpus)) / n
    scores = np.zeros(n)
    for term in query:
        df = sum(term in doc for doc in corpus)
        if df == 0:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for i, doc in enumerate(corpus):
            tf = doc.count(term)
            if tf:
                scores[i] += idf * tf / (tf + k1 * (1 - b + b * len(doc) / avg))
    return scores


def test_bm25_equals_reference(tmp_path):
    texts = ["会议审议通过了财政资金管理办法", "要强化预算约束", "财政资金要发挥杠杆作用，财政", "市领导参加会议", "防汛工作会议"]
    corpus = [char_ngrams(t) for t in texts]
    index = KeywordIndex.build(corpus)
    index.save(tmp_path / "bm25")
    loaded = KeywordIndex.load(tmp_path / "bm25")
    for question in ["财政资金", "会议", "预算约束作用", "没有的词"]:
        query = list(dict.fromkeys(char_ngrams(question)))
        np.testing.assert_allclose(loaded.scores(query), bm25_reference(corpus, query), rtol=1e-4, atol=1e-5)


def test_each_index_kind_against_brute_force(tmp_path):
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(2000, 24)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[:30] + 0.2 * rng.normal(size=(30, 24)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    for kind, min_top1 in (("flat", 1.0), ("fp16", 1.0), ("hnsw", 0.9)):
        index = DenseIndex.build(vectors, kind)
        index.save(tmp_path / f"{kind}.faiss")
        loaded = DenseIndex.load(tmp_path / f"{kind}.faiss")
        assert loaded.kind == kind and loaded.size == 2000
        top1 = np.mean([loaded.search(q, 5)[0][0] == np.argmax(vectors @ q) for q in queries])
        assert top1 >= min_top1, (kind, top1)
        np.testing.assert_allclose(loaded.vectors(np.array([0, 1999])), vectors[[0, 1999]], atol=1e-3)
    assert DenseIndex.build(vectors[:10]).kind == "flat"
