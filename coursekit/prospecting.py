"""Unit 2: finding customers (寻找客户) and following leads down the funnel.

:func:`funnel` and :func:`channel_summary` follow leads down the development
funnel 线索 → 合格 → 拜访 → 洽谈 → 成交 and compare prospecting channels on
cost per lead, conversion and cost per won customer. :func:`stage_positions`
reads a lead's furthest stage and current status; unit 6 uses it too.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._tables import by_list, group_keys
from ._validate import (fail, require_columns, require_dates, require_frame, require_labels,
                        require_number, require_numeric, require_timestamp)

__all__ = ["funnel", "channel_summary", "first_year_margin", "STAGES", "LOST"]

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
    reach, status = stage_positions(data, stage, furthest)
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
    reach, status = stage_positions(data, stage, furthest)
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


def first_year_margin(leads, shipments, *, as_of, days=365, lead="lead_id", channel="channel",
                      won_date="won_date", customer="customer_id", order_date="order_date",
                      revenue="revenue", cost="cost"):
    """What each won lead's customer brought in its first year: revenue, cost and margin.

    For every lead with a won date and a customer id, the customer's waybills
    ordered on or after the won date and before won date + ``days`` are summed:

    * ``revenue``, ``cost``: sums over those waybills (元)
    * ``gross_margin`` 第一年毛利 = revenue - cost
    * ``full_year``: the whole first year lies on or before ``as_of``
      (won date + days - 1 day <= as_of). A customer won a month ago has
      not had a year to ship, so only ``full_year`` rows are fair to compare
      with what winning the customer cost.

    A won customer without waybills in that year counts with 0.

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per lead; leads without a won date are left out.
    shipments : pandas.DataFrame
        One row per waybill.
    as_of : date-like
        The day the data ends (required, so results do not move with the calendar).
    days : int
        Length of the "first year" in days.
    lead, channel, won_date, customer : str
        Columns of ``leads``.
    order_date, revenue, cost : str
        Columns of ``shipments`` (``customer`` names the customer there too).

    Returns
    -------
    pandas.DataFrame
        ``lead_id``, ``channel``, ``customer_id``, ``won_date``, ``revenue``,
        ``cost``, ``gross_margin``, ``full_year``; one row per won lead.

    Examples
    --------
    >>> import pandas as pd
    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2", "L3"], "channel": ["展会", "广告", "广告"],
    ...                       "won_date": pd.to_datetime(["2024-01-10", "2025-06-01", None]),
    ...                       "customer_id": ["C1", "C2", None]})
    >>> ships = pd.DataFrame({"customer_id": ["C1", "C1", "C1", "C2"],
    ...                       "order_date": pd.to_datetime(["2024-02-01", "2024-12-20",
    ...                                                     "2025-03-01", "2025-07-01"]),
    ...                       "revenue": [100.0, 50.0, 80.0, 30.0], "cost": [70.0, 40.0, 60.0, 20.0]})
    >>> first_year_margin(leads, ships, as_of="2025-12-31")[["lead_id", "gross_margin", "full_year"]]
      lead_id  gross_margin  full_year
    0      L1          40.0       True
    1      L2          10.0      False
    """
    stop = require_timestamp(as_of, "as_of")
    require_number(days, "days", low=1, integer=True)
    data = require_frame(leads, "leads")
    require_columns(data, [lead, channel, won_date, customer], "leads")
    won_at = require_dates(data, won_date, "leads", allow_missing=True)
    won = data.loc[won_at.notna(), [lead, channel, customer]].assign(**{won_date: won_at.dropna()})
    if won[customer].isna().any():
        row = won.index[won[customer].isna()][0]
        fail(f"leads 中线索 '{won.loc[row, lead]}' 有成交日期，却没有客户编号（列 '{customer}'）。",
             f"Lead '{won.loc[row, lead]}' of leads has a won date but no customer id "
             f"(column '{customer}').")
    ships = require_frame(shipments, "shipments")
    require_columns(ships, [customer, order_date, revenue, cost], "shipments")
    ordered = require_dates(ships, order_date, "shipments")
    money = pd.DataFrame({customer: ships[customer], "ordered": ordered,
                          "revenue": require_numeric(ships, revenue, "shipments").astype(float),
                          "cost": require_numeric(ships, cost, "shipments").astype(float)})
    span = pd.Timedelta(days=int(days))
    joined = won.reset_index(drop=True).merge(money, on=customer, how="left")
    inside = (joined["ordered"] >= joined[won_date]) & (joined["ordered"] < joined[won_date] + span)
    joined.loc[~inside, ["revenue", "cost"]] = 0.0
    totals = joined.groupby(lead, sort=False)[["revenue", "cost"]].sum()
    result = won.reset_index(drop=True).merge(totals, left_on=lead, right_index=True, how="left")
    result["gross_margin"] = result["revenue"] - result["cost"]
    result["full_year"] = result[won_date] + span - pd.Timedelta(days=1) <= stop
    return result[[lead, channel, customer, won_date, "revenue", "cost", "gross_margin",
                   "full_year"]]


def stage_positions(data: pd.DataFrame, stage, furthest):
    """Furthest stage as 0-4, and the status as 0-4 or -1 for 流失 (None without stage)."""
    if stage is None and furthest is None:
        fail("参数 stage 和 furthest 不能都是 None：至少要给出一个阶段列。",
             "Arguments stage and furthest cannot both be None: name at least one stage column.")
    require_columns(data, [c for c in (stage, furthest) if c is not None], "leads")
    order = {name: i for i, name in enumerate(STAGES)}
    status = None
    if stage is not None:
        stage_text = require_labels(data, stage, "leads", [*STAGES, LOST])
        status = stage_text.map({**order, LOST: -1}).astype("int64")
    if furthest is None:
        if (status == -1).any():
            fail(f"leads 的列 '{stage}' 里有 '{LOST}'，只看当前状态无法知道它走到了哪一步；"
                 "请同时给出 furthest='furthest_stage'。",
                 f"Column '{stage}' of leads contains '{LOST}', which does not say how far the "
                 "lead got; also pass furthest='furthest_stage'.")
        return status, status
    reach = require_labels(data, furthest, "leads", STAGES).map(order).astype("int64")
    if status is not None:
        clash = (status >= 0) & (status != reach)
        if clash.any():
            row = int(np.flatnonzero(clash.to_numpy())[0]) + 1
            fail(f"leads 第 {row} 行的 '{stage}' 与 '{furthest}' 不一致：没有流失的线索，"
                 "当前阶段就应该是走到的最远阶段。",
                 f"Row {row} of leads: '{stage}' and '{furthest}' disagree; for a lead that "
                 "is not lost the current stage must be the furthest stage reached.")
    return reach, status
