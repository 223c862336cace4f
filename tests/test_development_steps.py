"""Tests for the development steps: coursekit.prospecting, qualifying and negotiation (units 2, 3, 5), on small hand-made frames.

Each hand-worked case shows its arithmetic in comments; hypothesis checks the
invariants (scores in range, funnel counts falling, chargeable weight never
below either weight, results independent of row order).
"""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.negotiation import breakeven_volume, chargeable_weight, quote
from coursekit.prospecting import STAGES, channel_summary, funnel
from coursekit.qualifying import GRADES, qualify_leads, screening_ratios

FAST = settings(max_examples=40, deadline=None)


# ---------------------------------------------------------------------------
# qualify_leads
# ---------------------------------------------------------------------------

def make_leads():
    return pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L4"],
        "need_level": ["高", "中", "低", "高"],
        "annual_logistics_spend": [1_200_000.0, 99_999.0, 100_000.0, 300_000.0],
        "decision_authority": ["决策者", "影响者", "使用者", "影响者"],
        "credit_rating": ["AA", "A", "C", "A"],
    })


def test_qualify_leads_hand_worked():
    result = qualify_leads(make_leads())
    # L1: need 100, spend 120万 -> 100, 决策者 100, AA 75
    #     0.3*100 + 0.3*100 + 0.2*100 + 0.2*75 = 95
    # L2: need 60, spend 99,999 (below 10万) -> 20, 影响者 60, A 50
    #     0.3*60 + 0.3*20 + 0.2*60 + 0.2*50 = 18 + 6 + 12 + 10 = 46
    # L3: need 20, spend exactly 10万 -> 40, 使用者 30, C 0
    #     0.3*20 + 0.3*40 + 0.2*30 + 0 = 6 + 12 + 6 = 24
    # L4: need 100, spend exactly 30万 -> 60, 影响者 60, A 50
    #     30 + 18 + 12 + 10 = 70 -> exactly on the 优先跟进 cutoff
    assert result["lead_id"].tolist() == ["L1", "L2", "L3", "L4"]
    assert result["power_points"].tolist() == [100, 20, 40, 60]
    assert result["score"].tolist() == [95.0, 46.0, 24.0, 70.0]
    assert result["grade"].tolist() == ["优先跟进", "持续培育", "暂缓", "优先跟进"]
    assert result.loc[0, "reason"] == "需求高、年物流支出约120万元、联系人是决策者、信用AA"
    assert result.loc[1, "reason"] == "需求中、年物流支出约10万元、联系人是影响者、信用A"
    assert list(result.columns) == ["lead_id", "need_points", "power_points", "authority_points",
                                    "credit_points", "score", "grade", "reason"]


def test_qualify_leads_reason_small_amounts():
    leads = make_leads().assign(annual_logistics_spend=[85_000.0, 6_000.0, 10_000.0, 1e6])
    reasons = qualify_leads(leads)["reason"].tolist()
    assert "约8.5万元" in reasons[0]
    assert "约6000元" in reasons[1]
    assert "约1万元" in reasons[2]
    assert "约100万元" in reasons[3]


def test_qualify_leads_weights_are_normalised_and_merged():
    leads = make_leads()
    default = qualify_leads(leads)["score"]
    # The same proportions on another scale give the same scores.
    scaled = qualify_leads(leads, weights={"need": 3, "power": 3, "authority": 2, "credit": 2})
    assert scaled["score"].tolist() == default.tolist()
    # Only credit given: need/power/authority keep 0.3/0.3/0.2, credit 0 -> divide by 0.8.
    # L1: (30 + 30 + 20 + 0) / 0.8 = 100
    no_credit = qualify_leads(leads, weights={"credit": 0})
    assert no_credit.loc[0, "score"] == 100.0


def test_qualify_leads_custom_bands_and_cutoffs():
    leads = make_leads()
    result = qualify_leads(leads, spend_bands=[(0, 0), (1_000_000, 100)], cutoffs=(90, 20))
    assert result["power_points"].tolist() == [100, 0, 0, 0]
    # L1 score 95 >= 90; L3: 6 + 0 + 6 + 0 = 12 < 20
    assert result.loc[0, "grade"] == "优先跟进"
    assert result.loc[2, "grade"] == "暂缓"


def test_qualify_leads_grade_is_ordered_and_input_untouched():
    leads = make_leads()
    before = leads.copy()
    result = qualify_leads(leads)
    pd.testing.assert_frame_equal(leads, before)
    assert list(result["grade"].cat.categories) == list(GRADES)
    assert result["grade"].cat.ordered


