"""Unit 4: preparing to approach customers - whom to visit first, and a week of visits.

* :func:`visit_priority` puts open leads in visiting order. It combines the
  lead score of :func:`coursekit.qualifying.qualify_leads` (need, purchasing
  power, decision authority, credit), the size of the prize (the lead's yearly
  logistics spend) and the distance from the Nanning head office.
* :func:`week_plan` turns that order into a visiting plan for a week: every
  day starts with the most urgent lead not yet planned and adds the next
  leads in the same city, so a salesperson does not drive to Liuzhou on
  Monday and again on Thursday. A day in the home city can hold more visits
  (``home_city``, ``home_visits``): the trips there are short.
* :func:`plan_summary` puts the price of a plan in numbers (visits, top
  leads covered, priority covered, rough kilometres), so two plans can be
  compared honestly: grouping by city saves kilometres, but it can also pull
  in low-ranked leads and leave urgent ones for next week.

Like the thresholds in :mod:`coursekit.qualifying`, the default weights, the
value cap and the distance limit are illustrative teaching choices, not
industry standards; every one is a parameter a teacher can change in class.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import (fail, require_columns, require_frame, require_ids, require_number,
                        require_numeric, require_unique, normalised_weights)

__all__ = ["visit_priority", "week_plan", "plan_summary", "INDUSTRY_NEEDS"]

PRIORITY_WEIGHTS = {"score": 0.5, "value": 0.3, "distance": 0.2}
"""Default weights: the lead score first, then the size of the prize, then the trip."""

VALUE_CAP = 2_000_000
"""Yearly logistics spend in 元 that earns the full 100 value points (1 point per 2万元).

