import json
from pathlib import Path

from qa.index.ingest import decode, find_date, read_documents
from qa.text.clean import clean_text
from tests.conftest import SEED


def _seed_clean() -> str:
    return clean_text(SEED.read_text(encoding="utf-8")).text.replace("□", "")


def test_decodes_real_gbk_gb18030_big5_and_utf16_bytes(tmp_path):
    text = _seed_clean()
    simplified = "会议审议通过了《盘锦市市本级财政资金管理暂行办法》。"
    cases = {"gbk.txt": simplified.encode("gbk"), "gb18030.txt": simplified.encode("gb18030"), "big5.txt": text.encode("big5"), "utf16.txt": text.encode("utf-16")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    docs, problems = read_documents([tmp_path])
    assert not [p for p in problems if p.kind == "skipped"]
    by_id = {d.id: d.text for d in docs}
    assert by_id["gbk"] == by_id["gb18030"] == simplified
    assert by_id["big5"] == by_id["utf16"] == text.strip("\n")
    assert decode(simplified.encode("utf-8")) == simplified


def test_bad_files_are_reported_and_the_rest_indexed(tmp_path):
    (tmp_path / "good.txt").write_text("标题\n4月16日，会议召开。", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    lines = [json.dumps({"id": "x1", "title": "T1", "date": "20230407", "text": "第一篇。"}, ensure_ascii=False), "{broken", json.dumps({"id": "x1", "title": "T2", "date": "", "text": "重复。"}, ensure_ascii=False)]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, problems = read_documents([tmp_path, tmp_path / "missing-folder"])
    assert sorted(d.id for d in docs) == ["good", "x1"]
    reasons = {p.source.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert "binary" in reasons["binary.txt"]
    assert reasons["empty.txt"] == "no text"
    assert reasons["c.jsonl:2"].startswith("bad JSONL line")
    assert "duplicate" in reasons["c.jsonl:3"]
    assert reasons["missing-folder"] == "no such file or folder"
    x1 = next(d for d in docs if d.id == "x1")
    assert (x1.title, x1.date) == ("T1", "2023-04-07")


def test_metadata_from_text():
    docs, _ = read_documents([SEED])
    (doc,) = docs
    assert doc.id == "000_33d619ed770093c8"
    assert doc.title == "市長湯方棟主持召開市政府第20次常務會議"
    assert doc.date == "4月16日"
    assert find_date("2023年4月7日，国务院召开会议") == "2023-04-07"


def test_gzipped_files_are_read_and_a_broken_one_reported(tmp_path):
    import gzip

    rows = [{"id": "n1", "title": "新闻", "date": "20220924", "text": "9月24日，会议审议通过了《某办法》。"}]
    (tmp_path / "news.jsonl.gz").write_bytes(gzip.compress("\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")))
    (tmp_path / "report.2020.txt.gz").write_bytes(gzip.compress("政府工作报告：今年经济平稳运行。".encode("gb18030")))
    (tmp_path / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    docs, problems = read_documents([tmp_path])
    assert sorted(d.id for d in docs) == ["n1", "report.2020"]
    assert next(d for d in docs if d.id == "n1").date == "2022-09-24"
    assert [(Path(p.source).name, p.kind) for p in problems if p.kind == "skipped"] == [("broken.jsonl.gz", "skipped")]
    assert [(Path(p.source).name, p.kind) for p in problems if p.kind != "skipped"] == [("report.2020.txt.gz", "undated")]  # no date in its text


def test_a_50_mb_file_is_reported_and_the_rest_indexed(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    (tmp_path / "huge.txt").write_text(seed * (50_000_000 // len(seed.encode("utf-8")) + 1), encoding="utf-8")
    (tmp_path / "ok.txt").write_text(seed, encoding="utf-8")
    assert (tmp_path / "huge.txt").stat().st_size >= 50_000_000
    docs, problems = read_documents([tmp_path])
    assert [d.id for d in docs] == ["ok"]
    skipped = [p for p in problems if p.kind == "skipped"]
    assert [Path(p.source).name for p in skipped] == ["huge.txt"] and "too long for one document" in skipped[0].reason
