"""Tests for coursekit.tracking (case 2, DHL-Sinotrans) on hand-made tables."""
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.tracking import alert_scenario, delay_exposure, net_promoter_score

FAST = settings(max_examples=40, deadline=None)


# ---------------------------------------------------------------- net_promoter_score

def survey(scores, segments=None):
    frame = pd.DataFrame({"recommend_score": scores})
    if segments is not None:
        frame["segment"] = segments
    return frame


def test_nps_counts_the_three_groups():
    # promoters 9, 10, 10; passives 7, 8; detractors 0, 6 -> (3 - 2) / 7
    row = net_promoter_score(survey([9, 10, 10, 7, 8, 0, 6])).loc["全部"]
    counts = (row["respondents"], row["promoters"], row["passives"], row["detractors"])
    assert counts == (7, 3, 2, 2)
    assert row["nps"] == pytest.approx(100 / 7)
    assert row["promoter_share"] + row["passive_share"] + row["detractor_share"] == pytest.approx(1)


@pytest.mark.parametrize("score, group", [(6, "detractors"), (7, "passives"), (8, "passives"),
                                          (9, "promoters"), (0, "detractors"), (10, "promoters")])
def test_boundaries_of_the_groups(score, group):
    assert net_promoter_score(survey([score])).loc["全部", group] == 1


def test_extremes_are_plus_and_minus_100():
    assert net_promoter_score(survey([9, 10])).loc["全部", "nps"] == 100
    assert net_promoter_score(survey([0, 6, 3])).loc["全部", "nps"] == -100
    assert net_promoter_score(survey([7, 8])).loc["全部", "nps"] == 0


def test_nps_by_group_is_sorted_and_counts_are_integers():
    result = net_promoter_score(survey([10, 3, 9, 9], ["电商", "电商", "医药", "医药"]),
                                by="segment")
    assert result.index.tolist() == ["医药", "电商"]
    assert result["nps"].tolist() == [100.0, 0.0]
    assert str(result["promoters"].dtype) == "int64"


def test_nps_does_not_change_the_input():
    data = survey([10, 2, 7])
    before = data.copy()
    net_promoter_score(data)
    pd.testing.assert_frame_equal(data, before)


@FAST
@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=60))
def test_nps_matches_the_formula(scores):
    n = len(scores)
    expected = 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / n
    result = net_promoter_score(survey(scores)).loc["全部", "nps"]
    assert result == pytest.approx(expected)
    assert -100 <= result <= 100


def test_nps_on_the_course_survey():
    import coursekit as ck

    result = net_promoter_score(ck.load_dataset("survey"))
    assert result.loc["全部", "respondents"] == 480
    assert result.loc["全部", "nps"] == pytest.approx(100 * (83 - 276) / 480)


@pytest.mark.parametrize("scores, kind, words", [
    ([11, 5], ValueError, "0 到 10"), ([7.5, 5], ValueError, "整数"),
    ([-1, 5], ValueError, "负数"), ([None, 5], ValueError, "空值"),
    (["9", "5"], TypeError, "数字")])
def test_bad_scores_are_explained(scores, kind, words):
    with pytest.raises(kind, match=words) as info:
        net_promoter_score(survey(scores))
    assert "\n" in str(info.value)  # Chinese line, then English line


def test_nps_bad_arguments():
    with pytest.raises(TypeError, match="DataFrame"):
        net_promoter_score([9, 10])
    with pytest.raises(ValueError, match="recommend_score"):
        net_promoter_score(pd.DataFrame({"recommend_scor": [9]}))
    with pytest.raises(ValueError, match="segmnt|segment"):
        net_promoter_score(survey([9], ["电商"]), by="segmnt")
    with pytest.raises(ValueError, match="空值"):
        net_promoter_score(survey([9, 3], ["电商", None]), by="segment")


# ---------------------------------------------------------------- delay_exposure

def waybills():
    # W1 late, W2 on time, W3 late, W4 lost (and so not on time), W5 late
    return pd.DataFrame({
        "waybill_id": ["W1", "W2", "W3", "W4", "W5"],
        "segment": ["重要", "重要", "一般", "一般", "一般"],
        "on_time": [False, True, False, False, False],
        "lost": [False, False, False, True, False]})


def complaints():
    return pd.DataFrame({
        "complaint_id": ["C1", "C2", "C3", "C4", "C5", "C6", "C7"],
        "waybill_id": ["W1", "W1", "W2", "W3", "W4", "W9", None],
        "category": ["延误", "延误", "延误", "破损", "延误", "延误", "延误"]})


def test_exposure_counts_delay_complaints_on_late_waybills_only():
    # W1: two delay complaints; W2 on time, W4 lost, W9 not in the table, C7 no waybill
    row = delay_exposure(waybills(), complaints()).loc["全部"]
    assert (row["waybills"], row["late_waybills"], row["delay_complaints"]) == (5, 3, 2)
    assert row["late_rate"] == pytest.approx(0.6)
    assert row["complaints_per_late"] == pytest.approx(2 / 3)


