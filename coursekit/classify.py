"""Customer classifications for units 1 and 8.

Unit 1 sorts customers by importance (A/B/C, the 80/20 idea), by maturity
(现实客户 / 潜在客户) and by time (过去型 / 现在型 / 未来型). Unit 8 adds RFM
analysis, the 铂金/黄金/铁质/铅质 value pyramid and the big-customer rule.

Every function here takes a plain DataFrame (a shipments ledger, a leads table
or a result of another coursekit function) and returns a new DataFrame with
English column names and Chinese category labels. Nothing is looped over
customer by customer: the work is done on whole columns, so the same code
runs on a class exercise of five rows and on ten million waybills.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import (fail, id_union, require_choice, require_columns, require_dates,
                        require_frame, require_ids, require_number, require_numeric,
                        require_optional_column, require_timestamp, require_unique)

ABC_LABELS = ("A类", "B类", "C类")
"""ABC class labels, most important first."""

TEXTBOOK_ABC = pd.DataFrame(
    {"customer_share": [0.05, 0.15, 0.80], "value_share": [0.80, 0.15, 0.05]},
    index=pd.Index(ABC_LABELS, name="abc_class"))
"""The textbook's rule of thumb for A/B/C (seed 000, unit 1): about 5% / 15% / 80%
of the customers bring about 80% / 15% / 5% of sales or profit."""

RFM_SEGMENTS = ("重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
                "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户")
"""The eight RFM segments, in the order of the table in :func:`rfm_segment`."""

PYRAMID_LABELS = ("铂金客户", "黄金客户", "铁质客户", "铅质客户")
"""Value-pyramid tiers, most profitable first (seed 004)."""

PYRAMID_SHARES = (0.05, 0.15, 0.60, 0.20)
"""Default share of customers in each pyramid tier.

Seed 004 names the four tiers but gives no sizes, so the defaults borrow the
course's own figures: the top 5% and the next 15% mirror the textbook's A and
B classes (seed 000), and the bottom 20% mirrors the "20% of customers that
hold the business back" in seed 000's customer-difference analysis."""

BIG_CUSTOMER_MIN_ORDERS = 5000
"""Seed 004 calls a customer "big" when it sends more than 5,000 orders a year."""

TIME_CLASSES = ("过去型", "现在型", "未来型")
MATURITY_CLASSES = ("现实客户", "潜在客户")

LEAD_STAGES = ("线索", "合格", "拜访", "洽谈", "成交", "流失")
"""Every stage value the leads table may hold (datasets/dictionary.csv)."""

OPEN_LEAD_STAGES = ("线索", "合格", "拜访", "洽谈")
"""Lead stages that are neither won nor lost: these leads are prospects."""

_TOLERANCE = 1e-9  # shares that differ from a cut by less than this count as equal to it


# ---------------------------------------------------------------------------
# small shared helpers (lifecycle.py and value.py use them too)
# ---------------------------------------------------------------------------

def _group_codes(data: pd.DataFrame, column: str, arg: str, sort: bool):
    """Number the customers 0..n-1 once; every later step works on these codes.

    Factorising the id column is the expensive part on a big ledger, so it is
    done exactly once per call.  A missing id would silently drop rows from a
    groupby, so it is an error here. Ids are read by ``require_ids``: numbers
    mixed with text become text, categorical ids count by their values.
    """
    codes, uniques = pd.factorize(require_ids(data, column, arg), sort=sort)
    missing = codes < 0
    if missing.any():
        n = int(missing.sum())
        fail(f"{arg} 的列 '{column}' 有 {n} 个空值，每一行都需要一个编号。",
             f"Column '{column}' of {arg} has {n} missing values; every row needs an id.")
    return codes, uniques


def _date_arrays(data: pd.DataFrame, column: str, arg: str):
    """Return (exact datetime64 values, whole-day numbers since 1970-01-01)."""
    parsed = require_dates(data, column, arg)  # naive: a time zone is an error there
    exact = parsed.to_numpy()
    days = exact.astype("datetime64[D]").view(np.int64)
    return exact, days


def _as_of_day(as_of, arg: str = "as_of"):
    """Read ``as_of`` as a calendar day: (Timestamp at midnight, day number)."""
    stamp = require_timestamp(as_of, arg).normalize()  # a time zone is an error there
    return stamp, int(np.datetime64(stamp.date(), "D").view(np.int64))


