"""Tests for coursekit.complaints on hand-made complaint tables.

Calendar of March 2025 used below (working days Monday-Friday):
    Mon 03  Tue 04  Wed 05  Thu 06  Fri 07  Sat 08  Sun 09
    Mon 10  Tue 11  Wed 12  Thu 13  Fri 14  Sat 15  Sun 16
    Mon 17  Tue 18  Wed 19
"""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.complaints import complaint_kpis, complaint_pareto

FAST = settings(max_examples=40, deadline=None)


def three_complaints(resolved=("2025-03-12 23:00", "2025-03-18 09:00", "2025-03-19 10:00")):
    # C1 received Mon 03-03: day 1 = Tue 04 ... day 7 = Wed 12 -> resolved Wed 12 late: in time
    # C2 received Sat 03-08: day 1 = Mon 10 ... day 7 = Tue 18 -> resolved Tue 18: in time
    # C3 received Fri 03-07: day 1 = Mon 10 ... day 7 = Tue 18 -> resolved Wed 19: too late
    return pd.DataFrame({
        "complaint_id": ["C1", "C2", "C3"],
        "customer_id": ["K1", "K1", "K2"],
        "waybill_id": ["W1", "W2", None],
        "category": ["延误", "破损", "延误"],
        "received_at": ["2025-03-03 09:00", "2025-03-08 10:00", "2025-03-07 15:00"],
        "first_response_at": ["2025-03-03 11:00", "2025-03-10 10:00", "2025-03-07 16:00"],
        "resolved_at": list(resolved),
        "first_contact_resolved": [True, False, False],
        "compensation": [0.0, 300.0, 50.0],
        "satisfied": [True, True, False],
    })


def shipments():
    return pd.DataFrame({
        "waybill_id": [f"W{i}" for i in range(1, 7)],
        "customer_id": ["K1", "K1", "K1", "K2", "K3", "K3"],
        "service": ["快递", "零担", "快递", "快递", "整车", "快递"],
        "order_date": ["2025-02-27", "2025-03-05", "2025-03-06", "2025-03-06",
                       "2025-04-01", "2025-04-02"],
    })


def test_three_complaints_working_days():
    row = complaint_kpis(three_complaints(), shipments()).loc["全部"]
    assert row["complaints"] == 3
    assert row["waybills"] == 6
    assert row["complaints_per_10k"] == 5000.0             # 3 / 6 * 10,000
    assert row["first_contact_resolution_rate"] == pytest.approx(1 / 3)
    assert row["within_deadline_rate"] == pytest.approx(2 / 3)   # C1, C2 in time; C3 late
    # response hours: C1 2 h, C2 48 h (Sat 10:00 -> Mon 10:00), C3 1 h -> median 2
    # p90 at position 0.9 * 2 = 1.8 of [1, 2, 48]: 2 + 0.8 * 46 = 38.8
    assert row["response_hours_median"] == 2.0
    assert row["response_hours_p90"] == pytest.approx(38.8)
    assert row["compensation_total"] == 350.0
    assert row["satisfied_rate"] == pytest.approx(2 / 3)
    assert row["unresolved"] == 0


def test_deadline_edges_holidays_calendar_days_and_open_complaints():
    complaints = three_complaints()
    # A holiday on Mon 03-10 pushes C2's and C3's day 7 to Wed 19: now all three in time.
    row = complaint_kpis(complaints, 100, holidays=["2025-03-10"]).loc["全部"]
    assert row["within_deadline_rate"] == 1.0
    # Calendar days: C1 due 03-10 (resolved 12: late), C2 due 15 (late), C3 due 14 (late)
    row = complaint_kpis(complaints, 100, working_days=False).loc["全部"]
    assert row["within_deadline_rate"] == 0.0
    # Calendar deadline of 9 days: C1 due 12 (in time), C2 due 17 (late), C3 due 16 (late)
    row = complaint_kpis(complaints, 100, deadline_days=9, working_days=False).loc["全部"]
    assert row["within_deadline_rate"] == pytest.approx(1 / 3)
    # An unresolved complaint never counts as in time, and is left out of resolution hours.
    open_one = three_complaints(resolved=("2025-03-12 23:00", None, None))
    open_one["satisfied"] = pd.Series([True, None, None], dtype=object)
    row = complaint_kpis(open_one, 100).loc["全部"]
    assert row["within_deadline_rate"] == pytest.approx(1 / 3)
    assert row["unresolved"] == 2
    assert row["resolution_hours_median"] == pytest.approx(9 * 24 + 14)   # C1: 03 09:00 -> 12 23:00
    assert row["satisfied_rate"] == 1.0                                  # only C1 answered


