"""Incremental updates: only new or changed text is embedded; the result equals a full build."""
import json

import numpy as np
import pytest

from qa.errors import IndexBusy, NoDocuments, UnknownDocument
from qa.index import store, update
from qa.index.build import Changes, plan_changes
from qa.records import Document


class CountingEmbedder:
    """The hash embedder, counting the passages it is asked to embed."""

    def __init__(self, inner):
        self.inner, self.dim, self.model_id, self.z_levels = inner, inner.dim, inner.model_id, inner.z_levels
        self.embedded: list[str] = []

    def encode_query(self, texts):
        return self.inner.encode_query(texts)

    def encode_document(self, texts):
        self.embedded.extend(texts)
        return self.inner.encode_document(texts)


def doc(i, text, title="", date=""):
    return Document(i, title, date, f"{i}.txt", text)


def test_plan_changes_is_a_pure_comparison():
    old = {"a": doc("a", "甲"), "b": doc("b", "乙"), "c": doc("c", "丙")}
    new = [doc("a", "甲"), doc("b", "乙乙"), doc("d", "丁")]
    assert plan_changes(old, new) == Changes(("d",), ("b",), ("c",), 1)
    assert plan_changes(old, [doc("a", "甲", title="新标题")]).changed == ("a",)
    moved = Document("a", "", "", "elsewhere/a.txt", "甲")  # only the path differs
    assert plan_changes(old, [moved]).unchanged == 1
    assert Changes(("x",), (), ("y", "z"), 19872).summary() == "1 added, 0 changed, 2 removed, 19,872 unchanged"


def _state(folder):
    index = store.load(folder)
    return [(p.doc, p.paragraph, p.start, p.end, p.text) for p in index.passages], index.dense.vectors(np.arange(index.dense.size))


def test_build_again_embeds_only_what_changed(tiny_docs, tmp_path, hash_embedder):
    folder = tmp_path / "index"
    counter = CountingEmbedder(hash_embedder)
    _, first, _ = update.build([tiny_docs], folder, embedder=counter, progress=False)
    assert first["changes"]["added"] == ["a", "b"] and first["embedded_passages"] == first["passages"]

    counter.embedded.clear()
    _, again, _ = update.build([tiny_docs], folder, embedder=counter, progress=False)
    assert again["changes"] == {"added": [], "changed": [], "removed": [], "unchanged": 2}
    assert counter.embedded == [] and again["reused_passages"] == again["passages"]

    # One sentence of b.md edited, c.txt new: only their new sentences are embedded.
    b = tiny_docs / "b.md"
    b.write_text(b.read_text(encoding="utf-8").replace("加强巡查", "加强二十四小时巡查"), encoding="utf-8")
    (tiny_docs / "c.txt").write_text("会议研究了老旧小区改造工作。会议指出，要把好事办好。\n", encoding="utf-8")
    counter.embedded.clear()
    _, third, _ = update.build([tiny_docs], folder, embedder=counter, progress=False)
    assert third["changes"] == {"added": ["c"], "changed": ["b"], "removed": [], "unchanged": 1}
    assert any("二十四小时" in t for t in counter.embedded)
    assert not any("审议通过" in t for t in counter.embedded)  # a.txt untouched
    assert 0 < third["embedded_passages"] < third["passages"]

    # The same documents built from nothing give the same passages and vectors.
    fresh = tmp_path / "fresh"
    update.build([tiny_docs], fresh, embedder=hash_embedder, progress=False)
    (p1, v1), (p2, v2) = _state(folder), _state(fresh)
    assert p1 == p2 and np.allclose(v1, v2)


def test_add_and_remove(tiny_docs, tmp_path, hash_embedder):
    folder = tmp_path / "index"
    update.build([tiny_docs], folder, embedder=hash_embedder, progress=False)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "c.txt").write_text("9月9日，市政府召开第6次常务会议，审议通过《某市养老服务条例（草案）》。\n", encoding="utf-8")
    (extra / "a.txt").write_text("3月2日，市长张三主持召开市政府第5次常务会议，审议通过《某市财政资金管理办法》。\n", encoding="utf-8")
    counter = CountingEmbedder(hash_embedder)
    index, report = update.add([extra], folder, embedder=counter, progress=False)
    assert report["changes"] == {"added": ["c"], "changed": ["a"], "removed": [], "unchanged": 1}
    assert set(index.documents) == {"a", "b", "c"}
    assert "养老服务条例" in store.load(folder).documents["c"].text
    assert all("防汛" not in t for t in counter.embedded)  # b untouched

    index, report = update.remove(["a"], folder)
    assert report["changes"]["removed"] == ["a"] and report["embedded_passages"] == 0
    loaded = store.load(folder)
    assert set(loaded.documents) == {"b", "c"} and all(p.doc != "a" for p in loaded.passages)
    assert [p.id for p in loaded.passages] == list(range(len(loaded.passages)))

    before = (folder / "manifest.json").read_bytes()
    with pytest.raises(UnknownDocument, match="'zzz'"):
        update.remove(["b", "zzz"], folder)
    with pytest.raises(NoDocuments):
        update.remove(["b", "c"], folder)
    assert (folder / "manifest.json").read_bytes() == before  # nothing changed


def test_a_second_writer_is_refused(tiny_index):
    with store.writing(tiny_index):
        with pytest.raises(IndexBusy, match="another build"):
            update.remove(["a"], tiny_index)
    update.remove(["a"], tiny_index)  # free again
    assert set(store.load(tiny_index).documents) == {"b"}


def test_another_model_means_a_full_rebuild(tiny_docs, tmp_path, hash_embedder):
    from tests.fakes import HashEmbedder

    folder = tmp_path / "index"
    update.build([tiny_docs], folder, embedder=hash_embedder, progress=False)
    _, report, _ = update.build([tiny_docs], folder, embedder=HashEmbedder(32), progress=False)
    assert report["reused_passages"] == 0 and report["changes"]["added"] == ["a", "b"]
    assert json.loads((folder / "manifest.json").read_text())["model"]["dim"] == 32
