"""Tests for coursekit.approach (unit 4), on small hand-made frames.

Hand-worked cases show the arithmetic in comments; hypothesis checks the
invariants (priority within 0-100, weights only matter through their ratio,
a plan never repeats a lead, every day goes to one city).
"""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.approach import (INDUSTRY_NEEDS, MAX_KM, PRIORITY_WEIGHTS, VALUE_CAP, WEEKDAYS,
                                plan_summary, visit_priority, week_plan)

FAST = settings(max_examples=40, deadline=None)


def make_leads():
    return pd.DataFrame({
        "lead_id": ["L1", "L2", "L3", "L4"],
        "company": ["甲公司", "乙公司", "丙公司", "丁公司"],
        "city": ["南宁", "柳州", "南宁", "贺州"],
        "distance_km": [10.0, 250.0, 20.0, 600.0],
        "need_level": ["高", "高", "低", "中"],
        "annual_logistics_spend": [300_000.0, 1_500_000.0, 60_000.0, 3_000_000.0],
        "decision_authority": ["决策者", "决策者", "使用者", "影响者"],
        "credit_rating": ["AA", "AA", "B", "A"],
        "stage": ["线索"] * 4,
    })


# ---------------------------------------------------------------------------
# visit_priority
# ---------------------------------------------------------------------------

def test_visit_priority_hand_worked():
    ranked = visit_priority(make_leads()).set_index("lead_id")
    # L1: score 0.3*100 + 0.3*60 + 0.2*100 + 0.2*75 = 83; value 300000/2e6*100 = 15;
    #     distance 100*(1 - 10/500) = 98; priority 0.5*83 + 0.3*15 + 0.2*98 = 65.6
    assert ranked.loc["L1", ["score", "value_points", "distance_points", "priority"]].tolist() == \
        [83.0, 15.0, 98.0, 65.6]
    # L4: score 0.3*60 + 0.3*100 + 0.2*60 + 0.2*50 = 70; value capped at 100;
    #     600 km is beyond 500 km -> 0; priority 0.5*70 + 0.3*100 + 0 = 65.0
    assert ranked.loc["L4", ["score", "value_points", "distance_points", "priority"]].tolist() == \
        [70.0, 100.0, 0.0, 65.0]
    # L2: 0.5*95 + 0.3*75 + 0.2*50 = 80.0 -> first; L3 last
    assert ranked.index.tolist() == ["L2", "L1", "L4", "L3"]
    assert ranked["rank"].tolist() == [1, 2, 3, 4]


def test_visit_priority_columns_and_copies():
    leads = make_leads()
    before = leads.copy()
    ranked = visit_priority(leads)
    assert ranked.columns.tolist() == ["rank", "lead_id", "company", "city", "distance_km",
                                       "annual_logistics_spend", "score", "grade",
                                       "value_points", "distance_points", "priority"]
    pd.testing.assert_frame_equal(leads, before)  # the caller's frame is untouched
    assert str(ranked["grade"].iloc[0]) == "优先跟进"


def test_weights_are_normalised_and_partial():
    leads = make_leads()
    same = visit_priority(leads, {"score": 5, "value": 3, "distance": 2})
    pd.testing.assert_frame_equal(same, visit_priority(leads))
    # leaving a part out keeps its default weight
    pd.testing.assert_frame_equal(visit_priority(leads, {"score": 0.5}), visit_priority(leads))


def test_distance_only_puts_the_nearest_first():
    ranked = visit_priority(make_leads(), {"score": 0, "value": 0, "distance": 1})
    assert ranked["lead_id"].tolist() == ["L1", "L3", "L2", "L4"]
    assert ranked["priority"].tolist() == [98.0, 96.0, 50.0, 0.0]


def test_equal_priorities_are_ordered_by_lead_id():
    leads = make_leads().iloc[[0, 0]].reset_index(drop=True)
    leads["lead_id"] = ["Z9", "A1"]
    assert visit_priority(leads)["lead_id"].tolist() == ["A1", "Z9"]


def test_cap_and_limit_are_parameters():
    ranked = visit_priority(make_leads(), value_cap=3_000_000, max_km=1000).set_index("lead_id")
    assert ranked.loc["L1", "value_points"] == 10.0
    assert ranked.loc["L4", "distance_points"] == 40.0


def test_lead_weights_reach_qualify_leads():
    only_credit = {"need": 0, "power": 0, "authority": 0, "credit": 1}
    ranked = visit_priority(make_leads(), lead_weights=only_credit).set_index("lead_id")
    assert ranked.loc["L1", "score"] == 75.0 and ranked.loc["L3", "score"] == 25.0


def test_defaults_are_documented_constants():
    assert PRIORITY_WEIGHTS == {"score": 0.5, "value": 0.3, "distance": 0.2}
    assert VALUE_CAP == 2_000_000 and MAX_KM == 500
    assert set(INDUSTRY_NEEDS) == {"医药", "IT/通信", "电子", "服装", "广告", "电商"}


