"""A running answerer picks up a rebuilt index, and keeps the old one when the new is damaged."""
import time

from qa.answering.answer import Answerer
from qa.index import store, update
from qa.web.live import LiveAnswerer


def test_picks_up_a_rebuilt_index(tiny_index, hash_embedder, tmp_path):
    live = LiveAnswerer(Answerer(store.load(tiny_index), hash_embedder), tiny_index, interval=0)
    first = live.current()
    assert live.current() is first  # nothing changed: same answerer, no reload
    assert live.reloads == 0
    extra = tmp_path / "c.txt"
    extra.write_text("9月9日，市政府召开第6次常务会议，审议通过《某市养老服务条例（草案）》。\n", encoding="utf-8")
    update.add([extra], tiny_index, embedder=hash_embedder, progress=False)
    live.check(wait=True)
    assert live.reloads == 1 and live.current() is not first
    assert "c" in live.current().retriever.index.documents
    assert "c" not in first.retriever.index.documents  # requests in flight keep theirs


def test_keeps_serving_when_the_new_index_is_damaged(tiny_index, hash_embedder):
    live = LiveAnswerer(Answerer(store.load(tiny_index), hash_embedder), tiny_index, interval=0)
    before = live.current()
    (tiny_index / "vectors.faiss").write_bytes(b"truncated")
    time.sleep(0.01)
    (tiny_index / store.MANIFEST).write_text((tiny_index / store.MANIFEST).read_text())  # a new manifest
    live.check(wait=True)
    assert live.current() is before and live.reloads == 0
    assert live.current().answer("谁主持了会议？").citations


def test_checks_at_most_every_interval(tiny_index, hash_embedder):
    live = LiveAnswerer(Answerer(store.load(tiny_index), hash_embedder), tiny_index, interval=3600)
    update.remove(["b"], tiny_index)
    assert "b" in live.current().retriever.index.documents  # not looked at yet
    live.check(wait=True)
    assert "b" not in live.current().retriever.index.documents


def test_a_reader_attached_after_start_serves_later_indexes_too(tiny_index, hash_embedder, tmp_path):
    live = LiveAnswerer(Answerer(store.load(tiny_index), hash_embedder), tiny_index, interval=0)
    assert live.current().reader is None
    class NoSpans:  # a stand-in reader that finds nothing
        def read(self, questions, passages):
            return []

    marker = NoSpans()
    live.set_reader(marker)
    assert live.current().reader is marker
    extra = tmp_path / "extra.txt"
    extra.write_text("市长张三主持召开第6次常务会议\n会议研究了防汛工作。\n", encoding="utf-8")
    update.add([extra], tiny_index, embedder=hash_embedder, progress=False)
    live.check(wait=True)
    assert live.reloads == 1 and live.current().reader is marker
