"""Customer value: delivered value, profitability, lifetime value, retention.

Unit 1 explains why a customer chooses a logistics company (customer delivered
value = total value - total cost) and why keeping customers matters (about a
third of customers are lost every year). Unit 8 measures what customers are
worth to the company: profit per customer, historical value to date and the
customer lifetime value (CLV) of a typical customer.

The figures from the course sources are module constants, each with its
source, so notebooks and exercises refer to them by name.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import (fail, require_columns, require_frame, require_number, require_number_array,
                        require_numeric)
from .classify import (_as_datetimes, _as_of_day, _date_arrays, _fail_as_of_too_early,
                       _group_codes, _group_max, _group_min, _order_desc_then_id, _snap)

# --- figures from the course sources ---------------------------------------

ANNUAL_CHURN_SHARE = 1 / 3
"""Seed 000 (textbook unit 1): a company loses about one third of its customers a year."""

TELL_SATISFIED_RANGE = (1, 5)
"""Seed 002 (slides, chapter 1): a satisfied customer tells 1-5 people."""

TELL_SATISFIED = 3
"""Default for a satisfied customer: the middle of seed 002's range of 1-5 people."""

TELL_DISSATISFIED = 10
"""Seed 002: an unhappy customer complains to 10 people on average."""

ANGRY_COMPLAINER_SHARE = 0.20
TELL_ANGRY_COMPLAINER = 20
"""Seed 002: 20% of the customers who complain tell 20 people."""

REFERRALS_PER_100_SATISFIED = 25
"""Seed 002: 100 satisfied customers bring 25 new customers."""

NEW_CUSTOMER_COST_MULTIPLE = 5
"""Seed 002: winning a new customer costs 5 times as much as keeping one."""

GOOD_TO_OFFSET_BAD = 12
"""Seed 002: one bad service takes 12 good services to make up for."""

LOYAL_CUSTOMER_REPEAT_PURCHASES = 10
"""Seed 002: one loyal customer is worth 10 repeat purchases."""

RESOLVED_BECOME_LOYAL_SHARE = 0.95
"""Seed 002: 95% of customers whose problem is solved well become loyal."""

COMPLAINERS_LOST_SHARE = 0.80
"""Seed 002: 80% of complaining customers are gone for good."""

RETENTION_VALUE_MULTIPLE = 60
"""Seed 002: keeping an old customer creates 60 times the value of visiting a new one."""

# --- customer delivered value (seed 000, unit 1) -----------------------------

VALUE_ITEMS = {"product": "产品价值", "service": "服务价值",
               "personnel": "人员价值", "image": "形象价值"}
"""The four parts of total customer value (总价值) in the textbook."""

COST_ITEMS = {"money": "货币成本", "time": "时间成本", "search": "精力成本",
              "convenience": "体力成本", "psychological": "心理成本"}
"""The five parts of total customer cost (总成本) in the textbook."""

COST_ALIASES = {"货币成本（价格）": "money", "信息搜寻成本": "search", "便利成本": "convenience"}
"""Other Chinese names of three cost items: accepted as keys, never printed."""


@dataclass(frozen=True)
class DeliveredValue:
    """Result of :func:`delivered_value`; it prints as a small report."""

    breakdown: pd.DataFrame
    total_value: float
    total_cost: float
    delivered_value: float
    ratio: float

    def summary(self) -> pd.Series:
        """The four totals as a Series (handy for exercises)."""
        return pd.Series({"total_value": self.total_value, "total_cost": self.total_cost,
                          "delivered_value": self.delivered_value, "ratio": self.ratio})

    def _lines(self):
        yield "客户让渡价值"
        for part, title in (("value", "总价值"), ("cost", "总成本")):
            rows = self.breakdown[self.breakdown["part"] == part]
            yield f"{title}：" + "，".join(f"{r.item_zh} {r.amount:g}" for r in rows.itertuples())
        yield f"总价值 = {self.total_value:g}"
        yield f"总成本 = {self.total_cost:g}"
        yield f"让渡价值 = 总价值 - 总成本 = {self.delivered_value:g}"
        ratio = "∞" if np.isinf(self.ratio) else f"{self.ratio:.2f}"
        yield f"价值成本比 = 总价值 / 总成本 = {ratio}"

    def __repr__(self) -> str:
        return "\n".join(self._lines())

    def _repr_html_(self) -> str:
        return "<br>".join(html.escape(line) for line in self._lines())


