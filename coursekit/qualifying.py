"""Units 3 and 5: is this lead, or this big prospect, worth pursuing (客户识别)?

* :func:`qualify_leads` scores leads on the textbook's four identification
  factors (需求度、购买力、决策权、信誉度) and sorts them into follow-up grades.
* :func:`screening_ratios` checks a big-customer prospect's finances
  (流动比率、净利润率、资产回报率、回款周期、存货周期).

Every threshold below is an illustrative teaching value, not an industry
standard: the course material gives the ideas but no numbers. Each one is a
module constant and a parameter, so a teacher can change it in class.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._tables import step_table, step_value
from ._validate import (fail, require_columns, require_frame, require_labels, require_number,
                        require_numeric, require_unique, normalised_weights)

__all__ = ["qualify_leads", "screening_ratios"]

# ---------------------------------------------------------------------------
# qualify_leads
# ---------------------------------------------------------------------------

NEED_POINTS = {"低": 20, "中": 60, "高": 100}
"""Points for need (需求度); a low need still counts a little: it can grow."""

AUTHORITY_POINTS = {"使用者": 30, "影响者": 60, "决策者": 100}
"""Points for the contact's decision authority (决策权)."""

CREDIT_POINTS = {"C": 0, "B": 25, "A": 50, "AA": 75, "AAA": 100}
"""Points for the credit rating (信誉度); C earns nothing: it is a payment risk."""

SPEND_BANDS = ((0, 20), (100_000, 40), (300_000, 60), (600_000, 80), (1_000_000, 100))
"""Purchasing power (购买力): (lowest annual logistics spend in 元, points).

The first step, 10万元 a year, is about the big-customer floor of the course
material (more than 5,000 express waybills a year at roughly 20 元 each).
"""

DEFAULT_WEIGHTS = {"need": 0.3, "power": 0.3, "authority": 0.2, "credit": 0.2}
"""Default factor weights: need and purchasing power first, as the textbook orders them."""

GRADE_CUTOFFS = (70, 45)
"""Score at or above 70: 优先跟进; at or above 45: 持续培育; below: 暂缓."""

GRADES = ("优先跟进", "持续培育", "暂缓")