lead_rows = st.lists(
    st.tuples(st.sampled_from(["低", "中", "高"]),
              st.floats(0, 3_000_000, allow_nan=False),
              st.sampled_from(["使用者", "影响者", "决策者"]),
              st.sampled_from(["C", "B", "A", "AA", "AAA"])),
    min_size=1, max_size=12)


@FAST
@given(rows=lead_rows, seed=st.integers(0, 10_000),
       weights=st.fixed_dictionaries({}, optional={
           "need": st.floats(0, 5), "power": st.floats(0, 5),
           "authority": st.floats(0, 5), "credit": st.floats(0.01, 5)}))
def test_qualify_leads_properties(rows, seed, weights):
    leads = pd.DataFrame(rows, columns=["need_level", "annual_logistics_spend",
                                        "decision_authority", "credit_rating"])
    leads.insert(0, "lead_id", [f"L{i}" for i in range(len(leads))])
    result = qualify_leads(leads, weights=weights)
    assert result["score"].between(0, 100).all()
    high = result["score"] >= 70
    assert (result.loc[high, "grade"] == "优先跟进").all()
    assert (result.loc[result["score"] < 45, "grade"] == "暂缓").all()
    shuffled = leads.sample(frac=1, random_state=seed)
    again = qualify_leads(shuffled, weights=weights).set_index("lead_id").loc[result["lead_id"]]
    assert again["score"].tolist() == result["score"].tolist()


# ---------------------------------------------------------------------------
# funnel and channel_summary
# ---------------------------------------------------------------------------

def six_leads():
    # furthest stage: 线索, 合格, 拜访, 洽谈, 成交, 成交
    # reached 线索: all 6; 合格: 5 (all but L1); 拜访: 4; 洽谈: 3; 成交: 2
    return pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
        "channel": ["展会", "展会", "电话", "电话", "电话", "转介绍"],
        "stage": ["线索", "流失", "拜访", "流失", "成交", "成交"],
        "furthest_stage": ["线索", "合格", "拜访", "洽谈", "成交", "成交"],
        "channel_cost": [300.0, 300.0, 50.0, 50.0, 50.0, 0.0],
    })


def test_funnel_six_leads():
    table = funnel(six_leads())
    assert table["stage"].tolist() == list(STAGES)
    assert table["leads"].tolist() == [6, 5, 4, 3, 2]
    # step: 6/6, 5/6, 4/5, 3/4, 2/3
    assert np.allclose(table["step_conversion"], [1, 5 / 6, 4 / 5, 3 / 4, 2 / 3])
    # overall: 6/6, 5/6, 4/6, 3/6, 2/6
    assert np.allclose(table["overall_conversion"], [1, 5 / 6, 4 / 6, 3 / 6, 2 / 6])
    # L2 was lost after 合格, L4 after 洽谈; L1 still open at 线索, L3 at 拜访, L5/L6 won
    assert table["lost"].tolist() == [0, 1, 0, 1, 0]
    assert table["open"].tolist() == [1, 0, 1, 0, 2]
    # total cost 750 元: per lead 750/6 = 125, per won customer 750/2 = 375
    assert table["cost_per_reached"].iloc[0] == 125.0
    assert table["cost_per_reached"].iloc[-1] == 375.0


def test_funnel_by_channel_blocks():
    table = funnel(six_leads(), by="channel")
    assert list(table.columns[:2]) == ["channel", "stage"]
    phone = table[table["channel"] == "电话"]
    # 电话: L3 拜访, L4 洽谈, L5 成交 -> 3, 3, 3, 2, 1
    assert phone["leads"].tolist() == [3, 3, 3, 2, 1]
    # cost 150 元 / 1 won
    assert phone["cost_per_reached"].iloc[-1] == 150.0
    fair = table[table["channel"] == "展会"]
    # 展会: L1 线索, L2 合格 -> 2, 1, 0, 0, 0; 0/0 steps are 0, cost per won is NaN
    assert fair["leads"].tolist() == [2, 1, 0, 0, 0]
    assert fair["step_conversion"].tolist() == [1.0, 0.5, 0.0, 0.0, 0.0]
    assert math.isnan(fair["cost_per_reached"].iloc[-1])
    assert len(table) == 3 * len(STAGES)


def test_funnel_optional_columns():
    leads = six_leads()
    only_furthest = funnel(leads, stage=None, cost=None)
    assert list(only_furthest.columns) == ["stage", "leads", "step_conversion",
                                           "overall_conversion"]
    open_leads = leads[leads["stage"] != "流失"]
    from_stage = funnel(open_leads, furthest=None, cost=None)
    assert from_stage["leads"].tolist() == [4, 3, 3, 2, 2]