def _fail_as_of_too_early(as_of: pd.Timestamp, first_day, arg: str = "as_of"):
    first = pd.Timestamp(np.datetime64(int(first_day), "D"))
    fail(f"参数 {arg}（{as_of:%Y-%m-%d}）早于所有订单，最早的订单在 {first:%Y-%m-%d}。",
         f"Argument {arg} ({as_of:%Y-%m-%d}) is before every order; the first order is "
         f"on {first:%Y-%m-%d}.")


def _group_min(codes, values, n):
    out = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(out, codes, values)
    return out


def _group_max(codes, values, n):
    out = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(out, codes, values)
    return out


def _as_datetimes(values_int64, like: np.ndarray) -> np.ndarray:
    """Turn int64 results of min/max back into the caller's datetime unit."""
    return np.asarray(values_int64, dtype=np.int64).view(like.dtype)


def _snap(totals: np.ndarray) -> np.ndarray:
    """Round sums to 12 significant digits of the largest one.

    Adding many floats leaves noise in the last bits (2984.17 may come out as
    2984.1699999999996, depending on row order), and that noise must not decide
    who ranks first or whether two customers tie. Rounding on a grid of
    1e-12 x the largest total removes it and changes nothing a student can see.
    """
    big = float(np.abs(totals).max()) if len(totals) else 0.0
    if not big > 0 or not np.isfinite(big):
        return totals
    return np.round(totals, 12 - int(np.ceil(np.log10(big))))


def _order_desc_then_id(values: np.ndarray, ids: pd.Index) -> np.ndarray:
    """Positions that sort ``values`` high to low, equal values by id (A to Z).

    Sorting a million text ids is slow, so only the ids inside groups of equal
    values are sorted; the rest is a plain numeric sort.
    """
    order = np.argsort(-values, kind="stable")
    ranked = values[order]
    same = ranked[1:] == ranked[:-1]
    if same.any():
        in_tie = np.zeros(len(order), dtype=bool)
        in_tie[1:] |= same
        in_tie[:-1] |= same
        where = np.flatnonzero(in_tie)
        block = np.cumsum(np.concatenate(([True], ~same)))[where]
        tie_ids = ids.take(order[where])
        id_key = np.empty(len(where), dtype=np.int64)
        id_key[tie_ids.argsort()] = np.arange(len(where))
        order[where] = order[where][np.lexsort((id_key, block))]
    return order


def _check_cuts(cuts, arg: str, count: int):
    if not isinstance(cuts, (tuple, list)) or len(cuts) != count:
        fail(f"参数 {arg} 应该是 {count} 个数字组成的元组，例如 (0.80, 0.95)，现在是 {cuts!r}。",
             f"Argument {arg} must be a tuple of {count} numbers such as (0.80, 0.95), "
             f"got {cuts!r}.", TypeError)
    for i, cut in enumerate(cuts):
        require_number(cut, f"{arg}[{i}]", low=0, high=1, low_open=True, high_open=True)
    if any(b <= a for a, b in zip(cuts, cuts[1:])):
        fail(f"参数 {arg} 必须从小到大递增，现在是 {tuple(cuts)}。",
             f"Argument {arg} must be strictly increasing, got {tuple(cuts)}.")
    return tuple(float(c) for c in cuts)


def _open_leads(leads, as_of: pd.Timestamp, lead_id: str, lead_stage: str, lead_date: str):
    """Leads that are still prospects at ``as_of``: (lead ids, their stages).

    The stage column is read as the lead's state at ``as_of``. When the table
    also has the ``lead_date`` column (created_date in the course data), leads
    created after ``as_of`` are left out because they did not exist yet.
    """
    require_frame(leads, "leads")
    require_columns(leads, [lead_id, lead_stage], "leads")
    lead_ids = require_ids(leads, lead_id, "leads")
    require_unique(leads.assign(**{lead_id: lead_ids}), lead_id, "leads")
    stages = leads[lead_stage]
    unknown = ~stages.isin(LEAD_STAGES)
    if unknown.any():
        bad = stages[unknown].iloc[0]
        allowed = "、".join(LEAD_STAGES)
        fail(f"leads 的列 '{lead_stage}' 有无法识别的阶段 {bad!r}，只能是：{allowed}。",
             f"Column '{lead_stage}' of leads holds an unknown stage {bad!r}; "
             f"allowed: {', '.join(LEAD_STAGES)}.")
    keep = stages.isin(OPEN_LEAD_STAGES).to_numpy()
    if require_optional_column(leads, lead_date, "created_date", "leads"):
        created = require_dates(leads, lead_date, "leads", allow_missing=True)
        keep = keep & ~(created.dt.normalize() > as_of).to_numpy()  # unknown date: keep
    ids = pd.Index(lead_ids[keep])
    order = ids.argsort()
    return ids.take(order), stages.to_numpy()[keep][order]