@pytest.mark.parametrize("weights, kind, words", [
    ({"speed": 1}, ValueError, "speed"),
    ({"score": -1}, ValueError, "weights['score']"),
    ({"score": 0, "value": 0, "distance": 0}, ValueError, "至少"),
    ([0.5, 0.3, 0.2], TypeError, "字典"),
    ({"score": "高"}, TypeError, "数字"),
])
def test_bad_weights_are_explained(weights, kind, words):
    with pytest.raises(kind, match="\n") as error:
        visit_priority(make_leads(), weights)
    assert words in str(error.value)


def test_bad_inputs_are_explained():
    with pytest.raises(TypeError, match="DataFrame"):
        visit_priority([1, 2])
    with pytest.raises(ValueError, match="distance_km"):
        visit_priority(make_leads().drop(columns="distance_km"))
    with pytest.raises(ValueError, match="你是不是想写 'distance_km'"):
        visit_priority(make_leads(), distance="distance_kms")
    bad = make_leads()
    bad.loc[0, "distance_km"] = -5
    with pytest.raises(ValueError, match="负数"):
        visit_priority(bad)
    with pytest.raises(ValueError, match="唯一"):
        visit_priority(pd.concat([make_leads(), make_leads()]))
    with pytest.raises(ValueError, match="max_km"):
        visit_priority(make_leads(), max_km=0)
    text = make_leads().astype({"annual_logistics_spend": str})
    with pytest.raises(TypeError, match="应该是数字"):
        visit_priority(text)


def test_course_leads_not_visited_yet():
    from coursekit.data import load_dataset

    leads = load_dataset("leads")
    to_visit = leads[leads["stage"].isin(["线索", "合格"])]
    ranked = visit_priority(to_visit)
    assert len(ranked) == len(to_visit)
    assert ranked["priority"].is_monotonic_decreasing
    assert ranked["priority"].between(0, 100).all()


leads_strategy = st.lists(
    st.tuples(st.sampled_from(["低", "中", "高"]), st.floats(0, 6_000_000),
              st.sampled_from(["使用者", "影响者", "决策者"]),
              st.sampled_from(["C", "B", "A", "AA", "AAA"]), st.floats(0, 900),
              st.sampled_from(["南宁", "柳州", "桂林"])),
    min_size=1, max_size=25)


def frame_from(rows):
    need, spend, authority, credit, km, city = zip(*rows)
    return pd.DataFrame({"lead_id": [f"L{i:02d}" for i in range(len(rows))], "city": city,
                         "distance_km": km, "need_level": need,
                         "annual_logistics_spend": spend, "decision_authority": authority,
                         "credit_rating": credit})


@FAST
@given(leads_strategy, st.floats(0, 10), st.floats(0, 10), st.floats(0.01, 10),
       st.floats(0.1, 10))
def test_priority_invariants(rows, w_score, w_value, w_distance, scale):
    leads = frame_from(rows)
    weights = {"score": w_score, "value": w_value, "distance": w_distance}
    ranked = visit_priority(leads, weights)
    assert ranked["priority"].between(0, 100).all()
    assert sorted(ranked["lead_id"]) == sorted(leads["lead_id"])
    # only the ratio of the weights matters
    scaled = visit_priority(leads, {k: v * scale for k, v in weights.items()})
    assert np.allclose(scaled["priority"], ranked["priority"], atol=0.1 + 1e-9)
    # row order of the input does not change the result
    shuffled = visit_priority(leads.iloc[::-1], weights)
    pd.testing.assert_frame_equal(shuffled, ranked)


# ---------------------------------------------------------------------------
# week_plan
# ---------------------------------------------------------------------------

def ranked_example():
    return pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
                         "company": list("甲乙丙丁戊己"),
                         "city": ["柳州", "南宁", "柳州", "南宁", "桂林", "南宁"],
                         "distance_km": [250.0, 10.0, 240.0, 15.0, 420.0, 30.0],
                         "priority": [90.0, 85.0, 60.0, 50.0, 40.0, 30.0]})


def test_week_plan_hand_worked():
    plan = week_plan(ranked_example(), visits_per_day=2, days=3)
    # Monday: L1 is the most urgent -> Liuzhou, add L3 (same city);
    # Tuesday: L2 -> Nanning, add L4; Wednesday: L5 -> Guilin, alone there
    assert plan[["day", "weekday", "visit", "lead_id", "city"]].values.tolist() == [
        [1, "周一", 1, "L1", "柳州"], [1, "周一", 2, "L3", "柳州"],
        [2, "周二", 1, "L2", "南宁"], [2, "周二", 2, "L4", "南宁"],
        [3, "周三", 1, "L5", "桂林"]]
    assert plan.columns.tolist() == ["day", "weekday", "visit", "lead_id", "company", "city",
                                     "distance_km", "priority"]


def test_week_plan_stops_when_every_lead_is_planned():
    plan = week_plan(ranked_example(), visits_per_day=5, days=7)
    assert plan["day"].max() == 3 and len(plan) == 6