def test_exposure_by_group():
    result = delay_exposure(waybills(), complaints(), by="segment")
    assert result.index.tolist() == ["一般", "重要"]
    assert result["late_waybills"].tolist() == [2, 1]
    assert result["delay_complaints"].tolist() == [0, 2]
    assert str(result["delay_complaints"].dtype) == "int64"


def test_group_without_late_waybills_has_no_rate():
    ships = waybills().assign(on_time=[False, True, True, True, True])
    result = delay_exposure(ships, complaints(), by="segment")
    assert math.isnan(result.loc["一般", "complaints_per_late"])


def test_exposure_accepts_one_zero_flags_and_keeps_input():
    ships = waybills().assign(on_time=[0, 1, 0, 0, 0], lost=[0, 0, 0, 1, 0])
    before = ships.copy()
    assert delay_exposure(ships, complaints()).loc["全部", "delay_complaints"] == 2
    pd.testing.assert_frame_equal(ships, before)


def test_exposure_other_category_name():
    renamed = complaints().assign(category=lambda d: d["category"].replace({"延误": "晚到"}))
    row = delay_exposure(waybills(), renamed, delay_category="晚到").loc["全部"]
    assert row["delay_complaints"] == 2


def test_exposure_bad_inputs_are_explained():
    with pytest.raises(ValueError, match="waybill_id") as info:
        delay_exposure(pd.concat([waybills(), waybills().head(1)]), complaints())
    assert "\n" in str(info.value)
    with pytest.raises(ValueError, match="on_time"):
        delay_exposure(waybills().drop(columns="on_time"), complaints())
    with pytest.raises(TypeError, match="True/False"):
        delay_exposure(waybills().assign(lost="否"), complaints())
    with pytest.raises(ValueError, match="categry|category"):
        delay_exposure(waybills(), complaints().rename(columns={"category": "categry"}))
    with pytest.raises(ValueError, match="delay_category"):
        delay_exposure(waybills(), complaints(), delay_category="delay")
    with pytest.raises(TypeError, match="DataFrame"):
        delay_exposure(waybills(), None)


def test_exposure_on_the_course_data_2025():
    import coursekit as ck

    shipments = ck.load_dataset("shipments")
    row = delay_exposure(shipments[shipments["order_date"].dt.year == 2025],
                         ck.load_dataset("complaints")).loc["全部"]
    assert (row["waybills"], row["late_waybills"], row["delay_complaints"]) == (87608, 5205, 342)


# ---------------------------------------------------------------- alert_scenario

def exposure():
    return pd.DataFrame({"waybills": [10000, 2000], "late_waybills": [600, 200],
                         "delay_complaints": [40, 20]}, index=["重要", "一般"])


def test_scenario_formula():
    out = alert_scenario(exposure(), coverage=0.9, alert_share=0.5, avoid_rate=0.5)
    assert out["caught_waybills"].tolist() == pytest.approx([540, 180])
    assert out["warned_waybills"].tolist() == pytest.approx([270, 90])
    assert out["avoided_complaints"].tolist() == pytest.approx([9, 4.5])     # 40 x 0.225
    assert out["remaining_complaints"].tolist() == pytest.approx([31, 15.5])
    assert out["delay_per_10k_before"].tolist() == pytest.approx([40, 100])
    assert out["delay_per_10k_after"].tolist() == pytest.approx([31, 77.5])


def test_scenario_extremes_and_input_kept():
    table = exposure()
    before = table.copy()
    assert alert_scenario(table, 0, 1, 1)["avoided_complaints"].sum() == 0
    full = alert_scenario(table, 1, 1, 1)
    assert full["remaining_complaints"].sum() == 0
    pd.testing.assert_frame_equal(table, before)


@FAST
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_avoided_never_exceeds_the_complaints(coverage, alert_share, avoid_rate):
    out = alert_scenario(exposure(), coverage, alert_share, avoid_rate)
    assert (out["avoided_complaints"] <= out["delay_complaints"] + 1e-9).all()
    assert (out["avoided_complaints"] >= 0).all()
    assert out["avoided_complaints"].tolist() == pytest.approx(
        [c * coverage * alert_share * avoid_rate for c in (40, 20)])


@pytest.mark.parametrize("kwargs, kind, words", [
    ({"coverage": 1.2}, ValueError, "coverage"),
    ({"alert_share": -0.1}, ValueError, "alert_share"),
    ({"avoid_rate": "一半"}, TypeError, "avoid_rate"),
    ({"coverage": float("nan")}, ValueError, "NaN")])
def test_scenario_bad_shares_are_explained(kwargs, kind, words):
    args = {"coverage": 0.5, "alert_share": 0.5, "avoid_rate": 0.5, **kwargs}
    with pytest.raises(kind, match=words) as info:
        alert_scenario(exposure(), **args)
    assert "\n" in str(info.value)


def test_scenario_needs_the_exposure_columns():
    with pytest.raises(ValueError, match="delay_complaints"):
        alert_scenario(exposure().drop(columns="delay_complaints"), 0.5, 0.5, 0.5)
    with pytest.raises(ValueError, match="负数"):
        alert_scenario(exposure().assign(late_waybills=[-1, 2]), 0.5, 0.5, 0.5)