# ---------------------------------------------------------------------------
# ABC classification
# ---------------------------------------------------------------------------

def abc_classify(data, value="revenue", id="customer_id", cuts=(0.80, 0.95)):
    """Classify customers A/B/C by their cumulative share of value (the 80/20 idea).

    Customers are ranked by value, highest first (equal values by id). Each
    customer's class depends on the cumulative share of the customers ranked
    *before* it::

        cum_before = cum_share - share
        A类 if cum_before < cuts[0];  B类 if cum_before < cuts[1];  else C类

    So the customer that crosses 80% is still A, and a single customer with 90%
    of the revenue is A. Rows with the same id are summed first, so a shipments
    ledger can be passed directly.

    Parameters
    ----------
    data : DataFrame
        One or more rows per customer.
    value : str, default "revenue"
        Column to rank by (non-negative numbers; profit works if never negative).
    id : str, default "customer_id"
        Column that identifies the customer.
    cuts : tuple of two floats, default (0.80, 0.95)
        Cumulative-share limits of A and of B, increasing, inside (0, 1).

    Returns
    -------
    DataFrame
        One row per customer, best first: ``<id>``, ``value`` (summed),
        ``share``, ``cum_share``, ``rank`` (1 = largest), ``abc_class``
        (ordered Categorical A类 < B类 < C类; ``.astype(str)`` gives plain text).

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4", "c5"],
    ...                    "revenue": [50, 30, 10, 6, 4]})
    >>> out = abc_classify(df)
    >>> out["abc_class"].tolist()
    ['A类', 'A类', 'B类', 'B类', 'C类']
    >>> out["cum_share"].round(2).tolist()
    [0.5, 0.8, 0.9, 0.96, 1.0]
    """
    require_frame(data, "data")
    require_columns(data, [id, value], "data")
    amounts = require_numeric(data, value, "data")
    low, high = _check_cuts(cuts, "cuts", 2)
    codes, ids = _group_codes(data, id, "data", sort=False)
    totals = _snap(np.bincount(codes, weights=amounts.to_numpy(dtype=np.float64),
                               minlength=len(ids)))
    grand = totals.sum()
    if not grand > 0:
        fail(f"data 的列 '{value}' 合计为 0，无法计算各客户的占比。",
             f"Column '{value}' of data sums to 0, so no customer has a share.")
    order = _order_desc_then_id(totals, ids)
    ranked = totals[order]
    cum = np.cumsum(ranked)
    before = np.concatenate(([0.0], cum[:-1])) / grand
    klass = np.where(before < low - _TOLERANCE, 0, np.where(before < high - _TOLERANCE, 1, 2))
    return pd.DataFrame({
        id: ids.take(order),
        "value": ranked,
        "share": ranked / grand,
        "cum_share": cum / grand,
        "rank": np.arange(1, len(order) + 1),
        "abc_class": pd.Categorical.from_codes(klass, categories=list(ABC_LABELS), ordered=True),
    })


def pareto_summary(classified):
    """Summarise an ABC result: how many customers and how much value per class.

    ``customer_share = customers / all customers`` and
    ``value_share = value / total value``. All three classes are always listed,
    even when one is empty, so the table can be compared with the textbook's
    5% / 15% / 80% of customers and 80% / 15% / 5% of value (``TEXTBOOK_ABC``).

    Parameters
    ----------
    classified : DataFrame
        The result of :func:`abc_classify` (needs ``abc_class`` and ``value``).

    Returns
    -------
    DataFrame
        Rows A类, B类, C类 with ``abc_class``, ``customers``,
        ``customer_share``, ``value``, ``value_share``.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": ["c1", "c2", "c3", "c4", "c5"],
    ...                    "revenue": [50, 30, 10, 6, 4]})
    >>> summary = pareto_summary(abc_classify(df))
    >>> summary[["customers", "value"]].astype(object).values.tolist()
    [[2, 80.0], [2, 16.0], [1, 4.0]]
    """
    require_frame(classified, "classified")
    require_columns(classified, ["abc_class", "value"], "classified")
    values = require_numeric(classified, "value", "classified")
    labels = classified["abc_class"].astype(str)
    unknown = ~labels.isin(ABC_LABELS)
    if unknown.any():
        bad = labels[unknown].iloc[0]
        fail(f"classified 的列 'abc_class' 有无法识别的类别 {bad!r}，只能是 A类、B类、C类。",
             f"Column 'abc_class' of classified holds an unknown class {bad!r}; "
             "allowed: A类, B类, C类.")
    klass = pd.Categorical(labels, categories=list(ABC_LABELS), ordered=True)
    grouped = values.groupby(klass, observed=False)
    out = pd.DataFrame({"customers": grouped.size(), "value": grouped.sum()})
    out.index = pd.CategoricalIndex(out.index, categories=list(ABC_LABELS), ordered=True,
                                    name="abc_class")
    out["customer_share"] = out["customers"] / out["customers"].sum()
    out["value_share"] = out["value"] / out["value"].sum()
    out = out.reset_index()
    out["customers"] = out["customers"].astype(np.int64)
    return out[["abc_class", "customers", "customer_share", "value", "value_share"]]


