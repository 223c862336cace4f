"""Transit time and in-transit cost helpers (coursekit.transit).

The expected numbers are worked out by hand in the comments, so a change of
formula shows up as a failing test rather than a quietly different notebook.
"""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.transit import (in_transit_cost, route_comparison, shelf_life_used, to_hours,
                               transit_comparison)

positive = st.floats(min_value=0.01, max_value=10_000, allow_nan=False, allow_infinity=False)


# ---------------------------------------------------------------- to_hours

def test_days_become_hours():
    assert to_hours(15, "天") == 360.0          # 15 x 24
    assert to_hours(1.5, "days") == 36.0
    assert to_hours(98, "小时") == 98.0
    assert to_hours(98) == 98.0                  # hours by default
    assert to_hours(0, "d") == 0.0


def test_to_hours_rejects_bad_input():
    with pytest.raises(ValueError, match="unit"):
        to_hours(5, "周")
    with pytest.raises(ValueError, match="value"):
        to_hours(-1, "天")
    with pytest.raises(TypeError, match="value"):
        to_hours("15", "天")


# ---------------------------------------------------------------- transit_comparison

def test_milk_train_by_hand():
    # 15 days = 360 h; 360 - 98 = 262 h saved = 10.9167 days; 262 / 360 = 0.72778; 360 / 98 = 3.6735
    result = transit_comparison(360, 98)
    assert result["before_hours"] == 360 and result["after_hours"] == 98
    assert result["before_days"] == 15
    assert result["after_days"] == pytest.approx(4.083333, abs=1e-6)
    assert result["hours_saved"] == 262
    assert result["days_saved"] == pytest.approx(10.916667, abs=1e-6)
    assert result["share_saved"] == pytest.approx(0.727778, abs=1e-6)
    assert result["speedup"] == pytest.approx(3.673469, abs=1e-6)
    assert result.dtype == float


def test_slower_new_way_gives_negative_saving():
    result = transit_comparison(48, 60)
    assert result["hours_saved"] == -12 and result["share_saved"] == pytest.approx(-0.25)


@pytest.mark.parametrize("before, after, kind, arg", [
    (-5, 98, ValueError, "before_hours"),
    (0, 98, ValueError, "before_hours"),
    (360, 0, ValueError, "after_hours"),
    (360, -1, ValueError, "after_hours"),
    ("360", 98, TypeError, "before_hours"),
    (360, None, TypeError, "after_hours"),
    (True, 98, TypeError, "before_hours"),
    (float("nan"), 98, ValueError, "before_hours"),
    (float("inf"), 98, ValueError, "before_hours"),
])
def test_transit_comparison_rejects_bad_input(before, after, kind, arg):
    with pytest.raises(kind, match=arg) as error:
        transit_comparison(before, after)
    zh, en = str(error.value).split("\n")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en) and arg in en


@given(positive, positive)
def test_saving_plus_new_time_is_old_time(before, after):
    result = transit_comparison(before, after)
    assert result["hours_saved"] + result["after_hours"] == pytest.approx(before)
    assert result["share_saved"] == pytest.approx(1 - after / before)
    assert result["speedup"] * after == pytest.approx(before)


# ---------------------------------------------------------------- route_comparison

def test_route_table_by_hand_and_caller_frame_untouched():
    routes = pd.DataFrame({"route": ["呼和浩特-广州", "宁夏-成都", "北京-广州"],
                           "before_hours": [360, 96, 120], "after_hours": [98, 46, 33]})
    original = routes.copy()
    result = route_comparison(routes)
    pd.testing.assert_frame_equal(routes, original)
    # 96 - 46 = 50 h; 50 / 96 = 0.52083; 120 - 33 = 87 h; 87 / 120 = 0.725
    assert result["hours_saved"].tolist() == [262.0, 50.0, 87.0]
    assert result["share_saved"].round(5).tolist() == [0.72778, 0.52083, 0.725]
    assert result["before_days"].tolist() == [15.0, 4.0, 5.0]
    assert list(result.columns[:3]) == ["route", "before_hours", "after_hours"]


def test_route_table_custom_columns_and_one_row_matches_scalar():
    routes = pd.DataFrame({"old": [360.0], "new": [98.0]})
    row = route_comparison(routes, before="old", after="new").iloc[0]
    scalar = transit_comparison(360, 98)
    for name in ["hours_saved", "days_saved", "share_saved", "speedup"]:
        assert row[name] == pytest.approx(scalar[name])


