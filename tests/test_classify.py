"""Tests of coursekit.classify: hand-worked cases first, then hypothesis properties."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.classify import (PYRAMID_LABELS, RFM_SEGMENTS, abc_classify, big_customers,
                                customer_status, pareto_summary, rfm_score, rfm_segment,
                                rfm_table, value_pyramid)

FAST = settings(max_examples=60, deadline=None)


def frame(**columns):
    return pd.DataFrame(columns)


# ---------------------------------------------------------------------------
# ABC
# ---------------------------------------------------------------------------

def test_abc_five_customers_by_hand():
    # revenue 500, 250, 120, 80, 50 -> total 1000
    # cumulative share before each: 0, 0.50, 0.75, 0.87, 0.95
    # before < 0.80 -> A (c1, c2, c3: c3 crosses 80% and is still A)
    # 0.87 < 0.95 -> B (c4); 0.95 is not < 0.95 -> C (c5)
    data = frame(customer_id=["c5", "c3", "c1", "c4", "c2"], revenue=[50, 120, 500, 80, 250])
    out = abc_classify(data)
    assert out["customer_id"].tolist() == ["c1", "c2", "c3", "c4", "c5"]
    assert out["abc_class"].astype(str).tolist() == ["A类", "A类", "A类", "B类", "C类"]
    assert out["share"].tolist() == pytest.approx([0.5, 0.25, 0.12, 0.08, 0.05])
    assert out["cum_share"].tolist() == pytest.approx([0.5, 0.75, 0.87, 0.95, 1.0])
    assert out["rank"].tolist() == [1, 2, 3, 4, 5]
    assert list(out.columns) == ["customer_id", "value", "share", "cum_share", "rank",
                                 "abc_class"]


def test_abc_sums_shipments_per_customer_first():
    # a: 30 + 30 + 30 = 90, b: 6, c: 4 -> a alone has 90% and is still A (nothing before it)
    ships = frame(customer_id=["a", "b", "a", "c", "a"], revenue=[30.0, 6.0, 30.0, 4.0, 30.0])
    out = abc_classify(ships)
    assert out["value"].tolist() == [90.0, 6.0, 4.0]
    # before: a 0 -> A; b 0.90 -> B; c 0.96 -> C
    assert out["abc_class"].astype(str).tolist() == ["A类", "B类", "C类"]


def test_abc_ties_broken_by_id_and_ordered_categorical():
    out = abc_classify(frame(customer_id=["z", "m", "a"], revenue=[10, 10, 10]))
    assert out["customer_id"].tolist() == ["a", "m", "z"]
    assert out["abc_class"].cat.ordered
    assert list(out["abc_class"].cat.categories) == ["A类", "B类", "C类"]


def test_abc_custom_names_and_cuts():
    data = frame(client=["x", "y", "z"], profit=[60, 30, 10])
    out = abc_classify(data, value="profit", id="client", cuts=(0.5, 0.7))
    # before: x 0 -> A; y 0.6 is >= 0.5 but < 0.7 -> B; z 0.9 -> C
    assert out["client"].tolist() == ["x", "y", "z"]
    assert out["abc_class"].astype(str).tolist() == ["A类", "B类", "C类"]


def test_abc_exact_boundary_is_not_a():
    # before of the second customer is exactly 0.8 -> B (the rule is "< 0.80")
    out = abc_classify(frame(customer_id=["a", "b", "c"], revenue=[0.8, 0.15, 0.05]))
    assert out["abc_class"].astype(str).tolist() == ["A类", "B类", "C类"]


def test_abc_float_noise_does_not_break_ties():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point; 0.3 on its own is not.
    # The two customers have the same total, so the id decides.
    data = frame(customer_id=["b", "b", "a"], revenue=[0.1, 0.2, 0.3])
    out = abc_classify(data)
    assert out["customer_id"].tolist() == ["a", "b"]
    assert out["value"].tolist() == [0.3, 0.3]


def test_abc_does_not_touch_input():
    data = frame(customer_id=["a", "b"], revenue=[1.0, 2.0])
    before = data.copy()
    abc_classify(data)
    pd.testing.assert_frame_equal(data, before)


def test_pareto_summary_keeps_empty_classes():
    # one customer: it is A; B and C stay as rows with 0 customers
    summary = pareto_summary(abc_classify(frame(customer_id=["a"], revenue=[10.0])))
    assert summary["abc_class"].astype(str).tolist() == ["A类", "B类", "C类"]
    assert summary["customers"].tolist() == [1, 0, 0]
    assert summary["value_share"].tolist() == [1.0, 0.0, 0.0]


def test_pareto_summary_shares():
    data = frame(customer_id=list("abcdefghij"),
                 revenue=[500, 300, 60, 40, 30, 25, 20, 12, 8, 5])
    # total 1000; before: a 0, b .5, c .8 -> B, d .86 B, e .9 B, f .93 B, g .955 C ...
    summary = pareto_summary(abc_classify(data))
    assert summary["customers"].tolist() == [2, 4, 4]
    assert summary["customer_share"].tolist() == pytest.approx([0.2, 0.4, 0.4])
    assert summary["value"].tolist() == pytest.approx([800, 155, 45])
    assert summary["value_share"].tolist() == pytest.approx([0.8, 0.155, 0.045])


values = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=25)


@FAST
@given(values, st.randoms(use_true_random=False))
def test_abc_properties(amounts, rnd):
    if sum(amounts) == 0:
        amounts[0] = 1
    ids = [f"c{i:02d}" for i in range(len(amounts))]
    data = frame(customer_id=ids, revenue=[float(a) for a in amounts])
    out = abc_classify(data)
    assert out["share"].sum() == pytest.approx(1.0)
    assert out["cum_share"].iloc[-1] == pytest.approx(1.0)
    # a higher value never gets a worse class
    codes = out["abc_class"].cat.codes.to_numpy()
    vals = out["value"].to_numpy()
    for i in range(len(vals)):
        for j in range(len(vals)):
            if vals[i] > vals[j]:
                assert codes[i] <= codes[j]
    # row order does not matter
    shuffled = data.sample(frac=1, random_state=rnd.randint(0, 10**6))
    pd.testing.assert_frame_equal(abc_classify(shuffled), out)


@FAST
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.integers(0, 500)), min_size=1,
                max_size=40))
def test_abc_split_rows_equal_summed_rows(rows):
    ships = frame(customer_id=[r[0] for r in rows], revenue=[float(r[1]) for r in rows])
    if ships["revenue"].sum() == 0:
        return
    summed = ships.groupby("customer_id", as_index=False)["revenue"].sum()
    pd.testing.assert_frame_equal(abc_classify(ships), abc_classify(summed))


# ---------------------------------------------------------------------------
# RFM
# ---------------------------------------------------------------------------

LEDGER = frame(
    customer_id=["a", "a", "a", "b", "b", "c", "d", "d"],
    order_date=["2025-12-30", "2025-11-01", "2025-03-01", "2025-10-31", "2024-12-01",
                "2025-01-01", "2025-12-31", "2026-01-02"],
    revenue=[100.0, 200.0, 300.0, 50.0, 950.0, 20.0, 80.0, 999.0])


def test_rfm_table_by_hand():
    rfm = rfm_table(LEDGER, as_of="2025-12-31")
    # a: last 2025-12-30 -> recency 1; 3 orders; 100 + 200 + 300 = 600
    # b: last 2025-10-31 -> 61 days (Nov 30 + Dec 31); 2 orders; 1000
    # c: last 2025-01-01 -> 364 days; 1 order; 20
    # d: the 2026 order is after as_of and ignored -> recency 0 (as_of day counts), 1, 80
    assert rfm["customer_id"].tolist() == ["a", "b", "c", "d"]
    assert rfm["recency"].tolist() == [1, 61, 364, 0]
    assert rfm["frequency"].tolist() == [3, 2, 1, 1]
    assert rfm["monetary"].tolist() == [600.0, 1000.0, 20.0, 80.0]
    assert rfm["last_order"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-12-30", "2025-10-31", "2025-01-01", "2025-12-31"]


def test_rfm_table_window():
    # 90-day window up to 2025-12-31 starts on 2025-10-03 (as_of day is day 90)
    # a: 12-30 and 11-01 inside -> 2, 300; b: 10-31 inside, 2024-12-01 not -> 1, 50
    rfm = rfm_table(LEDGER, as_of="2025-12-31", window_days=90)
    assert rfm["frequency"].tolist() == [2, 1, 0, 1]
    assert rfm["monetary"].tolist() == [300.0, 50.0, 0.0, 80.0]
    # recency still comes from the whole history
    assert rfm["recency"].tolist() == [1, 61, 364, 0]


def test_rfm_table_drops_customers_not_yet_started_and_keeps_time_of_day():
    tx = frame(customer_id=["a", "b"],
               order_date=pd.to_datetime(["2025-06-30 18:45", "2025-07-02 08:00"]),
               revenue=[10.0, 20.0])
    rfm = rfm_table(tx, as_of="2025-06-30")
    assert rfm["customer_id"].tolist() == ["a"]
    assert rfm["recency"].tolist() == [0]


def test_rfm_score_equal_ties_by_hand():
    rfm = frame(customer_id=list("abcdefgh"), recency=[1, 2, 2, 2, 5, 9, 30, 60],
                frequency=[1] * 8, monetary=[10, 20, 30, 40, 50, 60, 70, 80])
    out = rfm_score(rfm, bins=4)
    # monetary, no ties, n = 8, bins = 4: rank k -> 1 + floor(4 * (k - 0.5) / 8)
    # k = 1..8 -> 1, 1, 2, 2, 3, 3, 4, 4
    assert out["m_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    # recency: small is good. Worst-to-best ranks: 60 -> 1, 30 -> 2, 9 -> 3, 5 -> 4,
    # the three 2s share ranks 5-7 (middle 6 -> 1 + floor(4 * 5.5 / 8) = 3), 1 -> rank 8 -> 4
    assert out["r_score"].tolist() == [4, 3, 3, 3, 2, 2, 1, 1]
    # every frequency is equal -> everyone gets the middle score 1 + floor(4 * 4 / 8) = 3
    assert out["f_score"].tolist() == [3] * 8
    assert out["rfm_code"].iloc[0] == "431"


def test_rfm_score_first_gives_equal_groups():
    rfm = frame(customer_id=list("abcdefghij"), recency=[5] * 10, frequency=[1] * 10,
                monetary=[3] * 10)
    out = rfm_score(rfm, bins=5, ties="first")
    # rank 1..10 in table order -> 1 + floor(5 * (rank - 1) / 10) -> two of each score
    assert out["m_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert out["m_score"].value_counts().tolist() == [2] * 5


def test_rfm_score_n_equal_bins_gives_one_to_bins():
    rfm = frame(customer_id=list("abcde"), recency=[50, 40, 30, 20, 10],
                frequency=[1, 2, 3, 4, 5], monetary=[5, 4, 3, 2, 1])
    out = rfm_score(rfm)
    assert out["r_score"].tolist() == [1, 2, 3, 4, 5]
    assert out["f_score"].tolist() == [1, 2, 3, 4, 5]
    assert out["m_score"].tolist() == [5, 4, 3, 2, 1]


def test_rfm_score_wide_bins_code_uses_separator():
    rfm = frame(customer_id=list("ab"), recency=[1, 2], frequency=[1, 2], monetary=[1, 2])
    assert rfm_score(rfm, bins=10)["rfm_code"].tolist() == ["8-3-3", "3-8-8"]


@FAST
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
                min_size=1, max_size=30),
       st.integers(2, 7), st.sampled_from(["equal", "first"]))
def test_rfm_score_properties(rows, bins, ties):
    rfm = frame(customer_id=[f"c{i}" for i in range(len(rows))],
                recency=[r[0] for r in rows], frequency=[r[1] for r in rows],
                monetary=[r[2] for r in rows])
    out = rfm_score(rfm, bins=bins, ties=ties)
    for column, score, better in (("recency", "r_score", -1), ("frequency", "f_score", 1),
                                  ("monetary", "m_score", 1)):
        assert out[score].between(1, bins).all()
        raw = out[column].to_numpy() * better
        sc = out[score].to_numpy()
        for i in range(len(raw)):
            for j in range(len(raw)):
                if raw[i] > raw[j]:
                    assert sc[i] >= sc[j]  # better value, never a worse score
                if ties == "equal" and raw[i] == raw[j]:
                    assert sc[i] == sc[j]  # equal values, equal scores
    if ties == "first":
        sizes = out["m_score"].value_counts()
        assert sizes.max() - sizes.min() <= 1 or len(rows) < bins


def test_rfm_segment_all_eight():
    # means: recency 50, frequency 5, monetary 500
    rfm = frame(customer_id=list("abcdefgh"),
                recency=[10, 10, 90, 90, 10, 10, 90, 90],
                frequency=[9, 1, 9, 1, 9, 1, 9, 1],
                monetary=[900, 900, 900, 900, 100, 100, 100, 100])
    out = rfm_segment(rfm)
    assert out["segment"].astype(str).tolist() == list(RFM_SEGMENTS)
    assert out["r_level"].tolist() == ["高", "高", "低", "低"] * 2
    assert out["m_level"].tolist() == ["高"] * 4 + ["低"] * 4


def test_rfm_segment_equal_to_reference_is_low_and_median():
    rfm = frame(customer_id=list("abc"), recency=[10, 20, 30], frequency=[1, 2, 3],
                monetary=[1, 2, 30])
    out = rfm_segment(rfm, reference="median")
    # medians 20 / 2 / 2: b equals every median -> R, F and M low -> 一般挽留客户
    assert out["segment"].astype(str).tolist() == ["一般发展客户", "一般挽留客户", "重要保持客户"]
    # mean of monetary is 11: only c is high
    assert rfm_segment(rfm)["m_level"].tolist() == ["低", "低", "高"]


def test_rfm_pipeline_from_ledger():
    scored = rfm_score(rfm_table(LEDGER, as_of="2025-12-31"))
    segmented = rfm_segment(scored)
    assert {"r_score", "segment", "recency"} <= set(segmented.columns)
    assert len(segmented) == 4


@FAST
@given(st.lists(st.tuples(st.sampled_from("abcde"), st.integers(0, 60), st.integers(0, 9)),
                min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_rfm_table_ignores_row_order(rows, rnd):
    tx = frame(customer_id=[r[0] for r in rows],
               order_date=pd.Timestamp("2025-11-01") + pd.to_timedelta([r[1] for r in rows], "D"),
               revenue=[float(r[2]) for r in rows])
    out = rfm_table(tx, as_of="2025-12-31")
    shuffled = tx.sample(frac=1, random_state=rnd.randint(0, 10**6))
    pd.testing.assert_frame_equal(rfm_table(shuffled, as_of="2025-12-31"), out)
    assert out["frequency"].sum() == len(tx)


# ---------------------------------------------------------------------------
# value pyramid, big customers, status
# ---------------------------------------------------------------------------

def test_value_pyramid_default_shares_on_twenty():
    # 20 customers: 5% -> 1 platinum, 15% -> 3 gold, 60% -> 12 iron, 20% -> 4 lead
    profit = pd.Series(np.arange(20, 0, -1) * 100.0, index=[f"c{i:02d}" for i in range(20)])
    out = value_pyramid(profit)
    assert out["tier"].astype(str).value_counts().reindex(list(PYRAMID_LABELS)).tolist() == [
        1, 3, 12, 4]
    assert out["customer_id"].iloc[0] == "c00"
    assert out["tier"].cat.ordered


def test_value_pyramid_losses_are_lead_and_frame_input():
    data = frame(customer_id=["a", "b", "c", "d"], profit=[-5.0, 100.0, 50.0, -1.0])
    out = value_pyramid(data, shares=(0.25, 0.25, 0.25, 0.25))
    # ranks: b 100, c 50, d -1, a -5 -> by position platinum, gold, iron, lead;
    # d has a loss, so it becomes lead
    assert out["customer_id"].tolist() == ["b", "c", "d", "a"]
    assert out["tier"].astype(str).tolist() == ["铂金客户", "黄金客户", "铅质客户", "铅质客户"]
    kept = value_pyramid(data, shares=(0.25, 0.25, 0.25, 0.25), loss_is_lead=False)
    assert kept["tier"].astype(str).tolist()[2] == "铁质客户"


def test_big_customers_strictly_more_than_limit():
    ships = frame(customer_id=["a"] * 3 + ["b"] * 2 + ["c"] * 3 + ["d"] * 4,
                  order_date=["2025-01-01"] * 3 + ["2025-02-01"] * 2
                  + ["2025-12-31", "2025-12-31", "2024-12-31"] + ["2025-05-05"] * 4)
    out = big_customers(ships, min_orders=2, year=2025)
    # a 3, b 2 (not more than 2), c 2 in 2025 (one is 2024), d 4
    assert out.values.tolist() == [["d", 4], ["a", 3]]
    assert big_customers(ships, min_orders=10).empty
    assert list(big_customers(ships, min_orders=10).columns) == ["customer_id", "waybills"]


def test_customer_status_rules_and_leads():
    ships = frame(customer_id=["a", "b", "c", "c", "z"],
                  order_date=["2025-01-01", "2024-12-31", "2023-03-01", "2025-06-01",
                              "2026-02-01"])
    leads = frame(lead_id=["L3", "L1", "L2", "L4"], stage=["洽谈", "线索", "成交", "合格"],
                  created_date=["2025-05-01", "2024-01-01", "2024-01-01", "2026-01-10"])
    out = customer_status(ships, leads, as_of="2025-12-31")
    # a: 364 days since last order -> 现在型; b: 365 days -> not within 365 -> 过去型
    # c: last order 2025-06-01 -> 现在型; z: first order after as_of -> left out
    # leads: L1 and L3 are open; L2 is won; L4 is created after as_of
    assert out["id"].tolist() == ["a", "b", "c", "L1", "L3"]
    assert out["time_class"].astype(str).tolist() == ["现在型", "过去型", "现在型", "未来型",
                                                      "未来型"]
    assert out["maturity"].astype(str).tolist() == ["现实客户"] * 3 + ["潜在客户"] * 2
    assert out["days_since_last"].tolist()[:3] == [364, 365, 213]
    assert out["days_since_last"].isna().tolist()[3:] == [True, True]


def test_customer_status_without_leads():
    ships = frame(customer_id=["a"], order_date=["2025-12-01"])
    out = customer_status(ships, as_of="2025-12-31", active_days=10)
    assert out["time_class"].astype(str).tolist() == ["过去型"]
