"""The documented rules for odd inputs, one concrete case per class of issue 14.

tests/test_odd_inputs.py throws generated odd inputs at every public function;
this file pins each rule down with a hand-made case, so the behaviour is
readable and a change to it is a decision, not an accident.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import coursekit as ck
from coursekit import segments

AS_OF = "2025-12-31"
CJK = re.compile(r"[\u4e00-\u9fff]")


def bilingual(error) -> str:
    message = str(error)
    lines = message.splitlines()
    assert CJK.search(lines[0]) and len(lines) >= 2, message
    return message


def ships(**changes) -> pd.DataFrame:
    data = pd.DataFrame({
        "customer_id": ["c1", "c2", "c1", "c3"],
        "order_date": pd.to_datetime(["2025-01-05", "2025-06-01", "2025-11-20", "2024-03-03"]),
        "revenue": [100.0, 250.0, 80.0, 40.0],
        "cost": [70.0, 200.0, 50.0, 45.0],
    })
    for column, values in changes.items():
        data[column] = values
    return data


# --- frames -------------------------------------------------------------------

def test_duplicate_column_names_are_named():
    data = ships()
    data.columns = ["customer_id", "order_date", "revenue", "revenue"]
    with pytest.raises(ValueError) as caught:
        ck.abc_classify(data)
    assert "revenue" in bilingual(caught.value)


class DataFrame:  # stands in for polars.DataFrame, which is not installed here
    __module__ = "polars.dataframe.frame"

    def to_pandas(self):
        return ships()


@pytest.mark.parametrize("call", [lambda f: ck.abc_classify(f), lambda f: ck.rfm_table(f, AS_OF),
                                  lambda f: ck.read_table(f, "shipments")])
def test_another_librarys_frame_is_named_with_the_way_to_convert(call):
    with pytest.raises(TypeError) as caught:
        call(DataFrame())
    message = bilingual(caught.value)
    assert "polars.DataFrame" in message and ".to_pandas()" in message


# --- numbers ------------------------------------------------------------------

def test_one_infinite_revenue_is_an_error_not_nan_shares():
    with pytest.raises(ValueError, match="inf"):
        ck.abc_classify(ships(revenue=[100.0, np.inf, 1.0, 1.0]))


@pytest.mark.parametrize("values, kind", [([1.0, 2j, 3.0, 4.0], TypeError),
                                          ([1e300, 1.0, 1.0, 1.0], ValueError)])
def test_complex_and_overflowing_numbers_are_errors(values, kind):
    with pytest.raises(kind) as caught:
        ck.customer_profitability(ships(revenue=values))
    assert "revenue" in bilingual(caught.value)


@pytest.mark.parametrize("text", ["1,234.50", "¥29.33"])
def test_amounts_written_as_text_are_shown_with_the_fix(text):
    with pytest.raises(TypeError) as caught:
        ck.abc_classify(ships(revenue=[text, "1", "2", "3"]))
    message = bilingual(caught.value)
    assert text in message and "read_table" in message and "pd.to_numeric" in message


@pytest.mark.parametrize("call, arg", [
    (lambda: ck.rfm_score(ck.rfm_table(ships(), AS_OF), bins=10 ** 400), "bins"),
    (lambda: ck.big_customers(ships(), min_orders=float("inf")), "min_orders"),
    (lambda: ck.lifecycle_stage(ships(), as_of=AS_OF, window=np.float32("nan")), "window"),
    (lambda: ck.clv(1000, 0.8, 0.1, years=2 ** 70), "years"),
])
def test_huge_infinite_and_nan_arguments_are_errors(call, arg):
    with pytest.raises((ValueError, TypeError)) as caught:
        call()
    assert arg in bilingual(caught.value)


@pytest.mark.parametrize("call, arg", [
    (lambda: ck.cohort_retention(ships(), period=pd.NA), "period"),
    (lambda: ck.cohort_retention(ships(), period=np.array(["M", "Q"])), "period"),
    (lambda: ck.rfm_score(ck.rfm_table(ships(), AS_OF), ties=pd.NA), "ties"),
    (lambda: ck.chargeable_weight(10, volume_m3=0.1, detail=pd.NA), "detail"),
])
def test_na_or_an_array_for_a_choice_is_an_error(call, arg):
    with pytest.raises((ValueError, TypeError)) as caught:
        call()
    assert arg in bilingual(caught.value)


# --- dates --------------------------------------------------------------------

def test_time_zone_aware_dates_are_rejected_with_the_converting_line():
    data = ships(order_date=ships()["order_date"].dt.tz_localize("Asia/Shanghai"))
    with pytest.raises(ValueError) as caught:
        ck.big_customers(data, min_orders=0, year=2025)
    message = bilingual(caught.value)
    assert "Asia/Shanghai" in message and "tz_convert" in message and "tz_localize(None)" in message


def test_time_zone_aware_leads_beside_naive_shipments_are_rejected():
    leads = pd.DataFrame({"lead_id": ["L1"], "stage": ["拜访"],
                          "created_date": pd.to_datetime(["2025-03-01"]).tz_localize("UTC")})
    with pytest.raises(ValueError, match="created_date"):
        ck.customer_status(ships(), leads, AS_OF)


@pytest.mark.parametrize("texts", [["2025-01-05T10:00:00+08:00"] * 4,
                                   ["2025-01-05T10:00:00+08:00", "2025-01-05T10:00:00+00:00",
                                    "2025-06-01T00:00:00Z", "2025-02-01T09:00:00+08:00"]])
def test_times_with_utc_offsets_are_rejected(texts):
    with pytest.raises(ValueError) as caught:
        ck.rfm_table(ships(order_date=texts), AS_OF)
    assert "order_date" in bilingual(caught.value) and "Asia/Shanghai" in str(caught.value)


def test_pyarrow_timestamps_are_read_as_plain_dates():
    pa = pytest.importorskip("pyarrow")
    dates = ships()["order_date"].astype(pd.ArrowDtype(pa.timestamp("us")))
    pd.testing.assert_frame_equal(ck.rfm_table(ships(order_date=dates), AS_OF),
                                  ck.rfm_table(ships(), AS_OF), check_dtype=False)


def test_date_forms_may_be_mixed_and_the_bad_one_is_named():
    mixed = ["2025/1/5", "2025-06-01", "2025年11月20日", "20240303"]
    pd.testing.assert_frame_equal(ck.rfm_table(ships(order_date=mixed), AS_OF),
                                  ck.rfm_table(ships(), AS_OF), check_dtype=False)
    with pytest.raises(TypeError) as caught:
        ck.rfm_table(ships(order_date=["2025/1/5", "2025-06-01", "2025-02-30", "2024-03-03"]), AS_OF)
    message = bilingual(caught.value)
    assert "2025-02-30" in message and "2025/1/5" not in message.split("（")[0]


@pytest.mark.parametrize("numbers, hint", [([20250105, 20250601, 20251120, 20240303], "%Y%m%d"),
                                           ([45662, 45809, 45981, 45354], "1899-12-30")])
def test_dates_stored_as_numbers_get_a_hint(numbers, hint):
    with pytest.raises(TypeError) as caught:
        ck.rfm_table(ships(order_date=numbers), AS_OF)
    assert hint in bilingual(caught.value)


@pytest.mark.parametrize("as_of", [19980630, "1998-06-30", "1998/6/30", "1998年6月30日",
                                   pd.Timestamp("1998-06-30"), np.datetime64("1998-06-30")])
def test_as_of_in_every_form_is_that_day(as_of):
    data = ships(order_date=pd.to_datetime(["1998-01-05", "1998-06-01", "1998-06-30", "1997-03-03"]))
    table = ck.rfm_table(data, as_of)
    assert table["recency"].tolist() == [0, 29, 484]


@pytest.mark.parametrize("as_of", [19981340, 1998, 1e7, pd.NaT, "yesterday",
                                   pd.Timestamp("1998-06-30", tz="Asia/Shanghai")])
def test_as_of_that_is_no_plain_day_is_an_error(as_of):
    with pytest.raises((TypeError, ValueError)) as caught:
        ck.rfm_table(ships(), as_of)
    assert "as_of" in bilingual(caught.value)


# --- ids ----------------------------------------------------------------------

MIXED = [1001, "K-1002", 1001.0, 1003]   # what pd.read_excel gives for a half-numeric column
TEXT = ["1001", "K-1002", "1001", "1003"]


@pytest.mark.parametrize("call", [
    lambda f: ck.abc_classify(f),
    lambda f: ck.customer_profitability(f),
    lambda f: ck.historical_clv(f, as_of=AS_OF),
    lambda f: ck.big_customers(f, min_orders=0, year=2025),
    lambda f: ck.rfm_table(f, AS_OF),
    lambda f: ck.lifecycle_stage(f, as_of=AS_OF),
    lambda f: ck.customer_status(f, as_of=AS_OF),
])
def test_numbers_mixed_with_text_ids_become_text_ids(call):
    got = call(ships(customer_id=pd.Series(MIXED, dtype=object)))
    expected = call(ships(customer_id=TEXT))
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_ties_between_mixed_ids_are_broken_a_to_z_as_text():
    data = ships(customer_id=pd.Series([1003, "K-1002", 1001, 99], dtype=object), revenue=[5.0] * 4)
    assert ck.abc_classify(data)["customer_id"].tolist() == ["1001", "1003", "99", "K-1002"]


def test_categorical_ids_break_ties_a_to_z_not_in_category_order():
    ids = pd.Categorical(["b", "a", "c", "d"], categories=["d", "c", "b", "a"])
    data = ships(customer_id=ids, revenue=[5.0] * 4)
    assert ck.abc_classify(data)["customer_id"].tolist() == ["a", "b", "c", "d"]


@pytest.mark.parametrize("call", [lambda f, l: ck.lifecycle_stage(f, l, AS_OF),
                                  lambda f, l: ck.customer_status(f, l, AS_OF)])
def test_integer_ids_stay_integers_unless_leads_bring_text(call):
    data = ships(customer_id=[11, 12, 11, 13])
    assert call(data, None)["id"].tolist() == [11, 12, 13]
    int_leads = pd.DataFrame({"lead_id": [901], "stage": ["拜访"]})
    assert call(data, int_leads)["id"].tolist() == [11, 12, 13, 901]
    text_leads = pd.DataFrame({"lead_id": ["L1"], "stage": ["拜访"]})
    assert call(data, text_leads)["id"].tolist() == ["11", "12", "13", "L1"]


# --- one row per customer, optional columns -----------------------------------

@pytest.mark.parametrize("score", [ck.rfm_score, ck.rfm_segment])
def test_per_customer_tables_must_not_repeat_a_customer(score):
    rfm = ck.rfm_table(ships(), AS_OF)
    doubled = pd.concat([rfm, rfm.iloc[:1]], ignore_index=True)
    with pytest.raises(ValueError) as caught:
        score(doubled)
    assert "c1" in bilingual(caught.value)
    indexed = pd.concat([rfm, rfm.iloc[:1]]).set_index("customer_id")
    with pytest.raises(ValueError, match="c1"):
        score(indexed)


def test_a_misspelled_optional_column_is_not_ignored():
    leads = pd.DataFrame({"lead_id": ["L1"], "stage": ["拜访"], "created_date": ["2026-03-01"]})
    with pytest.raises(ValueError) as caught:
        ck.customer_status(ships(), leads, AS_OF, lead_date="create_date")
    assert "created_date" in bilingual(caught.value)
    # the default name may be absent: then no lead is left out for its date
    assert len(ck.customer_status(ships(), leads.drop(columns="created_date"), AS_OF)) == 4
    tiers = pd.DataFrame({"tier": ["战略客户"], "profit": [1.0]})
    with pytest.raises(ValueError, match="profit"):
        segments.service_plan(tiers, value="proft")


def test_a_missing_column_is_not_mistaken_for_a_similar_course_column():
    """resolved_at (完结时间) and received_at (受理时间) look alike but mean different things."""
    import coursekit as ck

    complaints = ck.load_dataset("complaints").drop(columns=["resolved_at"])
    with pytest.raises(ValueError) as raised:
        ck.complaint_kpis(complaints, ck.load_dataset("shipments"))
    message = str(raised.value)
    assert "你是不是想写" not in message and "Did you mean" not in message
    assert "不是同一列" in message and "columns={'你的表头': 'resolved_at'}" in message
    # a real typo still gets the suggestion
    with pytest.raises(ValueError, match="你是不是想写 'revenue'"):
        ck.abc_classify(ck.load_dataset("customers").assign(revenue=1.0), value="revenu")
