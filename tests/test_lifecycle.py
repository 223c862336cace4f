"""Tests of coursekit.lifecycle: one hand-made customer per stage and rule edge,
then a property test against a slow, obviously-correct reference written here."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.lifecycle import STAGES, cohort_retention, lifecycle_stage

FAST = settings(max_examples=60, deadline=None)
AS_OF = "2025-12-31"


def ledger(spec: dict) -> pd.DataFrame:
    """{customer: [dates...]} -> a shipments frame (dates as text, as in the CSV files)."""
    rows = [(cid, day) for cid, days in spec.items() for day in days]
    return pd.DataFrame(rows, columns=["customer_id", "order_date"])


def repeat(day: str, times: int) -> list:
    return [day] * times


# As of 2025-12-31: dormant window Oct-Dec 2025, recent window Jul-Dec 2025,
# previous window Jul-Dec 2024; "new" means a first order after 2024-12-31.
SPEC = {
    # last order 2025-09-30, the day before the dormant window -> 终止期 (September
    # still lies in the recent window: recent 1, previous 0)
    "ended": ["2024-03-01", "2025-09-30"],
    # one order long ago: recent 0 and previous 0, so the ratio is NaN -> 终止期
    "gone": ["2023-03-01"],
    # last order 2025-10-01, the first day of the dormant window -> still active;
    # recent 1 (Oct 2025), previous 1 (Aug 2024), ratio 1.0 -> 成熟期
    "edge_active": ["2023-05-01", "2024-08-01", "2025-10-01"],
    # first order 2025-01-02, after 2024-12-31 -> tenure < 12 months -> 成长期
    "new": ["2025-01-02", "2025-01-03", "2025-11-20"],
    # first order on 2024-12-31 itself -> a full 12 months, not new;
    # recent 1, previous 1 -> 成熟期
    "year_old": ["2024-12-31", "2025-11-01"],
    # previous 5, recent 6 -> ratio exactly 1.2 -> 成长期
    "grow_exact": ["2023-01-01"] + repeat("2024-09-09", 5) + repeat("2025-10-09", 6),
    # previous 5, recent 4 -> ratio exactly 0.8 -> 衰退期
    "decline_exact": ["2023-01-01"] + repeat("2024-09-09", 5) + repeat("2025-11-09", 4),
    # previous 1000, recent 1199 -> 1.199: 成熟期, and the text must not say "1.20"
    "just_below": ["2023-01-01"] + repeat("2024-10-10", 1000) + repeat("2025-10-10", 1199),
    # nothing in Jul-Dec 2024, two orders in Nov 2025 -> ratio infinite -> 成长期
    "comeback": ["2023-01-10", "2025-11-01", "2025-11-02"],
    # window edges: 2024-06-30 is outside the previous window, 2024-07-01 and
    # 2024-12-31 inside -> previous 2; 2025-12-31 (as_of itself) counts, the 2026
    # order is ignored -> recent 1; ratio 0.5 -> 衰退期
    "edges": ["2024-06-30", "2024-07-01", "2024-12-31", "2025-12-31", "2026-01-01"],
}


@pytest.fixture(scope="module")
def stages():
    return lifecycle_stage(ledger(SPEC), as_of=AS_OF).set_index("id")


@pytest.mark.parametrize("customer, stage, recent, previous", [
    ("ended", "终止期", 1, 0),
    ("gone", "终止期", 0, 0),
    ("edge_active", "成熟期", 1, 1),
    ("new", "成长期", 1, 0),
    ("year_old", "成熟期", 1, 1),
    ("grow_exact", "成长期", 6, 5),
    ("decline_exact", "衰退期", 4, 5),
    ("just_below", "成熟期", 1199, 1000),
    ("comeback", "成长期", 2, 0),
    ("edges", "衰退期", 1, 2),
])
def test_one_customer_per_stage(stages, customer, stage, recent, previous):
    row = stages.loc[customer]
    assert (row["stage"], row["recent"], row["previous"]) == (stage, recent, previous)


def test_reasons_explain_the_rule(stages):
    reason = stages["reason"].astype(str)
    assert reason["ended"] == "近3个月没有下单（最后一次下单：2025-09-30）"
    assert reason["new"] == "首次下单在 2025-01-02，距 2025-12-31 不满12个月"
    assert reason["grow_exact"] == "近6个月运单量是去年同期的1.20倍（≥1.2）"
    assert reason["decline_exact"] == "近6个月运单量是去年同期的0.80倍（≤0.8）"
    assert reason["just_below"] == "近6个月运单量是去年同期的1.199倍（介于0.8和1.2之间）"
    assert reason["comeback"] == "去年同期没有运单，近6个月有2单"
    assert reason["edge_active"] == "近6个月运单量是去年同期的1.00倍（介于0.8和1.2之间）"


def test_output_shape_and_types(stages):
    out = lifecycle_stage(ledger(SPEC), as_of=AS_OF)
    assert list(out.columns) == ["id", "stage", "first_order", "last_order", "recent",
                                 "previous", "ratio", "reason"]
    assert out["id"].tolist() == sorted(SPEC)
    assert out["stage"].cat.ordered and list(out["stage"].cat.categories) == list(STAGES)
    assert stages.loc["comeback", "ratio"] == math.inf
    assert stages.loc["ended", "ratio"] == math.inf
    assert np.isnan(stages.loc["gone", "ratio"])
    assert stages.loc["edges", "last_order"] == pd.Timestamp("2025-12-31")
    assert stages.loc["edges", "first_order"] == pd.Timestamp("2024-06-30")


def test_leads_are_prospects():
    leads = pd.DataFrame({"lead_id": ["L4", "L1", "L2", "L3", "L5"],
                          "stage": ["流失", "线索", "洽谈", "成交", "拜访"],
                          "created_date": ["2025-01-01", "2025-02-01", "2025-03-01",
                                           "2025-04-01", "2026-02-01"]})
    out = lifecycle_stage(ledger({"a": ["2025-12-01"]}), leads, as_of=AS_OF)
    # L1 and L2 are open; L3 is won, L4 lost, L5 created after as_of
    assert out["id"].tolist() == ["a", "L1", "L2"]
    assert out["stage"].astype(str).tolist() == ["成长期", "潜在期", "潜在期"]
    assert out["reason"].astype(str).tolist()[1:] == ["线索阶段为“线索”，还没有成交",
                                                      "线索阶段为“洽谈”，还没有成交"]
    assert out["recent"].tolist() == [1, 0, 0]
    assert out["first_order"].isna().tolist() == [False, True, True]


def test_mid_month_as_of_cuts_both_windows_on_the_same_day():
    # as_of 2025-12-15: recent = 2025-07-01..2025-12-15, previous = 2024-07-01..2024-12-15
    spec = {"x": ["2023-01-01", "2024-12-10", "2024-12-20", "2025-12-10", "2025-12-20"]}
    row = lifecycle_stage(ledger(spec), as_of="2025-12-15").iloc[0]
    assert (row["recent"], row["previous"], row["stage"]) == (1, 1, "成熟期")


def test_tenure_counts_from_the_day_twelve_months_before_as_of():
    # as_of 2025-12-15 -> "new" means a first order after 2024-12-15.
    # on_the_day: first order 2024-12-15 is not new; it is also the one order in the
    # previous window (2024-07-01..2024-12-15), so ratio 1/1 -> 成熟期.
    # day_after: first order 2024-12-16 is new -> 成长期, and the reason says so.
    spec = {"on_the_day": ["2024-12-15", "2025-12-01"],
            "day_after": ["2024-12-16", "2025-12-01"]}
    out = lifecycle_stage(ledger(spec), as_of="2025-12-15").set_index("id")
    assert out.loc["on_the_day", "previous"] == 1 and out.loc["day_after", "previous"] == 0
    assert out.loc["on_the_day", "stage"] == "成熟期"
    assert out.loc["day_after", "stage"] == "成长期"
    assert out.loc["day_after", "reason"].startswith("首次下单在 2024-12-16")


def test_custom_rule_parameters():
    spec = {"x": ["2023-01-01"] + repeat("2024-11-01", 10) + repeat("2025-11-01", 11)}
    # ratio 1.1: 成熟期 by default, 成长期 when growth is 1.1
    assert lifecycle_stage(ledger(spec), as_of=AS_OF)["stage"].iloc[0] == "成熟期"
    assert lifecycle_stage(ledger(spec), as_of=AS_OF, growth=1.1)["stage"].iloc[0] == "成长期"
    # only the last month counts as dormant window: last order in November -> 终止期
    assert lifecycle_stage(ledger(spec), as_of=AS_OF,
                           dormant_months=1)["stage"].iloc[0] == "终止期"


def test_input_not_modified():
    data = ledger(SPEC)
    before = data.copy()
    lifecycle_stage(data, as_of=AS_OF)
    pd.testing.assert_frame_equal(data, before)


# ---------------------------------------------------------------------------
# property test against a slow reference
# ---------------------------------------------------------------------------

def reference_stage(days: list, as_of: pd.Timestamp) -> str | None:
    """The CONVENTIONS.md rule, one customer at a time, in plain Python."""
    days = [d for d in days if d <= as_of]
    if not days:
        return None
    month = as_of.year * 12 + as_of.month

    def month_of(d):
        return d.year * 12 + d.month

    if all(month_of(d) < month - 2 for d in days):
        return "终止期"
    year_ago = as_of - pd.DateOffset(years=1)
    recent = sum(month_of(d) >= month - 5 for d in days)
    previous = sum(month - 17 <= month_of(d) <= month - 12 and d <= year_ago for d in days)
    ratio = recent / previous if previous else math.inf
    if min(days) > as_of - pd.DateOffset(months=12) or ratio >= 1.2:
        return "成长期"
    if ratio <= 0.8:
        return "衰退期"
    return "成熟期"


day_numbers = st.integers(0, (pd.Timestamp("2026-01-31") - pd.Timestamp("2023-01-01")).days)


@FAST
@given(st.dictionaries(st.sampled_from([f"c{i}" for i in range(8)]),
                       st.lists(day_numbers, min_size=1, max_size=12), min_size=1),
       st.sampled_from(["2025-12-31", "2025-12-15", "2025-06-30", "2024-02-29", "2025-03-01"]),
       st.randoms(use_true_random=False))
def test_every_customer_exactly_one_stage(spec, as_of, rnd):
    start = pd.Timestamp("2023-01-01")
    days = {c: [start + pd.Timedelta(days=n) for n in ns] for c, ns in spec.items()}
    data = pd.DataFrame([(c, d) for c, ds in days.items() for d in ds],
                        columns=["customer_id", "order_date"])
    stamp = pd.Timestamp(as_of)
    expected = {c: reference_stage(ds, stamp) for c, ds in days.items()}
    expected = {c: s for c, s in expected.items() if s is not None}
    if not expected:
        with pytest.raises(ValueError):
            lifecycle_stage(data, as_of=as_of)
        return
    out = lifecycle_stage(data.sample(frac=1, random_state=rnd.randint(0, 10**6)), as_of=as_of)
    assert out["id"].is_unique
    assert out["stage"].notna().all()
    assert out["reason"].notna().all()
    assert dict(zip(out["id"], out["stage"].astype(str))) == expected


# ---------------------------------------------------------------------------
# cohort retention
# ---------------------------------------------------------------------------

COHORT_TX = pd.DataFrame({
    "customer_id": ["a", "a", "a", "b", "b", "c", "c", "d", "e"],
    "order_date": ["2025-01-03", "2025-01-20", "2025-03-05", "2025-01-09", "2025-02-14",
                   "2025-02-01", "2025-04-30", "2025-03-08", "2025-04-02"],
})


def test_cohort_retention_by_hand():
    table = cohort_retention(COHORT_TX)
    # January cohort {a, b}: Feb b -> 1/2, Mar a -> 1/2, Apr nobody -> 0
    # February cohort {c}: Mar 0, Apr c -> 1, May not observed yet
    # March {d}: Apr 0; April {e}
    assert [str(p) for p in table.index] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert table.columns.tolist() == [0, 1, 2, 3]
    assert table.iloc[0].tolist() == [1.0, 0.5, 0.5, 0.0]
    assert table.iloc[1].tolist()[:3] == [1.0, 0.0, 1.0]
    assert table.isna().sum(axis=1).tolist() == [0, 1, 2, 3]
    counts = cohort_retention(COHORT_TX, counts=True)
    assert counts.iloc[0].tolist() == [2, 1, 1, 0]
    assert counts.iloc[3].isna().tolist() == [False, True, True, True]


def test_cohort_retention_by_quarter_and_year():
    quarter = cohort_retention(COHORT_TX, period="Q")
    # Q1 cohort {a, b, c, d}: in Q2 c and e... e is a Q2 newcomer -> only c -> 1/4
    assert [str(p) for p in quarter.index] == ["2025Q1", "2025Q2"]
    assert quarter.iloc[0].tolist() == [1.0, 0.25]
    year = cohort_retention(COHORT_TX, period="Y", counts=True)
    assert year.iloc[0].tolist() == [5]


@FAST
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.integers(0, 400)), min_size=1,
                max_size=40), st.randoms(use_true_random=False))
def test_cohort_retention_properties(rows, rnd):
    tx = pd.DataFrame({"customer_id": [r[0] for r in rows],
                       "order_date": pd.Timestamp("2025-01-01")
                       + pd.to_timedelta([r[1] for r in rows], "D")})
    table = cohort_retention(tx)
    assert (table[0] == 1.0).all()
    observed = table.stack().dropna()
    assert ((observed >= 0) & (observed <= 1)).all()
    counts = cohort_retention(tx, counts=True)
    assert int(counts[0].sum()) == tx["customer_id"].nunique()
    shuffled = tx.sample(frac=1, random_state=rnd.randint(0, 10**6))
    pd.testing.assert_frame_equal(cohort_retention(shuffled), table)
