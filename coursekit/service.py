"""Unit 7: logistics service KPIs (物流客户服务绩效指标).

One public function, :func:`service_kpis`, turns a waybill table into the
service scorecard the unit teaches: on-time, complete, damage-free, loss and
document accuracy rates, the perfect order rate (完美订单率) and the order
cycle time (订货周期). It numbers the groups once and counts with numpy
(``np.bincount``) instead of building wide temporary frames, so that it stays
fast and light on memory on millions of waybills.

The small private helpers at the bottom (group keys, True/False columns) are
shared with :mod:`coursekit.prospecting` and :mod:`coursekit.complaints`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._tables import (ALL_LABEL, row_name, by_list, fast_require_unique, group_keys,
                      label_time_keys, require_flags)
from ._validate import fail, require_columns, require_dates, require_frame

__all__ = ["service_kpis"]


_RATE_COLUMNS = ["on_time_rate", "complete_rate", "damage_free_rate", "loss_rate",
                 "documents_correct_rate"]


def service_kpis(shipments, by=None, *, waybill="waybill_id", order_date="order_date",
                 delivered_date="delivered_date", on_time="on_time", complete="complete",
                 damaged="damaged", lost="lost", documents_correct="documents_correct"):
    """Service KPIs of a waybill table, overall or per group.

    Every rate is the share of waybills (运单) that meet one condition:

    * ``on_time_rate`` 准时率 = on-time waybills / waybills
    * ``complete_rate`` 完整率（满足率）= waybills with no short pieces / waybills
    * ``damage_free_rate`` 完好率 = waybills neither damaged nor lost / waybills
      (a lost parcel is not delivered intact, so it counts as not damage-free)
    * ``loss_rate`` 丢失率 = lost waybills / waybills
    * ``documents_correct_rate`` 单证准确率 = waybills with correct documents / waybills
    * ``perfect_order_rate`` 完美订单率 = on_time_rate x complete_rate x
      damage_free_rate x documents_correct_rate, the product of the four rates
      as APQC defines it (APQC's example: 0.98 x 0.97 x 0.99 x 0.82 = 0.7717,
      which APQC prints as 77.16%)
    * ``perfect_share`` = waybills that meet all four conditions at once / waybills.
      It is the per-waybill view of the same idea; it differs from the product
      when failures cluster on the same waybills.

    Order cycle time 订货周期 (days) = ``delivered_date - order_date``, reported as
    ``cycle_days_mean``, ``cycle_days_median`` and ``cycle_days_p90`` (90th
    percentile). Lost waybills and waybills without a delivery date (still in
    transit) are left out of the cycle time; a group with none left gets NaN.

    Parameters
    ----------
    shipments : pandas.DataFrame
        One row per waybill.
    by : None, str or list of str
        ``None`` gives one row with index ``"全部"``. A column name (for example
        ``"service"``) or a list of names gives one row per group. ``"month"``,
        ``"quarter"`` and ``"year"``, when the table has no column of that name,
        are computed from ``order_date`` (labels like ``"2025-01"``,
        ``"2025Q1"``, ``"2025"``).
    waybill : str or None
        Waybill id column, checked for duplicates (a repeated waybill would be
        counted twice). ``None`` skips the check.
    order_date, delivered_date : str
        Date columns; ``delivered_date`` may be empty for lost or open waybills.
    on_time, complete, damaged, lost, documents_correct : str
        True/False columns (1/0 is accepted too).

    Returns
    -------
    pandas.DataFrame
        One row per group with ``waybills``, the rates above,
        ``perfect_order_rate``, ``perfect_share`` and the cycle-time columns.

    Examples
    --------
    >>> import pandas as pd
    >>> shipments = pd.DataFrame({
    ...     "waybill_id": ["W1", "W2", "W3", "W4"],
    ...     "order_date": ["2025-03-01"] * 4,
    ...     "delivered_date": ["2025-03-02", "2025-03-03", "2025-03-04", None],
    ...     "on_time": [True, True, False, False],
    ...     "complete": [True, True, True, False],
    ...     "damaged": [False, True, False, False],
    ...     "lost": [False, False, False, True],
    ...     "documents_correct": [True, True, True, True]})
    >>> kpis = service_kpis(shipments)
    >>> kpis[["waybills", "on_time_rate", "damage_free_rate", "perfect_share"]]
          waybills  on_time_rate  damage_free_rate  perfect_share
    全部         4           0.5               0.5           0.25
    >>> round(float(kpis.loc["全部", "perfect_order_rate"]), 4)   # 0.5 * 0.75 * 0.5 * 1
    0.1875
    >>> float(kpis.loc["全部", "cycle_days_median"])   # 1, 2, 3 days; the lost one is left out
    2.0
    """
    data = require_frame(shipments, "shipments").reset_index(drop=True)
    names = by_list(by)
    flag_columns = [on_time, complete, damaged, lost, documents_correct]
    require_columns(data, [order_date, delivered_date, *flag_columns]
                    + ([waybill] if waybill is not None else []), "shipments")
    if waybill is not None:
        fast_require_unique(data, waybill, "shipments")
    flags = {column: require_flags(data, column, "shipments").to_numpy()
             for column in flag_columns}
    ordered = require_dates(data, order_date, "shipments")
    delivered = require_dates(data, delivered_date, "shipments", allow_missing=True)
    keys = group_keys(data, names, "shipments", dates=ordered)
    # Turn the keys into group numbers straight away and let them go: a month key
    # alone takes as much memory as a date column.
    codes, index = _group_codes(data, keys) if keys else (None, None)
    del keys

    met = _conditions(flags[on_time], flags[complete], flags[damaged], flags[lost],
                      flags[documents_correct])
    cycle = _cycle_days(ordered, delivered, flags[lost], data, waybill, delivered_date)
    if codes is None:
        result = _overall_kpis(met, cycle)
    else:
        result = label_time_keys(_grouped_kpis(codes, index, met, cycle))

    result["perfect_order_rate"] = (result["on_time_rate"] * result["complete_rate"]
                                    * result["damage_free_rate"]
                                    * result["documents_correct_rate"])
    order = ["waybills", *_RATE_COLUMNS, "perfect_order_rate", "perfect_share",
             "cycle_days_mean", "cycle_days_median", "cycle_days_p90"]
    result = result[order]
    result["waybills"] = result["waybills"].astype("int64")
    return result


# Rows per step for work that needs a temporary per row: a million rows keep
# each temporary at a few MB instead of the size of a whole column.
_CHUNK_ROWS = 1_000_000


def _chunks(length: int) -> list:
    """Row slices of at most ``_CHUNK_ROWS`` rows that together cover ``length`` rows."""
    return [slice(start, start + _CHUNK_ROWS) for start in range(0, length, _CHUNK_ROWS)]


def _group_codes(data: pd.DataFrame, keys: list):
    """Group number of every row (0, 1, ... in sorted group order) and the group labels.

    pandas groups once, on a frame without columns, so the keys keep exactly the
    meaning they have in ``groupby`` (sort order, categories, several keys);
    everything after that works on the integer codes with numpy.
    """
    grouped = data[[]].groupby(keys, sort=True, observed=True)
    index = grouped.size().index
    numbers = grouped.ngroup()
    del grouped  # free pandas' own group numbers before copying ours
    # a writeable copy: np.bincount copies read-only input (pandas hands out
    # read-only views) on every call
    return numbers.to_numpy(copy=True), index


def _conditions(on_time, complete, damaged, lost, documents_correct) -> dict:
    """Per waybill, whether it meets the condition of each rate (bool arrays by rate name)."""
    damage_free = ~damaged & ~lost
    return {"on_time_rate": on_time, "complete_rate": complete,
            "damage_free_rate": damage_free, "loss_rate": lost,
            "documents_correct_rate": documents_correct,
            "perfect_share": on_time & complete & damage_free & documents_correct}


def _cycle_days(ordered, delivered, is_lost, data, waybill, delivered_column):
    """Days from order to delivery; NaN for lost or undelivered waybills.

    Worked out a slice of rows at a time: for the whole table at once, the
    timedelta and the division would each need a temporary as large as a date column.
    """
    days = np.empty(len(ordered))
    for part in _chunks(len(days)):
        elapsed = delivered.iloc[part] - ordered.iloc[part]
        days[part] = (elapsed / pd.Timedelta(days=1)).to_numpy()
    days[is_lost] = np.nan
    early = days < 0
    if early.any():
        where = row_name(data, early, waybill)
        fail(f"shipments 的列 '{delivered_column}' 有 {int(early.sum())} 个送达日期早于下单日期，"
             f"例如 {where}，请检查日期。",
             f"Column '{delivered_column}' of shipments has {int(early.sum())} delivery dates "
             f"before the order date, e.g. {where}; check the dates.")
    return days


def _overall_kpis(met: dict, cycle: np.ndarray) -> pd.DataFrame:
    """The one-row table for ``by=None``, with pandas' Series statistics for the cycle time."""
    waybills = len(cycle)
    row = {"waybills": waybills}
    row.update({name: np.count_nonzero(hit) / waybills for name, hit in met.items()})
    days = pd.Series(cycle, copy=False)
    row.update(cycle_days_mean=days.mean(), cycle_days_median=days.median(),
               cycle_days_p90=days.quantile(0.9))
    return pd.DataFrame(row, index=[ALL_LABEL])