def test_channel_summary_hand_worked():
    summary = channel_summary(six_leads())
    assert summary.index.tolist() == sorted(["展会", "电话", "转介绍"])
    phone = summary.loc["电话"]
    # 3 leads, 1 won (L5), 1 lost (L4), 1 open (L3); cost 3*50 = 150
    assert (phone["leads"], phone["won"], phone["lost"], phone["open"]) == (3, 1, 1, 1)
    assert phone["win_rate"] == pytest.approx(1 / 3)
    assert phone["cost_per_lead"] == 50.0
    assert phone["cost_per_won"] == 150.0
    assert math.isnan(summary.loc["展会", "cost_per_won"])
    assert summary.loc["转介绍", "cost_per_won"] == 0.0


lead_stages = st.lists(st.tuples(st.integers(0, 4), st.booleans(),
                                 st.sampled_from(["展会", "电话", "广告"])),
                       min_size=1, max_size=30)


def _leads_from(rows):
    stages, statuses = [], []
    for reach, lost, _ in rows:
        stages.append(STAGES[reach])
        statuses.append("流失" if lost and reach < 4 else STAGES[reach])
    return pd.DataFrame({"lead_id": [f"L{i}" for i in range(len(rows))],
                         "channel": [c for *_, c in rows], "stage": statuses,
                         "furthest_stage": stages, "channel_cost": 10.0})


@FAST
@given(rows=lead_stages, seed=st.integers(0, 10_000))
def test_funnel_properties(rows, seed):
    leads = _leads_from(rows)
    for by in (None, "channel"):
        table = funnel(leads, by=by)
        blocks = [table] if by is None else [g for _, g in table.groupby("channel")]
        for block in blocks:
            counts = block["leads"].to_numpy()
            assert (np.diff(counts) <= 0).all()
            assert block["step_conversion"].between(0, 1).all()
            assert block["overall_conversion"].between(0, 1).all()
            assert block["lost"].sum() + block["open"].sum() == counts[0]
        assert table.loc[table["stage"] == "线索", "leads"].sum() == len(leads)
    shuffled = leads.sample(frac=1, random_state=seed)
    pd.testing.assert_frame_equal(funnel(shuffled, by="channel"), funnel(leads, by="channel"))
    pd.testing.assert_frame_equal(channel_summary(shuffled), channel_summary(leads))


# ---------------------------------------------------------------------------
# screening_ratios
# ---------------------------------------------------------------------------

def two_companies():
    return pd.DataFrame({
        "prospect_id": ["P1", "P2"],
        "current_assets": [300.0, 150.0],       # 万元
        "current_liabilities": [150.0, 100.0],
        "net_profit": [80.0, -10.0],            # P2 made a loss
        "revenue": [1000.0, 500.0],
        "total_assets": [800.0, 400.0],
        "receivable_days": [90.0, 120.0],
        "inventory_days": [30.0, 60.0],
    })


def test_screening_two_companies():
    result = screening_ratios(two_companies())
    # P1: current 300/150 = 2.0, margin 80/1000 = 8%, ROA 80/800 = 10%, 90 days (limit 90)
    # P2: current 150/100 = 1.5 (exactly the limit), margin -10/500 = -2%, ROA -10/400 = -2.5%
    assert result["current_ratio"].tolist() == [2.0, 1.5]
    assert result["net_margin"].tolist() == [0.08, -0.02]
    assert result["roa"].tolist() == [0.1, -0.025]
    assert result["current_ratio_flag"].tolist() == ["通过", "通过"]
    assert result["receivable_days_flag"].tolist() == ["通过", "关注"]
    assert result["verdict"].tolist() == ["通过", "关注"]
    assert result.loc[0, "issues"] == "无"
    assert result.loc[1, "issues"] == ("净利润率 -2.0%（下限 5.0%）；资产回报率 -2.5%（下限 5.0%）；"
                                       "回款周期 120 天（上限 90 天）")


def test_screening_custom_thresholds():
    result = screening_ratios(two_companies(), thresholds={"current_ratio": 2, "net_margin": -0.05,
                                                           "roa": -0.05, "receivable_days": 120})
    # P2 now fails only the stricter current ratio: 1.5 < 2
    assert result["verdict"].tolist() == ["通过", "关注"]
    assert result.loc[1, "issues"] == "流动比率 1.50（下限 2）"


# ---------------------------------------------------------------------------
# chargeable_weight, quote, breakeven_volume
# ---------------------------------------------------------------------------

