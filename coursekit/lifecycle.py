"""Customer lifecycle stages and cohort retention (units 7 and 8).

The course splits a customer relationship into five stages: 潜在期 (a lead
that has not bought yet), 成长期, 成熟期, 衰退期 and 终止期.
:func:`lifecycle_stage` puts every customer into exactly one of them with a
written-down rule (the same rule the course datasets are generated with), and
says in Chinese which part of the rule decided. :func:`cohort_retention`
shows how many customers of each starting month are still ordering later.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import (fail, id_union, require_choice, require_columns, require_frame,
                        require_number)
from .classify import (_as_datetimes, _as_of_day, _date_arrays, _fail_as_of_too_early,
                       _group_codes, _group_max, _group_min, _open_leads)

STAGES = ("潜在期", "成长期", "成熟期", "衰退期", "终止期")
"""The five lifecycle stages in their natural order."""

_PROSPECT, _GROWTH, _MATURE, _DECLINE, _ENDED = range(5)


def _month_index(stamp: pd.Timestamp) -> int:
    """Months since 1970-01 (January 1970 = 0): calendar months as plain integers."""
    return (stamp.year - 1970) * 12 + stamp.month - 1


def _month_start_day(month: int) -> int:
    """Day number (days since 1970-01-01) of the first day of a month index."""
    return int(np.datetime64(month, "M").astype("datetime64[D]").view(np.int64))


def _show_ratio(ratio: float, fits) -> str:
    """Print a ratio with 2 decimals, or more when 2 would look like the other side of a limit.

    A ratio of 1.199 is 成熟期 but "1.20" would read as reaching 1.2, so it
    is shown as "1.199".
    """
    for decimals in range(2, 8):
        text = f"{ratio:.{decimals}f}"
        if fits(float(text)):
            return text
    return repr(ratio)


def _reason_column(kinds, params, describe) -> pd.Categorical:
    """Build the reason text once per distinct (kind, number), not once per customer.

    A million customers share a few thousand distinct explanations, so
    formatting each distinct one and pointing the rows at it keeps the text
    column cheap in time and memory.
    """
    codes = np.empty(len(kinds), dtype=np.int64)
    texts: list[str] = []
    for kind in np.unique(kinds):
        rows = np.flatnonzero(kinds == kind)
        distinct, inverse = np.unique(params[rows], return_inverse=True)
        codes[rows] = inverse + len(texts)
        texts.extend(describe(int(kind), value) for value in distinct)
    remap, categories = pd.factorize(pd.Index(texts, dtype="str"))
    return pd.Categorical.from_codes(remap[codes] if len(codes) else codes,
                                     categories=categories)


def lifecycle_stage(shipments, leads=None, as_of=None, dormant_months=3, new_months=12,
                    window=6, growth=1.2, decline=0.8, customer="customer_id",
                    date="order_date", lead_id="lead_id", lead_stage="stage",
                    lead_date="created_date"):
    """Put every customer (and every open lead) into one lifecycle stage.

    Counted in calendar months up to and including the day ``as_of``; the
    first rule that applies wins:

    1. 终止期: no waybill in the last ``dormant_months`` calendar months
       (as_of 2025-12-31, 3 months: October-December 2025);
    2. 成长期: tenure < ``new_months`` months, i.e. the first order falls after
       ``as_of`` minus ``new_months`` months (after 2024-12-31 for the course),
       or ``ratio >= growth``;
    3. 衰退期: ``ratio <= decline``;
    4. 成熟期: otherwise.

    ``ratio = recent / previous``: ``recent`` is the number of waybills in the
    last ``window`` calendar months up to ``as_of`` (July-December 2025),
    ``previous`` the number in the same months one year earlier, up to
    ``as_of`` minus one year (July-December 2024). Comparing year over year
    cancels out the season. When ``previous`` is 0 the ratio is infinite
    (growth); when both are 0 it is NaN (only possible for 终止期).

    潜在期: leads whose ``stage`` is 线索/合格/拜访/洽谈 (not won, not lost);
    their id is the lead id. Leads created after ``as_of`` are left out when
    ``leads`` has the ``lead_date`` column.

    Parameters
    ----------
    shipments : DataFrame
        One row per waybill; orders after ``as_of`` are ignored.
    leads : DataFrame, optional
        The leads table.
    as_of : date-like
        The reference day, e.g. ``"2025-12-31"``.
    dormant_months, new_months, window : int
        Month counts of the rule (3, 12, 6); ``window`` lies between
        ``dormant_months`` and 12.
    growth, decline : float
        Ratio limits (1.2 and 0.8), ``0 < decline < growth``.
    customer, date, lead_id, lead_stage, lead_date : str
        Column names.

    Returns
    -------
    DataFrame
        One row per customer (sorted by id), then one per open lead: ``id``,
        ``stage`` (ordered Categorical 潜在期 < 成长期 < 成熟期 < 衰退期 < 终止期),
        ``first_order``, ``last_order``, ``recent``, ``previous``, ``ratio`` and
        ``reason`` (Chinese text saying which rule decided, stored as a
        Categorical because many customers share the same text). Ids keep
        their type (integer ids stay integers); only when customer ids and lead
        ids differ in kind (numbers beside text) are both written as text.

    Examples
    --------
    >>> ships = pd.DataFrame({
    ...     "customer_id": ["old"] * 2 + ["new"] + ["up"] * 5 + ["down"] * 5,
    ...     "order_date": ["2023-01-05", "2025-06-30", "2025-11-02",
    ...                    "2023-02-01", "2024-08-01", "2024-09-01", "2025-08-01", "2025-12-01",
    ...                    "2023-02-01", "2024-08-01", "2024-09-01", "2024-10-01", "2025-12-01"]})
    >>> out = lifecycle_stage(ships, as_of="2025-12-31")
    >>> out[["id", "stage", "recent", "previous"]].values.tolist()
    [['down', '衰退期', 1, 3], ['new', '成长期', 1, 0], ['old', '终止期', 0, 0], ['up', '成熟期', 2, 2]]
    >>> out["reason"].tolist()[0]
    '近6个月运单量是去年同期的0.33倍（≤0.8）'
    """
    require_frame(shipments, "shipments")
    require_columns(shipments, [customer, date], "shipments")
    as_of, as_of_day = _as_of_day(as_of)
    require_number(dormant_months, "dormant_months", low=1, high=12, integer=True)
    require_number(new_months, "new_months", low=0, high=120, integer=True)
    require_number(window, "window", low=1, high=12, integer=True)
    if window < dormant_months:
        fail(f"参数 window（{window}）不能小于 dormant_months（{dormant_months}）。",
             f"Argument window ({window}) must not be smaller than dormant_months "
             f"({dormant_months}).")
    require_number(growth, "growth", low=0, low_open=True)
    require_number(decline, "decline", low=0, low_open=True)
    if not decline < growth:
        fail(f"参数 decline（{decline}）必须小于 growth（{growth}）。",
             f"Argument decline ({decline}) must be smaller than growth ({growth}).")
    dormant_months, new_months, window = int(dormant_months), int(new_months), int(window)

    exact, days = _date_arrays(shipments, date, "shipments")
    codes, ids = _group_codes(shipments, customer, "shipments", sort=True)
    valid = days <= as_of_day
    if not valid.all():
        if not valid.any():
            _fail_as_of_too_early(as_of, days.min())
        codes, exact, days = codes[valid], exact[valid], days[valid]
    n = len(ids)
    stamps = exact.view(np.int64)
    first = _group_min(codes, stamps, n)
    last = _group_max(codes, stamps, n)
    seen = np.flatnonzero(last != np.iinfo(np.int64).min)

    month = _month_index(as_of)
    year_ago = as_of - pd.DateOffset(years=1)
    year_ago_day = int(np.datetime64(year_ago.date(), "D").view(np.int64))
    recent_from = _month_start_day(month - window + 1)
    previous_from = _month_start_day(month - 12 - window + 1)
    recent = np.bincount(codes[days >= recent_from], minlength=n)[seen]
    in_previous = (days >= previous_from) & (days <= year_ago_day)
    previous = np.bincount(codes[in_previous], minlength=n)[seen]

    first_exact = _as_datetimes(first[seen], exact)
    last_exact = _as_datetimes(last[seen], exact)
    last_day = last_exact.astype("datetime64[D]").view(np.int64)
    first_day = first_exact.astype("datetime64[D]").view(np.int64)
    ended = last_day < _month_start_day(month - dormant_months + 1)
    new_after = as_of - pd.DateOffset(months=new_months)
    is_new = first_day > int(np.datetime64(new_after.date(), "D").view(np.int64))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(previous > 0, recent / np.maximum(previous, 1), np.inf)
    ratio[(recent == 0) & (previous == 0)] = np.nan
    grows = ratio >= growth
    shrinks = ratio <= decline
    stage = np.select([ended, is_new, grows, shrinks], [_ENDED, _GROWTH, _GROWTH, _DECLINE],
                      default=_MATURE)

    # which rule fired, and the number the explanation quotes
    kind = np.select([ended, is_new, grows & (previous == 0), grows, shrinks],
                     [0, 1, 2, 3, 5], default=4)
    param = np.select([ended, is_new, kind == 2], [last_day, first_day, recent],
                      default=np.nan_to_num(ratio, posinf=0.0))

    def describe(k: int, value: float) -> str:
        if k == 0:
            day = np.datetime64(int(value), "D")
            return f"近{dormant_months}个月没有下单（最后一次下单：{day}）"
        if k == 1:
            return (f"首次下单在 {np.datetime64(int(value), 'D')}，"
                    f"距 {as_of:%Y-%m-%d} 不满{new_months}个月")
        if k == 2:
            return f"去年同期没有运单，近{window}个月有{int(value)}单"
        if k == 3:
            shown = _show_ratio(value, lambda x: x >= growth)
            return f"近{window}个月运单量是去年同期的{shown}倍（≥{growth}）"
        if k == 5:
            shown = _show_ratio(value, lambda x: x <= decline)
            return f"近{window}个月运单量是去年同期的{shown}倍（≤{decline}）"
        shown = _show_ratio(value, lambda x: decline < x < growth)
        return f"近{window}个月运单量是去年同期的{shown}倍（介于{decline}和{growth}之间）"

    reason = _reason_column(kind, param.astype(np.float64), describe)
    customer_ids, lead_ids = ids.take(seen), pd.Index([])
    if leads is not None:
        lead_ids, lead_stages = _open_leads(leads, as_of, lead_id, lead_stage, lead_date)
        customer_ids, lead_ids = id_union(customer_ids, lead_ids)
    customers = pd.DataFrame({
        "id": customer_ids,
        "stage": pd.Categorical.from_codes(stage, categories=list(STAGES), ordered=True),
        "first_order": first_exact,
        "last_order": last_exact,
        "recent": recent.astype(np.int64),
        "previous": previous.astype(np.int64),
        "ratio": ratio,
        "reason": reason,
    })
    if leads is None:
        return customers

    k = len(lead_ids)
    stage_names, stage_codes = np.unique(np.asarray(lead_stages, dtype=str), return_inverse=True)
    lead_reason = _reason_column(np.zeros(k, dtype=np.int64), stage_codes.astype(np.float64),
                                 lambda _, v: f"线索阶段为“{stage_names[int(v)]}”，还没有成交")
    prospects = pd.DataFrame({
        "id": lead_ids,
        "stage": pd.Categorical.from_codes(np.full(k, _PROSPECT), categories=list(STAGES),
                                           ordered=True),
        "first_order": np.full(k, np.datetime64("NaT"), dtype=exact.dtype),
        "last_order": np.full(k, np.datetime64("NaT"), dtype=exact.dtype),
        "recent": np.zeros(k, dtype=np.int64),
        "previous": np.zeros(k, dtype=np.int64),
        "ratio": np.full(k, np.nan),
        "reason": lead_reason,
    })
    out = pd.concat([customers, prospects], ignore_index=True)
    # concat turns two different categoricals into plain text; keep one categorical
    out["reason"] = pd.Categorical(out["reason"].astype("str"))
    return out


def cohort_retention(transactions, period="M", customer="customer_id", date="order_date",
                     counts=False):
    """Cohort retention table: share of each starting cohort still ordering later.

    A customer's cohort is the period (month, quarter or year) of its first
    order. For cohort c and period number k (0 = the first period),
    ``share = customers of c with an order in period c + k / customers of c``,
    so column 0 is always 1. Cells that lie after the last period in the data
    cannot be observed yet and are left empty (NaN).

    Parameters
    ----------
    transactions : DataFrame
        One row per order.
    period : {"M", "Q", "Y"}, default "M"
        Month, quarter or year.
    customer, date : str
        Column names.
    counts : bool, default False
        Return the numbers of active customers (nullable integers) instead of shares.

    Returns
    -------
    DataFrame
        Index ``cohort`` (periods), columns ``period_number`` 0, 1, 2, ...

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c", "d"],
    ...                    "order_date": ["2025-01-05", "2025-03-02", "2025-01-20",
    ...                                   "2025-02-11", "2025-02-03", "2025-03-30"]})
    >>> table = cohort_retention(tx)
    >>> table.round(2).astype(object).where(table.notna(), "").values.tolist()
    [[1.0, 0.5, 0.5], [1.0, 0.0, ''], [1.0, '', '']]
    >>> [str(p) for p in table.index]
    ['2025-01', '2025-02', '2025-03']
    """
    require_frame(transactions, "transactions")
    require_columns(transactions, [customer, date], "transactions")
    require_choice(period, "period", ("M", "Q", "Y"))
    if not isinstance(counts, (bool, np.bool_)):
        fail("参数 counts 应该是 True 或 False。", "Argument counts must be True or False.",
             TypeError)
    _, days = _date_arrays(transactions, date, "transactions")
    codes, ids = _group_codes(transactions, customer, "transactions", sort=False)
    calendar = days.view("datetime64[D]")
    if period == "Y":
        slot = calendar.astype("datetime64[Y]").view(np.int64)
    else:
        slot = calendar.astype("datetime64[M]").view(np.int64)
        if period == "Q":
            slot = slot // 3
    n = len(ids)
    first = _group_min(codes, slot, n)
    start = int(first.min())
    width = int(slot.max()) - start + 1
    step = slot - first[codes]
    # mark (customer, period number) pairs that had an order; a bitmap when it is small
    flat = codes.astype(np.int64) * width + step
    if n * width <= max(8 * len(flat), 10_000_000):
        seen = np.zeros(n * width, dtype=bool)
        seen[flat] = True
        pairs = np.flatnonzero(seen)
    else:
        pairs = np.unique(flat)
    cohort = first - start
    table = np.bincount(cohort[pairs // width] * width + pairs % width,
                        minlength=width * width).reshape(width, width)
    rows = np.flatnonzero(table[:, 0] > 0)
    table = table[rows]
    observable = np.arange(width)[None, :] <= (width - 1 - rows)[:, None]
    index = pd.PeriodIndex.from_ordinals(rows + start, freq=period, name="cohort")
    columns = pd.RangeIndex(width, name="period_number")
    if counts:
        frame = pd.DataFrame(table, index=index, columns=columns).astype("Int64")
        return frame.where(observable)
    shares = np.where(observable, table / table[:, :1], np.nan)
    return pd.DataFrame(shares, index=index, columns=columns)
