"""Unit 9: complaint handling KPIs (投诉管理指标).

* :func:`complaint_kpis`: how many complaints per 10,000 waybills, how fast
  they are answered and closed, how many are settled at first contact and
  within the deadline, what they cost and whether customers end up satisfied.
* :func:`complaint_pareto`: which few complaint categories make up most of
  the complaints (the 80/20 rule applied to complaints).

The default deadline, 7 working days, is the one the State Post Bureau's
《邮政业消费者申诉处理办法》 (issued 2014-08-27) and the regulators' guidance
build on: carriers answer a customer's complaint within 7 working days.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import (fail, require_columns, require_dates, require_frame, require_number,
                        require_numeric, require_unique)
from ._tables import (ALL_LABEL, TIME_KEYS, by_list, fast_require_unique, group_keys,
                      label_time_keys, require_flags)

__all__ = ["complaint_kpis", "complaint_pareto"]

NO_WAYBILL = "无关联运单"
"""Group label for complaints without a matching waybill when grouping by a shipments column."""

_SUM_COLUMNS = ["complaints", "unresolved", "compensation_total"]


def complaint_kpis(complaints, shipments, by=None, deadline_days=7, *, working_days=True,
                   holidays=None, complaint="complaint_id", received="received_at",
                   first_response="first_response_at", resolved="resolved_at",
                   first_contact="first_contact_resolved", compensation="compensation",
                   satisfied="satisfied", waybill="waybill_id", shipment_date="order_date"):
    """Complaint handling KPIs, overall or per group.

    * ``complaints``: number of complaints; ``waybills``: waybills in the same group
    * ``complaints_per_10k`` 万票投诉率 = complaints / waybills x 10,000
    * ``first_contact_resolution_rate`` 一次解决率 = complaints settled at the
      first contact (一次即圆满) / complaints
    * ``response_hours_median`` / ``_p90``: hours from ``received_at`` to
      ``first_response_at`` (complaints not yet answered are left out)
    * ``resolution_hours_median`` / ``_p90``: hours from ``received_at`` to
      ``resolved_at`` (open complaints are left out)
    * ``within_deadline_rate`` 按期办结率 = complaints resolved by the deadline
      / complaints; an unresolved complaint counts as not within the deadline
    * ``unresolved``: complaints without ``resolved_at``
    * ``compensation_total``: sum of compensation (元)
    * ``satisfied_rate`` 满意率 = satisfied / complaints with an answer (an empty
      ``satisfied``, e.g. for an open complaint, is left out; without a
      ``satisfied`` column the rate is NaN)

    Deadline: counting starts the day after the complaint is received; it is
    met when the resolution date is no later than the ``deadline_days``-th
    working day (Monday-Friday, minus ``holidays``) after the day of receipt.
    A complaint received on a weekend or holiday is treated like one received
    on the last working day before, so the first working day after it is day 1.
    With ``working_days=False`` the deadline is ``deadline_days`` calendar days
    after the day of receipt. Make-up working weekends (调休) are not modelled.

    When there is no complaint in a group, the rates are NaN (nothing to
    measure) and the counts are 0.

    Parameters
    ----------
    complaints : pandas.DataFrame
        One row per complaint.
    shipments : pandas.DataFrame or int
        The waybills the complaints come from, used for the denominator; or
        simply the number of waybills (then ``by`` may use only complaint
        columns).
    by : None, str or list of str
        ``None`` gives one row with index ``"全部"``. A column of both tables
        (``"customer_id"``) groups both; a column of the complaints only
        (``"category"``) divides by all waybills (of the other ``by`` groups);
        a column of the shipments only (``"service"``) is looked up through
        ``waybill_id``; ``"month"``, ``"quarter"``, ``"year"`` come from
        ``received_at`` and from the shipments' ``order_date``.
    deadline_days : int
        Deadline in (working) days, default 7 (《邮政业消费者申诉处理办法》,
        State Post Bureau, 2014-08-27).
    working_days : bool
        Count working days (default) or calendar days.
    holidays : list of dates, optional
        Public holidays to skip when counting working days.
    complaint, received, first_response, resolved, first_contact, compensation,
    satisfied, waybill, shipment_date : str
        Column names; ``first_response`` and ``resolved`` may be empty.

    Returns
    -------
    pandas.DataFrame
        One row per group with the columns above.

    Examples
    --------
    >>> import pandas as pd
    >>> complaints = pd.DataFrame({
    ...     "complaint_id": ["C1", "C2", "C3"],
    ...     "received_at": ["2025-03-03 09:00", "2025-03-07 15:00", "2025-03-08 10:00"],
    ...     "first_response_at": ["2025-03-03 10:00", "2025-03-07 17:00", "2025-03-10 09:00"],
    ...     "resolved_at": ["2025-03-12 18:00", "2025-03-19 12:00", None],
    ...     "first_contact_resolved": [True, False, False],
    ...     "compensation": [0.0, 200.0, 0.0],
    ...     "satisfied": [True, False, None]})
    >>> kpis = complaint_kpis(complaints, shipments=20000)
    >>> kpis[["complaints", "complaints_per_10k", "unresolved", "compensation_total"]]
          complaints  complaints_per_10k  unresolved  compensation_total
    全部           3                 1.5           1               200.0
    >>> # C1 (Mon 03-03) due Wed 03-12: met; C2 (Fri 03-07) due Tue 03-18: late; C3 open
    >>> round(float(kpis.loc["全部", "within_deadline_rate"]), 3)
    0.333
    >>> float(kpis.loc["全部", "satisfied_rate"])                   # 1 of the 2 answers
    0.5
    """
    data = require_frame(complaints, "complaints").reset_index(drop=True)
    names = by_list(by)
    require_number(deadline_days, "deadline_days", low=1, integer=True)
    if not isinstance(working_days, (bool, np.bool_)):
        fail(f"参数 working_days 应该是 True 或 False，现在是 {working_days!r}。",
             f"Argument working_days must be True or False, got {working_days!r}.", TypeError)
    holiday_dates = _holidays(holidays)
    require_columns(data, [complaint, received, first_response, resolved, first_contact,
                           compensation], "complaints")
    require_unique(data, complaint, "complaints")
    received_at = _naive(require_dates(data, received, "complaints"))
    responded_at = _naive(require_dates(data, first_response, "complaints", allow_missing=True))
    resolved_at = _naive(require_dates(data, resolved, "complaints", allow_missing=True))
    fcr = require_flags(data, first_contact, "complaints")
    happy = (require_flags(data, satisfied, "complaints", allow_missing=True) if satisfied in data
             else pd.Series(np.nan, index=data.index))  # not recorded by many companies: rate NaN
    paid = require_numeric(data, compensation, "complaints").astype(float)

    response_hours = _hours_after(received_at, responded_at, data, complaint, first_response)
    resolution_hours = _hours_after(received_at, resolved_at, data, complaint, resolved)
    due = _deadline(received_at, int(deadline_days), working_days, holiday_dates)
    within = resolved_at.notna() & (resolved_at.dt.normalize() <= due)

    frame = pd.DataFrame({
        "complaints": 1, "unresolved": resolved_at.isna().astype("int64"),
        "compensation_total": paid, "first_contact_resolution_rate": fcr.astype(float),
        "within_deadline_rate": within.astype(float), "satisfied_rate": happy.astype(float),
        "response": response_hours, "resolution": resolution_hours})
    complaint_keys, shipment_keys, outer = _keys(data, shipments, names, received_at,
                                                 waybill, shipment_date)
    result = _aggregate(frame, complaint_keys)
    result = _attach_waybills(result, shipments, shipment_keys, names, outer)
    result["complaints_per_10k"] = (result["complaints"] / result["waybills"] * 10_000).where(
        result["waybills"] > 0)
    order = ["complaints", "waybills", "complaints_per_10k", "first_contact_resolution_rate",
             "response_hours_median", "response_hours_p90", "resolution_hours_median",
             "resolution_hours_p90", "within_deadline_rate", "unresolved",
             "compensation_total", "satisfied_rate"]
    return label_time_keys(result[order])


def _aggregate(frame: pd.DataFrame, keys: list) -> pd.DataFrame:
    """Sums, shares and hour percentiles per complaint group."""
    rates = ["first_contact_resolution_rate", "within_deadline_rate", "satisfied_rate"]
    if keys:
        grouped = frame.groupby(keys, sort=True, observed=True)
        result = grouped[_SUM_COLUMNS].sum()
        result[rates] = grouped[rates].mean()
        for name, column in (("response", "response"), ("resolution", "resolution")):
            result[f"{name}_hours_median"] = grouped[column].median()
            result[f"{name}_hours_p90"] = grouped[column].quantile(0.9)
        return result
    row = {column: frame[column].sum() for column in _SUM_COLUMNS}
    row.update({column: frame[column].mean() for column in rates})
    for name in ("response", "resolution"):
        row[f"{name}_hours_median"] = frame[name].median()
        row[f"{name}_hours_p90"] = frame[name].quantile(0.9)
    return pd.DataFrame(row, index=[ALL_LABEL])


def _keys(data, shipments, names, received_at, waybill, shipment_date):
    """Group keys on the complaint side and, where they exist, on the shipment side.

    Returns (complaint keys, shipment keys, outer) where ``outer`` says whether
    every key exists on the shipment side, so groups without complaints can be
    shown with zero complaints.
    """
    if isinstance(shipments, pd.DataFrame):
        ships = require_frame(shipments, "shipments").reset_index(drop=True)
    elif isinstance(shipments, (int, np.integer)) and not isinstance(shipments, bool):
        require_number(shipments, "shipments", low=1, integer=True)
        ships = None
    else:
        fail(f"参数 shipments 应该是运单表（DataFrame）或运单总数（正整数），现在是 "
             f"{type(shipments).__name__}。",
             f"Argument shipments must be the waybill table (a DataFrame) or the number of "
             f"waybills (a positive whole number), got {type(shipments).__name__}.", TypeError)
    complaint_keys, shipment_keys = [], []
    ship_dates = None
    for name in names:
        in_complaints = name in data.columns
        in_shipments = ships is not None and name in ships.columns
        if name in TIME_KEYS and not in_complaints and not in_shipments:
            if ships is None:
                fail(f"按 '{name}' 分组时，参数 shipments 必须是运单表，这样每组才有自己的运单数。",
                     f"To group by '{name}', argument shipments must be the waybill table, so "
                     "that each group has its own number of waybills.", TypeError)
            complaint_keys += group_keys(data, [name], "complaints", dates=received_at)
            if ship_dates is None:
                require_columns(ships, [shipment_date], "shipments")
                ship_dates = require_dates(ships, shipment_date, "shipments")
            shipment_keys += group_keys(ships, [name], "shipments", dates=ship_dates)
        elif in_complaints:
            complaint_keys += group_keys(data, [name], "complaints")
            if in_shipments:
                shipment_keys += group_keys(ships, [name], "shipments")
        elif in_shipments:
            require_columns(data, [waybill], "complaints")
            require_columns(ships, [waybill], "shipments")
            fast_require_unique(ships, waybill, "shipments")
            shipment_keys += group_keys(ships, [name], "shipments")
            lookup = pd.Series(ships[name].astype(object).to_numpy(), index=ships[waybill])
            mapped = data[waybill].map(lookup).astype(object)
            complaint_keys.append(mapped.where(mapped.notna(), NO_WAYBILL).rename(name))
        else:
            require_columns(data, [name], "complaints")
    outer = ships is not None and len(shipment_keys) == len(names) and bool(names)
    return complaint_keys, shipment_keys, outer


def _attach_waybills(result, shipments, shipment_keys, names, outer):
    """Add the ``waybills`` denominator to each complaint group."""
    if not isinstance(shipments, pd.DataFrame):
        result["waybills"] = int(shipments)
        return result
    if not shipment_keys:
        result["waybills"] = len(shipments)
        return result
    counts = pd.Series(1, index=shipment_keys[0].index).groupby(
        shipment_keys, sort=True, observed=True).size().rename("waybills")
    on = [key.name for key in shipment_keys]
    if outer:
        counts.index = counts.index.set_names(names) if counts.index.nlevels > 1 else \
            counts.index.rename(names[0])
        merged = result.join(counts, how="outer")
        merged[_SUM_COLUMNS] = merged[_SUM_COLUMNS].fillna(0)
        merged[["complaints", "unresolved"]] = merged[["complaints", "unresolved"]].astype("int64")
        merged["waybills"] = merged["waybills"].fillna(0).astype("int64")
        return merged.sort_index()
    flat = result.reset_index()
    flat = flat.merge(counts.reset_index(), on=on, how="left")
    flat["waybills"] = flat["waybills"].fillna(0).astype("int64")
    return flat.set_index(names)


def _hours_after(start, end, data, complaint, column):
    """Hours from ``start`` to ``end``; an end before the start is an error."""
    hours = (end - start) / pd.Timedelta(hours=1)
    early = hours < 0
    if early.any():
        who = data[complaint][early].iloc[0]
        fail(f"complaints 的列 '{column}' 有 {int(early.sum())} 个时间早于受理时间，"
             f"例如 {complaint} = '{who}'，请检查。",
             f"Column '{column}' of complaints has {int(early.sum())} times before the time "
             f"the complaint was received, e.g. {complaint} = '{who}'; check them.")
    return hours


def _deadline(received_at: pd.Series, days: int, working_days: bool, holidays) -> pd.Series:
    """Last date on which resolving a complaint still meets the deadline."""
    day = received_at.dt.normalize()
    if not working_days:
        return day + pd.Timedelta(days=days)
    start = day.to_numpy().astype("datetime64[D]")
    due = np.busday_offset(start, days, roll="backward", holidays=holidays)
    return pd.Series(due.astype("datetime64[s]"), index=received_at.index)


def _naive(values: pd.Series) -> pd.Series:
    """Drop a time zone but keep the local clock time, so dates compare as written."""
    return values.dt.tz_localize(None) if values.dt.tz is not None else values


def _holidays(holidays):
    """Public holidays as numpy days, or an empty list."""
    if holidays is None:
        return []
    if isinstance(holidays, (str, pd.Timestamp)) or not hasattr(holidays, "__iter__"):
        fail("参数 holidays 应该是日期的列表，例如 ['2025-10-01', '2025-10-02']。",
             "Argument holidays must be a list of dates such as ['2025-10-01', '2025-10-02'].",
             TypeError)
    values = list(holidays)
    parsed = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce")
    if parsed.isna().any():
        bad = values[int(np.flatnonzero(parsed.isna().to_numpy())[0])]
        fail(f"参数 holidays 里有无法识别的日期：{bad!r}。",
             f"Argument holidays contains something that is not a date: {bad!r}.", TypeError)
    return parsed.to_numpy().astype("datetime64[D]")


def complaint_pareto(complaints, by="category", *, value=None, cutoff=0.8,
                     complaint="complaint_id"):
    """Pareto table of complaints: the vital few categories (关键少数).

    Groups are sorted by count (or by the sum of ``value``) from large to
    small, ties by name. share = group / total; cum_share = running total of
    share. ``vital_few`` is True for every group whose share *before* it is
    below ``cutoff``: cum_share - share < 0.8, so the group that crosses 80% is
    included (the same rule as ABC classification).

    Parameters
    ----------
    complaints : pandas.DataFrame
        One row per complaint.
    by : str
        Column to group by, ``"category"`` (投诉类别) by default.
    value : str, optional
        Sum this column (for example ``"compensation"``) instead of counting.
    cutoff : float
        Cumulative share that ends the vital few, in (0, 1]; default 0.8.
    complaint : str or None
        Complaint id column, checked for duplicates; ``None`` skips the check.

    Returns
    -------
    pandas.DataFrame
        ``by``, ``complaints`` (or the ``value`` column summed), ``share``,
        ``cum_share``, ``vital_few``.

    Examples
    --------
    >>> import pandas as pd
    >>> complaints = pd.DataFrame({
    ...     "complaint_id": [f"C{i}" for i in range(10)],
    ...     "category": ["延误"] * 6 + ["破损"] * 2 + ["丢失", "其他"]})
    >>> table = complaint_pareto(complaints)
    >>> table["category"].tolist()
    ['延误', '破损', '丢失', '其他']
    >>> table["cum_share"].tolist()
    [0.6, 0.8, 0.9, 1.0]
    >>> table["vital_few"].tolist()    # shares before: 0, 0.6, 0.8, 0.9
    [True, True, False, False]
    """
    data = require_frame(complaints, "complaints").reset_index(drop=True)
    if not isinstance(by, str):
        fail(f"参数 by 应该是一个列名，例如 'category'，现在是 {by!r}。",
             f"Argument by must be one column name such as 'category', got {by!r}.", TypeError)
    require_number(cutoff, "cutoff", low=0, low_open=True, high=1)
    require_columns(data, [by] + ([complaint] if complaint is not None else [])
                    + ([value] if value is not None else []), "complaints")
    if complaint is not None:
        require_unique(data, complaint, "complaints")
    keys = group_keys(data, [by], "complaints")
    if value is None:
        name = "complaints"
        totals = data.groupby(keys, sort=True, observed=True).size()
    else:
        name = value
        amounts = require_numeric(data, value, "complaints").astype(float)
        totals = amounts.groupby(keys, sort=True, observed=True).sum()
    grand = float(totals.sum())
    if grand <= 0:
        fail(f"complaints 的列 '{value}' 合计为 0，无法计算占比。",
             f"Column '{value}' of complaints sums to 0, so shares cannot be computed.")
    table = totals.rename(name).reset_index()
    table[by] = table[by].astype(object)
    table = table.sort_values([name, by], ascending=[False, True], kind="mergesort")
    table = table.reset_index(drop=True)
    running = table[name].cumsum()
    table["share"] = table[name] / grand
    # Shares from running totals, not summed shares, so 8/10 prints as 0.8 exactly.
    table["cum_share"] = (running / grand).clip(upper=1.0)
    table["vital_few"] = (running - table[name]) < cutoff * grand
    return table