def test_route_table_rejects_bad_input():
    good = pd.DataFrame({"before_hours": [360], "after_hours": [98]})
    with pytest.raises(TypeError, match="routes"):
        route_comparison([360, 98])
    with pytest.raises(ValueError, match="after_hour"):
        route_comparison(good.rename(columns={"after_hours": "after_hour"}))
    with pytest.raises(ValueError, match="空表"):
        route_comparison(good.iloc[0:0])
    with pytest.raises(ValueError, match="负数"):
        route_comparison(good.assign(after_hours=[-98]))
    with pytest.raises(ValueError, match="0"):
        route_comparison(good.assign(before_hours=[0]))
    with pytest.raises(ValueError, match="NaN"):
        route_comparison(good.assign(before_hours=[np.nan]))
    with pytest.raises(ValueError, match="无穷大"):
        route_comparison(good.assign(before_hours=[np.inf]))
    with pytest.raises(TypeError, match="数字"):
        route_comparison(good.assign(before_hours=["15 天"]))


# ---------------------------------------------------------------- in_transit_cost

def test_in_transit_cost_by_hand():
    # 3,650,000 x 0.2 x (48 / 24) / 365 = 730,000 x 2 / 365 = 4,000
    assert in_transit_cost(3_650_000, 0.2, 48) == pytest.approx(4000)
    # the illustrative milk cargo: 6,000,000 yuan, 20% a year
    # old way 15 days: 6e6 x 0.2 x 15 / 365 = 49,315.07
    # milk train 98 h: 6e6 x 0.2 x (98 / 24) / 365 = 13,424.66
    old = in_transit_cost(6_000_000, 0.2, 360)
    new = in_transit_cost(6_000_000, 0.2, 98)
    assert old == pytest.approx(49315.07, abs=0.01)
    assert new == pytest.approx(13424.66, abs=0.01)
    assert old - new == pytest.approx(35890.41, abs=0.01)


def test_in_transit_cost_edges():
    assert in_transit_cost(0, 0.2, 98) == 0
    assert in_transit_cost(1_000, 0, 98) == 0
    assert in_transit_cost(1_000, 1, 0) == 0
    # a whole year at 100%: the cost equals the goods' value
    assert in_transit_cost(1_000, 1, 365 * 24) == pytest.approx(1_000)
    assert in_transit_cost(np.int64(1000), np.float64(0.5), 24 * 365) == pytest.approx(500)


@pytest.mark.parametrize("args, kind, arg", [
    ((1_000, 1.5, 98), ValueError, "annual_rate"),     # 150% is a rate > 1: forgot to divide by 100?
    ((1_000, 20, 98), ValueError, "annual_rate"),
    ((1_000, -0.1, 98), ValueError, "annual_rate"),
    ((1_000, 0.2, -98), ValueError, "hours"),
    ((-1_000, 0.2, 98), ValueError, "value"),
    (("1000", 0.2, 98), TypeError, "value"),
    ((1_000, "20%", 98), TypeError, "annual_rate"),
    ((1_000, 0.2, [98]), TypeError, "hours"),
    ((1_000, 0.2, float("nan")), ValueError, "hours"),
])
def test_in_transit_cost_rejects_bad_input(args, kind, arg):
    with pytest.raises(kind, match=arg):
        in_transit_cost(*args)


@given(st.floats(0, 1e8), st.floats(0, 1), positive, positive)
def test_cost_grows_with_time_and_is_additive(value, rate, h1, h2):
    both = in_transit_cost(value, rate, h1 + h2)
    parts = in_transit_cost(value, rate, h1) + in_transit_cost(value, rate, h2)
    assert both == pytest.approx(parts, rel=1e-9, abs=1e-9)
    assert both >= in_transit_cost(value, rate, h1) - 1e-9


# ---------------------------------------------------------------- shelf_life_used

def test_shelf_life_by_hand():
    # 360 h = 15 days of 180 days = 1/12; 98 h = 4.0833 days of 180 = 0.02269
    assert shelf_life_used(360, 180) == pytest.approx(1 / 12)
    assert shelf_life_used(98, 180) == pytest.approx(0.022685, abs=1e-6)
    # pasteurised milk (7 days) could not survive the old 15-day trip: share > 1
    assert shelf_life_used(360, 7) == pytest.approx(15 / 7)
    assert shelf_life_used(0, 7) == 0


@pytest.mark.parametrize("args, kind, arg", [
    ((98, 0), ValueError, "shelf_life_days"),
    ((98, -7), ValueError, "shelf_life_days"),
    ((-1, 7), ValueError, "transit_hours"),
    (("98", 7), TypeError, "transit_hours"),
    ((98, "7 天"), TypeError, "shelf_life_days"),
    ((98, False), TypeError, "shelf_life_days"),
    ((98, math.inf), ValueError, "shelf_life_days"),
])
def test_shelf_life_rejects_bad_input(args, kind, arg):
    with pytest.raises(kind, match=arg):
        shelf_life_used(*args)