def _amounts(items, arg: str, allowed: dict) -> dict:
    if isinstance(items, pd.Series):
        items = items.to_dict()
    if not isinstance(items, dict):
        fail(f"参数 {arg} 应该是字典，例如 {{'{next(iter(allowed))}': 100}}，现在是 "
             f"{type(items).__name__}。",
             f"Argument {arg} must be a dict such as {{'{next(iter(allowed))}': 100}}, "
             f"got {type(items).__name__}.", TypeError)
    by_zh = {zh: key for key, zh in allowed.items()}
    if allowed is COST_ITEMS:
        by_zh.update(COST_ALIASES)
    amounts = dict.fromkeys(allowed, 0.0)
    for key, amount in items.items():
        name = by_zh.get(key, key)
        if name not in allowed:
            listed = ", ".join(f"{k} ({v})" for k, v in allowed.items())
            fail(f"参数 {arg} 中的项目 {key!r} 无法识别，可以用的项目：{listed}。",
                 f"Item {key!r} in argument {arg} is unknown; allowed items: {listed}.")
        require_number(amount, f"{arg}['{key}']", low=0)
        amounts[name] = float(amount)
    return amounts


def delivered_value(values, costs):
    """Customer delivered value: total value minus total cost (textbook unit 1).

    ``delivered value = (product + service + personnel + image)
    - (money + time + search + convenience + psychological)`` and
    ``ratio = total value / total cost``. Items left out count as 0; keys may
    be the English names or the Chinese item names.

    Parameters
    ----------
    values : dict or Series
        Amounts for product (产品价值), service (服务价值), personnel (人员价值),
        image (形象价值); zero or positive.
    costs : dict or Series
        Amounts for money (货币成本, the price), time (时间成本), search (精力成本, also
        called 信息搜寻成本), convenience (体力成本, also called 便利成本) and
        psychological (心理成本); zero or positive.

    Returns
    -------
    DeliveredValue
        ``breakdown`` (DataFrame: part, item, item_zh, amount), ``total_value``,
        ``total_cost``, ``delivered_value`` and ``ratio`` (infinite when the
        total cost is 0). It prints as a short report.

    Examples
    --------
    >>> dv = delivered_value({"product": 500, "service": 300, "personnel": 100, "image": 100},
    ...                      {"money": 600, "time": 100, "psychological": 50})
    >>> dv.delivered_value, round(dv.ratio, 2)
    (250.0, 1.33)
    >>> dv
    客户让渡价值
    总价值：产品价值 500，服务价值 300，人员价值 100，形象价值 100
    总成本：货币成本 600，时间成本 100，精力成本 0，体力成本 0，心理成本 50
    总价值 = 1000
    总成本 = 750
    让渡价值 = 总价值 - 总成本 = 250
    价值成本比 = 总价值 / 总成本 = 1.33
    """
    value_amounts = _amounts(values, "values", VALUE_ITEMS)
    cost_amounts = _amounts(costs, "costs", COST_ITEMS)
    rows = ([("value", k, VALUE_ITEMS[k], a) for k, a in value_amounts.items()]
            + [("cost", k, COST_ITEMS[k], a) for k, a in cost_amounts.items()])
    breakdown = pd.DataFrame(rows, columns=["part", "item", "item_zh", "amount"])
    total_value = float(sum(value_amounts.values()))
    total_cost = float(sum(cost_amounts.values()))
    ratio = total_value / total_cost if total_cost > 0 else float("inf")
    return DeliveredValue(breakdown, total_value, total_cost, total_value - total_cost, ratio)


# --- profit per customer -----------------------------------------------------

