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