# ---------------------------------------------------------------------------
# RFM
# ---------------------------------------------------------------------------

def rfm_table(transactions, as_of=None, customer="customer_id", date="order_date",
              amount="revenue", window_days=None):
    """Recency, frequency and monetary value per customer, as of one day.

    * ``recency``   = days from the customer's last order to ``as_of``
      (0 = ordered on ``as_of`` itself);
    * ``frequency`` = number of orders (rows) in the window;
    * ``monetary``  = sum of ``amount`` in the window.

    ``as_of`` counts as a whole day: orders placed that day are included and
    later orders are ignored. The window is the last ``window_days`` days up to
    and including ``as_of``; ``None`` means the whole history. A customer who
    ordered before the window but not in it keeps its recency and gets
    frequency 0 and monetary 0.

    Parameters
    ----------
    transactions : DataFrame
        One row per order (the shipments table).
    as_of : date-like
        The reference day, e.g. ``"2025-12-31"``.
    customer, date, amount : str
        Column names (defaults: customer_id, order_date, revenue).
    window_days : int, optional
        Length of the frequency/monetary window in days.

    Returns
    -------
    DataFrame
        One row per customer sorted by id: ``<customer>``, ``last_order``,
        ``recency``, ``frequency``, ``monetary``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
    ...                    "order_date": ["2025-12-01", "2025-12-25", "2025-06-30", "2025-12-31"],
    ...                    "revenue": [100.0, 50.0, 80.0, 20.0]})
    >>> rfm = rfm_table(tx, as_of="2025-12-31")
    >>> rfm[["customer_id", "recency", "frequency", "monetary"]].values.tolist()
    [['a', 6, 2, 150.0], ['b', 184, 1, 80.0], ['c', 0, 1, 20.0]]
    """
    require_frame(transactions, "transactions")
    require_columns(transactions, [customer, date, amount], "transactions")
    as_of, as_of_day = _as_of_day(as_of)
    if window_days is not None:
        require_number(window_days, "window_days", low=1, integer=True)
    money = require_numeric(transactions, amount, "transactions").to_numpy(dtype=np.float64)
    exact, days = _date_arrays(transactions, date, "transactions")
    codes, ids = _group_codes(transactions, customer, "transactions", sort=True)

    valid = days <= as_of_day
    if not valid.all():
        if not valid.any():
            _fail_as_of_too_early(as_of, days.min())
        codes, exact, days, money = codes[valid], exact[valid], days[valid], money[valid]
    n = len(ids)
    last = _group_max(codes, exact.view(np.int64), n)
    if window_days is not None:
        inside = days > as_of_day - int(window_days)
        frequency = np.bincount(codes[inside], minlength=n)
        monetary = np.bincount(codes[inside], weights=money[inside], minlength=n)
    else:
        frequency = np.bincount(codes, minlength=n)
        monetary = np.bincount(codes, weights=money, minlength=n)
    seen = last != np.iinfo(np.int64).min  # customers whose orders all come after as_of drop out
    last_day = _as_datetimes(last, exact).astype("datetime64[D]").view(np.int64)
    out = pd.DataFrame({
        customer: ids,
        "last_order": _as_datetimes(last, exact),
        "recency": as_of_day - last_day,
        "frequency": frequency.astype(np.int64),
        "monetary": _snap(monetary),
    })
    return out if seen.all() else out[seen].reset_index(drop=True)


