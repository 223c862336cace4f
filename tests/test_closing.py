"""coursekit.closing: win rates by stage, time to close, cost of payment terms."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.closing import payment_terms_cost, stage_win_rates, time_to_close
from coursekit.data import load_dataset


def small_leads():
    return pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
        "channel": ["展会", "展会", "展会", "电话", "电话", "电话"],
        "stage": ["流失", "洽谈", "成交", "流失", "成交", "线索"],
        "furthest_stage": ["合格", "洽谈", "成交", "洽谈", "成交", "线索"],
        "created_date": pd.to_datetime(["2025-01-01"] * 6),
        "negotiation_date": pd.to_datetime([None, "2025-02-01", "2025-02-01", "2025-03-01",
                                            "2025-01-21", None]),
        "won_date": pd.to_datetime([None, None, "2025-03-03", None, "2025-02-10", None]),
    })


# ------------------------------------------------------------------ stage_win_rates

def test_win_rates_count_each_stage_reached():
    rates = stage_win_rates(small_leads())
    assert rates["stage"].astype(str).tolist() == ["线索", "合格", "拜访", "洽谈"]
    assert rates["reached"].tolist() == [6, 5, 4, 4]
    assert rates["won"].tolist() == [2, 2, 2, 2]
    assert rates["lost"].tolist() == [2, 2, 1, 1]
    assert rates["open"].tolist() == [2, 1, 1, 1]
    assert rates["win_rate"].tolist() == pytest.approx([2 / 6, 2 / 5, 2 / 4, 2 / 4])
    assert rates["decided_win_rate"].tolist() == pytest.approx([2 / 4, 2 / 4, 2 / 3, 2 / 3])


def test_win_rates_by_channel_and_empty_stage_is_nan():
    rates = stage_win_rates(small_leads(), by="channel")
    phone = rates[rates["channel"] == "电话"]
    assert phone["reached"].tolist() == [3, 2, 2, 2]
    assert phone["won"].tolist() == [1, 1, 1, 1]
    lone = small_leads().iloc[[5]]                       # one open lead at 线索 only
    lone_rates = stage_win_rates(lone)
    assert lone_rates["reached"].tolist() == [1, 0, 0, 0]
    assert np.isnan(lone_rates["win_rate"].iloc[1])
    assert np.isnan(lone_rates["decided_win_rate"].iloc[0])   # nothing decided yet


def test_win_rates_agree_with_the_funnel_on_the_dataset():
    import coursekit as ck

    leads = load_dataset("leads")
    rates = stage_win_rates(leads)
    funnel = ck.funnel(leads)
    won = int(funnel.loc[funnel["stage"] == "成交", "leads"].iloc[0])
    assert rates["won"].eq(won).all()
    assert rates["reached"].tolist() == funnel["leads"].tolist()[:4]
    assert rates["win_rate"].is_monotonic_increasing


def test_win_rates_do_not_change_the_input():
    leads = small_leads()
    before = leads.copy()
    stage_win_rates(leads, by="channel")
    pd.testing.assert_frame_equal(leads, before)


@pytest.mark.parametrize("change, message", [
    (lambda d: d.drop(columns="furthest_stage"), "furthest_stage"),
    (lambda d: d.assign(stage=["流失", "谈判", "成交", "流失", "成交", "线索"]), "不认识"),
    (lambda d: d.assign(stage=["流失", "拜访", "成交", "流失", "成交", "线索"]), "不一致"),
])
def test_win_rates_reject_bad_leads(change, message):
    with pytest.raises(ValueError, match=message):
        stage_win_rates(change(small_leads()))


def test_win_rates_reject_non_frames_and_missing_args():
    with pytest.raises(TypeError, match="DataFrame"):
        stage_win_rates([1, 2, 3])
    with pytest.raises(TypeError, match="stage"):
        stage_win_rates(small_leads(), stage=None)
    with pytest.raises(ValueError, match="chanel|channel"):
        stage_win_rates(small_leads(), by="chanel")


# ------------------------------------------------------------------ time_to_close

def test_time_to_close_from_created_and_from_negotiation():
    overall = time_to_close(small_leads())
    assert overall.index.tolist() == ["全部"]
    assert overall["won"].iloc[0] == 2
    assert overall["median_days"].iloc[0] == pytest.approx((61 + 40) / 2)
    talks = time_to_close(small_leads(), start="negotiation_date")
    assert talks["mean_days"].iloc[0] == pytest.approx((30 + 20) / 2)


def test_time_to_close_by_channel_and_p90():
    by = time_to_close(small_leads(), by="channel")
    assert by.index.tolist() == ["展会", "电话"]
    assert by["median_days"].tolist() == [61, 40]
    days = pd.Series(range(1, 11), dtype=float)
    leads = pd.DataFrame({"created_date": pd.Timestamp("2025-01-01"),
                          "won_date": pd.Timestamp("2025-01-01") + pd.to_timedelta(days, unit="D")})
    assert time_to_close(leads)["p90_days"].iloc[0] == pytest.approx(days.quantile(0.9))


def test_time_to_close_on_the_dataset_is_plausible():
    leads = load_dataset("leads")
    whole = time_to_close(leads)
    talks = time_to_close(leads, start="negotiation_date")
    assert whole["won"].iloc[0] == (leads["stage"] == "成交").sum()
    assert talks["median_days"].iloc[0] < whole["median_days"].iloc[0]
    assert (time_to_close(leads, by="channel")["min_days"] >= 0).all()


def test_time_to_close_rejects_bad_dates():
    leads = small_leads()
    backwards = leads.assign(won_date=pd.to_datetime([None, None, "2024-12-01", None, None, None]))
    with pytest.raises(ValueError, match="早于"):
        time_to_close(backwards)
    no_start = leads.assign(negotiation_date=pd.NaT)
    with pytest.raises(ValueError, match="起算日期"):
        time_to_close(no_start, start="negotiation_date")
    nobody = leads.assign(won_date=pd.NaT)
    with pytest.raises(ValueError, match="没有一条成交"):
        time_to_close(nobody)
    with pytest.raises(TypeError, match="日期"):
        time_to_close(leads.assign(won_date=["x"] * 6))
    with pytest.raises(ValueError, match="won_date"):
        time_to_close(leads, end="won_dat")


# ------------------------------------------------------------------ payment_terms_cost

def test_payment_terms_cost_formula():
    assert payment_terms_cost(1_000_000, 60, 0.06) == pytest.approx(1_000_000 * 0.06 * 60 / 365)
    assert payment_terms_cost(1_000_000, 0, 0.06) == 0.0
    assert payment_terms_cost(360_000, 30, 0.05, year_days=360) == pytest.approx(1500)


def test_payment_terms_cost_keeps_the_series_index():
    revenue = pd.Series([100_000.0, 0.0], index=["C1", "C2"])
    cost = payment_terms_cost(revenue, pd.Series([45, 90], index=["C1", "C2"]), 0.1)
    assert cost.name == "financing_cost" and cost.index.tolist() == ["C1", "C2"]
    assert cost.tolist() == pytest.approx([100_000 * 0.1 * 45 / 365, 0.0])
    assert payment_terms_cost([100, 200], 365, 0.1).tolist() == pytest.approx([10, 20])


@pytest.mark.parametrize("args, kind, message", [
    ((100, 30, 6), ValueError, "annual_rate"),
    ((100, 30, "6%"), TypeError, "annual_rate"),
    ((-1, 30, 0.06), ValueError, "revenue"),
    ((100, [30, -5], 0.06), ValueError, "负数"),
    (([1, 2, 3], [30, 60], 0.06), ValueError, "长度"),
    (([1.0, None], 30, 0.06), ValueError, "空值"),
    ((["1", "2"], 30, 0.06), TypeError, "数字"),
    (([], 30, 0.06), ValueError, "空的"),
])
def test_payment_terms_cost_rejects_bad_input(args, kind, message):
    with pytest.raises(kind, match=message):
        payment_terms_cost(*args)


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 1e8), st.integers(0, 365), st.floats(0, 1))
def test_payment_terms_cost_is_a_discount_of_rate_times_days(revenue, days, rate):
    cost = payment_terms_cost(revenue, days, rate)
    assert cost >= 0
    assert cost == pytest.approx(revenue * rate * days / 365, rel=1e-9, abs=1e-9)
