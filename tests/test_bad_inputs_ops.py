"""Bad inputs to prospecting, qualifying, negotiation, service and complaints: one table, one test.

Each case names the call, the exception class expected, and the words the
message must contain (the column or argument, and for a typo the suggested
name). The test also checks that the message has a Chinese line and an
English line, so a student never meets a bare pandas traceback.
"""
import re

import numpy as np
import pandas as pd
import pytest

from coursekit.complaints import complaint_kpis, complaint_pareto
from coursekit.negotiation import LTL_RATES, breakeven_volume, chargeable_weight, quote
from coursekit.prospecting import channel_summary, funnel
from coursekit.qualifying import qualify_leads, screening_ratios
from coursekit.service import service_kpis

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{4,}")


def leads(**changes):
    frame = pd.DataFrame({
        "lead_id": ["L1", "L2", "L3"],
        "channel": ["展会", "电话", "电话"],
        "channel_cost": [500.0, 40.0, 40.0],
        "need_level": ["高", "中", "低"],
        "annual_logistics_spend": [800_000.0, 150_000.0, 20_000.0],
        "decision_authority": ["决策者", "影响者", "使用者"],
        "credit_rating": ["AA", "A", "B"],
        "stage": ["成交", "流失", "线索"],
        "furthest_stage": ["成交", "拜访", "线索"],
    })
    for column, values in changes.items():
        frame[column] = values
    return frame


def financials(**changes):
    frame = pd.DataFrame({
        "prospect_id": ["P1", "P2"], "current_assets": [300.0, 120.0],
        "current_liabilities": [150.0, 100.0], "net_profit": [80.0, 10.0],
        "revenue": [1000.0, 500.0], "total_assets": [800.0, 400.0],
        "receivable_days": [45.0, 120.0], "inventory_days": [30.0, 60.0]})
    for column, values in changes.items():
        frame[column] = values
    return frame


def shipments(**changes):
    frame = pd.DataFrame({
        "waybill_id": ["W1", "W2", "W3"],
        "service": ["快递", "零担", "快递"],
        "order_date": ["2025-03-01", "2025-03-02", "2025-03-03"],
        "delivered_date": ["2025-03-02", "2025-03-04", None],
        "on_time": [True, False, False], "complete": [True, True, False],
        "damaged": [False, False, False], "lost": [False, False, True],
        "documents_correct": [True, True, True]})
    for column, values in changes.items():
        frame[column] = values
    return frame


def complaints(**changes):
    frame = pd.DataFrame({
        "complaint_id": ["C1", "C2"], "waybill_id": ["W1", "W2"], "category": ["延误", "破损"],
        "received_at": ["2025-03-03 09:00", "2025-03-04 10:00"],
        "first_response_at": ["2025-03-03 10:00", "2025-03-04 12:00"],
        "resolved_at": ["2025-03-05 10:00", None],
        "first_contact_resolved": [True, False], "compensation": [0.0, 100.0],
        "satisfied": [True, False]})
    for column, values in changes.items():
        frame[column] = values
    return frame


def renamed(frame, old, new):
    return frame.rename(columns={old: new})


