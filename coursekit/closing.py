"""Unit 6: closing the deal (成交) as data, and what payment terms (账期) cost.

* :func:`stage_win_rates` answers "once a lead has got this far, how often do
  we win it?" for every stage of the funnel 线索 → 合格 → 拜访 → 洽谈.
* :func:`time_to_close` measures how many days a won lead took, from any
  start date (created, visited, negotiation) to the signing date.
* :func:`payment_terms_cost` prices the credit a carrier gives when it lets a
  customer pay later: money that is owed is money the carrier must finance.

The funnel reading follows :func:`coursekit.prospecting.funnel`: a lead reached a
stage when its furthest stage is that stage or a later one.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import (fail, require_columns, require_dates, require_frame, require_number,
                        require_number_inputs)
from .prospecting import STAGES, stage_positions
from ._tables import by_list, group_keys

__all__ = ["stage_win_rates", "time_to_close", "payment_terms_cost"]

OPEN_STAGES = STAGES[:-1]
"""Stages a lead can still be won from: 线索, 合格, 拜访, 洽谈 (成交 is the goal itself)."""


def stage_win_rates(leads, by=None, *, stage="stage", furthest="furthest_stage"):
    """Win rate from each funnel stage reached (从各阶段出发的成交率).

    For each stage k of 线索, 合格, 拜访, 洽谈 (and each group of ``by``):

    * ``reached`` = leads whose furthest stage is k or later
    * ``won`` = those of them whose furthest stage is 成交
    * ``lost`` = those of them whose status is 流失
    * ``open`` = reached - won - lost: still being worked on
    * ``win_rate`` = won / reached
    * ``decided_win_rate`` = won / (won + lost): the same rate among the
      leads that are already decided, so open leads do not pull it down

    A rate is NaN when its denominator is 0. The last stage before signing,
    洽谈, usually has the highest win rate: every step a lead survives makes it
    more likely to sign, which is why a salesperson spends most time on late
    leads.

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per lead.
    by : None, str or list of str
        ``None`` for the whole funnel; ``"channel"`` (or any column) for one
        block per group.
    stage : str
        Current status column: 线索/合格/拜访/洽谈/成交/流失.
    furthest : str
        Furthest stage reached (线索 … 成交), also kept for lost leads.

    Returns
    -------
    pandas.DataFrame
        Tidy table: the ``by`` columns (if any), ``stage`` (ordered categories
        线索 < 合格 < 拜访 < 洽谈), ``reached``, ``won``, ``lost``, ``open``,
        ``win_rate``, ``decided_win_rate``.

    Examples
    --------
    >>> import pandas as pd
    >>> leads = pd.DataFrame({
    ...     "stage":          ["流失", "流失", "洽谈", "成交", "成交", "流失"],
    ...     "furthest_stage": ["线索", "拜访", "洽谈", "成交", "成交", "洽谈"]})
    >>> rates = stage_win_rates(leads)
    >>> rates["reached"].tolist()
    [6, 5, 5, 4]
    >>> rates["win_rate"].round(2).tolist()          # 2/6, 2/5, 2/5, 2/4
    [0.33, 0.4, 0.4, 0.5]
    >>> rates["decided_win_rate"].round(2).tolist()  # the open lead left out: 2/5, 2/4, 2/4, 2/3
    [0.4, 0.5, 0.5, 0.67]
    """
    data = require_frame(leads, "leads").reset_index(drop=True)
    names = by_list(by)
    if stage is None or furthest is None:
        fail("参数 stage 和 furthest 都要给出：成交率既要知道线索走到了哪一步，也要知道它是否流失。",
             "Arguments stage and furthest are both required: a win rate needs how far each "
             "lead got and whether it was lost.", TypeError)
    reach, status = stage_positions(data, stage, furthest)
    keys = group_keys(data, names, "leads")
    won_at = len(STAGES) - 1
    frame = pd.DataFrame({"reach": reach.to_numpy(), "won": (reach == won_at).to_numpy(),
                          "lost": (status == -1).to_numpy()})
    if keys:
        groups = frame.groupby(keys, sort=True, observed=True)
        parts = [(key if isinstance(key, tuple) else (key,), part) for key, part in groups]
    else:
        parts = [((), frame)]
    blocks = []
    for key, part in parts:
        rows = []
        for position, name in enumerate(OPEN_STAGES):
            got_here = part[part["reach"] >= position]
            rows.append({"stage": name, "reached": len(got_here),
                         "won": int(got_here["won"].sum()), "lost": int(got_here["lost"].sum())})
        block = pd.DataFrame(rows)
        for column, value in zip(names, key):
            block[column] = value
        blocks.append(block)
    table = pd.concat(blocks, ignore_index=True)
    table["open"] = table["reached"] - table["won"] - table["lost"]
    decided = table["won"] + table["lost"]
    table["win_rate"] = (table["won"] / table["reached"]).where(table["reached"] > 0)
    table["decided_win_rate"] = (table["won"] / decided).where(decided > 0)
    table["stage"] = pd.Categorical(table["stage"], categories=list(OPEN_STAGES), ordered=True)
    for column in ("reached", "won", "lost", "open"):
        table[column] = table[column].astype("int64")
    order = names + ["stage", "reached", "won", "lost", "open", "win_rate", "decided_win_rate"]
    return table[order]


def time_to_close(leads, by=None, *, start="created_date", end="won_date"):
    """Days a won lead took to sign (成交周期): mean, median and 90th percentile.

    days = end date - start date, counted for the leads that have an end date
    (the won leads: lost and open leads have no signing date). ``p90_days`` is
    the 90th percentile (linear interpolation): nine won leads in ten signed
    within that many days, so it is a fair "plan for this long" figure, less
    swayed by one slow deal than the maximum.

    Parameters
    ----------
    leads : pandas.DataFrame
        One row per lead.
    by : None, str or list of str
        ``None`` for all won leads together; ``"channel"`` (or any column) for
        one row per group.
    start : str
        Date the clock starts: ``"created_date"`` (default) for the whole
        journey, ``"negotiation_date"`` for the time from the first
        negotiation to signing, ``"visit_date"`` …
    end : str
        Signing date column; rows where it is empty are left out.

    Returns
    -------
    pandas.DataFrame
        One row per group (index = the ``by`` columns, or one row labelled
        ``全部``): ``won``, ``mean_days``, ``median_days``, ``p90_days``,
        ``min_days``, ``max_days``.

    Examples
    --------
    >>> import pandas as pd
    >>> leads = pd.DataFrame({
    ...     "channel": ["展会", "展会", "电话", "电话"],
    ...     "created_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-02-01", "2025-02-01"]),
    ...     "won_date": pd.to_datetime(["2025-02-10", "2025-03-02", "2025-02-21", None])})
    >>> time_to_close(leads)[["won", "mean_days", "median_days"]].values.tolist()   # 40, 60, 20 days
    [[3.0, 40.0, 40.0]]
    >>> time_to_close(leads, by="channel")["median_days"].tolist()   # (40+60)/2; 20
    [50.0, 20.0]
    """
    data = require_frame(leads, "leads").reset_index(drop=True)
    names = by_list(by)
    require_columns(data, [start, end], "leads")
    finish = require_dates(data, end, "leads", allow_missing=True)
    begin = require_dates(data, start, "leads", allow_missing=True)
    closed = finish.notna()
    if not closed.any():
        fail(f"leads 的列 '{end}' 全是空的：没有一条成交的线索，算不出成交周期。",
             f"Column '{end}' of leads is empty: no lead was won, so there is no time to close.")
    no_start = closed & begin.isna()
    if no_start.any():
        row = int(np.flatnonzero(no_start.to_numpy())[0]) + 1
        fail(f"leads 第 {row} 行有 '{end}' 却没有 '{start}'：成交的线索必须有起算日期。"
             f"共有 {int(no_start.sum())} 行这样。",
             f"Row {row} of leads has '{end}' but no '{start}': a won lead needs a start "
             f"date ({int(no_start.sum())} such rows).")
    days = (finish - begin).dt.days
    backwards = closed & (days < 0)
    if backwards.any():
        row = int(np.flatnonzero(backwards.to_numpy())[0]) + 1
        fail(f"leads 第 {row} 行的 '{end}' 早于 '{start}'：签约不可能发生在起算日期之前，"
             "请检查日期。",
             f"Row {row} of leads has '{end}' before '{start}': a deal cannot be signed "
             "before its start date; check the dates.")
    keys = group_keys(data, names, "leads")
    frame = pd.DataFrame({"days": days.astype(float)})
    if keys:
        keys = [key[closed] if isinstance(key, pd.Series) else key for key in keys]
        grouped = frame[closed].groupby(keys, sort=True, observed=True)["days"]
    else:
        grouped = frame[closed].assign(group="全部").groupby("group")["days"]
    result = pd.DataFrame({"won": grouped.size().astype("int64"),
                           "mean_days": grouped.mean(), "median_days": grouped.median(),
                           "p90_days": grouped.quantile(0.9), "min_days": grouped.min(),
                           "max_days": grouped.max()})
    if not keys:
        result.index.name = None
    return result


def payment_terms_cost(revenue, days, annual_rate, *, year_days=365):
    """Financing cost of payment terms (账期的资金成本).

    A customer on ``days`` of credit pays each bill that many days late, so on
    average revenue x days / year_days of the carrier's money is tied up in
    receivables (应收账款). At an annual financing rate r that money costs

        cost = revenue x r x days / year_days

    per year (or per whatever period ``revenue`` covers). Dividing by revenue
    gives the same credit as a price discount: r x days / year_days, e.g.
    60 days at 6% a year is about 1% off the price.

    Parameters
    ----------
    revenue : number or array-like
        Revenue billed to the customer in the period (元), >= 0.
    days : number or array-like
        Payment terms in days (0 = cash), >= 0.
    annual_rate : number
        Annual financing rate as a fraction, in [0, 1]: the carrier's cost of
        money (a loan rate, or what the cash would earn elsewhere). An
        assumption: always say which rate you used.
    year_days : number
        Days in a year for the interest convention, 365 by default.

    Returns
    -------
    float or pandas.Series
        A float when ``revenue`` and ``days`` are numbers, otherwise a Series
        named ``financing_cost`` (元) with the index of the first Series given.

    Examples
    --------
    >>> payment_terms_cost(1_000_000, 60, 0.06)          # 1,000,000 x 0.06 x 60 / 365
    9863.013698630137
    >>> payment_terms_cost([500_000, 200_000], [30, 0], 0.05).round(2).tolist()
    [2054.79, 0.0]
    """
    require_number(annual_rate, "annual_rate", low=0, high=1)
    require_number(year_days, "year_days", low=0, low_open=True)
    values, index = require_number_inputs({"revenue": revenue, "days": days})
    cost = values["revenue"] * annual_rate * values["days"] / year_days
    if index is None:
        return float(cost)
    return pd.Series(np.broadcast_to(cost, len(index)).astype(float), index=index,
                     name="financing_cost")