def qualify_leads(leads, weights=None, *, lead="lead_id", need="need_level",
                  spend="annual_logistics_spend", authority="decision_authority",
                  credit="credit_rating", spend_bands=None, cutoffs=GRADE_CUTOFFS):
    """Score leads on need, purchasing power, decision authority and credit.

    The textbook identifies a promising customer by four factors: need (需求度),
    purchasing power (购买力), decision authority (决策权) and credit (信誉度),
    the MAN rule (Money, Authority, Need) plus credit. Each factor becomes 0-100
    points:

    * need: 低 20, 中 60, 高 100 (:data:`NEED_POINTS`)
    * purchasing power from the annual logistics spend in 元:
      below 10万 20, from 10万 40, from 30万 60, from 60万 80, from 100万 100
      (:data:`SPEND_BANDS`)
    * authority: 使用者 30, 影响者 60, 决策者 100 (:data:`AUTHORITY_POINTS`)
    * credit: C 0, B 25, A 50, AA 75, AAA 100 (:data:`CREDIT_POINTS`)

    score = sum(weight_f x points_f) / sum(weight_f), rounded to 0.1, so it
    stays within 0-100. Default weights: need 0.3, power 0.3, authority 0.2,
    credit 0.2. Grade: score >= 70 优先跟进 (follow up first), score >= 45
    持续培育 (keep nurturing), otherwise 暂缓 (put on hold). All values are
    illustrative teaching choices.

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per lead.
    weights : dict, optional
        Weights for ``"need"``, ``"power"``, ``"authority"``, ``"credit"``.
        Factors you leave out keep their default weight; weights must be
        non-negative and are normalised to sum to 1. Unknown keys are an error.
    lead, need, spend, authority, credit : str
        Column names (defaults are the ``leads`` dataset's).
    spend_bands : sequence of (lowest spend in 元, points), optional
        Replaces :data:`SPEND_BANDS`; must start at 0 and rise.
    cutoffs : (high, low)
        Score cutoffs for 优先跟进 and 持续培育.

    Returns
    -------
    pandas.DataFrame
        ``lead_id``, ``need_points``, ``power_points``, ``authority_points``,
        ``credit_points``, ``score``, ``grade`` (ordered categories 优先跟进 >
        持续培育 > 暂缓) and ``reason``, a Chinese sentence with the facts.

    Examples
    --------
    >>> import pandas as pd
    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2"],
    ...                       "need_level": ["高", "低"],
    ...                       "annual_logistics_spend": [1_200_000, 50_000],
    ...                       "decision_authority": ["决策者", "使用者"],
    ...                       "credit_rating": ["AA", "B"]})
    >>> result = qualify_leads(leads)
    >>> result["score"].tolist()       # 0.3*100+0.3*100+0.2*100+0.2*75; 0.3*20+0.3*20+0.2*30+0.2*25
    [95.0, 23.0]
    >>> result["grade"].tolist()
    ['优先跟进', '暂缓']
    >>> print(result.loc[0, "reason"])
    需求高、年物流支出约120万元、联系人是决策者、信用AA
    """
    data = require_frame(leads, "leads").reset_index(drop=True)
    weight = normalised_weights(weights, DEFAULT_WEIGHTS)
    bands = step_table(SPEND_BANDS if spend_bands is None else spend_bands, "spend_bands",
                   value_name="points", high=100)
    high, low = _cutoffs(cutoffs)
    require_columns(data, [lead, need, spend, authority, credit], "leads")
    require_unique(data, lead, "leads")
    need_values = require_labels(data, need, "leads", NEED_POINTS)
    authority_values = require_labels(data, authority, "leads", AUTHORITY_POINTS)
    credit_values = require_labels(data, credit, "leads", CREDIT_POINTS)
    spend_values = require_numeric(data, spend, "leads").astype(float)

    points = pd.DataFrame({
        "need_points": need_values.map(NEED_POINTS),
        "power_points": step_value(spend_values, bands),
        "authority_points": authority_values.map(AUTHORITY_POINTS),
        "credit_points": credit_values.map(CREDIT_POINTS),
    }).astype(float)
    score = sum(weight[key] * points[f"{key}_points"] for key in DEFAULT_WEIGHTS).round(1)
    grade = np.select([score >= high, score >= low], list(GRADES[:2]), GRADES[2])
    reason = [f"需求{n}、年物流支出{_yuan_text(s)}、联系人是{a}、信用{c}"
              for n, s, a, c in zip(need_values, spend_values, authority_values, credit_values)]

    result = pd.concat([data[lead].reset_index(drop=True),
                        points.reset_index(drop=True)], axis=1)
    result["score"] = score.to_numpy()
    result["grade"] = pd.Categorical(grade, categories=list(GRADES), ordered=True)
    result["reason"] = reason
    return result




def _cutoffs(cutoffs) -> tuple:
    """Check the (high, low) grade cutoffs."""
    if not isinstance(cutoffs, (tuple, list)) or len(cutoffs) != 2:
        fail(f"参数 cutoffs 应该是两个分数 (高, 低)，例如 {GRADE_CUTOFFS}，现在是 {cutoffs!r}。",
             f"Argument cutoffs must be two scores (high, low) such as {GRADE_CUTOFFS}, "
             f"got {cutoffs!r}.", TypeError)
    high, low = cutoffs
    require_number(high, "cutoffs[0]", low=0, high=100)
    require_number(low, "cutoffs[1]", low=0, high=high)
    return high, low


