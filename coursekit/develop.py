"""Units 2-6: finding, qualifying, approaching, quoting and closing customers.

* :func:`qualify_leads` scores leads on the textbook's four identification
  factors (需求度、购买力、决策权、信誉度) and sorts them into follow-up grades.
* :func:`funnel` and :func:`channel_summary` follow leads down the
  development funnel 线索 → 合格 → 拜访 → 洽谈 → 成交 and compare channels.
* :func:`screening_ratios` checks a big-customer prospect's finances
  (流动资产率、净利润率、资产回报率、回款周期、存货周期).
* :func:`chargeable_weight`, :func:`quote` and :func:`breakeven_volume` are the
  pricing tools of the negotiation unit (计费重量、报价、折扣的保本业务量).

Every threshold below is an illustrative teaching value, not an industry
standard: the course material gives the ideas but no numbers. Each one is a
module constant and a parameter, so a teacher can change it in class.
"""
from __future__ import annotations


import numpy as np
import pandas as pd

from ._validate import (fail, require_columns, require_frame, require_number,
                        require_number_inputs, require_numeric, require_unique,
                        normalised_weights)
from ._tables import by_list, group_keys

__all__ = ["qualify_leads", "funnel", "channel_summary", "screening_ratios",
           "chargeable_weight", "quote", "breakeven_volume"]

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
    bands = _bands(SPEND_BANDS if spend_bands is None else spend_bands, "spend_bands",
                   value_name="points", high=100)
    high, low = _cutoffs(cutoffs)
    require_columns(data, [lead, need, spend, authority, credit], "leads")
    require_unique(data, lead, "leads")
    need_values = _require_labels(data, need, "leads", NEED_POINTS)
    authority_values = _require_labels(data, authority, "leads", AUTHORITY_POINTS)
    credit_values = _require_labels(data, credit, "leads", CREDIT_POINTS)
    spend_values = require_numeric(data, spend, "leads").astype(float)

    points = pd.DataFrame({
        "need_points": need_values.map(NEED_POINTS),
        "power_points": _band_value(spend_values, bands),
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


def _require_labels(data: pd.DataFrame, column: str, arg: str, allowed) -> pd.Series:
    """Check that a category column only holds the allowed labels; return it as text."""
    values = data[column]
    missing = values.isna()
    if missing.any():
        fail(f"{arg} 的列 '{column}' 有 {int(missing.sum())} 个空值，"
             f"只能取 {'/'.join(allowed)}。",
             f"Column '{column}' of {arg} has {int(missing.sum())} missing values; "
             f"allowed values are {'/'.join(allowed)}.")
    text = values.astype(str).str.strip()
    bad = ~text.isin(list(allowed))
    if bad.any():
        example = values[bad].iloc[0]
        fail(f"{arg} 的列 '{column}' 有 {int(bad.sum())} 个值不认识，例如 {example!r}；"
             f"只能取 {'/'.join(allowed)}。",
             f"Column '{column}' of {arg} has {int(bad.sum())} unknown values, e.g. "
             f"{example!r}; allowed values are {'/'.join(allowed)}.")
    return text


def _bands(bands, arg: str, value_name: str, high=None, high_open=False,
           example=SPEND_BANDS[:2]) -> list:
    """Check a table of (lower bound, value) steps: starts at 0, strictly rising."""
    try:
        rows = [tuple(row) for row in bands]
    except TypeError:
        rows = None
    if not rows or any(len(row) != 2 for row in rows):
        fail(f"参数 {arg} 应该是 (下限, {value_name}) 的列表，例如 {tuple(example)}。",
             f"Argument {arg} must be a list of (lower bound, {value_name}) pairs, "
             f"e.g. {tuple(example)}.", TypeError)
    for i, (bound, value) in enumerate(rows):
        require_number(bound, f"{arg}[{i}][0]", low=0)
        require_number(value, f"{arg}[{i}][1]", low=0, high=high, high_open=high_open)
    if rows[0][0] != 0:
        fail(f"参数 {arg} 的第一个下限必须是 0，现在是 {rows[0][0]}。",
             f"The first lower bound of argument {arg} must be 0, got {rows[0][0]}.")
    if any(b <= a for (a, _), (b, _) in zip(rows, rows[1:])):
        fail(f"参数 {arg} 的下限必须从小到大排列且不重复。",
             f"The lower bounds of argument {arg} must rise strictly.")
    return rows


def _band_value(values: pd.Series, bands: list) -> pd.Series:
    """Value of the band each number falls in (the last band whose lower bound <= it)."""
    bounds = np.array([bound for bound, _ in bands], dtype=float)
    steps = np.array([value for _, value in bands], dtype=float)
    position = np.searchsorted(bounds, values.to_numpy(dtype=float), side="right") - 1
    return pd.Series(steps[position], index=values.index)


# ---------------------------------------------------------------------------
# funnel and channel_summary
# ---------------------------------------------------------------------------

STAGES = ("线索", "合格", "拜访", "洽谈", "成交")
"""The development funnel, in order (寻找 → 识别 → 接近 → 洽谈 → 成交)."""

LOST = "流失"


def funnel(leads, by=None, stage="stage", furthest="furthest_stage", cost="channel_cost"):
    """Count the leads that reached each funnel stage, with conversion rates.

    A lead reached a stage if its furthest stage is that stage or a later one:
    a lead whose furthest stage is 洽谈 counts for 线索, 合格, 拜访 and 洽谈, even
    if it was lost later. For stage k:

    * ``leads`` = leads with furthest stage >= k
    * ``step_conversion`` = leads(k) / leads(k-1) (1.0 at 线索; 0.0 when the
      previous stage has no leads)
    * ``overall_conversion`` = leads(k) / leads(线索)
    * ``lost`` = leads lost after reaching k but not k+1 (``stage`` is 流失)
    * ``open`` = leads still standing at k (``stage`` is k)
    * ``cost_per_reached`` = total channel cost / leads(k): the cost per lead at
      线索 and the cost per won customer at 成交 (NaN when no lead reached k)

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per lead.
    by : None, str or list of str
        ``None`` for one funnel; ``"channel"`` (or any column) for one block per group.
    stage : str or None
        Current status column (线索/合格/拜访/洽谈/成交/流失). ``None`` leaves out
        ``lost`` and ``open``.
    furthest : str or None
        Furthest stage reached. ``None`` reads the funnel from ``stage`` alone,
        which then may not contain 流失.
    cost : str or None
        Channel cost per lead in 元; ``None`` leaves out ``cost_per_reached``.

    Returns
    -------
    pandas.DataFrame
        Tidy table: the ``by`` columns (if any), ``stage`` (ordered categories),
        ``leads``, ``step_conversion``, ``overall_conversion``, then ``lost``,
        ``open`` and ``cost_per_reached`` when their columns are given.

    Examples
    --------
    >>> import pandas as pd
    >>> leads = pd.DataFrame({
    ...     "stage":          ["线索", "流失", "拜访", "流失", "成交", "成交"],
    ...     "furthest_stage": ["线索", "合格", "拜访", "洽谈", "成交", "成交"],
    ...     "channel_cost":   [100.0] * 6})
    >>> table = funnel(leads)
    >>> table["leads"].tolist()
    [6, 5, 4, 3, 2]
    >>> table["step_conversion"].round(2).tolist()
    [1.0, 0.83, 0.8, 0.75, 0.67]
    >>> table["cost_per_reached"].tolist()    # 600 元 / 6 leads ... 600 元 / 2 won
    [100.0, 120.0, 150.0, 200.0, 300.0]
    """
    data = require_frame(leads, "leads").reset_index(drop=True)
    names = by_list(by)
    reach, status = _stage_positions(data, stage, furthest)
    if cost is not None:
        require_columns(data, [cost], "leads")
        cost_values = require_numeric(data, cost, "leads").astype(float)
    keys = group_keys(data, names, "leads")

    n = len(STAGES)
    reach_at = reach.to_numpy()
    status_at = None if status is None else status.to_numpy()
    cost_at = None if cost is None else cost_values.to_numpy()
    if keys:
        groups = pd.DataFrame({"row": np.arange(len(data))}, index=data.index).groupby(
            keys, sort=True, observed=True).indices
        groups = [(key if isinstance(key, tuple) else (key,), rows)
                  for key, rows in groups.items()]
    else:
        groups = [((), np.arange(len(data)))]
    blocks = []
    for key, rows in groups:
        positions = reach_at[rows]
        reached = np.bincount(positions, minlength=n)[::-1].cumsum()[::-1]
        previous = np.concatenate([[reached[0]], reached[:-1]])
        block = pd.DataFrame({"stage": list(STAGES), "leads": reached.astype("int64")})
        block["step_conversion"] = np.where(previous > 0, reached / np.maximum(previous, 1), 0.0)
        block["overall_conversion"] = reached / reached[0]
        if status_at is not None:
            now = status_at[rows]
            block["lost"] = np.bincount(positions[now == -1], minlength=n).astype("int64")
            block["open"] = np.bincount(now[now >= 0], minlength=n).astype("int64")
        if cost_at is not None:
            total = float(cost_at[rows].sum())
            block["cost_per_reached"] = np.where(reached > 0, total / np.maximum(reached, 1),
                                                 np.nan)
        for name, value in zip(names, key):
            block[name] = value
        blocks.append(block)
    table = pd.concat(blocks, ignore_index=True)
    table["stage"] = pd.Categorical(table["stage"], categories=list(STAGES), ordered=True)
    return table[names + [c for c in table.columns if c not in names]]


def channel_summary(leads, by="channel", *, stage="stage", furthest="furthest_stage",
                    cost="channel_cost"):
    """Compare lead channels (线索来源渠道): volume, win rate and cost.

    Per channel:

    * ``leads``: number of leads; ``won``: furthest stage 成交;
      ``lost``: status 流失; ``open``: neither
    * ``win_rate`` 成交率 = won / leads
    * ``cost_total`` = sum of the channel cost of its leads (元)
    * ``cost_per_lead`` 单条线索成本 = cost_total / leads (the mean channel cost)
    * ``cost_per_won`` 单个成交客户成本 = cost_total / won (NaN when nothing was won)

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per lead.
    by : str or list of str
        Grouping column(s), the lead source ``"channel"`` by default.
    stage, furthest, cost : str
        Column names; ``stage=None`` leaves out ``lost`` and ``open``.

    Returns
    -------
    pandas.DataFrame
        One row per channel, indexed by the ``by`` column(s).

    Examples
    --------
    >>> import pandas as pd
    >>> leads = pd.DataFrame({
    ...     "channel": ["展会", "展会", "展会", "电话"],
    ...     "stage": ["成交", "流失", "拜访", "流失"],
    ...     "furthest_stage": ["成交", "洽谈", "拜访", "合格"],
    ...     "channel_cost": [900.0, 900.0, 900.0, 50.0]})
    >>> summary = channel_summary(leads)
    >>> summary[["leads", "won", "cost_per_lead", "cost_per_won"]]
             leads  won  cost_per_lead  cost_per_won
    channel
    展会           3    1          900.0        2700.0
    电话           1    0           50.0           NaN
    """
    data = require_frame(leads, "leads").reset_index(drop=True)
    names = by_list(by)
    if not names:
        fail("参数 by 不能为空，请给出渠道列，例如 by='channel'。",
             "Argument by must name a column, e.g. by='channel'.")
    reach, status = _stage_positions(data, stage, furthest)
    require_columns(data, [cost], "leads")
    cost_values = require_numeric(data, cost, "leads").astype(float)
    keys = group_keys(data, names, "leads")
    frame = pd.DataFrame({"won": reach == len(STAGES) - 1, "cost": cost_values})
    if status is not None:
        frame["lost"] = status == -1
    grouped = frame.groupby(keys, sort=True, observed=True)
    result = pd.DataFrame({"leads": grouped.size()})
    result["won"] = grouped["won"].sum().astype("int64")
    if status is not None:
        result["lost"] = grouped["lost"].sum().astype("int64")
        result["open"] = result["leads"] - result["won"] - result["lost"]
    result["win_rate"] = result["won"] / result["leads"]
    result["cost_total"] = grouped["cost"].sum()
    result["cost_per_lead"] = result["cost_total"] / result["leads"]
    result["cost_per_won"] = (result["cost_total"] / result["won"]).where(result["won"] > 0)
    return result


def _stage_positions(data: pd.DataFrame, stage, furthest):
    """Furthest stage as 0-4, and the status as 0-4 or -1 for 流失 (None without stage)."""
    if stage is None and furthest is None:
        fail("参数 stage 和 furthest 不能都是 None：至少要给出一个阶段列。",
             "Arguments stage and furthest cannot both be None: name at least one stage column.")
    require_columns(data, [c for c in (stage, furthest) if c is not None], "leads")
    order = {name: i for i, name in enumerate(STAGES)}
    status = None
    if stage is not None:
        stage_text = _require_labels(data, stage, "leads", [*STAGES, LOST])
        status = stage_text.map({**order, LOST: -1}).astype("int64")
    if furthest is None:
        if (status == -1).any():
            fail(f"leads 的列 '{stage}' 里有 '{LOST}'，只看当前状态无法知道它走到了哪一步；"
                 "请同时给出 furthest='furthest_stage'。",
                 f"Column '{stage}' of leads contains '{LOST}', which does not say how far the "
                 "lead got; also pass furthest='furthest_stage'.")
        return status, status
    reach = _require_labels(data, furthest, "leads", STAGES).map(order).astype("int64")
    if status is not None:
        clash = (status >= 0) & (status != reach)
        if clash.any():
            row = int(np.flatnonzero(clash.to_numpy())[0]) + 1
            fail(f"leads 第 {row} 行的 '{stage}' 与 '{furthest}' 不一致：没有流失的线索，"
                 "当前阶段就应该是走到的最远阶段。",
                 f"Row {row} of leads: '{stage}' and '{furthest}' disagree; for a lead that "
                 "is not lost the current stage must be the furthest stage reached.")
    return reach, status


# ---------------------------------------------------------------------------
# screening_ratios
# ---------------------------------------------------------------------------

SCREENING_THRESHOLDS = {"current_ratio": 1.5, "net_margin": 0.05, "roa": 0.05,
                        "receivable_days": 90, "inventory_days": 90}
"""Illustrative pass marks: the first three are minimums, the two cycles maximums."""

_RATIO_LABELS = {"current_ratio": "流动资产率", "net_margin": "净利润率", "roa": "资产回报率",
                 "receivable_days": "回款周期", "inventory_days": "存货周期"}
_AT_MOST = ("receivable_days", "inventory_days")
PASS, WATCH = "通过", "关注"


def screening_ratios(financials, thresholds=None, *, company="prospect_id",
                     current_assets="current_assets", current_liabilities="current_liabilities",
                     net_profit="net_profit", revenue="revenue", total_assets="total_assets",
                     receivable_days="receivable_days", inventory_days="inventory_days"):
    """Financial screening of big-customer prospects (大客户财务筛查).

    The course material names five checks before courting a big customer:

    * ``current_ratio`` 流动资产率 (current ratio, 流动比率) =
      current assets / current liabilities: can it pay its bills?
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
    流动资产率 1.20（下限 1.5）；净利润率 2.0%（下限 5.0%）；资产回报率 2.5%（下限 5.0%）；回款周期 120 天（上限 90 天）
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


# ---------------------------------------------------------------------------
# chargeable_weight, quote, breakeven_volume
# ---------------------------------------------------------------------------

def chargeable_weight(weight_kg, length_cm=None, width_cm=None, height_cm=None, divisor=6000,
                      *, volume_m3=None, detail=False):
    """Chargeable weight (计费重量): the larger of actual and volumetric weight.

    volumetric weight (体积重, kg) = length_cm x width_cm x height_cm / divisor,
    or volume_m3 x 1,000,000 / divisor when the volume is given directly.
    chargeable = max(actual weight, volumetric weight). A parcel whose
    volumetric weight exceeds its actual weight is light-bulky cargo (轻泡货):
    it is charged for the space it takes. The common express divisor is 6000
    (some carriers use 5000, which makes volumetric weight larger).

    Parameters
    ----------
    weight_kg : number or array-like
        Actual weight in kg, > 0.
    length_cm, width_cm, height_cm : number or array-like
        Dimensions in cm, > 0. Give all three, or ``volume_m3`` instead.
    divisor : number
        Volumetric divisor (cm3 per kg), > 0.
    volume_m3 : number or array-like, optional
        Volume in m3 (the ``shipments`` dataset has ``volume_m3``).
    detail : bool
        ``True`` returns a table with ``weight_kg``, ``volumetric_kg``,
        ``chargeable_kg`` and ``cargo`` (轻泡货 or 重货).

    Returns
    -------
    float, pandas.Series or pandas.DataFrame
        A float when every input is a number, else a Series named
        ``chargeable_kg`` (positions follow the inputs; the index is that of
        the first Series given); a DataFrame with ``detail=True``.

    Examples
    --------
    >>> chargeable_weight(10, 60, 50, 40)          # 60*50*40/6000 = 20 kg > 10 kg
    20.0
    >>> chargeable_weight(25, 60, 50, 40)          # heavy cargo: the actual weight counts
    25.0
    >>> chargeable_weight([10, 25], 60, 50, 40).tolist()
    [20.0, 25.0]
    >>> chargeable_weight(10, volume_m3=0.12, detail=True)["cargo"].tolist()
    ['轻泡货']
    """
    require_number(divisor, "divisor", low=0, low_open=True)
    dims = (length_cm, width_cm, height_cm)
    if volume_m3 is not None and any(d is not None for d in dims):
        fail("请只给出 length_cm/width_cm/height_cm 或 volume_m3 中的一种。",
             "Give either length_cm/width_cm/height_cm or volume_m3, not both.", TypeError)
    if volume_m3 is None and any(d is None for d in dims):
        missing = [n for n, d in zip(("length_cm", "width_cm", "height_cm"), dims) if d is None]
        fail(f"缺少参数 {', '.join(missing)}：请给出长、宽、高（厘米），或者给出 volume_m3。",
             f"Missing argument {', '.join(missing)}: give length, width and height in cm, "
             "or volume_m3.", TypeError)
    if volume_m3 is None:
        inputs = {"weight_kg": weight_kg, "length_cm": length_cm, "width_cm": width_cm,
                  "height_cm": height_cm}
    else:
        inputs = {"weight_kg": weight_kg, "volume_m3": volume_m3}
    arrays, index = require_number_inputs(inputs, positive=True)
    if volume_m3 is None:
        volumetric = arrays["length_cm"] * arrays["width_cm"] * arrays["height_cm"] / divisor
    else:
        volumetric = arrays["volume_m3"] * 1_000_000 / divisor
    actual = arrays["weight_kg"]
    chargeable = np.maximum(actual, volumetric)
    if index is None and not detail:
        return float(chargeable)
    if detail:
        shape = (1 if index is None else len(index),)
        table = pd.DataFrame({"weight_kg": np.broadcast_to(actual, shape),
                              "volumetric_kg": np.broadcast_to(volumetric, shape),
                              "chargeable_kg": np.broadcast_to(chargeable, shape)},
                             index=index if index is not None else [0])
        table["cargo"] = np.where(table["volumetric_kg"] > table["weight_kg"], "轻泡货", "重货")
        return table
    return pd.Series(np.broadcast_to(chargeable, len(index)).astype(float), index=index,
                     name="chargeable_kg")


EXPRESS_RATES = {"kind": "first_additional", "first_kg": 1.0, "first_price": 12.0,
                 "extra_per_kg": 3.0, "step_kg": 1.0, "min_charge": 0.0}
"""Illustrative express (快递) table: 首重 1 kg 12 元, 续重 3 元/kg, extra weight rounded up to 1 kg."""

LTL_RATES = {"kind": "bands", "bands": ((0, 1.6), (100, 1.2), (500, 1.0), (1000, 0.8)),
             "step_kg": 1.0, "min_charge": 60.0}
"""Illustrative LTL (零担) table: 元/kg falls as the shipment gets heavier; at least 60 元."""

RATE_TABLES = {"快递": EXPRESS_RATES, "零担": LTL_RATES}

DISCOUNT_TIERS = ((0, 0.0), (500, 0.05), (2000, 0.10), (5000, 0.15))
"""(monthly waybills from, discount). 500 票/月 is about the big-customer floor of 5,000 a year."""

_RATE_KEYS = {"first_additional": {"first_kg", "first_price", "extra_per_kg"},
              "bands": {"bands"}}
_RATE_OPTIONAL = {"kind", "step_kg", "min_charge"}


def quote(weight_kg, rate_table=None, monthly_volume=None, *, discount_tiers=None):
    """Price shipments from a rate table, with a discount for monthly volume.

    Two kinds of rate table:

    * ``"first_additional"`` (首重续重, express style): billed weight =
      first_kg + extra weight rounded up to ``step_kg``;
      list price = first_price + (billed - first_kg) x extra_per_kg.
    * ``"bands"`` (重量段, LTL style): billed weight = weight rounded up to
      ``step_kg``; list price = billed x rate of the band the billed weight falls in.

    Either kind can have ``min_charge`` (最低收费): list price = max(price, min_charge).
    price = list price x (1 - discount), where the discount comes from the
    customer's monthly volume: from 500 票/月 5%, from 2000 10%, from 5000 15%
    (:data:`DISCOUNT_TIERS`). Prices are rounded to 0.01 元. Pass the
    chargeable weight (:func:`chargeable_weight`) for light-bulky cargo. All
    rates are illustrative, not a real carrier's tariff.

    Parameters
    ----------
    weight_kg : number or array-like
        Chargeable weight in kg, > 0.
    rate_table : None, "快递", "零担" or dict
        ``None`` or ``"快递"`` uses :data:`EXPRESS_RATES`, ``"零担"`` uses
        :data:`LTL_RATES`; a dict with ``kind`` and the keys above defines your own.
    monthly_volume : number or array-like, optional
        The customer's waybills per month; ``None`` means no discount.
    discount_tiers : sequence of (monthly waybills from, discount), optional
        Replaces :data:`DISCOUNT_TIERS`; starts at 0, discounts in [0, 1).

    Returns
    -------
    pandas.DataFrame
        One row per weight: ``weight_kg``, ``billed_kg``, ``list_price``,
        ``discount_rate``, ``price`` (元).

    Examples
    --------
    >>> quote(2.3)[["billed_kg", "list_price", "price"]].values.tolist()   # 12 + 2*3
    [[3.0, 18.0, 18.0]]
    >>> quote(2.3, monthly_volume=800)["price"].tolist()                  # 18 * 0.95
    [17.1]
    >>> quote([50, 300], rate_table="零担")["list_price"].tolist()         # max(50*1.6, 60); 300*1.2
    [80.0, 360.0]
    """
    table = _rate_table(rate_table)
    tiers = _bands(DISCOUNT_TIERS if discount_tiers is None else discount_tiers,
                   "discount_tiers", value_name="discount", high=1, high_open=True,
                   example=DISCOUNT_TIERS[:2])
    inputs = {"weight_kg": weight_kg}
    arrays, index = require_number_inputs(inputs, positive=True)
    weights = np.atleast_1d(arrays["weight_kg"]).astype(float)
    if index is None:
        index = pd.RangeIndex(1)
    if monthly_volume is None:
        discount = np.zeros(len(weights))
    else:
        discount = _volume_discount(monthly_volume, tiers, len(weights))

    step = table["step_kg"]
    if table["kind"] == "first_additional":
        extra = np.maximum(weights - table["first_kg"], 0.0)
        extra_billed = np.ceil(extra / step - 1e-9) * step
        billed = table["first_kg"] + extra_billed
        price = table["first_price"] + extra_billed * table["extra_per_kg"]
    else:
        billed = np.ceil(weights / step - 1e-9) * step
        rate = _band_value(pd.Series(billed), list(table["bands"])).to_numpy()
        price = billed * rate
    list_price = np.maximum(price, table["min_charge"]).round(2)
    return pd.DataFrame({"weight_kg": weights, "billed_kg": billed, "list_price": list_price,
                         "discount_rate": discount,
                         "price": (list_price * (1 - discount)).round(2)}, index=index)


def _rate_table(rate_table) -> dict:
    """Resolve a preset name or check a user rate table."""
    if rate_table is None:
        return dict(EXPRESS_RATES)
    if isinstance(rate_table, str):
        if rate_table not in RATE_TABLES:
            fail(f"参数 rate_table 只能是 {list(RATE_TABLES)} 之一或自定义字典，现在是 {rate_table!r}。",
                 f"Argument rate_table must be one of {list(RATE_TABLES)} or a dict, "
                 f"got {rate_table!r}.")
        return dict(RATE_TABLES[rate_table])
    if not isinstance(rate_table, dict):
        fail(f"参数 rate_table 应该是 '快递'、'零担' 或字典，现在是 {type(rate_table).__name__}。",
             f"Argument rate_table must be '快递', '零担' or a dict, got "
             f"{type(rate_table).__name__}.", TypeError)
    kind = rate_table.get("kind")
    if kind not in _RATE_KEYS:
        fail(f"参数 rate_table['kind'] 只能是 {list(_RATE_KEYS)} 之一，现在是 {kind!r}。",
             f"Argument rate_table['kind'] must be one of {list(_RATE_KEYS)}, got {kind!r}.")
    needed, allowed = _RATE_KEYS[kind], _RATE_KEYS[kind] | _RATE_OPTIONAL
    missing = sorted(needed - set(rate_table))
    unknown = sorted(set(rate_table) - allowed)
    if missing:
        fail(f"参数 rate_table 缺少 {missing}；'{kind}' 类的运价表需要 {sorted(needed)}。",
             f"Argument rate_table is missing {missing}; a '{kind}' table needs "
             f"{sorted(needed)}.")
    if unknown:
        fail(f"参数 rate_table 里有不认识的键 {unknown}；可以用的键是 {sorted(allowed)}。",
             f"Argument rate_table has unknown keys {unknown}; allowed keys are "
             f"{sorted(allowed)}.")
    table = {"step_kg": 1.0, "min_charge": 0.0, **rate_table}
    require_number(table["step_kg"], "rate_table['step_kg']", low=0, low_open=True)
    require_number(table["min_charge"], "rate_table['min_charge']", low=0)
    if kind == "first_additional":
        require_number(table["first_kg"], "rate_table['first_kg']", low=0)
        require_number(table["first_price"], "rate_table['first_price']", low=0)
        require_number(table["extra_per_kg"], "rate_table['extra_per_kg']", low=0)
    else:
        table["bands"] = _bands(table["bands"], "rate_table['bands']", value_name="元/kg",
                                example=LTL_RATES["bands"][:2])
    return table


def _volume_discount(monthly_volume, tiers, n: int) -> np.ndarray:
    """Discount for each monthly volume (票/月) from the tier table."""
    if isinstance(monthly_volume, (pd.Series, np.ndarray, list, tuple)):
        series = pd.Series(require_number_inputs({"monthly_volume": monthly_volume})[0]
                           ["monthly_volume"])
        if len(series) != n:
            fail(f"参数 monthly_volume 有 {len(series)} 个值，而 weight_kg 有 {n} 个，长度必须相同。",
                 f"Argument monthly_volume has {len(series)} values but weight_kg has {n}; "
                 "lengths must match.")
    else:
        require_number(monthly_volume, "monthly_volume", low=0)
        series = pd.Series(np.full(n, float(monthly_volume)))
    return _band_value(series.astype(float), tiers).to_numpy()


def breakeven_volume(current_volume, price, unit_cost, discount):
    """Volume at which a discounted price earns the same profit as today.

    profit now = V0 x (p - c); with discount d: V1 x (p x (1 - d) - c).
    Setting them equal gives the break-even volume (保本业务量)

        V1 = V0 x (p - c) / (p x (1 - d) - c)

    so the customer must ship V1 - V0 more waybills for the discount to pay.
    When p x (1 - d) <= c the discount wipes out the margin and no volume can
    make up for it: that is an error.

    Parameters
    ----------
    current_volume : number
        Current waybills per month V0, > 0.
    price : number
        Current price per waybill p (元), > 0.
    unit_cost : number
        Cost per waybill c (元), >= 0 and below ``price``.
    discount : number
        Discount offered d, in [0, 1).

    Returns
    -------
    float
        Break-even volume V1 (waybills per month).

    Examples
    --------
    >>> breakeven_volume(1000, price=20, unit_cost=14, discount=0.1)   # 1000*6/(18-14)
    1500.0
    """
    require_number(current_volume, "current_volume", low=0, low_open=True)
    require_number(price, "price", low=0, low_open=True)
    require_number(unit_cost, "unit_cost", low=0)
    require_number(discount, "discount", low=0, high=1, high_open=True)
    if unit_cost >= price:
        fail(f"参数 unit_cost（{unit_cost}）不低于 price（{price}）：现在就没有毛利，谈不上折扣保本。",
             f"Argument unit_cost ({unit_cost}) is not below price ({price}): there is no "
             "margin to share, so no discount can break even.")
    margin_after = price * (1 - discount) - unit_cost
    if margin_after <= 0:
        fail(f"参数 discount = {discount} 太大：折后单价 {price * (1 - discount):g} 元不高于单位成本 "
             f"{unit_cost:g} 元，毛利被折扣吃光，再多业务量也无法保本。",
             f"Argument discount = {discount} is too large: the discounted price "
             f"{price * (1 - discount):g} does not exceed the unit cost {unit_cost:g}, so no "
             "volume can break even.")
    return float(current_volume * (price - unit_cost) / margin_after)