# (case id, call, exception class, words the message must contain)
CASES = [
    # qualify_leads
    ("leads not a frame", lambda: qualify_leads([1, 2]), TypeError, ["leads"]),
    ("leads empty", lambda: qualify_leads(leads().iloc[0:0]), ValueError, ["leads"]),
    ("leads column typo in data",
     lambda: qualify_leads(renamed(leads(), "need_level", "need_levl")), ValueError,
     ["need_level", "need_levl"]),
    ("leads column typo in argument",
     lambda: qualify_leads(leads(), credit="credit_ratng"), ValueError,
     ["credit_ratng", "credit_rating"]),
    ("leads spend as text",
     lambda: qualify_leads(leads(annual_logistics_spend=["80万", "15万", "2万"])), TypeError,
     ["annual_logistics_spend"]),
    ("leads negative spend",
     lambda: qualify_leads(leads(annual_logistics_spend=[-1.0, 2.0, 3.0])), ValueError,
     ["annual_logistics_spend"]),
    ("leads NaN spend",
     lambda: qualify_leads(leads(annual_logistics_spend=[np.nan, 2.0, 3.0])), ValueError,
     ["annual_logistics_spend"]),
    ("leads unknown need label",
     lambda: qualify_leads(leads(need_level=["很高", "中", "低"])), ValueError, ["need_level"]),
    ("leads missing credit",
     lambda: qualify_leads(leads(credit_rating=["AA", None, "B"])), ValueError,
     ["credit_rating"]),
    ("leads duplicated ids",
     lambda: qualify_leads(leads(lead_id=["L1", "L1", "L3"])), ValueError, ["lead_id", "L1"]),
    ("weights negative", lambda: qualify_leads(leads(), weights={"credit": -0.2}), ValueError,
     ["weights['credit']"]),
    ("weights unknown key", lambda: qualify_leads(leads(), weights={"money": 1}), ValueError,
     ["weights", "money"]),
    ("weights all zero",
     lambda: qualify_leads(leads(), weights={"need": 0, "power": 0, "authority": 0, "credit": 0}),
     ValueError, ["weights"]),
    ("weights as text", lambda: qualify_leads(leads(), weights={"need": "high"}), TypeError,
     ["weights['need']"]),
    ("cutoffs reversed", lambda: qualify_leads(leads(), cutoffs=(40, 60)), ValueError,
     ["cutoffs[1]"]),
    # funnel and channel_summary
    ("funnel stage typo in data", lambda: funnel(renamed(leads(), "stage", "stgae")), ValueError,
     ["stage", "stgae"]),
    ("funnel unknown stage value",
     lambda: funnel(leads(furthest_stage=["签约", "拜访", "线索"])), ValueError,
     ["furthest_stage", "签约"]),
    ("funnel unknown by column", lambda: funnel(leads(), by="chanel"), ValueError,
     ["chanel", "channel"]),
    ("funnel by not a name", lambda: funnel(leads(), by=3), TypeError, ["by"]),
    ("funnel stage disagrees with furthest",
     lambda: funnel(leads(stage=["洽谈", "流失", "线索"])), ValueError,
     ["stage", "furthest_stage"]),
    ("funnel lost without furthest", lambda: funnel(leads(), furthest=None), ValueError,
     ["furthest", "流失"]),
    ("funnel negative cost", lambda: funnel(leads(channel_cost=[-5.0, 1.0, 1.0])), ValueError,
     ["channel_cost"]),
    ("funnel missing channel value",
     lambda: funnel(leads(channel=["展会", None, "电话"]), by="channel"), ValueError,
     ["channel"]),
    ("channel_summary cost as text",
     lambda: channel_summary(leads(channel_cost=["500元", "40元", "40元"])), TypeError,
     ["channel_cost"]),
    # screening_ratios
    ("screening zero revenue", lambda: screening_ratios(financials(revenue=[1000.0, 0.0])),
     ValueError, ["revenue", "P2"]),
    ("screening zero liabilities",
     lambda: screening_ratios(financials(current_liabilities=[0.0, 100.0])), ValueError,
     ["current_liabilities", "P1"]),
    ("screening profit as text",
     lambda: screening_ratios(financials(net_profit=["80", "10"])), TypeError, ["net_profit"]),
    ("screening unknown threshold",
     lambda: screening_ratios(financials(), thresholds={"quick_ratio": 1}), ValueError,
     ["thresholds", "quick_ratio"]),
    ("screening duplicated ids",
     lambda: screening_ratios(financials(prospect_id=["P1", "P1"])), ValueError,
     ["prospect_id"]),
    ("screening column typo",
     lambda: screening_ratios(renamed(financials(), "total_assets", "total_asset")), ValueError,
     ["total_assets", "total_asset"]),
    # chargeable_weight
    ("chargeable divisor zero", lambda: chargeable_weight(10, 60, 50, 40, divisor=0), ValueError,
     ["divisor"]),
    ("chargeable negative length", lambda: chargeable_weight(10, -60, 50, 40), ValueError,
     ["length_cm"]),
    ("chargeable NaN weight", lambda: chargeable_weight([10, np.nan], 60, 50, 40), ValueError,
     ["weight_kg"]),
    ("chargeable weight as text", lambda: chargeable_weight("10kg", 60, 50, 40), TypeError,
     ["weight_kg"]),
    ("chargeable lengths differ", lambda: chargeable_weight([1, 2, 3], [60, 50], 50, 40),
     ValueError, ["length_cm", "weight_kg"]),
    ("chargeable missing height", lambda: chargeable_weight(10, 60, 50), TypeError,
     ["height_cm"]),
    ("chargeable volume in cm3 passed as m3",
     lambda: chargeable_weight(5, volume_m3=50 * 40 * 30), ValueError, ["volume_m3", "60,000"]),
    # quote and breakeven_volume
    ("quote zero weight", lambda: quote(0), ValueError, ["weight_kg"]),
    ("quote unknown table", lambda: quote(5, rate_table="空运"), ValueError, ["rate_table"]),
    ("quote discount tier of 100%",
     lambda: quote(5, monthly_volume=900, discount_tiers=[(0, 0), (500, 1.0)]), ValueError,
     ["discount_tiers[1][1]"]),
    ("quote table missing key",
     lambda: quote(5, rate_table={"kind": "first_additional", "first_kg": 1}), ValueError,
     ["rate_table", "first_price"]),
    ("quote negative volume", lambda: quote(5, monthly_volume=-3), ValueError,
     ["monthly_volume"]),
    ("quote volumes with a gap", lambda: quote([5, 6], monthly_volume=[100, None]), ValueError,
     ["monthly_volume"]),
    ("quote table unknown key",
     lambda: quote(5, rate_table={**LTL_RATES, "fuel_surcharge": 0.1}), ValueError,
     ["rate_table", "fuel_surcharge"]),
    ("breakeven discount 1", lambda: breakeven_volume(1000, 20, 14, 1.0), ValueError,
     ["discount"]),
    ("breakeven margin wiped out", lambda: breakeven_volume(1000, 20, 14, 0.35), ValueError,
     ["discount", "14"]),
    ("breakeven cost above price", lambda: breakeven_volume(1000, 20, 25, 0.1), ValueError,
     ["unit_cost", "price"]),
    ("breakeven volume as text", lambda: breakeven_volume("1000", 20, 14, 0.1), TypeError,
     ["current_volume"]),
    # service_kpis
    ("service unparseable date",
     lambda: service_kpis(shipments(order_date=["2025-03-01", "2025-13-45", "2025-03-03"])),
     TypeError, ["order_date", "2025-13-45"]),
    ("service flag typo", lambda: service_kpis(renamed(shipments(), "on_time", "ontime")),
     ValueError, ["on_time", "ontime"]),
    ("service flag as words",
     lambda: service_kpis(shipments(damaged=["no", "yes", "no"])), TypeError, ["damaged"]),
    ("service flag missing",
     lambda: service_kpis(shipments(lost=[False, None, True])), ValueError, ["lost"]),
    ("service duplicated waybill",
     lambda: service_kpis(shipments(waybill_id=["W1", "W2", "W1"])), ValueError,
     ["waybill_id", "W1"]),
    ("service unknown by", lambda: service_kpis(shipments(), by="sevice"), ValueError,
     ["sevice", "service"]),
    ("service delivered before order",
     lambda: service_kpis(shipments(delivered_date=["2025-02-01", "2025-03-04", None])),
     ValueError, ["delivered_date", "W1"]),
    ("service empty frame", lambda: service_kpis(shipments().iloc[0:0]), ValueError,
     ["shipments"]),
    # complaint_kpis and complaint_pareto
    ("complaints negative compensation",
     lambda: complaint_kpis(complaints(compensation=[-1.0, 0.0]), 100), ValueError,
     ["compensation"]),
    ("complaints NaN compensation",
     lambda: complaint_kpis(complaints(compensation=[np.nan, 0.0]), 100), ValueError,
     ["compensation"]),
    ("complaints resolved before received",
     lambda: complaint_kpis(complaints(resolved_at=["2025-03-01 10:00", None]), 100),
     ValueError, ["resolved_at", "C1"]),
    ("complaints unparseable received",
     lambda: complaint_kpis(complaints(received_at=["2025-03-03 09:00", "昨天上午"]), 100),
     TypeError, ["received_at"]),
    ("complaints deadline zero", lambda: complaint_kpis(complaints(), 100, deadline_days=0),
     ValueError, ["deadline_days"]),
    ("complaints bad holiday",
     lambda: complaint_kpis(complaints(), 100, holidays=["2025-10-01", "国庆"]), TypeError,
     ["holidays", "国庆"]),
    ("complaints shipments wrong type", lambda: complaint_kpis(complaints(), "many"), TypeError,
     ["shipments"]),
    ("complaints by month without table",
     lambda: complaint_kpis(complaints(), 100, by="month"), TypeError, ["shipments", "month"]),
    ("complaints duplicated ids",
     lambda: complaint_kpis(complaints(complaint_id=["C1", "C1"]), 100), ValueError,
     ["complaint_id"]),
    ("complaints unknown by",
     lambda: complaint_kpis(complaints(), shipments(), by="categroy"), ValueError,
     ["categroy", "category"]),
    ("pareto cutoff above 1", lambda: complaint_pareto(complaints(), cutoff=1.5), ValueError,
     ["cutoff"]),
    ("pareto column typo", lambda: complaint_pareto(complaints(), by="categroy"), ValueError,
     ["categroy", "category"]),
]


@pytest.mark.parametrize("call, kind, words", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_bad_input_is_explained_in_chinese_and_english(call, kind, words):
    with pytest.raises(kind) as info:
        call()
    message = str(info.value)
    assert type(info.value) is kind
    chinese, _, english = message.partition("\n")
    assert CJK.search(chinese), f"no Chinese in: {message!r}"
    assert ENGLISH.search(english), f"no English line in: {message!r}"
    for word in words:
        assert word in chinese and word in english, f"{word!r} not in both lines of {message!r}"


def test_the_table_is_big_enough():
    assert len(CASES) >= 30
    assert len({case[0] for case in CASES}) == len(CASES)
