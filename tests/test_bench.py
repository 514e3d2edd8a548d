from qa.bench.retrieval import metrics


def test_metrics():
    rankings = [[3, 1, 2], [1, 2, 3], [5, 6, 7, 8, 9, 4], [9]]
    golds = [3, 2, 4, 1]
    m = metrics(rankings, golds)
    assert m["hit@1"] == 0.25
    assert m["hit@5"] == 0.5
    assert abs(m["mrr@10"] - (1 + 0.5 + 1 / 6 + 0) / 4) < 1e-3
