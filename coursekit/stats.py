"""How sure can we be about a rate from a small group? (样本太少时的判断)

A win rate of 2 out of 9 leads and one of 20 out of 90 are both 22%, but the
first could easily be 5% or 55% next year. :func:`rate_interval` puts a range
around a rate, so a notebook can say "too few to tell" instead of ranking
channels, segments or months by noise.

The range is the Wilson score interval, which stays inside 0-100% and behaves
well for small groups and for rates near 0 or 1::

    centre    = (p + z²/2n) / (1 + z²/n)
    half      = z · sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n)
    interval  = centre ± half

where p = successes / n and z = 1.96 for 95% confidence.

:func:`nps_interval` does the same for the net promoter score (净推荐值, NPS),
which is a difference of two shares of the same respondents, so it needs its
own formula (see there).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import fail, require_number, require_number_inputs

__all__ = ["rate_interval", "nps_interval", "MIN_TRIALS"]

MIN_TRIALS = 30
"""Fewer trials than this: the rate is shown, but flagged 样本太少 (too few to tell)."""

_Z = {0.90: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489004}


def rate_interval(successes, trials, confidence: float = 0.95, min_trials: int = MIN_TRIALS):
    """Rate, Wilson confidence interval and a "too few to tell" flag.

    Parameters
    ----------
    successes : number or array-like (list, ndarray, Series)
        How many succeeded (won leads, satisfied customers …), 0 <= successes <= trials.
    trials : number or array-like of the same length
        How many tried (leads, respondents …), > 0.
    confidence : {0.90, 0.95, 0.99}
        Confidence level of the interval.
    min_trials : int
        Groups with fewer trials are flagged ``too_few``.

    Returns
    -------
    pandas.DataFrame
        Columns ``successes``, ``trials``, ``rate``, ``low``, ``high`` and
        ``too_few``; one row per group, with the index of a Series input.

    Examples
    --------
    >>> rate_interval(2, 9).round(3)
       successes  trials   rate    low   high  too_few
    0          2       9  0.222  0.063  0.547     True
    >>> won = pd.Series({"转介绍": 30, "广告": 5}, name="won")
    >>> leads = pd.Series({"转介绍": 84, "广告": 300}, name="leads")
    >>> rate_interval(won, leads)[["rate", "low", "high"]].round(3)
          rate    low   high
    转介绍  0.357  0.263  0.464
    广告   0.017  0.007  0.038
    """
    if confidence not in _Z:
        fail(f"参数 confidence 只能取 0.90、0.95 或 0.99，现在是 {confidence!r}。",
             f"Argument confidence must be 0.90, 0.95 or 0.99, got {confidence!r}.")
    require_number(min_trials, "min_trials", low=0, integer=True)
    trials = _aligned(successes, trials)
    values, index = require_number_inputs({"successes": successes, "trials": trials})
    wins = np.atleast_1d(values["successes"]).astype(float)
    tries = np.atleast_1d(values["trials"]).astype(float)
    wins, tries = np.broadcast_arrays(wins, tries)  # one number beside a list applies to each
    if (tries <= 0).any():
        fail("参数 trials（样本数）必须大于 0。", "Argument trials must be greater than 0.")
    if (wins > tries).any():
        fail("参数 successes（成功数）不能大于 trials（样本数）。",
             "Argument successes must not exceed trials.")
    if (wins != np.round(wins)).any() or (tries != np.round(tries)).any():
        fail("参数 successes 和 trials 应该是整数（个数），不是比率。",
             "Arguments successes and trials must be whole counts, not rates.", TypeError)
    low, high = _wilson(wins, tries, _Z[confidence])
    table = pd.DataFrame({"successes": wins.astype("int64"), "trials": tries.astype("int64"),
                          "rate": wins / tries, "low": low, "high": high,
                          "too_few": tries < min_trials})
    if index is not None:
        table.index = index
    return table


def _aligned(successes, trials):
    """Two Series are matched by label (group name), not by position."""
    if not (isinstance(successes, pd.Series) and isinstance(trials, pd.Series)):
        return trials
    if set(successes.index) != set(trials.index) or not successes.index.is_unique:
        fail("参数 successes 和 trials 是两列数据，但它们的行标签（组名）不一致。",
             "Arguments successes and trials are Series whose labels (group names) differ.")
    return trials.reindex(successes.index)


def _wilson(wins: np.ndarray, tries: np.ndarray, z: float):
    rate = wins / tries
    denominator = 1 + z * z / tries
    centre = (rate + z * z / (2 * tries)) / denominator
    half = z * np.sqrt(rate * (1 - rate) / tries + z * z / (4 * tries * tries)) / denominator
    # at 0 and at 100% the bound is exactly the rate; rounding must not move it
    low = np.where(wins == 0, 0.0, np.clip(centre - half, 0, 1))
    high = np.where(wins == tries, 1.0, np.clip(centre + half, 0, 1))
    return low, high



def nps_interval(promoters, detractors, respondents, confidence: float = 0.95,
                 min_trials: int = MIN_TRIALS):
    """Net promoter score with a confidence interval and a "too few to tell" flag.

    NPS (净推荐值) is the share of promoters (推荐者, 9-10 points) minus the
    share of detractors (贬损者, 0-6 points), in points from -100 to 100::

        nps = 100 * (P - D) / n

    Both shares come from the same n respondents, so the variance of their
    difference is ``(p + d - (p - d)²) / n``. The interval is this Wald
    interval after adding one pseudo-respondent to each of the three groups
    (promoter, passive, detractor), the "add one" adjustment that keeps the
    interval from shrinking to a point when a small group is all promoters or
    all detractors (the same idea as Agresti and Caffo's interval for a
    difference of two rates)::

        n' = n + 3,   p' = (P + 1) / n',   d' = (D + 1) / n'
        centre = p' - d'
        half   = z * sqrt((p' + d' - centre²) / n')
        low, high = 100 * (centre ∓ half), kept inside -100 and 100

    Parameters
    ----------
    promoters, detractors : number or array-like (list, ndarray, Series)
        Counts of respondents scoring 9-10 and 0-6.
    respondents : number or array-like of the same length
        All respondents (promoters + passives + detractors), > 0.
    confidence : {0.90, 0.95, 0.99}
        Confidence level of the interval.
    min_trials : int
        Groups with fewer respondents are flagged ``too_few``.

    Returns
    -------
    pandas.DataFrame
        Columns ``respondents``, ``promoters``, ``detractors``, ``nps``,
        ``low``, ``high`` (points) and ``too_few``; one row per group, with
        the index of a Series input.

    Examples
    --------
    >>> nps_interval(30, 10, 100).round(1)
       respondents  promoters  detractors   nps  low  high  too_few
    0          100         30          10  20.0  7.7  31.2    False
    >>> promoters = pd.Series({"医药": 8, "电商": 16})
    >>> detractors = pd.Series({"医药": 33, "电商": 50})
    >>> respondents = pd.Series({"医药": 55, "电商": 80})
    >>> nps_interval(promoters, detractors, respondents)[["nps", "low", "high"]].round(1)
         nps   low  high
    医药 -45.5 -62.3 -23.9
    电商 -42.5 -58.3 -23.6
    """
    if confidence not in _Z:
        fail(f"参数 confidence 只能取 0.90、0.95 或 0.99，现在是 {confidence!r}。",
             f"Argument confidence must be 0.90, 0.95 or 0.99, got {confidence!r}.")
    require_number(min_trials, "min_trials", low=0, integer=True)
    detractors = _aligned(promoters, detractors)
    respondents = _aligned(promoters, respondents)
    values, index = require_number_inputs({"promoters": promoters, "detractors": detractors,
                                           "respondents": respondents})
    pro = np.atleast_1d(values["promoters"]).astype(float)
    det = np.atleast_1d(values["detractors"]).astype(float)
    n = np.atleast_1d(values["respondents"]).astype(float)
    pro, det, n = np.broadcast_arrays(pro, det, n)  # one number beside a list applies to each
    if (n <= 0).any():
        fail("参数 respondents（受访人数）必须大于 0。", "Argument respondents must be greater than 0.")
    if (pro + det > n).any():
        fail("推荐者和贬损者加起来不能多于受访人数 respondents。",
             "promoters plus detractors must not exceed respondents.")
    if any((v != np.round(v)).any() for v in (pro, det, n)):
        fail("参数 promoters、detractors 和 respondents 应该是整数（人数），不是比例。",
             "Arguments promoters, detractors and respondents must be whole counts, not shares.",
             TypeError)
    low, high = _nps_bounds(pro, det, n, _Z[confidence])
    table = pd.DataFrame({"respondents": n.astype("int64"), "promoters": pro.astype("int64"),
                          "detractors": det.astype("int64"), "nps": 100 * (pro - det) / n,
                          "low": low, "high": high, "too_few": n < min_trials})
    if index is not None:
        table.index = index
    return table


def _nps_bounds(pro: np.ndarray, det: np.ndarray, n: np.ndarray, z: float):
    """Adjusted Wald bounds (points) of the NPS: one pseudo-respondent added to each group."""
    size = n + 3
    p, d = (pro + 1) / size, (det + 1) / size
    centre = p - d
    half = z * np.sqrt((p + d - centre * centre) / size)
    return 100 * np.clip(centre - half, -1, 1), 100 * np.clip(centre + half, -1, 1)