def _scores(values: np.ndarray, bins: int, ties: str) -> np.ndarray:
    """Scores 1..bins for values where larger is better (see rfm_score)."""
    n = len(values)
    series = pd.Series(values)
    if ties == "equal":
        low = series.rank(method="min").to_numpy(dtype=np.int64)
        high = series.rank(method="max").to_numpy(dtype=np.int64)
        # low + high - 1 = 2 * (middle rank - 0.5): integer maths, so no rounding surprises
        return (bins * (low + high - 1)) // (2 * n) + 1
    first = series.rank(method="first").to_numpy(dtype=np.int64)
    return (first - 1) * bins // n + 1


def _one_row_per_customer(table: pd.DataFrame, customer, arg: str) -> None:
    """A per-customer table must not repeat a customer: a repeat would shift every score."""
    if require_optional_column(table, customer, "customer_id", arg):
        ids = require_ids(table, customer, arg)
        require_unique(table.assign(**{customer: ids}), customer, arg)
    elif not isinstance(table.index, pd.RangeIndex) and table.index.has_duplicates:
        repeated = table.index[table.index.duplicated()][0]
        fail(f"{arg} 应该每个客户一行，但索引 '{repeated}' 出现了不止一次。",
             f"{arg} must hold one row per customer, but the index '{repeated}' repeats.")


def rfm_score(rfm, bins=5, ties="equal", recency="recency", frequency="frequency",
              monetary="monetary", customer="customer_id"):
    """Score R, F and M from 1 (worst) to ``bins`` (best).

    A small recency is good; a large frequency or monetary value is good. Each
    column is ranked from worst to best and turned into a score:

    * ``ties="equal"`` (default): equal values always get equal scores. A tied
      group sits at the middle of its ranks, ``p = (average rank - 0.5) / n``,
      and ``score = 1 + floor(bins * p)``. With n = bins and no ties the scores
      are exactly 1..bins; when every value is equal, all get the middle score.
    * ``ties="first"``: equal values are split in table order so that the
      groups have (nearly) the same size: ``score = 1 + floor(bins * (rank - 1) / n)``
      with ``rank`` 1..n counted in order of appearance, like ``pd.qcut`` on
      ``rank(method="first")``. :func:`rfm_table` sorts by customer id, so
      that is the order used.

    Parameters
    ----------
    rfm : DataFrame
        The result of :func:`rfm_table`.
    bins : int, default 5
        Number of score levels, at least 2.
    ties : {"equal", "first"}
    recency, frequency, monetary : str
        Column names.
    customer : str, default "customer_id"
        The id column, when the table has one: each customer may appear only
        once (a repeated customer would shift everyone's scores). Without it,
        a non-default index must not repeat either.

    Returns
    -------
    DataFrame
        A copy of ``rfm`` plus ``r_score``, ``f_score``, ``m_score`` and
        ``rfm_code`` (e.g. "545"; with bins above 9 the parts are joined by "-").

    Examples
    --------
    >>> rfm = pd.DataFrame({"customer_id": list("abcde"), "recency": [5, 40, 10, 200, 40],
    ...                     "frequency": [12, 3, 8, 1, 3], "monetary": [900, 150, 600, 20, 300]})
    >>> scored = rfm_score(rfm)
    >>> scored[["r_score", "f_score", "m_score"]].values.tolist()
    [[5, 5, 5], [3, 3, 2], [4, 4, 4], [1, 1, 1], [3, 3, 3]]
    >>> scored["rfm_code"].tolist()
    ['555', '332', '444', '111', '333']
    """
    require_frame(rfm, "rfm")
    require_columns(rfm, [recency, frequency, monetary], "rfm")
    _one_row_per_customer(rfm, customer, "rfm")
    require_number(bins, "bins", low=2, integer=True)
    require_choice(ties, "ties", ("equal", "first"))
    bins = int(bins)
    r = require_numeric(rfm, recency, "rfm").to_numpy(dtype=np.float64)
    f = require_numeric(rfm, frequency, "rfm").to_numpy(dtype=np.float64)
    m = require_numeric(rfm, monetary, "rfm").to_numpy(dtype=np.float64)
    out = rfm.copy()
    out["r_score"] = _scores(-r, bins, ties)
    out["f_score"] = _scores(f, bins, ties)
    out["m_score"] = _scores(m, bins, ties)
    sep = "" if bins <= 9 else "-"
    out["rfm_code"] = (out["r_score"].astype(str) + sep + out["f_score"].astype(str) + sep
                       + out["m_score"].astype(str))
    return out


