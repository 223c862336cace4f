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
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import fail, require_number, require_number_inputs

__all__ = ["rate_interval", "MIN_TRIALS"]

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

