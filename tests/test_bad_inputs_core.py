"""Every bad input a student is likely to give classify / value / lifecycle.

One table, one test: each row calls a function the wrong way and says which
exception it must raise and which argument or column names the message must
mention. Every message must read as a Chinese sentence, a line break, and an
English sentence, both naming the culprit.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from coursekit.classify import (abc_classify, big_customers, customer_status, pareto_summary,
                                rfm_score, rfm_segment, rfm_table, value_pyramid)
from coursekit.lifecycle import cohort_retention, lifecycle_stage
from coursekit.value import (clv, customer_profitability, delivered_value, historical_clv,
                             retention_projection, word_of_mouth)

AS_OF = "2025-12-31"


def ships(**changes) -> pd.DataFrame:
    """A small valid shipments table; keyword arguments replace or rename columns."""
    data = pd.DataFrame({
        "customer_id": ["c1", "c2", "c1", "c3"],
        "order_date": ["2025-01-05", "2025-06-01", "2025-11-20", "2024-03-03"],
        "revenue": [100.0, 250.0, 80.0, 40.0],
        "cost": [70.0, 200.0, 50.0, 45.0],
    })
    for column, values in changes.items():
        data[column] = values
    return data


def renamed(**names) -> pd.DataFrame:
    return ships().rename(columns=names)


def leads(**changes) -> pd.DataFrame:
    data = pd.DataFrame({"lead_id": ["L1", "L2"], "stage": ["线索", "洽谈"]})
    for column, values in changes.items():
        data[column] = values
    return data


RFM = pd.DataFrame({"customer_id": ["a", "b"], "recency": [3, 40], "frequency": [5, 1],
                    "monetary": [900.0, 80.0]})

# (id, call, exception, names that both the Chinese and the English line must contain)
CASES = [
    # --- abc_classify / pareto_summary ---
    ("abc misspelled value column", lambda: abc_classify(ships(), value="revenu"),
     ValueError, ["'revenu'", "'revenue'"]),
    ("abc misspelled id column", lambda: abc_classify(renamed(customer_id="customerid")),
     ValueError, ["'customer_id'", "'customerid'"]),
    ("abc text in revenue", lambda: abc_classify(ships(revenue=["100元", "2", "3", "4"])),
     TypeError, ["revenue"]),
    ("abc negative revenue", lambda: abc_classify(ships(revenue=[100.0, -5.0, 1.0, 1.0])),
     ValueError, ["revenue"]),
    ("abc NaN revenue", lambda: abc_classify(ships(revenue=[100.0, np.nan, 1.0, 1.0])),
     ValueError, ["revenue", "NaN"]),
    ("abc empty frame", lambda: abc_classify(ships().iloc[:0]), ValueError, ["data"]),
    ("abc not a frame", lambda: abc_classify([["c1", 100]]), TypeError, ["data", "list"]),
    ("abc cuts not increasing", lambda: abc_classify(ships(), cuts=(0.95, 0.80)),
     ValueError, ["cuts"]),
    ("abc cut outside (0, 1)", lambda: abc_classify(ships(), cuts=(0.8, 1.2)),
     ValueError, ["cuts[1]"]),
    ("abc cuts wrong type", lambda: abc_classify(ships(), cuts="80/95"), TypeError, ["cuts"]),
    ("abc total is zero", lambda: abc_classify(ships(revenue=[0.0] * 4)), ValueError,
     ["revenue"]),
    ("abc missing customer id", lambda: abc_classify(ships(customer_id=["c1", None, "c2", "c3"])),
     ValueError, ["customer_id"]),
    ("pareto on raw shipments", lambda: pareto_summary(ships()), ValueError, ["abc_class"]),
    ("pareto unknown class",
     lambda: pareto_summary(pd.DataFrame({"abc_class": ["A类", "D类"], "value": [1.0, 2.0]})),
     ValueError, ["abc_class", "D类"]),
    # --- RFM ---
    ("rfm unparseable date", lambda: rfm_table(ships(order_date=["2025-13-45"] * 4), AS_OF),
     TypeError, ["order_date", "2025-13-45"]),
    ("rfm numbers as dates", lambda: rfm_table(ships(order_date=[20250105] * 4), AS_OF),
     TypeError, ["order_date"]),
    ("rfm misspelled date column", lambda: rfm_table(renamed(order_date="order_dt"), AS_OF),
     ValueError, ["'order_date'", "'order_dt'"]),
    ("rfm as_of before all data", lambda: rfm_table(ships(), as_of="2020-01-01"),
     ValueError, ["as_of", "2020-01-01", "2024-03-03"]),
    ("rfm as_of not a date", lambda: rfm_table(ships(), as_of="yesterday"), TypeError,
     ["as_of", "yesterday"]),
    ("rfm as_of missing", lambda: rfm_table(ships()), TypeError, ["as_of"]),
    ("rfm window of zero days", lambda: rfm_table(ships(), AS_OF, window_days=0), ValueError,
     ["window_days"]),
    ("rfm_score bins below 2", lambda: rfm_score(RFM, bins=1), ValueError, ["bins"]),
    ("rfm_score bins not whole", lambda: rfm_score(RFM, bins=2.5), TypeError, ["bins"]),
    ("rfm_score unknown ties", lambda: rfm_score(RFM, ties="random"), ValueError,
     ["ties", "random"]),
    ("rfm_score on raw shipments", lambda: rfm_score(ships()), ValueError, ["recency"]),
    ("rfm_segment unknown reference", lambda: rfm_segment(RFM, reference="mode"), ValueError,
     ["reference", "mode"]),
    ("rfm_segment text monetary", lambda: rfm_segment(RFM.assign(monetary=["900", "80"])),
     TypeError, ["monetary"]),
    # --- pyramid, big customers, status ---
    ("pyramid duplicated ids",
     lambda: value_pyramid(pd.DataFrame({"customer_id": ["c1", "c1"], "profit": [1.0, 2.0]})),
     ValueError, ["customer_id", "c1"]),
    ("pyramid shares do not add up", lambda: value_pyramid(pd.Series([1.0, 2.0], index=["a", "b"]),
                                                           shares=(0.1, 0.1, 0.1, 0.1)),
     ValueError, ["shares"]),
    ("pyramid wrong type", lambda: value_pyramid([100, 50]), TypeError, ["profit", "list"]),
    ("pyramid NaN profit", lambda: value_pyramid(pd.Series([1.0, np.nan], index=["a", "b"])),
     ValueError, ["profit", "NaN"]),
    ("big customers year without data", lambda: big_customers(ships(), year=2030), ValueError,
     ["year", "2030"]),
    ("big customers negative limit", lambda: big_customers(ships(), min_orders=-1), ValueError,
     ["min_orders"]),
    ("status active_days zero", lambda: customer_status(ships(), as_of=AS_OF, active_days=0),
     ValueError, ["active_days"]),
    ("status misspelled lead column",
     lambda: customer_status(ships(), leads().rename(columns={"lead_id": "leadid"}), AS_OF),
     ValueError, ["'lead_id'", "'leadid'"]),
    ("status unknown lead stage", lambda: customer_status(ships(), leads(stage=["线索", "签约"]),
                                                          AS_OF),
     ValueError, ["stage", "签约"]),
    # --- lifecycle ---
    ("lifecycle duplicated lead ids", lambda: lifecycle_stage(ships(), leads(lead_id=["L1", "L1"]),
                                                              AS_OF),
     ValueError, ["lead_id", "L1"]),
    ("lifecycle window shorter than dormancy",
     lambda: lifecycle_stage(ships(), as_of=AS_OF, window=2), ValueError,
     ["window", "dormant_months"]),
    ("lifecycle decline above growth",
     lambda: lifecycle_stage(ships(), as_of=AS_OF, growth=0.9, decline=1.1), ValueError,
     ["decline", "growth"]),
    ("lifecycle window over a year", lambda: lifecycle_stage(ships(), as_of=AS_OF, window=13),
     ValueError, ["window"]),
    ("lifecycle as_of before all data", lambda: lifecycle_stage(ships(), as_of="2023-12-31"),
     ValueError, ["as_of"]),
    ("lifecycle missing customer id",
     lambda: lifecycle_stage(ships(customer_id=["c1", None, "c1", "c3"]), as_of=AS_OF),
     ValueError, ["customer_id"]),
    ("lifecycle unparseable lead date",
     lambda: lifecycle_stage(ships(), leads(created_date=["2025-01-01", "soon"]), AS_OF),
     TypeError, ["created_date", "soon"]),
    ("cohort unknown period", lambda: cohort_retention(ships(), period="W"), ValueError,
     ["period", "W"]),
    ("cohort counts not bool", lambda: cohort_retention(ships(), counts="yes"), TypeError,
     ["counts"]),
    ("cohort empty frame", lambda: cohort_retention(ships().iloc[:0]), ValueError,
     ["transactions"]),
    # --- value ---
    ("delivered unknown key", lambda: delivered_value({"price": 10}, {}), ValueError,
     ["values", "price", "product"]),
    ("delivered negative amount", lambda: delivered_value({"product": -10}, {}), ValueError,
     ["values['product']"]),
    ("delivered NaN cost", lambda: delivered_value({}, {"time": float("nan")}), ValueError,
     ["costs['time']", "NaN"]),
    ("delivered values as list", lambda: delivered_value([100, 50], {}), TypeError,
     ["values", "list"]),
    ("profitability text cost", lambda: customer_profitability(ships(cost=["a", "b", "c", "d"])),
     TypeError, ["cost"]),
    ("profitability misspelled revenue", lambda: customer_profitability(ships(), revenue="Revenue"),
     ValueError, ["'Revenue'", "'revenue'"]),
    ("historical clv as_of too early", lambda: historical_clv(ships(), as_of="2024-01-01"),
     ValueError, ["as_of"]),
    ("clv retention not below 1 + discount", lambda: clv(1000, 1.0, 0.0), ValueError,
     ["retention", "discount"]),
    ("clv retention above 1", lambda: clv(1000, 1.5, 0.1), ValueError, ["retention"]),
    ("clv negative discount", lambda: clv(1000, 0.8, -0.1), ValueError, ["discount"]),
    ("clv years not whole", lambda: clv(1000, 0.8, 0.1, years=2.5), TypeError, ["years"]),
    ("clv years zero", lambda: clv(1000, 0.8, 0.1, years=0), ValueError, ["years"]),
    ("clv margin as text", lambda: clv("1000", 0.8, 0.1), TypeError, ["margin"]),
    ("clv detail without years", lambda: clv(1000, 0.8, 0.1, detail=True), ValueError,
     ["detail", "years"]),
    ("retention churn above 1", lambda: retention_projection(100, churn_rate=1.5), ValueError,
     ["churn_rate"]),
    ("retention start zero", lambda: retention_projection(0), ValueError, ["start"]),
    ("word of mouth negative count", lambda: word_of_mouth(-3, 1), ValueError, ["satisfied"]),
    ("word of mouth NaN reach", lambda: word_of_mouth(3, 1, tell_dissatisfied=float("nan")),
     ValueError, ["tell_dissatisfied", "NaN"]),
]

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def test_table_is_large_enough():
    assert len(CASES) >= 35
    assert len({case[0] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("call, kind, names", [pytest.param(*case[1:], id=case[0])
                                               for case in CASES])
def test_bad_input_is_explained(call, kind, names):
    with pytest.raises(kind) as caught:
        call()
    message = str(caught.value)
    chinese, newline, english = message.partition("\n")
    assert newline, f"no line break between Chinese and English: {message!r}"
    assert CJK.search(chinese), f"Chinese part has no Chinese: {chinese!r}"
    assert len(ENGLISH_WORD.findall(english)) >= 3, f"English part too thin: {english!r}"
    for name in names:
        assert name in chinese, f"{name!r} not in Chinese part {chinese!r}"
        assert name in english, f"{name!r} not in English part {english!r}"
