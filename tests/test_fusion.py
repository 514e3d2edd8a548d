import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from qa.ranking.fusion import calibrate, minmax, relevance, rrf, top_k, weighted

scores = st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=30)


@given(scores)
def test_minmax_is_in_unit_range_and_order_preserving(xs):
    out = minmax(np.array(xs))
    assert ((out >= 0) & (out <= 1)).all()
    order = np.argsort(xs, kind="stable")
    assert (np.diff(out[order]) >= -1e-6).all()


def test_weighted_sum():
    dense, keyword = np.array([0.9, 0.8, 0.7]), np.array([0.0, 10.0, 5.0])
    np.testing.assert_allclose(weighted(dense, keyword, 0.6), [0.6, 0.3 + 0.4, 0.0 + 0.2], atol=1e-6)
    np.testing.assert_allclose(weighted(dense, np.zeros(3), 1.0), [1.0, 0.5, 0.0], atol=1e-6)


def test_rrf_baseline():
    fused = rrf([[1, 2, 3], [2, 1, 3]], k=60)
    assert fused[1] == fused[2] > fused[3]
    assert abs(fused[3] - 2 / 63) < 1e-12


def test_relevance_needs_both_signals_for_chinese():
    assert relevance(1.0, 0.0) == 0.0  # similar-sounding but none of the key terms
    assert relevance(0.0, 1.0) == 0.0  # key terms but nothing like it semantically
    assert relevance(1.0, 1.0) == 1.0
    assert relevance(0.8, None) == 0.8  # no key terms: the dense side decides


def test_relevance_yes_no_with_a_missing_term_stays_below_half():
    assert relevance(1.0, 0.9, yes_no=True) < 0.5
    assert relevance(1.0, 1.0, yes_no=True) == 1.0


def test_relevance_english_coverage_only_helps():
    assert relevance(0.7, 0.0, absence_counts=False) == 0.7
    assert relevance(0.4, 1.0, absence_counts=False) == 0.7


def test_calibrate():
    assert calibrate(2.0, 3.0, 5.0) == 0.0
    assert calibrate(4.0, 3.0, 5.0) == 0.5
    assert calibrate(9.0, 3.0, 5.0) == 1.0


@given(st.lists(st.floats(min_value=-5, max_value=5, allow_nan=False, width=32), min_size=1, max_size=60), st.integers(1, 70))
def test_top_k_equals_a_full_sort(values, k):
    scores = np.array(values, dtype=np.float32)
    full = np.argsort(-scores, kind="stable")[:k]
    got = top_k(scores, k)
    assert got.tolist() == full.tolist()  # ties broken by position, as a stable sort does
