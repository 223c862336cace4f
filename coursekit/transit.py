"""Transit time and in-transit cost (在途时间与在途成本), for the China Railway Express case.

A faster service is worth money to the shipper even before freight rates are
compared: goods on the road are capital that earns nothing, and perishable
goods (milk, medicine) lose shelf life every hour. The case notebook
``case_cre.ipynb`` uses these helpers to turn "15 days cut to 98 hours" into
hours saved, yuan saved and shelf life kept.

* :func:`to_hours` converts a duration in hours or days into hours.
* :func:`transit_comparison` compares one old and one new transit time.
* :func:`route_comparison` does the same for a table of routes.
* :func:`in_transit_cost` is the holding cost of goods while they travel.
* :func:`shelf_life_used` is the share of shelf life a trip uses up.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._validate import (fail, require_choice, require_columns, require_frame, require_number,
                        require_numeric)

__all__ = ["to_hours", "transit_comparison", "route_comparison", "in_transit_cost",
           "shelf_life_used", "HOURS_PER_DAY", "DAYS_PER_YEAR"]

HOURS_PER_DAY = 24
DAYS_PER_YEAR = 365
"""Holding rates are quoted per year; the course converts with a 365-day year."""

_HOURS_PER_UNIT = {"小时": 1, "hours": 1, "h": 1, "天": HOURS_PER_DAY, "days": HOURS_PER_DAY,
                   "d": HOURS_PER_DAY}


def _number(value, arg: str, **bounds) -> float:
    """A finite real number within the bounds (infinity would end as NaN in a ratio)."""
    require_number(value, arg, **bounds)
    if math.isinf(float(value)):
        fail(f"参数 {arg} 不能是无穷大，请给一个具体的数字。",
             f"Argument {arg} must be finite, got {value}.")
    return float(value)


def to_hours(value, unit: str = "小时") -> float:
    """Convert a duration given in hours or days into hours.

    Formula: hours = days x 24 (a value already in hours is returned as it is).

    Parameters
    ----------
    value : float
        The duration, zero or positive.
    unit : str
        ``"小时"`` (or ``"hours"``, ``"h"``) or ``"天"`` (or ``"days"``, ``"d"``):
        the spelling of the ``unit`` column of the case tables is accepted as it is.

    Returns
    -------
    float
        The duration in hours.

    Examples
    --------
    >>> from coursekit.transit import to_hours
    >>> to_hours(15, "天")
    360.0
    >>> to_hours(98, "小时")
    98.0
    """
    hours = _number(value, "value", low=0)
    require_choice(unit, "unit", list(_HOURS_PER_UNIT))
    return hours * _HOURS_PER_UNIT[unit]


def _compare(before, after):
    """The comparison formulas, shared by the scalar and the table version."""
    saved = before - after
    return {"before_days": before / HOURS_PER_DAY, "after_days": after / HOURS_PER_DAY,
            "hours_saved": saved, "days_saved": saved / HOURS_PER_DAY,
            "share_saved": saved / before, "speedup": before / after}


def transit_comparison(before_hours, after_hours) -> pd.Series:
    """Compare an old and a new transit time: hours, days, hours saved, share saved.

    Formulas:

    * days = hours / 24
    * hours_saved = before_hours - after_hours (negative when the new way is slower)
    * share_saved = hours_saved / before_hours
    * speedup = before_hours / after_hours (how many times faster the new way is)

    Parameters
    ----------
    before_hours, after_hours : float
        Transit times in hours, both greater than zero. Convert days first,
        e.g. with :func:`to_hours`.

    Returns
    -------
    pandas.Series
        Float values with index ``before_hours``, ``after_hours``, ``before_days``,
        ``after_days``, ``hours_saved``, ``days_saved``, ``share_saved``, ``speedup``.

    Examples
    --------
    >>> from coursekit.transit import transit_comparison
    >>> result = transit_comparison(360, 98)
    >>> result[["hours_saved", "days_saved", "share_saved"]].round(3).tolist()
    [262.0, 10.917, 0.728]
    """
    before = _number(before_hours, "before_hours", low=0, low_open=True)
    after = _number(after_hours, "after_hours", low=0, low_open=True)
    values = {"before_hours": before, "after_hours": after, **_compare(before, after)}
    return pd.Series(values, dtype=float, name="transit")


def route_comparison(routes: pd.DataFrame, before: str = "before_hours",
                     after: str = "after_hours") -> pd.DataFrame:
    """Compare old and new transit times for a table of routes, one route per row.

    The formulas are those of :func:`transit_comparison`, applied to each row.

    Parameters
    ----------
    routes : pandas.DataFrame
        One row per route with the two transit times in hours.
    before, after : str
        Column names of the old and the new transit time (hours, greater than zero).

    Returns
    -------
    pandas.DataFrame
        A copy of ``routes`` with the columns ``before_days``, ``after_days``,
        ``hours_saved``, ``days_saved``, ``share_saved`` and ``speedup`` added.

    Examples
    --------
    >>> import pandas as pd
    >>> from coursekit.transit import route_comparison
    >>> routes = pd.DataFrame({"route": ["甲", "乙"], "before_hours": [360, 96],
    ...                        "after_hours": [98, 46]})
    >>> route_comparison(routes)[["route", "hours_saved", "speedup"]].round(2)
      route  hours_saved  speedup
    0     甲        262.0     3.67
    1     乙         50.0     2.09
    """
    require_frame(routes, "routes")
    require_columns(routes, [before, after], "routes")
    for column in (before, after):
        values = require_numeric(routes, column, "routes")
        if not np.isfinite(values.to_numpy(dtype=float)).all():
            fail(f"routes 的列 '{column}' 有无穷大的值，请检查数据。",
                 f"Column '{column}' of routes holds infinite values; check the data.")
        if (values == 0).any():
            fail(f"routes 的列 '{column}' 有运输时间为 0 的行，运输时间必须大于 0 小时。",
                 f"Column '{column}' of routes has a transit time of 0; transit times must "
                 "be greater than 0 hours.")
    result = routes.copy()
    old = result[before].to_numpy(dtype=float)
    new = result[after].to_numpy(dtype=float)
    for name, column in _compare(old, new).items():
        result[name] = np.asarray(column, dtype=float)
    return result


def in_transit_cost(value, annual_rate, hours) -> float:
    """Holding cost of goods while they are in transit (在途库存成本), in the unit of ``value``.

    Formula: cost = value x annual_rate x (hours / 24) / 365.

    The goods tie up capital, need insurance and age while they travel; the
    annual holding rate (库存持有成本率) sums these costs as a share of the goods'
    value per year, so a trip of ``hours`` costs that share of a year.

    Parameters
    ----------
    value : float
        Value of the goods on the way (e.g. yuan), zero or positive.
    annual_rate : float
        Annual holding cost rate as a share between 0 and 1 (20% is ``0.2``).
    hours : float
        Transit time in hours, zero or positive.

    Returns
    -------
    float
        The in-transit holding cost, in the same money unit as ``value``.

    Examples
    --------
    >>> from coursekit.transit import in_transit_cost
    >>> round(in_transit_cost(3_650_000, 0.2, 48), 2)
    4000.0
    >>> round(in_transit_cost(6_000_000, 0.2, 360), 2)
    49315.07
    """
    goods = _number(value, "value", low=0)
    rate = _number(annual_rate, "annual_rate", low=0, high=1)
    days = _number(hours, "hours", low=0) / HOURS_PER_DAY
    return goods * rate * days / DAYS_PER_YEAR


def shelf_life_used(transit_hours, shelf_life_days) -> float:
    """Share of the shelf life (保质期) that the trip uses up.

    Formula: share = (transit_hours / 24) / shelf_life_days.

    A share above 1 means the goods would expire before they arrive.

    Parameters
    ----------
    transit_hours : float
        Transit time in hours, zero or positive.
    shelf_life_days : float
        Shelf life in days, greater than zero.

    Returns
    -------
    float
        The share of shelf life used, e.g. ``0.083`` for 8.3%.

    Examples
    --------
    >>> from coursekit.transit import shelf_life_used
    >>> round(shelf_life_used(360, 180), 4)
    0.0833
    >>> round(shelf_life_used(98, 7), 3)
    0.583
    """
    days = _number(transit_hours, "transit_hours", low=0) / HOURS_PER_DAY
    return days / _number(shelf_life_days, "shelf_life_days", low=0, low_open=True)