def rfm_segment(scored, reference="mean", recency="recency", frequency="frequency",
                monetary="monetary", customer="customer_id"):
    """Put each customer in one of eight RFM segments.

    R, F and M are "高" (high) or "低" (low) against the mean (or median) of
    the raw values: R is high when ``recency < reference`` (ordered more
    recently than usual), F high when ``frequency > reference``, M high when
    ``monetary > reference``. A value equal to the reference counts as low.

    ======  ======  ======  ==============
    R       F       M       segment
    ======  ======  ======  ==============
    高      高      高      重要价值客户
    高      低      高      重要发展客户
    低      高      高      重要保持客户
    低      低      高      重要挽留客户
    高      高      低      一般价值客户
    高      低      低      一般发展客户
    低      高      低      一般保持客户
    低      低      低      一般挽留客户
    ======  ======  ======  ==============

    Parameters
    ----------
    scored : DataFrame
        The result of :func:`rfm_table` or :func:`rfm_score`.
    reference : {"mean", "median"}
    recency, frequency, monetary : str
        Column names.
    customer : str, default "customer_id"
        The id column, when the table has one: each customer may appear only
        once (a repeated customer would move the mean).

    Returns
    -------
    DataFrame
        A copy of ``scored`` plus ``r_level``, ``f_level``, ``m_level``
        ("高"/"低") and ``segment`` (Categorical in the table's order).

    Examples
    --------
    >>> rfm = pd.DataFrame({"customer_id": list("abcd"), "recency": [5, 100, 10, 200],
    ...                     "frequency": [12, 9, 2, 1], "monetary": [900, 800, 50, 20]})
    >>> rfm_segment(rfm)["segment"].tolist()
    ['重要价值客户', '重要保持客户', '一般发展客户', '一般挽留客户']
    """
    require_frame(scored, "scored")
    require_columns(scored, [recency, frequency, monetary], "scored")
    _one_row_per_customer(scored, customer, "scored")
    require_choice(reference, "reference", ("mean", "median"))
    r = require_numeric(scored, recency, "scored")
    f = require_numeric(scored, frequency, "scored")
    m = require_numeric(scored, monetary, "scored")
    r_high = (r < getattr(r, reference)()).to_numpy()
    f_high = (f > getattr(f, reference)()).to_numpy()
    m_high = (m > getattr(m, reference)()).to_numpy()
    # index into RFM_SEGMENTS: M decides the first half, then R, then F
    code = (~m_high) * 4 + (~r_high) * 2 + (~f_high) * 1
    level = np.array(["低", "高"])
    out = scored.copy()
    out["r_level"] = level[r_high.astype(int)]
    out["f_level"] = level[f_high.astype(int)]
    out["m_level"] = level[m_high.astype(int)]
    out["segment"] = pd.Categorical.from_codes(code, categories=list(RFM_SEGMENTS))
    return out


# ---------------------------------------------------------------------------
# value pyramid, big customers, status
# ---------------------------------------------------------------------------

