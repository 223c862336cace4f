"""Tests of coursekit.segments: service tiers, retention bonds, service plan, lifecycle examples."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.classify import value_pyramid
from coursekit.segments import (TIER_LABELS, bond_levels, monthly_waybills, retention_bonds,
                                service_plan, service_tiers, stage_examples)

FAST = settings(max_examples=60, deadline=None)


def profile(**changes) -> pd.DataFrame:
    """Ten customers c0..c9 with falling profit; keyword arguments replace columns."""
    data = pd.DataFrame({
        "customer_id": [f"c{i}" for i in range(10)],
        "profit": [900.0, 500, 300, 200, 150, 120, 100, 80, 30, -40],
        "ratio": [1.0, 0.9, 1.1, 1.5, 0.7, np.inf, 1.0, np.nan, 2.0, 1.3],
        "stage": ["成熟期"] * 8 + ["终止期", "成长期"],
    })
    for column, values in changes.items():
        data[column] = values
    return data


def assert_bilingual(error):
    zh, _, en = str(error.value).partition("\n")
    assert zh and en, str(error.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert en[:1].isascii() and en.split()[0].isalpha()  # an English sentence (labels may be Chinese)


# ---------------------------------------------------------------------------
# service tiers
# ---------------------------------------------------------------------------

def test_service_tiers_by_hand():
    # c8 is in 终止期: set aside as 流失客户, the other 9 are ranked.
    # n = 9; start share p = (k - 1) / 9: rank 1 (p 0) strategic < 0.1, ranks 2-3 (p 0.11, 0.22)
    # key < 0.3; then growth: c3 1.5 yes, c4 0.7 no, c5 inf yes (new), c6 1.0 no, c7 NaN no,
    # c9 1.3 yes although it loses money
    out = service_tiers(profile(), strategic_share=0.1, key_share=0.3)
    assert out["customer_id"].tolist() == ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c9", "c8"]
    assert out["tier"].tolist() == ["战略客户", "重点客户", "重点客户", "潜力客户", "常规客户",
                                    "潜力客户", "常规客户", "常规客户", "潜力客户", "流失客户"]
    assert out["rank"].tolist()[:9] == list(range(1, 10)) and pd.isna(out["rank"].iloc[9])
    assert out["reason"].tolist()[:3] == ["价值排第1名（前10%）", "价值排第2名（前30%）",
                                          "价值排第3名（前30%）"]
    reasons = out.set_index("customer_id")["reason"]
    assert reasons["c4"] == "价值排第5名（不在前30%），增长0.70倍（<1.2）"
    assert reasons["c5"] == "价值排第6名（不在前30%），去年同期没有运单（新客户）"
    assert reasons["c7"] == "价值排第8名（不在前30%），没有增长数据"
    assert reasons["c8"] == "已进入终止期：不参加排名，先做一次流失回访"
    assert reasons["c9"] == "价值排第9名（亏损），增长1.30倍（≥1.2）"
    assert list(out["tier"].cat.categories) == list(TIER_LABELS) and out["tier"].cat.ordered


def test_service_tiers_keeps_columns_sorts_and_leaves_input_alone():
    data = profile().iloc[::-1].reset_index(drop=True)
    before = data.copy()
    out = service_tiers(data, strategic_share=0.1, key_share=0.3)
    pd.testing.assert_frame_equal(data, before)
    assert out["customer_id"].tolist() == [f"c{i}" for i in (0, 1, 2, 3, 4, 5, 6, 7, 9, 8)]
    assert {"profit", "ratio", "stage", "rank", "tier", "reason"} <= set(out.columns)


def test_service_tiers_without_stage_lets_an_ended_customer_grow():
    out = service_tiers(profile().drop(columns="stage"), stage=None, strategic_share=0.1,
                        key_share=0.3)
    assert out.set_index("customer_id").loc["c8", "tier"] == "潜力客户"


def test_a_customer_who_has_left_never_takes_a_top_place():
    # c0 has the highest value but left: the next customer becomes 战略客户
    data = profile(stage=["终止期"] + ["成熟期"] * 9)
    out = service_tiers(data, strategic_share=0.1, key_share=0.3).set_index("customer_id")
    assert out.loc["c0", "tier"] == "流失客户"
    assert out.loc["c1", "tier"] == "战略客户" and out.loc["c1", "rank"] == 1
    plan = service_plan(out.reset_index())
    assert plan.set_index("tier").loc["流失客户", "visits_per_year"] == 0


def test_loss_makers_are_never_strategic_or_key():
    data = profile(profit=[-1.0] * 10, ratio=[1.0] * 10)
    assert set(service_tiers(data)["tier"]) == {"常规客户", "流失客户"}  # c8 has left


def test_equal_values_rank_by_id_and_other_column_names():
    data = pd.DataFrame({"id": ["b", "a", "c"], "value": [5.0, 5.0, 1.0], "growth": [1.0, 1.0, 3.0]})
    out = service_tiers(data, value="value", growth="growth", stage=None, customer="id",
                        strategic_share=0.3, key_share=0.6)
    assert out["id"].tolist() == ["a", "b", "c"]
    assert out["tier"].tolist() == ["战略客户", "重点客户", "潜力客户"]


@FAST
@given(st.lists(st.floats(min_value=0.01, max_value=1e6), min_size=1, max_size=80))
def test_strategic_and_key_match_platinum_and_gold(profits):
    ids = [f"c{i:03d}" for i in range(len(profits))]
    data = pd.DataFrame({"customer_id": ids, "profit": profits, "ratio": 1.0})
    tiers = service_tiers(data, stage=None).set_index("customer_id")["tier"].astype(str)
    pyramid = value_pyramid(data, value="profit").set_index("customer_id")["tier"].astype(str)
    mapping = {"铂金客户": "战略客户", "黄金客户": "重点客户"}
    for customer, level in pyramid.items():
        if level in mapping:
            assert tiers[customer] == mapping[level]
        else:
            assert tiers[customer] not in ("战略客户", "重点客户")


@pytest.mark.parametrize("call, kind, names", [
    (lambda: service_tiers([1, 2]), TypeError, ["profile"]),
    (lambda: service_tiers(pd.DataFrame()), ValueError, ["profile"]),
    (lambda: service_tiers(profile().rename(columns={"profit": "profits"})), ValueError,
     ["profit", "profits"]),
    (lambda: service_tiers(profile().drop(columns="stage")), ValueError, ["stage"]),
    (lambda: service_tiers(profile(profit=["1"] * 10)), TypeError, ["profit"]),
    (lambda: service_tiers(profile(profit=[1.0] * 9 + [np.nan])), ValueError, ["profit"]),
    (lambda: service_tiers(profile(profit=[np.inf] + [1.0] * 9)), ValueError, ["profit"]),
    (lambda: service_tiers(profile(ratio=[-1.0] * 10)), ValueError, ["ratio"]),
    (lambda: service_tiers(profile(customer_id=["c0"] * 10)), ValueError, ["customer_id"]),
    (lambda: service_tiers(profile(), strategic_share=0.3, key_share=0.2), ValueError,
     ["strategic_share", "key_share"]),
    (lambda: service_tiers(profile(), key_share=1.5), ValueError, ["key_share"]),
    (lambda: service_tiers(profile(), growth_min=0), ValueError, ["growth_min"]),
    (lambda: service_tiers(profile(), growth_min="1.2"), TypeError, ["growth_min"]),
])
def test_service_tiers_bad_input_is_explained(call, kind, names):
    with pytest.raises(kind) as error:
        call()
    assert_bilingual(error)
    for name in names:
        assert name in str(error.value)


# ---------------------------------------------------------------------------
# bonds and plan
# ---------------------------------------------------------------------------

def test_bond_levels_are_three_and_a_fresh_copy():
    levels = bond_levels()
    assert levels["bond"].tolist() == ["财务性联系", "社会性联系", "结构性联系"]
    assert levels["column"].tolist() == ["financial", "social", "structural"]
    levels.loc[0, "bond"] = "changed"
    assert bond_levels().loc[0, "bond"] == "财务性联系"


def test_retention_bonds_rule_and_per_customer():
    rule = retention_bonds()
    assert rule["tier"].tolist() == list(TIER_LABELS)
    assert rule["structural"].tolist() == [True, False, False, False, False]
    assert rule["social"].tolist() == [True, True, True, False, False]
    assert rule["financial"].tolist() == [True, True, True, True, False]
    assert rule["bonds"].tolist()[-1] == "无"
    customers = pd.DataFrame({"customer_id": ["a", "b"], "level": ["常规客户", "战略客户"]})
    out = retention_bonds(customers, tier="level")
    assert out["bonds"].tolist() == ["财务", "财务 + 社会 + 结构"]
    assert "financial" not in customers.columns  # the caller's table is not changed
    from_series = retention_bonds(pd.Series(pd.Categorical(["潜力客户"])))
    assert from_series[["tier", "bonds"]].values.tolist() == [["潜力客户", "财务 + 社会"]]


@pytest.mark.parametrize("tiers, kind, names", [
    (pd.Series(["金牌客户"]), ValueError, ["金牌客户", "战略客户"]),
    (pd.Series(["战略客户", None]), ValueError, ["tiers"]),
    (pd.DataFrame({"tiers": ["战略客户"]}), ValueError, ["tier", "tiers"]),
    (["战略客户"], TypeError, ["tiers"]),
])
def test_retention_bonds_bad_input_is_explained(tiers, kind, names):
    with pytest.raises(kind) as error:
        retention_bonds(tiers)
    assert_bilingual(error)
    for name in names:
        assert name in str(error.value)


def test_service_plan_counts_shares_and_visits():
    customers = pd.DataFrame({"tier": ["战略客户", "重点客户", "重点客户", "常规客户"],
                              "profit": [500.0, 300.0, 250.0, -50.0]})
    plan = service_plan(customers)
    assert plan["tier"].tolist() == list(TIER_LABELS)
    assert plan["customers"].tolist() == [1, 2, 0, 1, 0]
    # shares of the total 1000: 500, 550, 0, -50
    assert plan["value_share"].round(3).tolist() == [0.5, 0.55, 0.0, -0.05, 0.0]
    assert plan["visits_per_year"].tolist() == [24, 12, 4, 0, 0]
    assert int((plan["customers"] * plan["visits_per_year"]).sum()) == 24 + 2 * 12
    assert plan["bonds"].tolist() == retention_bonds()["bonds"].tolist()
    assert list(plan.columns[:3]) == ["tier", "customers", "value_share"]


def test_service_plan_without_customers_or_value():
    plain = service_plan()
    assert "customers" not in plain.columns and len(plain) == len(TIER_LABELS) == 5
    counted = service_plan(pd.DataFrame({"tier": ["潜力客户"]}))
    assert "value_share" not in counted.columns
    assert "value_share" not in service_plan(pd.DataFrame({"tier": ["潜力客户"], "profit": [1.0]}),
                                             value=None).columns


@pytest.mark.parametrize("call, kind, names", [
    (lambda: service_plan(pd.Series(["战略客户"])), TypeError, ["tiers"]),
    (lambda: service_plan(pd.DataFrame({"tier": ["战略客户", "常规客户"], "profit": [1.0, -1.0]})),
     ValueError, ["profit"]),
    (lambda: service_plan(pd.DataFrame({"tier": ["战略客户"], "profit": ["1"]})), TypeError,
     ["profit"]),
    (lambda: service_plan(pd.DataFrame({"tier": ["A类"]})), ValueError, ["A类"]),
])
def test_service_plan_bad_input_is_explained(call, kind, names):
    with pytest.raises(kind) as error:
        call()
    assert_bilingual(error)
    for name in names:
        assert name in str(error.value)


# ---------------------------------------------------------------------------
# monthly waybills and lifecycle examples
# ---------------------------------------------------------------------------

def test_monthly_waybills_by_hand_fills_empty_months():
    ships = pd.DataFrame({"customer_id": ["b", "a", "a", "a"],
                          "order_date": ["2024-12-31", "2025-02-01", "2025-02-28", "2024-12-01"]})
    table = monthly_waybills(ships)
    assert [str(m) for m in table.columns] == ["2024-12", "2025-01", "2025-02"]
    assert table.index.tolist() == ["a", "b"]
    assert table.values.tolist() == [[1, 0, 2], [1, 0, 0]]
    assert int(table.to_numpy().sum()) == len(ships)


@pytest.mark.parametrize("ships, kind, names", [
    (pd.DataFrame({"customer_id": ["a"], "order_day": ["2025-01-01"]}), ValueError,
     ["order_date", "order_day"]),
    (pd.DataFrame({"customer_id": ["a"], "order_date": ["yesterday"]}), TypeError,
     ["order_date"]),
    (pd.DataFrame({"customer_id": [None], "order_date": ["2025-01-01"]}), ValueError,
     ["customer_id"]),
])
def test_monthly_waybills_bad_input_is_explained(ships, kind, names):
    with pytest.raises(kind) as error:
        monthly_waybills(ships)
    assert_bilingual(error)
    for name in names:
        assert name in str(error.value)


def test_stage_examples_pick_customers_near_the_median():
    stages = pd.DataFrame({"id": list("abcdefg") + ["L1"],
                           "stage": ["成熟期"] * 4 + ["衰退期"] * 3 + ["潜在期"]})
    monthly = pd.DataFrame({"m": [100, 300, 500, 900, 400, 50, 420]}, index=list("abcdefg"))
    out = stage_examples(stages, monthly, n=2, min_waybills=60)
    # 成熟期 median of 100, 300, 500, 900 is 400: b and c are 100 away, ties by id
    # 衰退期: f (50) is too small; median of 400 and 420 is 410: both 10 away
    assert out[["stage", "id", "waybills"]].values.tolist() == [
        ["成熟期", "b", 300], ["成熟期", "c", 500], ["衰退期", "e", 400], ["衰退期", "g", 420]]
    assert stage_examples(stages, monthly, n=2, start=2, min_waybills=60)["id"].tolist() == ["a", "d"]
    assert stage_examples(stages, monthly, min_waybills=10_000).empty


def test_stage_examples_bad_input_is_explained():
    with pytest.raises(ValueError) as error:
        stage_examples(pd.DataFrame({"customer": ["a"], "stage": ["成熟期"]}),
                       pd.DataFrame({"m": [1]}, index=["a"]))
    assert_bilingual(error)
    with pytest.raises(ValueError) as error:
        stage_examples(pd.DataFrame({"id": ["a"], "stage": ["成熟期"]}),
                       pd.DataFrame({"m": [1]}, index=["a"]), n=0)
    assert "n" in str(error.value)


# ---------------------------------------------------------------------------
# the course data
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def course_tiers():
    import coursekit as ck

    shipments = ck.load_dataset("shipments")
    profit = ck.customer_profitability(shipments[shipments["order_date"].dt.year == 2025])
    stages = ck.lifecycle_stage(shipments, as_of=ck.AS_OF).rename(columns={"id": "customer_id"})
    profile = profit.merge(stages[["customer_id", "stage", "ratio"]], on="customer_id", how="left")
    return service_tiers(profile), value_pyramid(profit)


def test_course_tiers_line_up_with_the_pyramid_of_active_customers(course_tiers):
    tiers, _ = course_tiers
    active = tiers[tiers["tier"] != "流失客户"]
    levels = value_pyramid(active[["customer_id", "profit"]])["tier"].value_counts()
    counts = tiers["tier"].value_counts()
    assert counts["战略客户"] == levels["铂金客户"] and counts["重点客户"] == levels["黄金客户"]
    lost = tiers[tiers["tier"] == "流失客户"]
    assert not lost.empty and (lost["stage"] == "终止期").all()
    assert (active["stage"] != "终止期").all()
    potential = tiers[tiers["tier"] == "潜力客户"]
    assert not potential.empty and (potential["stage"] != "终止期").all()
    assert (potential["ratio"] >= 1.2).all()
    plan = service_plan(tiers)
    assert plan["customers"].sum() == len(tiers)
    assert plan["value_share"].sum() == pytest.approx(1.0)


def test_a_declining_customer_gets_visits_whatever_its_tier():
    from coursekit.segments import DECLINE_VISITS, lifecycle_triggers, service_plan

    triggers = lifecycle_triggers().set_index("stage")
    assert triggers.loc["衰退期", "min_visits_per_year"] == DECLINE_VISITS > 0
    plan = service_plan().set_index("tier")["visits_per_year"]
    assert plan["常规客户"] < DECLINE_VISITS <= plan["重点客户"], \
        "the trigger raises 常规客户 and leaves the visited tiers alone"
