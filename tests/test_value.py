"""Tests of coursekit.value with the arithmetic written out."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import value as v
from coursekit.value import (DeliveredValue, clv, customer_profitability, delivered_value,
                             historical_clv, retention_projection, word_of_mouth)

FAST = settings(max_examples=60, deadline=None)


# ---------------------------------------------------------------------------
# delivered value
# ---------------------------------------------------------------------------

def test_delivered_value_by_hand():
    # total value 400 + 200 + 150 + 50 = 800; total cost 500 + 60 + 20 + 10 + 10 = 600
    # delivered value 800 - 600 = 200; ratio 800 / 600 = 1.333...
    dv = delivered_value({"product": 400, "service": 200, "personnel": 150, "image": 50},
                         {"money": 500, "time": 60, "search": 20, "convenience": 10,
                          "psychological": 10})
    assert isinstance(dv, DeliveredValue)
    assert (dv.total_value, dv.total_cost, dv.delivered_value) == (800.0, 600.0, 200.0)
    assert dv.ratio == pytest.approx(4 / 3)
    assert dv.breakdown["amount"].sum() == 1400.0
    assert dv.breakdown["part"].tolist() == ["value"] * 4 + ["cost"] * 5
    assert dv.breakdown["item_zh"].tolist()[:4] == ["产品价值", "服务价值", "人员价值", "形象价值"]
    assert dv.summary()["delivered_value"] == 200.0


def test_delivered_value_chinese_keys_missing_items_and_zero_cost():
    dv = delivered_value(pd.Series({"产品价值": 100.0}), {})
    assert dv.total_value == 100.0 and dv.total_cost == 0.0
    assert math.isinf(dv.ratio)
    assert "∞" in repr(dv)
    assert "让渡价值" in dv._repr_html_()


def test_delivered_value_prints_one_name_per_cost_and_accepts_the_other_names():
    # the notebook, the demo and the summary say 精力成本 / 体力成本; the textbook's other
    # names (信息搜寻成本, 便利成本) still work as keys but are never printed
    dv = delivered_value({}, {"信息搜寻成本": 10, "便利成本": 20, "精力成本": 5})
    assert dv.breakdown.set_index("item")["amount"][["search", "convenience"]].tolist() == [5.0, 20.0]
    text = repr(dv)
    assert "精力成本 5，体力成本 20" in text
    assert "信息搜寻" not in text and "便利" not in text and "customer" not in text


def test_delivered_value_can_be_negative():
    dv = delivered_value({"product": 100}, {"money": 150})
    assert dv.delivered_value == -50.0


# ---------------------------------------------------------------------------
# profitability and historical value
# ---------------------------------------------------------------------------

SHIPS = pd.DataFrame({
    "customer_id": ["a", "b", "a", "c", "b", "c"],
    "order_date": ["2024-02-10", "2025-03-01", "2025-11-30", "2025-12-31", "2025-04-01",
                   "2026-01-03"],
    "revenue": [300.0, 100.0, 200.0, 50.0, 100.0, 400.0],
    "cost": [200.0, 90.0, 150.0, 60.0, 95.0, 100.0],
})


def test_customer_profitability_by_hand():
    out = customer_profitability(SHIPS)
    # a: revenue 500, cost 350, profit 150, margin 0.30
    # c: revenue 450, cost 160, profit 290, margin 0.6444
    # b: revenue 200, cost 185, profit 15, margin 0.075
    assert out["customer_id"].tolist() == ["c", "a", "b"]
    assert out["profit"].tolist() == [290.0, 150.0, 15.0]
    assert out["margin"].round(4).tolist() == [0.6444, 0.3, 0.075]
    assert out["waybills"].tolist() == [2, 2, 2]


def test_customer_profitability_zero_revenue_has_no_margin():
    out = customer_profitability(pd.DataFrame({"customer_id": ["x"], "revenue": [0.0],
                                               "cost": [5.0]}))
    assert out["profit"].tolist() == [-5.0]
    assert np.isnan(out["margin"].iloc[0])


def test_historical_clv_by_hand():
    out = historical_clv(SHIPS, as_of="2025-12-31")
    # a: 2024-02-10 .. 2025-11-30, profit 100 + 50 = 150, tenure 690 days
    # c: only the 2025-12-31 order counts (2026 is after as_of): profit -10, tenure 0
    # b: 10 + 5 = 15, first 2025-03-01 -> 305 days
    assert out["customer_id"].tolist() == ["a", "b", "c"]
    assert out["value_to_date"].tolist() == [150.0, 15.0, -10.0]
    assert out["tenure_days"].tolist() == [690, 305, 0]
    assert out["waybills"].tolist() == [2, 2, 1]
    assert out["last_order"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-11-30", "2025-04-01", "2025-12-31"]


# ---------------------------------------------------------------------------
# CLV
# ---------------------------------------------------------------------------

def test_clv_closed_form():
    # m * r / (1 + i - r) = 1000 * 0.8 / (1 + 0.1 - 0.8) = 800 / 0.3 = 2666.67
    assert clv(1000, 0.8, 0.1) == pytest.approx(2666.6667, abs=1e-3)
    # minus an acquisition cost of 500
    assert clv(1000, 0.8, 0.1, acquisition_cost=500) == pytest.approx(2166.6667, abs=1e-3)


def test_clv_finite_term_by_term():
    # t = 1: 1000 * 0.8 / 1.1       = 727.2727
    # t = 2: 1000 * 0.64 / 1.21     = 528.9256
    # t = 3: 1000 * 0.512 / 1.331   = 384.6732
    # sum                           = 1640.8715
    assert clv(1000, 0.8, 0.1, years=3) == pytest.approx(1640.8715, abs=1e-3)
    table = clv(1000, 0.8, 0.1, years=3, detail=True)
    assert table["present_value"].round(4).tolist() == [727.2727, 528.9256, 384.6732]
    assert table["cumulative"].iloc[-1] == pytest.approx(clv(1000, 0.8, 0.1, years=3))
    assert table["survival"].tolist() == pytest.approx([0.8, 0.64, 0.512])


def test_clv_never_lost_customer_is_a_perpetuity():
    # r = 1: m / i = 1000 / 0.1 = 10000
    assert clv(1000, 1.0, 0.1) == pytest.approx(10000.0)
    # and with a horizon, r = 1 and i = 0 is simply m * years
    assert clv(1000, 1.0, 0.0, years=4) == pytest.approx(4000.0)


@FAST
@given(st.floats(1, 10_000), st.floats(0, 0.95), st.floats(0.01, 0.5))
def test_clv_finite_horizon_grows_towards_infinite(margin, retention, discount):
    infinite = clv(margin, retention, discount)
    five = clv(margin, retention, discount, years=5)
    ten = clv(margin, retention, discount, years=10)
    assert five <= ten + 1e-9
    assert ten <= infinite + 1e-6
    assert clv(margin, retention, discount, years=1000) == pytest.approx(infinite, rel=1e-6)


# ---------------------------------------------------------------------------
# retention and word of mouth
# ---------------------------------------------------------------------------

def test_retention_projection_one_third_a_year():
    table = retention_projection(300, churn_rate=1 / 3, years=5)
    # 300 * (2/3)^t: 300, 200, 133.3, 88.9, 59.3, 39.5 -> 13.2% left after 5 years
    assert table["year"].tolist() == [0, 1, 2, 3, 4, 5]
    assert table["customers_left"].round(1).tolist() == [300.0, 200.0, 133.3, 88.9, 59.3, 39.5]
    assert table["retained_share"].iloc[-1] == pytest.approx((2 / 3) ** 5)
    assert table["lost_share"].iloc[-1] == pytest.approx(1 - (2 / 3) ** 5)
    # the default churn is the textbook's one third
    assert retention_projection(300)["customers_left"].iloc[-1] == pytest.approx(39.5, abs=0.05)


def test_word_of_mouth_defaults_come_from_the_sources():
    assert v.TELL_SATISFIED_RANGE == (1, 5)
    assert v.TELL_SATISFIED == 3
    assert v.TELL_DISSATISFIED == 10
    assert v.NEW_CUSTOMER_COST_MULTIPLE == 5
    assert v.GOOD_TO_OFFSET_BAD == 12
    out = word_of_mouth(satisfied=80, dissatisfied=20)
    # 80 * 3 = 240 people hear good news, 20 * 10 = 200 hear bad news
    assert out["people_reached"].tolist() == [240.0, 200.0]
    assert out["group"].tolist() == ["满意客户", "不满意客户"]
    assert word_of_mouth(10, 1, tell_satisfied=5)["people_reached"].tolist() == [50.0, 10.0]


def test_clv_of_a_column_of_margins_is_one_value_per_customer():
    margins = pd.Series([1000.0, -500.0, 0.0], index=["C1", "C2", "C3"])
    out = clv(margins, 0.8, 0.1)
    assert isinstance(out, pd.Series) and list(out.index) == ["C1", "C2", "C3"]
    assert out.tolist() == pytest.approx([clv(1000, 0.8, 0.1), clv(-500, 0.8, 0.1), 0.0])
    five = clv([1000.0, 2000.0], 0.8, 0.1, years=5)
    assert five.tolist() == pytest.approx([clv(1000, 0.8, 0.1, years=5),
                                           clv(2000, 0.8, 0.1, years=5)])


@pytest.mark.parametrize("bad", [pd.DataFrame({"profit": [1.0]}), pd.Series(["a", "b"]),
                                 pd.Series([1.0, float("nan")]), pd.Series([], dtype=float),
                                 "1000"])
def test_clv_of_a_bad_margin_says_what_is_wrong(bad):
    with pytest.raises((TypeError, ValueError), match="margin"):
        clv(bad, 0.8, 0.1)


def test_clv_detail_is_for_one_margin():
    with pytest.raises(ValueError, match="detail"):
        clv([1000.0, 2000.0], 0.8, 0.1, years=3, detail=True)