def test_week_plan_uses_priority_not_row_order():
    shuffled = ranked_example().sample(frac=1, random_state=1)
    pd.testing.assert_frame_equal(week_plan(shuffled, 2, 3), week_plan(ranked_example(), 2, 3))


def test_week_plan_accepts_visit_priority_output():
    plan = week_plan(visit_priority(make_leads()), visits_per_day=1, days=2)
    assert plan["lead_id"].tolist() == ["L2", "L1"]
    assert plan["weekday"].tolist() == list(WEEKDAYS[:2])


@pytest.mark.parametrize("kwargs, kind, words", [
    ({"visits_per_day": 0}, ValueError, "visits_per_day"),
    ({"visits_per_day": 2.5}, TypeError, "整数"),
    ({"days": 8}, ValueError, "days"),
    ({"city": "town"}, ValueError, "town"),
])
def test_week_plan_bad_arguments(kwargs, kind, words):
    with pytest.raises(kind, match="\n") as error:
        week_plan(ranked_example(), **kwargs)
    assert words in str(error.value)


def test_week_plan_home_city_holds_more_visits():
    # visits_per_day=1 away, 3 at home: Monday L1 alone in Liuzhou (L3 waits),
    # Tuesday Nanning takes L2, L4 and L6; Wednesday back to Liuzhou for L3
    plan = week_plan(ranked_example(), visits_per_day=1, days=3, home_city="南宁", home_visits=3)
    assert plan[["day", "lead_id"]].values.tolist() == [
        [1, "L1"], [2, "L2"], [2, "L4"], [2, "L6"], [3, "L3"]]
    # without home_visits the home city gets the ordinary number of visits
    same = week_plan(ranked_example(), visits_per_day=1, days=3, home_city="南宁")
    pd.testing.assert_frame_equal(same, week_plan(ranked_example(), visits_per_day=1, days=3))


def test_week_plan_carries_the_rank():
    plan = week_plan(visit_priority(make_leads()), visits_per_day=2, days=1)
    assert plan.columns.tolist()[:5] == ["day", "weekday", "visit", "rank", "lead_id"]
    assert plan["rank"].tolist() == [1]          # L2 is alone in Liuzhou


@pytest.mark.parametrize("kwargs, kind, words", [
    ({"home_visits": 3}, TypeError, "home_city"),
    ({"home_city": "南宁", "home_visits": 0}, ValueError, "home_visits"),
    ({"home_city": 5}, TypeError, "home_city"),
])
def test_week_plan_bad_home_arguments(kwargs, kind, words):
    with pytest.raises(kind, match="\n") as error:
        week_plan(ranked_example(), **kwargs)
    assert words in str(error.value)


def test_plan_summary_hand_worked():
    ranked = ranked_example().assign(rank=range(1, 7))
    plan = week_plan(ranked, visits_per_day=2, days=3)
    summary = plan_summary({"plan": plan, "first two": ranked.head(2).assign(day=1)}, top=3)
    # Liuzhou day 2 x 250, Nanning day 2 x 15, Guilin day 2 x 420 = 1370 km;
    # ranks 1, 2, 3 are all planned; priorities 90+60+85+50+40 = 325
    assert summary.loc["plan"].to_dict() == {"visits": 5, "top_visited": 3,
                                             "priority_total": 325.0, "round_trip_km": 1370}
    # one day to Liuzhou and Nanning: only the farthest lead counts, 2 x 250
    assert summary.loc["first two", "round_trip_km"] == 500
    assert summary["visits"].dtype == "int64" and summary.index.name == "plan"
    assert plan_summary(plan).index.tolist() == [0]          # a single frame is one row


def test_plan_summary_bad_input():
    with pytest.raises(ValueError, match="rank"):
        plan_summary({"no rank": week_plan(ranked_example())})
    with pytest.raises(TypeError, match="plans"):
        plan_summary({})


def test_week_plan_missing_city_is_explained():
    data = ranked_example()
    data.loc[2, "city"] = None
    with pytest.raises(ValueError, match="城市"):
        week_plan(data)


@FAST
@given(st.lists(st.tuples(st.sampled_from(["南宁", "柳州", "桂林", "钦州"]), st.floats(0, 100)),
                min_size=1, max_size=30),
       st.integers(1, 5), st.integers(1, 7))
def test_week_plan_invariants(rows, per_day, days):
    cities, priority = zip(*rows)
    data = pd.DataFrame({"lead_id": [f"L{i:02d}" for i in range(len(rows))], "city": cities,
                         "distance_km": 100.0, "priority": priority})
    plan = week_plan(data, visits_per_day=per_day, days=days)
    assert plan["lead_id"].is_unique
    assert plan.groupby("day")["city"].nunique().eq(1).all()
    assert plan.groupby("day").size().le(per_day).all()
    assert plan["day"].max() <= days
    # the most urgent lead is always visited first on Monday
    best = data.sort_values(["priority", "lead_id"], ascending=[False, True]).iloc[0]
    assert plan.iloc[0]["lead_id"] == best["lead_id"]