def customer_profitability(shipments, customer="customer_id", revenue="revenue", cost="cost"):
    """Revenue, cost and profit per customer, most profitable first.

    ``profit = revenue - cost`` and ``margin = profit / revenue``. A customer
    whose revenue is 0 has no margin (shown as NaN).

    Parameters
    ----------
    shipments : DataFrame
        One row per waybill.
    customer, revenue, cost : str
        Column names.

    Returns
    -------
    DataFrame
        ``<customer>``, ``waybills``, ``revenue``, ``cost``, ``profit``,
        ``margin``, sorted by profit (equal profits by id).

    Examples
    --------
    >>> ships = pd.DataFrame({"customer_id": ["a", "a", "b"], "revenue": [100.0, 60.0, 90.0],
    ...                       "cost": [70.0, 50.0, 100.0]})
    >>> customer_profitability(ships).values.tolist()
    [['a', 2, 160.0, 120.0, 40.0, 0.25], ['b', 1, 90.0, 100.0, -10.0, -0.1111111111111111]]
    """
    require_frame(shipments, "shipments")
    require_columns(shipments, [customer, revenue, cost], "shipments")
    rev = require_numeric(shipments, revenue, "shipments").to_numpy(dtype=np.float64)
    cst = require_numeric(shipments, cost, "shipments").to_numpy(dtype=np.float64)
    codes, ids = _group_codes(shipments, customer, "shipments", sort=False)
    n = len(ids)
    rev_sum = _snap(np.bincount(codes, weights=rev, minlength=n))
    cost_sum = _snap(np.bincount(codes, weights=cst, minlength=n))
    profit = _snap(rev_sum - cost_sum)
    order = _order_desc_then_id(profit, ids)
    with np.errstate(divide="ignore", invalid="ignore"):
        margin = np.where(rev_sum > 0, profit / rev_sum, np.nan)
    return pd.DataFrame({
        customer: ids.take(order),
        "waybills": np.bincount(codes, minlength=n)[order].astype(np.int64),
        "revenue": rev_sum[order],
        "cost": cost_sum[order],
        "profit": profit[order],
        "margin": margin[order],
    })


def historical_clv(shipments, as_of=None, customer="customer_id", date="order_date",
                   revenue="revenue", cost="cost"):
    """Historical customer value: the profit each customer has brought up to ``as_of``.

    ``value_to_date = sum(revenue - cost)`` over the customer's orders up to
    and including the day ``as_of``; ``tenure_days = as_of - first order``.

    Parameters
    ----------
    shipments : DataFrame
        One row per waybill.
    as_of : date-like
        The reference day.
    customer, date, revenue, cost : str
        Column names.

    Returns
    -------
    DataFrame
        ``<customer>``, ``first_order``, ``last_order``, ``tenure_days``,
        ``waybills``, ``revenue``, ``cost``, ``value_to_date``; highest value
        first (equal values by id).

    Examples
    --------
    >>> ships = pd.DataFrame({"customer_id": ["a", "a", "b", "b"],
    ...                       "order_date": ["2025-01-01", "2025-06-01", "2025-12-01", "2026-01-05"],
    ...                       "revenue": [100.0, 100.0, 300.0, 999.0],
    ...                       "cost": [80.0, 90.0, 200.0, 0.0]})
    >>> hist = historical_clv(ships, as_of="2025-12-31")
    >>> hist[["customer_id", "tenure_days", "waybills", "value_to_date"]].values.tolist()
    [['b', 30, 1, 100.0], ['a', 364, 2, 30.0]]
    """
    require_frame(shipments, "shipments")
    require_columns(shipments, [customer, date, revenue, cost], "shipments")
    as_of, as_of_day = _as_of_day(as_of)
    rev = require_numeric(shipments, revenue, "shipments").to_numpy(dtype=np.float64)
    cst = require_numeric(shipments, cost, "shipments").to_numpy(dtype=np.float64)
    exact, days = _date_arrays(shipments, date, "shipments")
    codes, ids = _group_codes(shipments, customer, "shipments", sort=False)
    valid = days <= as_of_day
    if not valid.any():
        _fail_as_of_too_early(as_of, days.min())
    if not valid.all():
        codes, exact, days, rev, cst = (a[valid] for a in (codes, exact, days, rev, cst))
    n = len(ids)
    stamps = exact.view(np.int64)
    first = _group_min(codes, stamps, n)
    last = _group_max(codes, stamps, n)
    waybills = np.bincount(codes, minlength=n)
    seen = np.flatnonzero(waybills > 0)
    rev_sum = _snap(np.bincount(codes, weights=rev, minlength=n)[seen])
    cost_sum = _snap(np.bincount(codes, weights=cst, minlength=n)[seen])
    profit = _snap(rev_sum - cost_sum)
    order = _order_desc_then_id(profit, ids.take(seen))
    first_exact = _as_datetimes(first[seen][order], exact)
    return pd.DataFrame({
        customer: ids.take(seen[order]),
        "first_order": first_exact,
        "last_order": _as_datetimes(last[seen][order], exact),
        "tenure_days": as_of_day - first_exact.astype("datetime64[D]").view(np.int64),
        "waybills": waybills[seen][order].astype(np.int64),
        "revenue": rev_sum[order],
        "cost": cost_sum[order],
        "value_to_date": profit[order],
    })


