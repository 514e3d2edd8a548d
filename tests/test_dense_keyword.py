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



def test_a_question_naming_a_documents_subject_prefers_that_document(hash_embedder, monkeypatch):
    """The title side: of two documents saying the same thing, the one whose title the
    question names ranks first (without the title side the tie goes to the first indexed)."""
    from qa.index.build import index_documents
    from qa.ranking import retrieve
    from qa.records import Document

    same = "本鱼分布于各大洋。体长可达80公分。"
    docs = [
        Document("near", "异齿前肛鳗", "", "near.txt", same),
        Document("own", "前肛鳗", "", "own.txt", same),
        Document("other", "短䲟", "", "other.txt", "本鱼分布于温暖的海域。"),
    ]
    index, _ = index_documents(docs, hash_embedder, progress=False)
    question = "前肛鳗的体长是多少？"
    assert retrieve.Retriever(index, hash_embedder).search(question).ranking[0].passage.doc == "own"
    monkeypatch.setattr(retrieve, "TITLE_SHARE", {"zh": 0.0, "en": 0.0})
    assert retrieve.Retriever(index, hash_embedder).search(question).ranking[0].passage.doc == "near"


def test_title_terms_and_named_share():
    from qa.ranking.fusion import named_share
    from qa.text.tokenize import title_terms

    assert title_terms("前肛鳗") == {"前肛", "肛鳗"}
    assert title_terms("Super Bowl 50") == {"super", "bowl", "50"}
    assert title_terms("䲟") == {"䲟"}
    asked = set(title_terms("前肛鳗的体长是多少？"))
    assert named_share(title_terms("前肛鳗"), asked) == 1.0
    assert named_share(title_terms("异齿前肛鳗"), asked) == 0.5
    assert named_share(title_terms(""), asked) == 0.0
