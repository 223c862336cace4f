"""coursekit.stats.rate_interval: the Wilson interval, checked against published values."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coursekit as ck


@pytest.mark.parametrize("wins,n,low,high", [
    # Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (Wilson)
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_published_values(wins, n, low, high):
    row = ck.rate_interval(wins, n).iloc[0]
    assert row["low"] == pytest.approx(low, abs=5e-5)
    assert row["high"] == pytest.approx(high, abs=5e-5)


def test_small_groups_are_flagged_too_few():
    table = ck.rate_interval([2, 40], [9, 120])
    assert table["too_few"].tolist() == [True, False]
    assert (table["high"] - table["low"]).iloc[0] > (table["high"] - table["low"]).iloc[1]


def test_series_are_matched_by_group_name_not_position():
    won = pd.Series({"广告": 5, "转介绍": 30})
    leads = pd.Series({"转介绍": 84, "广告": 300})
    table = ck.rate_interval(won, leads)
    assert table.loc["广告", "rate"] == pytest.approx(5 / 300)
    assert list(table.index) == ["广告", "转介绍"]


@pytest.mark.parametrize("args,kind,words", [
    ((5, 3), ValueError, "successes"),
    ((1, 0), ValueError, "trials"),
    ((0.5, 10), TypeError, "整数"),
    (("5", 10), TypeError, "successes"),
    ((pd.Series({"a": 1}), pd.Series({"b": 2})), ValueError, "标签"),
])
def test_bad_inputs_get_a_bilingual_error(args, kind, words):
    with pytest.raises(kind, match=words):
        ck.rate_interval(*args)


def test_unsupported_confidence_is_refused():
    with pytest.raises(ValueError, match="confidence"):
        ck.rate_interval(1, 10, confidence=0.8)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_interval_contains_the_rate_and_stays_in_0_1(pair):
    wins, n = pair
    row = ck.rate_interval(wins, n).iloc[0]
    assert 0 <= row["low"] <= row["rate"] <= row["high"] <= 1
    assert np.isfinite([row["low"], row["high"]]).all()


# ------------------------------------------------------------ nps_interval

def test_nps_interval_by_hand():
    # n' = 103, p' = 31/103, d' = 11/103: centre 0.19417, half 1.96 * sqrt(0.0035932) = 0.11748
    row = ck.nps_interval(30, 10, 100).iloc[0]
    assert row["nps"] == pytest.approx(20.0)
    assert row["low"] == pytest.approx(7.669, abs=1e-3)
    assert row["high"] == pytest.approx(31.166, abs=1e-3)
    assert not row["too_few"]


def test_nps_interval_small_groups_are_wide_and_flagged():
    table = ck.nps_interval(pd.Series({"小": 5, "大": 50}), pd.Series({"小": 2, "大": 20}),
                            pd.Series({"小": 20, "大": 200}))
    assert table["nps"].tolist() == pytest.approx([15.0, 15.0])
    width = table["high"] - table["low"]
    assert width["小"] > 2 * width["大"]
    assert table["too_few"].tolist() == [True, False]


def test_nps_interval_never_collapses_for_a_group_of_only_promoters():
    row = ck.nps_interval(6, 0, 6).iloc[0]
    assert row["nps"] == 100 and row["high"] == 100 and row["low"] < 60


@pytest.mark.parametrize("args,kind,words", [
    ((5, 6, 10), ValueError, "respondents"),
    ((1, 1, 0), ValueError, "respondents"),
    ((1.5, 1, 10), TypeError, "整数"),
    (("3", 1, 10), TypeError, "promoters"),
    ((pd.Series({"a": 1}), pd.Series({"b": 1}), pd.Series({"a": 5})), ValueError, "标签"),
])
def test_nps_interval_bad_inputs_get_a_bilingual_error(args, kind, words):
    with pytest.raises(kind, match=words):
        ck.nps_interval(*args)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 3000).flatmap(lambda n: st.tuples(
    st.integers(0, n).flatmap(lambda p: st.tuples(st.just(p), st.integers(0, n - p))),
    st.just(n))))
def test_nps_interval_contains_the_score_and_stays_in_range(case):
    (promoters, detractors), n = case
    row = ck.nps_interval(promoters, detractors, n).iloc[0]
    assert -100 <= row["low"] <= row["nps"] <= row["high"] <= 100