def _yuan_text(amount: float) -> str:
    """Money in the way a salesperson says it: 约120万元, 约8.5万元, 约6000元."""
    if amount >= 10_000:
        wan = amount / 10_000
        text = f"{wan:.0f}" if wan >= 10 else f"{wan:.1f}".rstrip("0").rstrip(".")
        return f"约{text}万元"
    return f"约{amount:.0f}元"


# ---------------------------------------------------------------------------
# screening_ratios
# ---------------------------------------------------------------------------

SCREENING_THRESHOLDS = {"current_ratio": 1.5, "net_margin": 0.05, "roa": 0.05,
                        "receivable_days": 90, "inventory_days": 90}
"""Illustrative pass marks: the first three are minimums, the two cycles maximums."""

_RATIO_LABELS = {"current_ratio": "流动比率", "net_margin": "净利润率", "roa": "资产回报率",
                 "receivable_days": "回款周期", "inventory_days": "存货周期"}
_AT_MOST = ("receivable_days", "inventory_days")
PASS, WATCH = "通过", "关注"


def screening_ratios(financials, thresholds=None, *, company="prospect_id",
                     current_assets="current_assets", current_liabilities="current_liabilities",
                     net_profit="net_profit", revenue="revenue", total_assets="total_assets",
                     receivable_days="receivable_days", inventory_days="inventory_days"):
    """Financial screening of big-customer prospects (大客户财务筛查).

    The course material names five checks before courting a big customer:

    * ``current_ratio`` 流动比率 (current ratio) = current assets / current
      liabilities: can it pay its bills? The seed material calls it 流动资产率,
      a name Chinese accounting uses for current assets / total assets, so the
      course says 流动比率.
    * ``net_margin`` 净利润率 = net profit / revenue: does the business earn money?
    * ``roa`` 资产回报率 = net profit / total assets: what do its assets return?
    * ``receivable_days`` 回款周期 (days): how fast does cash come back?
    * ``inventory_days`` 存货周期 (days): how fast do goods sell?

    Each is flagged 通过 (pass) or 关注 (watch) against illustrative pass marks
    (the material gives none): current ratio >= 1.5 (the classic rule of thumb
    is 2, many healthy trading firms run nearer 1.5), net margin >= 5%,
    ROA >= 5%, receivable days <= 90 and inventory days <= 90 (one quarter).
    ``verdict`` is 通过 when all five pass, otherwise 关注, and ``issues`` lists
    the failed checks in Chinese.

    Parameters
    ----------
    financials : pandas.DataFrame
        One row per prospect; money in 万元, cycles in days.
    thresholds : dict, optional
        Pass marks to change, keyed by ``current_ratio``, ``net_margin``,
        ``roa``, ``receivable_days``, ``inventory_days``; the others keep their
        defaults (:data:`SCREENING_THRESHOLDS`).
    company : str
        Id column (unique), used to name rows in the result and in errors.
    current_assets, current_liabilities, net_profit, revenue, total_assets,
    receivable_days, inventory_days : str
        Column names. Net profit may be negative (a loss); the three
        denominators must be greater than 0.

    Returns
    -------
    pandas.DataFrame
        The id, each ratio followed by its ``*_flag``, then ``verdict`` and ``issues``.

    Examples
    --------
    >>> import pandas as pd
    >>> financials = pd.DataFrame({
    ...     "prospect_id": ["P1", "P2"], "current_assets": [300.0, 120.0],
    ...     "current_liabilities": [150.0, 100.0], "net_profit": [80.0, 10.0],
    ...     "revenue": [1000.0, 500.0], "total_assets": [800.0, 400.0],
    ...     "receivable_days": [45.0, 120.0], "inventory_days": [30.0, 60.0]})
    >>> result = screening_ratios(financials)
    >>> result["current_ratio"].tolist()        # 300/150, 120/100
    [2.0, 1.2]
    >>> result["verdict"].tolist()
    ['通过', '关注']
    >>> print(result.loc[1, "issues"])
    流动比率 1.20（下限 1.5）；净利润率 2.0%（下限 5.0%）；资产回报率 2.5%（下限 5.0%）；回款周期 120 天（上限 90 天）
    """
    data = require_frame(financials, "financials").reset_index(drop=True)
    marks = _thresholds(thresholds)
    columns = [company, current_assets, current_liabilities, net_profit, revenue,
               total_assets, receivable_days, inventory_days]
    require_columns(data, columns, "financials")
    require_unique(data, company, "financials")
    values = {}
    for column in columns[1:]:
        values[column] = require_numeric(data, column, "financials",
                                         allow_negative=column == net_profit).astype(float)
    for column in (current_liabilities, revenue, total_assets):
        _require_positive_denominator(data, values[column], column, company)

    ratios = pd.DataFrame({
        "current_ratio": values[current_assets] / values[current_liabilities],
        "net_margin": values[net_profit] / values[revenue],
        "roa": values[net_profit] / values[total_assets],
        "receivable_days": values[receivable_days],
        "inventory_days": values[inventory_days],
    })
    result = pd.DataFrame({company: data[company]})
    passed = pd.DataFrame(index=data.index)
    for name in _RATIO_LABELS:
        ok = ratios[name] <= marks[name] if name in _AT_MOST else ratios[name] >= marks[name]
        passed[name] = ok
        result[name] = ratios[name]
        result[f"{name}_flag"] = np.where(ok, PASS, WATCH)
    result["verdict"] = np.where(passed.all(axis=1), PASS, WATCH)
    result["issues"] = [_issues(ratios.loc[i], passed.loc[i], marks) for i in data.index]
    return result.reset_index(drop=True)