def test_by_category_month_customer_and_service():
    complaints, ships = three_complaints(), shipments()
    by_category = complaint_kpis(complaints, ships, by="category")
    # category lives only in complaints: the denominator is all 6 waybills
    assert by_category.index.tolist() == ["延误", "破损"]     # sorted by character code
    assert by_category["waybills"].tolist() == [6, 6]
    assert by_category.loc["延误", "complaints_per_10k"] == pytest.approx(2 / 6 * 10_000)

    by_month = complaint_kpis(complaints, ships, by="month")
    # complaints all received in March; waybills ordered: Feb 1, Mar 3, Apr 2
    assert by_month.index.tolist() == ["2025-02", "2025-03", "2025-04"]
    assert by_month["complaints"].tolist() == [0, 3, 0]
    assert by_month["waybills"].tolist() == [1, 3, 2]
    assert by_month.loc["2025-03", "complaints_per_10k"] == 10_000.0
    assert math.isnan(by_month.loc["2025-02", "first_contact_resolution_rate"])

    by_customer = complaint_kpis(complaints, ships, by="customer_id")
    # K1: 2 complaints / 3 waybills; K2: 1 / 1; K3: none / 2 (shown with 0)
    assert by_customer["complaints"].tolist() == [2, 1, 0]
    assert by_customer["complaints_per_10k"].tolist() == pytest.approx([20_000 / 3, 10_000, 0])

    by_service = complaint_kpis(complaints, ships, by="service")
    # via waybill_id: W1 快递, W2 零担; C3 has no waybill
    assert by_service.loc["快递", "complaints"] == 1
    assert by_service.loc["零担", "complaints"] == 1
    assert by_service.loc["无关联运单", "complaints"] == 1
    assert by_service.loc["快递", "waybills"] == 4

    mixed = complaint_kpis(complaints, ships, by=["category", "month"])
    assert mixed.index.tolist() == [("延误", "2025-03"), ("破损", "2025-03")]
    assert mixed["waybills"].tolist() == [3, 3]


def test_pareto_share_before_rule_and_value():
    complaints = pd.DataFrame({
        "complaint_id": [f"C{i}" for i in range(20)],
        "category": ["延误"] * 10 + ["破损"] * 5 + ["丢失"] * 3 + ["其他", "服务态度"],
        "compensation": [0.0] * 10 + [100.0] * 5 + [500.0] * 3 + [0.0, 0.0],
    })
    table = complaint_pareto(complaints)
    # counts 10, 5, 3, 1, 1 of 20 -> cum 0.5, 0.75, 0.9, 0.95, 1.0
    # share before: 0, 0.5, 0.75 (< 0.8: 丢失 crosses 80% and is included), 0.9, 0.95
    assert table["category"].tolist() == ["延误", "破损", "丢失", "其他", "服务态度"]
    assert table["cum_share"].tolist() == [0.5, 0.75, 0.9, 0.95, 1.0]
    assert table["vital_few"].tolist() == [True, True, True, False, False]
    money = complaint_pareto(complaints, value="compensation")
    # 丢失 1500 of 2000 = 0.75, 破损 500 -> cum 1.0; the rest 0
    assert money["category"].tolist()[:2] == ["丢失", "破损"]
    assert money["vital_few"].tolist() == [True, True, False, False, False]


complaint_rows = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 23), st.integers(0, 72),
              st.one_of(st.none(), st.integers(0, 400)), st.booleans(),
              st.sampled_from(["延误", "破损", "丢失", "其他"]), st.integers(0, 500)),
    min_size=1, max_size=25)


@FAST
@given(rows=complaint_rows, seed=st.integers(0, 10_000), deadline=st.integers(1, 15),
       working=st.booleans())
def test_complaint_properties(rows, seed, deadline, working):
    day, hour, respond, resolve, fcr, category, money = map(list, zip(*rows))
    received = (pd.Timestamp("2025-01-01") + pd.to_timedelta(day, unit="D")
                + pd.to_timedelta(hour, unit="h"))
    resolved = [r + pd.Timedelta(hours=h) if h is not None else pd.NaT
                for r, h in zip(received, resolve)]
    complaints = pd.DataFrame({
        "complaint_id": [f"C{i}" for i in range(len(rows))], "category": category,
        "received_at": received, "first_response_at": received + pd.to_timedelta(respond, unit="h"),
        "resolved_at": pd.to_datetime(pd.Series(resolved)),
        "first_contact_resolved": fcr, "compensation": [float(m) for m in money],
        "satisfied": fcr})
    for by in (None, "category"):
        kpis = complaint_kpis(complaints, 1000, by=by, deadline_days=deadline,
                              working_days=working)
        rates = kpis[["first_contact_resolution_rate", "within_deadline_rate", "satisfied_rate"]]
        assert ((rates >= 0) & (rates <= 1)).all().all()
        assert kpis["complaints"].sum() == len(rows)
        shuffled = complaints.sample(frac=1, random_state=seed)
        pd.testing.assert_frame_equal(
            complaint_kpis(shuffled, 1000, by=by, deadline_days=deadline, working_days=working),
            kpis)
    table = complaint_pareto(complaints)
    assert (np.diff(table["cum_share"]) >= 0).all()
    assert table["cum_share"].iloc[-1] == pytest.approx(1.0)
    assert table["vital_few"].iloc[0]
    flags = table["vital_few"].tolist()
    assert flags == sorted(flags, reverse=True)     # the vital few are a leading block
    pd.testing.assert_frame_equal(complaint_pareto(complaints.sample(frac=1, random_state=seed)),
                                  table)