# --- lifetime value and retention -----------------------------------------

def _margin_values(margin):
    """``margin`` as float64 values: one number, or a Series/array/list of numbers."""
    if isinstance(margin, pd.DataFrame):
        fail("参数 margin 应该是一个数，或者一列数（Series、列表），不是一整张表；"
             "先选出利润那一列，例如 table[\"profit\"]。",
             "Argument margin must be a number or one column of numbers (Series, list), "
             "not a whole table; select the profit column, e.g. table[\"profit\"].", TypeError)
    if isinstance(margin, (pd.Series, np.ndarray, list, tuple)):
        values = pd.Series(margin) if not isinstance(margin, pd.Series) else margin
        return require_number_array(values, "margin", allow_negative=True)   # a loss is a margin too
    require_number(margin, "margin")
    return None


def clv(margin, retention, discount, years=None, acquisition_cost=0, detail=False):
    """Customer lifetime value (CLV) from a yearly margin, retention and discount rate.

    Convention: the customer is won at time 0; at the end of each year t it
    is still a customer with probability ``retention ** t`` and then brings
    the margin ``m``, discounted by ``(1 + discount) ** t``::

        years = N:     CLV = sum_{t=1..N} m * r**t / (1 + i)**t  -  AC
        years = None:  CLV = m * r / (1 + i - r)  -  AC      (the infinite sum)

    Parameters
    ----------
    margin : float or Series or array-like of float
        Yearly margin (profit) of a retained customer, in yuan. A column of
        margins (one per customer) gives one CLV per customer, with the same
        retention and discount rate.
    retention : float
        Share of customers kept each year, in [0, 1]. Exactly 1 (never lost)
        is allowed only when ``discount > 0`` or ``years`` is given.
    discount : float
        Yearly discount rate, at least 0 (0.1 = 10%).
    years : int, optional
        Horizon in years; ``None`` sums forever.
    acquisition_cost : float, default 0
        Cost of winning the customer (AC), paid at time 0.
    detail : bool, default False
        With ``years`` given, return the year-by-year table instead of the total
        (one margin only).

    Returns
    -------
    float, Series, ndarray or DataFrame
        The CLV in yuan; for a Series of margins a Series with the same index
        (name ``clv``), for a list or array an array; with ``detail=True`` one
        row per year: ``year``, ``survival`` (r**t), ``discount_factor``
        (1/(1+i)**t), ``present_value`` and ``cumulative`` (before AC).

    Examples
    --------
    >>> round(clv(1000, 0.8, 0.1), 2)     # 1000 * 0.8 / (1 + 0.1 - 0.8) = 800 / 0.3
    2666.67
    >>> round(clv(1000, 0.8, 0.1, years=3), 2)   # 727.27 + 528.93 + 384.67
    1640.87
    >>> clv(pd.Series([300.0, -600.0], index=["C1", "C2"]), 0.8, 0.1).round(2).tolist()
    [800.0, -1600.0]
    """
    many = _margin_values(margin)
    require_number(retention, "retention", low=0, high=1)
    require_number(discount, "discount", low=0)
    require_number(acquisition_cost, "acquisition_cost", low=0)
    if years is not None:
        require_number(years, "years", low=1, high=1000, integer=True)
    if years is None and not retention < 1 + discount:
        fail(f"参数 retention（{retention}）必须小于 1 + discount（{1 + discount}），"
             "否则无限期的客户终身价值没有上限；请给出 years 或调低 retention。",
             f"Argument retention ({retention}) must be below 1 + discount ({1 + discount}); "
             "otherwise the infinite-horizon CLV has no limit. Give years or lower retention.")
    if detail:
        if years is None:
            fail("参数 detail=True 需要同时给出 years（逐年明细只能列有限的年数）。",
                 "Argument detail=True needs years: a year-by-year table must be finite.")
        if many is not None:
            fail("参数 detail=True 只能用于一个客户的利润（margin 是一个数）。",
                 "Argument detail=True works for one margin only (a single number).")
        t = np.arange(1, int(years) + 1)
        survival = float(retention) ** t
        factor = 1 / (1 + float(discount)) ** t
        present = float(margin) * survival * factor
        return pd.DataFrame({"year": t, "survival": survival, "discount_factor": factor,
                             "present_value": present, "cumulative": np.cumsum(present)})
    if years is None:
        per_unit = retention / (1 + discount - retention)
    else:
        per_unit = float(np.sum((retention / (1 + discount)) ** np.arange(1, int(years) + 1)))
    if many is None:
        return float(margin * per_unit - acquisition_cost)
    values = many * per_unit - acquisition_cost
    if isinstance(margin, pd.Series):
        return pd.Series(values, index=margin.index, name="clv")
    return values