def _thresholds(thresholds) -> dict:
    """Merge user pass marks into the defaults."""
    if thresholds is None:
        return dict(SCREENING_THRESHOLDS)
    if not isinstance(thresholds, dict):
        fail(f"参数 thresholds 应该是字典，例如 {{'current_ratio': 2}}，现在是 "
             f"{type(thresholds).__name__}。",
             f"Argument thresholds must be a dict such as {{'current_ratio': 2}}, got "
             f"{type(thresholds).__name__}.", TypeError)
    unknown = [key for key in thresholds if key not in SCREENING_THRESHOLDS]
    if unknown:
        fail(f"参数 thresholds 里有不认识的指标 {unknown}，只能用 {list(SCREENING_THRESHOLDS)}。",
             f"Argument thresholds has unknown checks {unknown}; use only "
             f"{list(SCREENING_THRESHOLDS)}.")
    for key, value in thresholds.items():
        require_number(value, f"thresholds['{key}']",
                       low=0 if key in _AT_MOST or key == "current_ratio" else None)
    return {**SCREENING_THRESHOLDS, **thresholds}


def _require_positive_denominator(data, values, column, company) -> None:
    bad = values <= 0
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        who = data[company].iloc[row]
        fail(f"financials 的列 '{column}' 在第 {row + 1} 行（{company} = '{who}'）是 "
             f"{values.iloc[row]:g}，它要作分母，必须大于 0。",
             f"Column '{column}' of financials is {values.iloc[row]:g} in row {row + 1} "
             f"({company} = '{who}'); it is a denominator and must be greater than 0.")


def _issues(ratio: pd.Series, passed: pd.Series, marks: dict) -> str:
    """Chinese list of the failed checks, e.g. '回款周期 120 天（上限 90 天）'."""
    parts = []
    for name, label in _RATIO_LABELS.items():
        if passed[name]:
            continue
        if name == "current_ratio":
            parts.append(f"{label} {ratio[name]:.2f}（下限 {marks[name]:g}）")
        elif name in _AT_MOST:
            parts.append(f"{label} {ratio[name]:g} 天（上限 {marks[name]:g} 天）")
        else:
            parts.append(f"{label} {ratio[name]:.1%}（下限 {marks[name]:.1%}）")
    return "；".join(parts) if parts else "无"