def value_pyramid(profit, shares=PYRAMID_SHARES, customer="customer_id", value="profit",
                  loss_is_lead=True):
    """Sort customers into the 铂金 / 黄金 / 铁质 / 铅质 value pyramid by profit.

    Customers are ranked by profit, highest first (equal profits by id). The
    customer at rank k (1-based) falls in the first tier whose cumulative
    share of customers is larger than ``(k - 1) / n`` - the same "where does
    the customer start" rule as :func:`abc_classify`, but counted in customers.
    With ``loss_is_lead=True`` a customer with negative profit is always
    铅质客户, because a loss-making customer is the textbook's lead customer
    (micro-profit or no profit, seed 004) whatever its rank.

    Parameters
    ----------
    profit : Series or DataFrame
        Profit per customer: a Series indexed by customer id, or a DataFrame
        with ``customer`` and ``value`` columns (e.g. from
        ``coursekit.value.customer_profitability``). Ids must be unique.
    shares : tuple of four floats, default (0.05, 0.15, 0.60, 0.20)
        Share of customers in each tier, top first; they must add up to 1.
        See ``PYRAMID_SHARES`` for why these defaults.
    customer, value : str
        Column names when ``profit`` is a DataFrame.
    loss_is_lead : bool, default True

    Returns
    -------
    DataFrame
        ``<customer>``, ``profit``, ``rank``, ``tier`` (ordered Categorical
        铂金客户 < 黄金客户 < 铁质客户 < 铅质客户, best first), sorted by rank.

    Examples
    --------
    >>> profit = pd.Series([900, 500, 300, 200, 150, 120, 100, 80, 30, -40],
    ...                    index=[f"c{i}" for i in range(10)])
    >>> value_pyramid(profit)["tier"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['铂金客户', '黄金客户', '铁质客户', '铁质客户', '铁质客户', '铁质客户',
     '铁质客户', '铁质客户', '铅质客户', '铅质客户']
    """
    arg = "profit"
    if isinstance(profit, pd.Series):
        frame = pd.DataFrame({customer: profit.index, value: profit.to_numpy()})
    elif isinstance(profit, pd.DataFrame):
        frame = profit
    else:
        fail(f"参数 profit 应该是 Series（索引为客户编号）或 DataFrame，现在是 {type(profit).__name__}。",
             f"Argument profit must be a Series indexed by customer id or a DataFrame, "
             f"got {type(profit).__name__}.", TypeError)
    require_frame(frame, arg)
    require_columns(frame, [customer, value], arg)
    amounts = require_numeric(frame, value, arg, allow_negative=True).to_numpy(dtype=np.float64)
    require_unique(frame, customer, arg)
    if not isinstance(shares, (tuple, list)) or len(shares) != len(PYRAMID_LABELS):
        fail(f"参数 shares 应该是 4 个比例组成的元组，例如 {PYRAMID_SHARES}，现在是 {shares!r}。",
             f"Argument shares must be a tuple of 4 shares such as {PYRAMID_SHARES}, "
             f"got {shares!r}.", TypeError)
    for i, share in enumerate(shares):
        require_number(share, f"shares[{i}]", low=0, high=1, low_open=True)
    total = float(sum(shares))
    if abs(total - 1) > 1e-6:
        fail(f"参数 shares 的四个比例加起来应该是 1，现在是 {total:g}。",
             f"The four values of argument shares must add up to 1, got {total:g}.")
    if not isinstance(loss_is_lead, (bool, np.bool_)):
        fail("参数 loss_is_lead 应该是 True 或 False。",
             "Argument loss_is_lead must be True or False.", TypeError)
    codes, ids = _group_codes(frame, customer, arg, sort=False)
    n = len(ids)
    per_id = np.empty(n)
    per_id[codes] = amounts
    order = _order_desc_then_id(per_id, ids)
    ranked = per_id[order]
    bounds = np.cumsum(shares)[:-1] * n - _TOLERANCE
    tier = np.searchsorted(bounds, np.arange(n), side="right")
    if loss_is_lead:
        tier = np.where(ranked < 0, len(PYRAMID_LABELS) - 1, tier)
    return pd.DataFrame({
        customer: ids.take(order),
        "profit": ranked,
        "rank": np.arange(1, n + 1),
        "tier": pd.Categorical.from_codes(tier, categories=list(PYRAMID_LABELS), ordered=True),
    })


def big_customers(shipments, min_orders=BIG_CUSTOMER_MIN_ORDERS, year=2025,
                  customer="customer_id", date="order_date"):
    """List the big customers: more than ``min_orders`` waybills in one calendar year.

    Seed 004 defines a big customer as one with more than 5,000 express
    orders a year. Each row of ``shipments`` is one waybill; a customer with
    exactly ``min_orders`` waybills is not big.

    Parameters
    ----------
    shipments : DataFrame
        One row per waybill.
    min_orders : int, default 5000
    year : int, default 2025
    customer, date : str
        Column names.

    Returns
    -------
    DataFrame
        ``<customer>`` and ``waybills``, most waybills first (equal counts by
        id). It is empty when no customer qualifies.

    Examples
    --------
    >>> ships = pd.DataFrame({"customer_id": ["a"] * 4 + ["b"] * 3 + ["c"] * 2,
    ...                       "order_date": ["2025-03-01"] * 9})
    >>> big_customers(ships, min_orders=2).values.tolist()
    [['a', 4], ['b', 3]]
    """
    require_frame(shipments, "shipments")
    require_columns(shipments, [customer, date], "shipments")
    require_number(min_orders, "min_orders", low=0, integer=True)
    require_number(year, "year", low=1900, high=2100, integer=True)
    _, days = _date_arrays(shipments, date, "shipments")
    codes, ids = _group_codes(shipments, customer, "shipments", sort=False)
    start = np.datetime64(f"{int(year):04d}-01-01", "D").view(np.int64)
    end = np.datetime64(f"{int(year) + 1:04d}-01-01", "D").view(np.int64)
    inside = (days >= start) & (days < end)
    if not inside.any():
        fail(f"shipments 中没有 {int(year)} 年的运单，请检查参数 year。",
             f"shipments has no waybills in {int(year)}; check argument year.")
    counts = np.bincount(codes[inside], minlength=len(ids))
    order = _order_desc_then_id(counts.astype(np.float64), ids)
    order = order[counts[order] > min_orders]
    return pd.DataFrame({customer: ids.take(order), "waybills": counts[order].astype(np.int64)})