def retention_projection(start, churn_rate=ANNUAL_CHURN_SHARE, years=5):
    """How many customers are left each year if a fixed share leaves every year.

    ``customers_left(t) = start * (1 - churn_rate) ** t``; ``lost_share`` is
    the cumulative share lost by year t. The default churn of 1/3 is the
    textbook's figure: without new customers, only about 13% are left after
    five years.

    Parameters
    ----------
    start : float
        Customers at year 0, more than 0.
    churn_rate : float, default 1/3
        Share lost each year, in [0, 1].
    years : int, default 5

    Returns
    -------
    DataFrame
        ``year`` 0..years, ``customers_left``, ``retained_share``, ``lost_share``.

    Examples
    --------
    >>> table = retention_projection(1000, churn_rate=1/3, years=5)
    >>> table["customers_left"].round(1).tolist()
    [1000.0, 666.7, 444.4, 296.3, 197.5, 131.7]
    >>> round(float(table["retained_share"].iloc[-1]), 3)
    0.132
    """
    require_number(start, "start", low=0, low_open=True)
    require_number(churn_rate, "churn_rate", low=0, high=1)
    require_number(years, "years", low=1, high=1000, integer=True)
    year = np.arange(int(years) + 1)
    retained = (1 - float(churn_rate)) ** year
    return pd.DataFrame({"year": year, "customers_left": float(start) * retained,
                         "retained_share": retained, "lost_share": 1 - retained})


def word_of_mouth(satisfied, dissatisfied, tell_satisfied=TELL_SATISFIED,
                  tell_dissatisfied=TELL_DISSATISFIED):
    """How many people hear about the company from satisfied and dissatisfied customers.

    ``people_reached = customers * tells_each``. The defaults come from seed 002:
    a satisfied customer tells 1-5 people (3 used, the middle of the range),
    a dissatisfied one tells 10. See also ``NEW_CUSTOMER_COST_MULTIPLE`` (5)
    and ``GOOD_TO_OFFSET_BAD`` (12).

    Parameters
    ----------
    satisfied, dissatisfied : int
        Numbers of customers, zero or more.
    tell_satisfied, tell_dissatisfied : float
        People each of them tells.

    Returns
    -------
    DataFrame
        Rows 满意客户 and 不满意客户 with ``group``, ``customers``,
        ``tells_each``, ``people_reached``.

    Examples
    --------
    >>> word_of_mouth(90, 10)[["group", "people_reached"]].values.tolist()
    [['满意客户', 270.0], ['不满意客户', 100.0]]
    """
    require_number(satisfied, "satisfied", low=0, integer=True)
    require_number(dissatisfied, "dissatisfied", low=0, integer=True)
    require_number(tell_satisfied, "tell_satisfied", low=0)
    require_number(tell_dissatisfied, "tell_dissatisfied", low=0)
    customers = np.array([int(satisfied), int(dissatisfied)], dtype=np.int64)
    tells = np.array([tell_satisfied, tell_dissatisfied], dtype=np.float64)
    return pd.DataFrame({"group": ["满意客户", "不满意客户"], "customers": customers,
                         "tells_each": tells, "people_reached": customers * tells})