``qualify_leads`` already gives full purchasing-power points from 100万元 a year;
the value points keep telling bigger prizes apart up to 200万元. In the course
data only a few open leads (under 5%) spend more than that.
"""

MAX_KM = 500
"""Distance in km that earns 0 distance points. The farthest Guangxi cities
in the course data (贺州, 桂林) lie about 400-500 km by road from Nanning."""

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

_CARRIED = ("company", "industry", "city")  # copied into the result when the leads have them

INDUSTRY_NEEDS = {
    "医药": ("货值高、对安全要求严：谈清楚保价和保险条款",
             "必须保持原厂包装，不许压变形、不许弄脏",
             "有的药厂把签收回单当作收款凭证：回单要及时返回",
             "回款慢、账期长：合同里写明结算周期"),
    "IT/通信": ("货值很高：保险和赔偿标准要白纸黑字写进合同",
              "原厂包装不能变形或污损，一般要求用厢式车",
              "常常需要仓储，并用条码管理库存",
              "产品更新换代快，对时效要求很高",
              "收货方要签回单，可能还要登记收货人信息、加盖公章"),
    "电子": ("货值高：谈好保险和赔偿",
             "怕震、怕摔：包装要讲究，常用防震板、木箱、木架，或发泡、悬空、真空包装"),
    "服装": ("品牌货不少，价值不低：商量保险，讲清赔付办法",
             "多为轻泡货：事先讲清计费重量怎样算",
             "原包装就是销售包装，不许弄脏：考虑在外面加运输包装"),
    "广告": ("货物多是宣传品、小礼品，常要批量分拣：报价时把分拣算进去",
             "巡展、活动物料的时间卡得很死，绝不能晚到",
             "多按项目来做：项目结束后及时跟进收款"),
    "电商": ("发货频繁：每天至少要有一班揽收",
             "多数需要仓储",
             "有的要代收货款：讲清手续费率和返款周期",
             "要能全程追踪每一票货",
             "货量大，通常要求价格折扣"),
}
"""What customers of six industries usually ask of a logistics company: a checklist
to prepare before a first visit. Facts from seed 002 (slides 《物流客户服务》 ch. 1,
"各行业项目客户的基本需求"), worded for this course."""


def visit_priority(leads, weights=None, *, lead_weights=None, value_cap=VALUE_CAP,
                   max_km=MAX_KM, lead="lead_id", spend="annual_logistics_spend",
                   distance="distance_km", need="need_level",
                   authority="decision_authority", credit="credit_rating"):
    """Rank leads for a first visit by lead score, expected value and distance.

    Three parts, each on a 0-100 scale::

        score_points    = lead score of qualify_leads (need, power, authority, credit)
        value_points    = 100 * min(spend / value_cap, 1)       # 1 point per 2万元 by default
        distance_points = 100 * max(1 - distance_km / max_km, 0) # 0 km -> 100, max_km or more -> 0

        priority = (w_score * score_points + w_value * value_points
                    + w_distance * distance_points) / (w_score + w_value + w_distance)

    rounded to 0.1, so it stays within 0-100. Default weights: score 0.5,
    value 0.3, distance 0.2. The lead score already counts purchasing power in
    bands; ``value_points`` adds the exact amount, so between two equally
    qualified leads the bigger prize comes first. Rank 1 is visited first;
    equal priorities are ordered by lead id.

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per lead (e.g. the open leads of the ``leads`` dataset).
    weights : dict, optional
        Weights for ``"score"``, ``"value"``, ``"distance"``, zero or more.
        Parts you leave out keep their default weight; weights are
        normalised, so ``{"score": 5, "value": 3, "distance": 2}`` equals the
        defaults. Unknown keys and an all-zero set are errors.
    lead_weights : dict, optional
        Factor weights passed to :func:`coursekit.qualifying.qualify_leads`.
    value_cap : float, default 2,000,000
        Spend in 元 that earns the full 100 value points.
    max_km : float, default 500
        Distance in km at which the distance points reach 0.
    lead, spend, distance, need, authority, credit : str
        Column names (defaults are the ``leads`` dataset's).

    Returns
    -------
    pandas.DataFrame
        ``rank``, ``lead_id``, then ``company``, ``industry``, ``city`` when
        the leads have them, ``distance_km``, ``annual_logistics_spend``,
        ``score``, ``grade`` (from qualify_leads), ``value_points``,
        ``distance_points`` and ``priority``, highest priority first.

    Examples
    --------
    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3"],
    ...                       "city": ["南宁", "柳州", "南宁"],
    ...                       "distance_km": [10.0, 250.0, 20.0],
    ...                       "need_level": ["高", "高", "低"],
    ...                       "annual_logistics_spend": [300_000.0, 1_500_000.0, 60_000.0],
    ...                       "decision_authority": ["决策者", "决策者", "使用者"],
    ...                       "credit_rating": ["AA", "AA", "B"]})
    >>> ranked = visit_priority(leads)
    >>> ranked[["lead_id", "score", "value_points", "distance_points", "priority"]].values.tolist()
    [['L2', 95.0, 75.0, 50.0, 80.0], ['L1', 83.0, 15.0, 98.0, 65.6], ['L3', 23.0, 3.0, 96.0, 31.6]]

    L2: 0.5 x 95 + 0.3 x 75 + 0.2 x 50 = 80.0. With the trip weighing most,
    the near lead comes first:

    >>> visit_priority(leads, {"score": 0.2, "value": 0.2, "distance": 0.6})["lead_id"].tolist()
    ['L1', 'L2', 'L3']
    """
    from .qualifying import qualify_leads

    data = require_frame(leads, "leads").reset_index(drop=True)
    weight = normalised_weights(weights, PRIORITY_WEIGHTS)
    require_number(value_cap, "value_cap", low=0, low_open=True)
    require_number(max_km, "max_km", low=0, low_open=True)
    require_columns(data, [lead, spend, distance], "leads")
    data = data.assign(**{lead: require_ids(data, lead, "leads")})  # ties break by id A to Z
    require_unique(data, lead, "leads")
    spend_values = require_numeric(data, spend, "leads").astype(float)
    km = require_numeric(data, distance, "leads").astype(float)

    scored = qualify_leads(data, lead_weights, lead=lead, need=need, spend=spend,
                           authority=authority, credit=credit)
    value_points = (100 * np.minimum(spend_values / float(value_cap), 1.0)).round(1)
    distance_points = (100 * np.maximum(1 - km / float(max_km), 0.0)).round(1)
    priority = (weight["score"] * scored["score"] + weight["value"] * value_points
                + weight["distance"] * distance_points).round(1)

    out = pd.DataFrame({lead: data[lead]})
    for column in _CARRIED:
        if column in data.columns and column not in (lead, spend, distance):
            out[column] = data[column]
    out[distance] = km
    out[spend] = spend_values
    out["score"] = scored["score"].to_numpy()
    out["grade"] = scored["grade"].to_numpy()
    out["value_points"] = value_points
    out["distance_points"] = distance_points
    out["priority"] = priority
    out = out.sort_values(["priority", lead], ascending=[False, True], kind="stable")
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out.reset_index(drop=True)


def week_plan(prioritised, visits_per_day=3, days=5, *, home_city=None, home_visits=None,
              lead="lead_id", city="city", distance="distance_km", priority="priority"):
    """Plan a week of visits: one city a day, the most urgent leads first.

    Rule, repeated for day 1, 2, ... ``days``::

        anchor = the lead with the highest priority not planned yet
        today  = the first n unplanned leads in the anchor's city, in priority
                 order (the anchor itself first), where
                 n = home_visits on a day in home_city, else visits_per_day

    So every day goes to one city, chosen by its most urgent lead, and the
    other visits of that day are the next leads in the same city: the trip is
    made once and used well. Equal priorities are taken in lead-id order.
    Leads that do not fit into the week are left out (plan them next week).

    The price of the rule: a lead ranked low can be visited because it sits
    in the same city as an urgent one, while an urgent lead in a busy city
    waits. In the home city the visits are short hops, so allowing more of
    them there (``home_visits``) wins back most of those urgent leads; compare
    plans with :func:`plan_summary`.

    Parameters
    ----------
    prioritised : pandas.DataFrame
        One row per lead with a priority, e.g. the result of :func:`visit_priority`.
    visits_per_day : int, default 3
        Visits a salesperson can make in one day (1-20).
    days : int, default 5
        Working days in the plan (1-7), named 周一 to 周日.
    home_city : str, optional
        The salesperson's own city (e.g. ``"南宁"``), where visits are close together.
    home_visits : int, optional
        Visits a day in ``home_city`` (1-20); needs ``home_city``. Defaults
        to ``visits_per_day``.
    lead, city, distance, priority : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        One row per planned visit: ``day`` (1, 2, ...), ``weekday`` (周一 ...),
        ``visit`` (order within the day), ``rank`` when the input has it
        (e.g. from :func:`visit_priority`), the lead id, ``company`` when
        present, ``city``, ``distance_km`` and ``priority``.

    Examples
    --------
    >>> ranked = pd.DataFrame({"lead_id": ["L1", "L2", "L3", "L4", "L5"],
    ...                        "city": ["柳州", "南宁", "柳州", "南宁", "桂林"],
    ...                        "distance_km": [250.0, 10.0, 240.0, 15.0, 420.0],
    ...                        "priority": [90.0, 85.0, 60.0, 50.0, 40.0]})
    >>> plan = week_plan(ranked, visits_per_day=2, days=2)
    >>> plan[["weekday", "visit", "lead_id", "city"]].values.tolist()
    [['周一', 1, 'L1', '柳州'], ['周一', 2, 'L3', '柳州'], ['周二', 1, 'L2', '南宁'], ['周二', 2, 'L4', '南宁']]

    L3 (priority 60) is visited on Monday because it is in Liuzhou with L1;
    L5 in Guilin does not fit into two days. With three visits a day at home
    in Nanning, Tuesday also takes L4:

    >>> week_plan(ranked, visits_per_day=1, days=2, home_city="南宁",
    ...           home_visits=3)["lead_id"].tolist()
    ['L1', 'L2', 'L4']
    """
    data = require_frame(prioritised, "prioritised")
    require_columns(data, [lead, city, distance, priority], "prioritised")
    data = data.assign(**{lead: require_ids(data, lead, "prioritised")})  # ties: id A to Z
    require_unique(data, lead, "prioritised")
    require_numeric(data, distance, "prioritised")
    require_numeric(data, priority, "prioritised", allow_negative=True)
    require_number(visits_per_day, "visits_per_day", low=1, high=20, integer=True)
    require_number(days, "days", low=1, high=len(WEEKDAYS), integer=True)
    if home_city is not None and not isinstance(home_city, str):
        fail(f"参数 home_city 应该是一个城市名（文字），例如 \"南宁\"，现在是 {type(home_city).__name__}。",
             f"Argument home_city must be a city name (text) such as \"南宁\", got "
             f"{type(home_city).__name__}.", TypeError)
    if home_visits is not None:
        if home_city is None:
            fail("给了参数 home_visits，却没有给 home_city：请说明哪座城市是本地（例如 home_city=\"南宁\"）。",
                 "Argument home_visits needs home_city: say which city is home "
                 "(e.g. home_city=\"南宁\").", TypeError)
        require_number(home_visits, "home_visits", low=1, high=20, integer=True)
    per_home_day = int(visits_per_day if home_visits is None else home_visits)
    cities = data[city]
    if cities.isna().any():
        fail(f"prioritised 的列 '{city}' 有 {int(cities.isna().sum())} 个空值，"
             "排拜访计划需要知道每条线索在哪个城市。",
             f"Column '{city}' of prioritised has {int(cities.isna().sum())} missing values; "
             "a visit plan needs every lead's city.")

    ordered = data.sort_values([priority, lead], ascending=[False, True], kind="stable")
    order_city = ordered[city].astype(str).to_numpy()
    planned = np.zeros(len(ordered), dtype=bool)
    day_of = np.zeros(len(ordered), dtype=np.int64)
    visit_of = np.zeros(len(ordered), dtype=np.int64)
    for day in range(1, int(days) + 1):
        waiting = np.flatnonzero(~planned)
        if not len(waiting):
            break
        anchor_city = order_city[waiting[0]]
        room = per_home_day if anchor_city == home_city \
            else int(visits_per_day)
        today = waiting[order_city[waiting] == anchor_city][:room]
        planned[today] = True
        day_of[today] = day
        visit_of[today] = np.arange(1, len(today) + 1)

    chosen = ordered[planned].assign(day=day_of[planned], visit=visit_of[planned])
    chosen = chosen.sort_values(["day", "visit"], kind="stable")
    columns = ([c for c in ("rank",) if c in chosen.columns and c != lead] + [lead]
               + (["company"] if "company" in chosen.columns else []) + [city, distance, priority])
    out = chosen[["day", "visit"] + [c for c in columns if c not in ("day", "visit")]]
    out.insert(1, "weekday", [WEEKDAYS[d - 1] for d in out["day"]])
    return out.reset_index(drop=True)


def plan_summary(plans, *, top=15, day="day", distance="distance_km", priority="priority",
                 rank="rank"):
    """What visiting plans buy and what they cost, one row of four numbers per plan.

    ::

        visits         = rows of the plan
        top_visited    = planned leads whose rank is <= top (the most urgent ones)
        priority_total = sum of the planned leads' priority
        round_trip_km  = sum over days of 2 x the farthest lead of that day

    ``round_trip_km`` is a rough lower bound: it counts the drive from the
    head office to the day's farthest lead and back, not the hops between
    leads; a day that mixes cities in different directions costs more.

    Parameters
    ----------
    plans : dict of {name: pandas.DataFrame}, or one pandas.DataFrame
        Plans with one row per visit: a day number, a distance, a priority
        and a rank, e.g. :func:`week_plan` of :func:`visit_priority` output.
    top : int, default 15
        How many of the best-ranked leads count as "the most urgent".
    day, distance, priority, rank : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        One row per plan (index ``plan``: the names, or 0 for a single
        frame): ``visits``, ``top_visited``, ``priority_total`` (rounded to
        0.1) and ``round_trip_km`` (whole km).

    Examples
    --------
    >>> plan = pd.DataFrame({"day": [1, 1, 2], "rank": [1, 20, 2],
    ...                      "distance_km": [250.0, 240.0, 10.0],
    ...                      "priority": [90.0, 40.0, 85.0]})
    >>> plan_summary({"A": plan}, top=5).loc["A"].tolist()   # 2*250 + 2*10 km; ranks 1, 2 in top 5
    [3.0, 2.0, 215.0, 520.0]
    """
    if isinstance(plans, pd.DataFrame):
        plans = {0: plans}
    if not isinstance(plans, dict) or not plans:
        fail("参数 plans 应该是一个计划表（DataFrame），或者 {名称: 计划表} 的字典，且至少有一个计划。",
             "Argument plans must be a plan (DataFrame) or a non-empty dict {name: plan}.",
             TypeError)
    require_number(top, "top", low=1, integer=True)
    rows = {name: _one_plan(plan, f"plans[{name!r}]", top, day, distance, priority, rank)
            for name, plan in plans.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "plan"
    return table.astype({"visits": "int64", "top_visited": "int64", "round_trip_km": "int64"})


def _one_plan(plan, arg, top, day, distance, priority, rank) -> dict:
    data = require_frame(plan, arg)
    require_columns(data, [day, distance, priority, rank], arg)
    km = require_numeric(data, distance, arg).astype(float)
    points = require_numeric(data, priority, arg, allow_negative=True).astype(float)
    ranks = require_numeric(data, rank, arg).astype(float)
    farthest = km.groupby(data[day].to_numpy()).max()
    return {"visits": len(data), "top_visited": int((ranks <= top).sum()),
            "priority_total": round(float(points.sum()), 1),
            "round_trip_km": int(round(2 * farthest.sum()))}