def customer_status(shipments, leads=None, as_of=None, active_days=365,
                    customer="customer_id", date="order_date", lead_id="lead_id",
                    lead_stage="stage", lead_date="created_date"):
    """Classify customers by maturity and by time, as in unit 1.

    Rules, as of the day ``as_of``:

    * a customer with at least one order up to ``as_of`` is a 现实客户; it is
      现在型 when its last order lies within the last ``active_days`` days
      (``as_of - last order < active_days``), otherwise 过去型;
    * an open lead (stage 线索/合格/拜访/洽谈) from ``leads`` is a 潜在客户 and
      未来型; won and lost leads are left out (a won lead already appears as a
      customer through its orders). Leads created after ``as_of`` are left out
      when ``leads`` has the ``lead_date`` column.

    Parameters
    ----------
    shipments : DataFrame
        One row per order.
    leads : DataFrame, optional
        The leads table (``lead_id``, ``stage``).
    as_of : date-like
        The reference day.
    active_days : int, default 365
    customer, date, lead_id, lead_stage, lead_date : str
        Column names.

    Returns
    -------
    DataFrame
        ``id`` (customer id, or lead id for leads), ``maturity``
        (现实客户/潜在客户), ``time_class`` (过去型/现在型/未来型),
        ``last_order`` and ``days_since_last`` (empty for leads). Customers
        first, sorted by id, then leads. Ids keep their type (integer ids stay
        integers); only when customer ids and lead ids differ in kind (numbers
        beside text) are both written as text, '1001' for 1001.

    Examples
    --------
    >>> ships = pd.DataFrame({"customer_id": ["a", "b"],
    ...                       "order_date": ["2025-11-20", "2023-05-01"]})
    >>> leads = pd.DataFrame({"lead_id": ["L1", "L2"], "stage": ["拜访", "流失"]})
    >>> status = customer_status(ships, leads, as_of="2025-12-31")
    >>> status[["id", "maturity", "time_class"]].values.tolist()
    [['a', '现实客户', '现在型'], ['b', '现实客户', '过去型'], ['L1', '潜在客户', '未来型']]
    """
    require_frame(shipments, "shipments")
    require_columns(shipments, [customer, date], "shipments")
    as_of, as_of_day = _as_of_day(as_of)
    require_number(active_days, "active_days", low=1, integer=True)
    exact, days = _date_arrays(shipments, date, "shipments")
    codes, ids = _group_codes(shipments, customer, "shipments", sort=True)
    valid = days <= as_of_day
    if not valid.any():
        _fail_as_of_too_early(as_of, days.min())
    last = _group_max(codes[valid], exact.view(np.int64)[valid], len(ids))
    seen = last != np.iinfo(np.int64).min
    last_exact = _as_datetimes(last[seen], exact)
    since = as_of_day - last_exact.astype("datetime64[D]").view(np.int64)
    customer_ids, lead_ids = ids[seen], pd.Index([])
    if leads is not None:
        lead_ids, _ = _open_leads(leads, as_of, lead_id, lead_stage, lead_date)
        customer_ids, lead_ids = id_union(customer_ids, lead_ids)
    customers = pd.DataFrame({
        "id": customer_ids,
        "maturity": pd.Categorical.from_codes(np.zeros(len(since), dtype=int),
                                              categories=list(MATURITY_CLASSES)),
        "time_class": pd.Categorical.from_codes(np.where(since < int(active_days), 1, 0),
                                                categories=list(TIME_CLASSES), ordered=True),
        "last_order": last_exact,
        "days_since_last": pd.array(since, dtype="Int64"),
    })
    if leads is None:
        return customers
    prospects = pd.DataFrame({
        "id": lead_ids,
        "maturity": pd.Categorical.from_codes(np.ones(len(lead_ids), dtype=int),
                                              categories=list(MATURITY_CLASSES)),
        "time_class": pd.Categorical.from_codes(np.full(len(lead_ids), 2),
                                                categories=list(TIME_CLASSES), ordered=True),
        "last_order": pd.Series(pd.NaT, index=range(len(lead_ids)), dtype=exact.dtype),
        "days_since_last": pd.array([pd.NA] * len(lead_ids), dtype="Int64"),
    })
    return pd.concat([customers, prospects], ignore_index=True)
