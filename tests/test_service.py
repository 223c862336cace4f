"""Tests for coursekit.service.service_kpis on hand-made waybill tables."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.service import service_kpis

FAST = settings(max_examples=40, deadline=None)


def four_waybills():
    #        on_time complete damaged lost  docs   -> perfect?
    # W1     T       T        F       F     T         yes
    # W2     T       T        T       F     T         no (damaged)
    # W3     T       F        F       F     F         no (short, documents wrong)
    # W4     F       F        F       T     T         no (lost)
    return pd.DataFrame({
        "waybill_id": ["W1", "W2", "W3", "W4"],
        "service": ["快递", "快递", "零担", "零担"],
        "order_date": ["2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"],
        "delivered_date": ["2025-02-01", "2025-02-03", "2025-02-06", None],
        "on_time": [True, True, True, False],
        "complete": [True, True, False, False],
        "damaged": [False, True, False, False],
        "lost": [False, False, False, True],
        "documents_correct": [True, True, False, True],
    })


def test_four_waybills_overall():
    kpis = service_kpis(four_waybills())
    assert kpis.index.tolist() == ["全部"]
    row = kpis.loc["全部"]
    assert row["waybills"] == 4
    assert row["on_time_rate"] == 0.75            # 3/4
    assert row["complete_rate"] == 0.5            # 2/4
    assert row["damage_free_rate"] == 0.5         # W1, W3 (W2 damaged, W4 lost)
    assert row["loss_rate"] == 0.25               # 1/4
    assert row["documents_correct_rate"] == 0.75  # 3/4
    # APQC product: 0.75 * 0.5 * 0.5 * 0.75 = 0.140625; per waybill only W1 is perfect: 1/4
    assert row["perfect_order_rate"] == pytest.approx(0.140625)
    assert row["perfect_share"] == 0.25
    # cycle days: W1 2, W2 3, W3 5 (W4 lost, left out): mean 10/3, median 3,
    # p90 by linear interpolation at position 0.9 * 2 = 1.8: 3 + 0.8 * (5 - 3) = 4.6
    assert row["cycle_days_mean"] == pytest.approx(10 / 3)
    assert row["cycle_days_median"] == 3.0
    assert row["cycle_days_p90"] == pytest.approx(4.6)


def test_by_service_and_month():
    by_service = service_kpis(four_waybills(), by="service")
    assert by_service.index.tolist() == ["快递", "零担"]
    assert by_service["on_time_rate"].tolist() == [1.0, 0.5]
    assert by_service["waybills"].tolist() == [2, 2]
    by_month = service_kpis(four_waybills(), by="month")
    # order dates: two in January, two in February
    assert by_month.index.tolist() == ["2025-01", "2025-02"]
    assert by_month["perfect_share"].tolist() == [0.5, 0.0]
    both = service_kpis(four_waybills(), by=["service", "month"])
    assert both.index.names == ["service", "month"]
    assert both.index.tolist() == [("快递", "2025-01"), ("零担", "2025-02")]


def test_apqc_example_product():
    # 100 waybills with 98 on time, 97 complete, 99 damage-free, 82 correct documents:
    # 0.98 * 0.97 * 0.99 * 0.82 = 0.77169708 (APQC's example; APQC prints it as 77.16%)
    n = 100
    frame = pd.DataFrame({
        "waybill_id": [f"W{i:03d}" for i in range(n)],
        "order_date": pd.Timestamp("2025-05-01"),
        "delivered_date": pd.Timestamp("2025-05-03"),
        "on_time": np.arange(n) >= 2,
        "complete": np.arange(n) >= 3,
        "damaged": np.arange(n) < 1,
        "lost": False,
        "documents_correct": np.arange(n) >= 18,
    })
    row = service_kpis(frame).loc["全部"]
    assert row["perfect_order_rate"] == pytest.approx(0.77169708)
    # the failures overlap on the first waybills, so 82 of 100 are perfect
    assert row["perfect_share"] == 0.82


def test_lost_waybill_with_a_date_is_not_in_cycle_time_and_flags_as_numbers():
    frame = four_waybills()
    frame.loc[3, "delivered_date"] = "2025-03-30"
    frame["on_time"] = frame["on_time"].astype(int)          # 1/0 accepted
    frame["complete"] = frame["complete"].map(str)           # "True"/"False" accepted
    kpis = service_kpis(frame)
    assert kpis.loc["全部", "cycle_days_mean"] == pytest.approx(10 / 3)
    assert kpis.loc["全部", "on_time_rate"] == 0.75
    assert kpis.loc["全部", "complete_rate"] == 0.5


def test_does_not_touch_input_and_custom_names():
    frame = four_waybills()
    before = frame.copy()
    renamed = frame.rename(columns={"on_time": "ontime"})
    service_kpis(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert service_kpis(renamed, on_time="ontime").loc["全部", "on_time_rate"] == 0.75
    assert service_kpis(frame.assign(waybill_id="same"), waybill=None)["waybills"].iloc[0] == 4


flag_rows = st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans(),
                               st.booleans(), st.integers(0, 10), st.integers(0, 60),
                               st.sampled_from(["快递", "零担", "整车"])),
                     min_size=1, max_size=30)


@FAST
@given(rows=flag_rows, seed=st.integers(0, 10_000))
def test_service_properties(rows, seed):
    on_time, complete, damaged, lost, docs, cycle, day, service = map(list, zip(*rows))
    order = pd.Timestamp("2025-01-01") + pd.to_timedelta(day, unit="D")
    frame = pd.DataFrame({
        "waybill_id": [f"W{i:03d}" for i in range(len(rows))], "service": service,
        "order_date": order, "delivered_date": order + pd.to_timedelta(cycle, unit="D"),
        "on_time": on_time, "complete": complete, "damaged": damaged, "lost": lost,
        "documents_correct": docs})
    for by in (None, "service", ["service", "month"]):
        kpis = service_kpis(frame, by=by)
        rates = kpis[["on_time_rate", "complete_rate", "damage_free_rate", "loss_rate",
                      "documents_correct_rate", "perfect_order_rate", "perfect_share"]]
        assert ((rates >= 0) & (rates <= 1)).all().all()
        four = kpis[["on_time_rate", "complete_rate", "damage_free_rate",
                     "documents_correct_rate"]].min(axis=1)
        assert (kpis["perfect_share"] <= four + 1e-12).all()
        assert (kpis["perfect_order_rate"] <= four + 1e-12).all()
        assert kpis["waybills"].sum() == len(frame)
        shuffled = frame.sample(frac=1, random_state=seed)
        pd.testing.assert_frame_equal(service_kpis(shuffled, by=by), kpis)