def _grouped_kpis(codes: np.ndarray, index: pd.Index, met: dict,
                  cycle: np.ndarray) -> pd.DataFrame:
    """One row per group, counted from the group codes with ``np.bincount``."""
    waybills = np.bincount(codes, minlength=len(index))
    columns = {"waybills": waybills}
    for name, hit in met.items():
        columns[name] = _count_true(codes, hit, len(index)) / waybills
    columns.update(_grouped_cycle_stats(codes, waybills, cycle))
    return pd.DataFrame(columns, index=index)


def _count_true(codes: np.ndarray, hit: np.ndarray, ngroups: int) -> np.ndarray:
    """Number of True rows per group (as floats, exact).

    A weighted ``np.bincount`` turns its weights into floats, eight times the size
    of the True/False column, so it runs on a slice of rows at a time.
    """
    counts = np.zeros(ngroups)
    for part in _chunks(len(codes)):
        counts += np.bincount(codes[part], weights=hit[part], minlength=ngroups)
    return counts


def _grouped_cycle_stats(codes: np.ndarray, waybills: np.ndarray, cycle: np.ndarray) -> dict:
    """Mean, median and 90th percentile of the cycle days per group, NaN left out.

    They reproduce pandas' grouped ``mean``, ``median`` and ``quantile(0.9)``
    exactly, so the results are the same as those of a plain ``groupby``.
    """
    # pandas' grouped mean adds with Kahan compensation in row order; a sum in
    # another order could differ in the last digit, so pandas does this one.
    # sort=False spares a reordered copy of the codes; sort_index() orders the groups.
    by_code = pd.Series(cycle, copy=False).groupby(codes, sort=False)
    mean = by_code.mean().sort_index().to_numpy()
    del by_code
    known = waybills - np.bincount(codes[np.isnan(cycle)], minlength=len(waybills))
    distinct, key = _sorted_within_groups(codes, cycle)
    starts = np.cumsum(waybills) - waybills

    def value(offset):
        """The cycle days at ``offset`` inside each group's sorted values."""
        position = np.clip(starts + offset, 0, len(key) - 1)  # empty groups become NaN below
        return distinct[key[position] % len(distinct)]

    # pandas' median: the middle value, or the mean of the two middle values
    median = (value(known // 2) + value((known - 1) // 2)) / 2
    # pandas' linear quantile: below + (above - below) * fraction, or below on a hit
    place = 0.9 * (known - 1)
    below_offset = place.astype(np.int64)
    fraction = place % 1
    below = value(below_offset)
    p90 = np.where(fraction == 0, below,
                   below + (value(below_offset + 1) - below) * fraction)
    none = known == 0
    return {"cycle_days_mean": mean, "cycle_days_median": np.where(none, np.nan, median),
            "cycle_days_p90": np.where(none, np.nan, p90)}


def _sorted_within_groups(codes: np.ndarray, cycle: np.ndarray):
    """Cycle days ordered by group and, inside a group, ascending with NaN last.

    Returns the distinct values and one sorted integer per row,
    ``group code * len(distinct) + rank of the value``, so row ``i`` of the order
    holds ``distinct[key[i] % len(distinct)]``. Sorting these integers in place
    replaces an argsort, which would need an index array and a reordered copy.
    """
    # a hash table finds the few distinct values without a sorted copy of the column;
    # sorted, NaN (kept once) comes last
    distinct = np.sort(pd.unique(cycle))
    ranks = pd.Index(distinct)
    key = np.empty(len(cycle), dtype=np.int64)
    for part in _chunks(len(cycle)):
        key[part] = codes[part] * len(distinct) + ranks.get_indexer(cycle[part])
    key.sort()
    return distinct, key
