from qa.bench.retrieval import metrics


def test_metrics():
    rankings = [[3, 1, 2], [1, 2, 3], [5, 6, 7, 8, 9, 4], [9]]
    golds = [3, 2, 4, 1]
    m = metrics(rankings, golds)
    assert m["hit@1"] == 0.25
    assert m["hit@5"] == 0.5
    assert abs(m["mrr@10"] - (1 + 0.5 + 1 / 6 + 0) / 4) < 1e-3


def test_gpu_pack_reads_each_text_of_a_squad_file_whatever_key_comes_first(tmp_path):
    """CMRC and DRCD files open with "version": they were once read as one raw text, and
    a question's first word (▁雖然) then kept no row in the carried model."""
    import gzip
    import json

    from qa.bench.gpu_pack import texts_of

    squad = {"version": "1.3", "data": [{"title": "t", "paragraphs": [{"context": "他來了。", "qas": [{"question": "雖然他來了嗎？", "answers": []}]}]}]}
    path = tmp_path / "drcd.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(squad, f, ensure_ascii=False)
    assert list(texts_of(path)) == ["他來了。", "雖然他來了嗎？"]
    glosses = tmp_path / "glosses.json.gz"
    with gzip.open(glosses, "wt", encoding="utf-8") as f:
        json.dump({"0": ["哪一年？", "Which year?"]}, f, ensure_ascii=False)
    assert list(texts_of(glosses)) == ["哪一年？", "Which year?"]
    plain = tmp_path / "notes.txt"
    plain.write_text("a b", encoding="utf-8")
    assert list(texts_of(plain)) == ["a b"]