def test_chargeable_weight_hand_worked():
    # 60 x 50 x 40 = 120,000 cm3; / 6000 = 20 kg > 10 kg actual -> 20 kg (轻泡货)
    assert chargeable_weight(10, 60, 50, 40) == 20.0
    # the same box at 5000: 120,000 / 5000 = 24 kg
    assert chargeable_weight(10, 60, 50, 40, divisor=5000) == 24.0
    # 0.12 m3 = 120,000 cm3 -> 20 kg
    assert chargeable_weight(10, volume_m3=0.12) == pytest.approx(20.0)
    detail = chargeable_weight(pd.Series([10.0, 30.0], index=["a", "b"]), 60, 50, 40, detail=True)
    assert detail.index.tolist() == ["a", "b"]
    assert detail["cargo"].tolist() == ["轻泡货", "重货"]
    assert detail["chargeable_kg"].tolist() == [20.0, 30.0]
    assert isinstance(chargeable_weight(np.int64(5), 10, 10, 10), float)
    # the largest waybill of the course data (an 80 m3 LTL load) is accepted ...
    assert chargeable_weight(1000, volume_m3=80.0) == pytest.approx(80 * 1_000_000 / 6000)
    # ... a 50 x 40 x 30 cm box passed as 60,000 "m3" is not
    with pytest.raises(ValueError, match="立方厘米"):
        chargeable_weight(5, volume_m3=[0.06, 50 * 40 * 30])


@FAST
@given(rows=st.lists(st.tuples(*[st.floats(0.01, 500, allow_nan=False)] * 4),
                     min_size=1, max_size=20),
       divisor=st.sampled_from([5000, 6000, 8000]))
def test_chargeable_weight_properties(rows, divisor):
    w, length, width, height = (pd.Series(col) for col in zip(*rows))
    charge = chargeable_weight(w, length, width, height, divisor=divisor)
    volumetric = length * width * height / divisor
    assert (charge >= w).all()
    assert (charge >= volumetric - 1e-9).all()
    assert np.allclose(charge, np.maximum(w, volumetric))


def test_quote_express_and_discount_tiers():
    result = quote([0.5, 1.0, 1.01, 2.3], monthly_volume=[0, 499, 500, 2000])
    # first 1 kg 12 元, then 3 元 per started kg: 1.01 kg -> 12 + 3 = 15, 2.3 -> 12 + 2*3 = 18
    assert result["billed_kg"].tolist() == [1.0, 1.0, 2.0, 3.0]
    assert result["list_price"].tolist() == [12.0, 12.0, 15.0, 18.0]
    # 499 票/月 below the first tier; 500 -> 5%; 2000 -> 10%
    assert result["discount_rate"].tolist() == [0.0, 0.0, 0.05, 0.10]
    # 15 * 0.95 = 14.25; 18 * 0.9 = 16.2
    assert result["price"].tolist() == [12.0, 12.0, 14.25, 16.2]


def test_quote_ltl_and_custom_table():
    ltl = quote([30, 99.2, 600], rate_table="零担", monthly_volume=5000)
    # 30 kg * 1.6 = 48 -> minimum 60; 99.2 -> billed 100 kg, band 100+: 100 * 1.2 = 120;
    # 600 * 1.0 = 600; 15% off at 5000 票/月
    assert ltl["list_price"].tolist() == [60.0, 120.0, 600.0]
    assert ltl["price"].tolist() == [51.0, 102.0, 510.0]
    own = {"kind": "first_additional", "first_kg": 0.5, "first_price": 8, "extra_per_kg": 2,
           "step_kg": 0.5}
    # 1.2 kg: first 0.5 kg 8 元, extra 0.7 kg -> 1.0 kg billed -> 8 + 2 = 10
    assert quote(1.2, rate_table=own)["list_price"].tolist() == [10.0]


def test_breakeven_volume_hand_worked():
    # now: 1000 * (20 - 14) = 6000 元 a month; 10% off: 20*0.9 - 14 = 4 元 per waybill
    # 6000 / 4 = 1500 waybills: 50% more volume just to stand still
    assert breakeven_volume(1000, price=20, unit_cost=14, discount=0.1) == 1500.0
    assert breakeven_volume(1000, price=20, unit_cost=14, discount=0) == 1000.0


@FAST
@given(v0=st.floats(1, 1e5), price=st.floats(1, 100), cost_share=st.floats(0, 0.9),
       discount=st.floats(0, 0.5))
def test_breakeven_volume_properties(v0, price, cost_share, discount):
    cost = price * cost_share
    if price * (1 - discount) - cost <= 1e-6:
        return
    v1 = breakeven_volume(v0, price, cost, discount)
    assert v1 >= v0 * (1 - 1e-9)
    # profit equal on both sides of the formula
    assert v1 * (price * (1 - discount) - cost) == pytest.approx(v0 * (price - cost))
