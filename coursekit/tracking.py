"""Case 2 (DHL-Sinotrans): Net Promoter Score and the value of tracking every shipment.

* :func:`net_promoter_score`: NPS of 0-10 "would you recommend us?" scores,
  overall or per group (DHL measures its service with NPS).
* :func:`delay_exposure`: per group, how many waybills were late and how many
  delay complaints those late waybills brought.
* :func:`alert_scenario`: a what-if on top of :func:`delay_exposure`: tracking
  catches a share of the late waybills before the promised time, the customer
  is warned about a share of those, and a warned customer complains less.

The scenario is a teaching model with stated assumptions, not a forecast: the
three shares are inputs the class chooses. It is linear, so a classroom demo
computes :func:`delay_exposure` once and calls :func:`alert_scenario` on every
move of a slider.
"""
from __future__ import annotations

import pandas as pd

from ._validate import fail, require_columns, require_frame, require_number, require_numeric
from ._tables import ALL_LABEL, by_list, fast_require_unique, group_keys, require_flags

__all__ = ["net_promoter_score", "delay_exposure", "alert_scenario"]

PROMOTER_MIN = 9
"""Scores 9 and 10 are promoters (推荐者)."""

DETRACTOR_MAX = 6
"""Scores 0 to 6 are detractors (贬损者); 7 and 8 are passives (被动者)."""

DELAY_CATEGORY = "延误"
"""Complaint category of late deliveries in the course data."""

_EXPOSURE_COLUMNS = ["waybills", "late_waybills", "delay_complaints"]


def net_promoter_score(responses, by=None, *, score="recommend_score"):
    """Net Promoter Score (NPS, 净推荐值) of 0-10 recommendation scores.

    Each answer to "how likely are you to recommend us (0-10)?" is a
    promoter (9-10), a passive (7-8) or a detractor (0-6)::

        NPS = 100 x (promoters - detractors) / respondents

    so NPS runs from -100 (everyone a detractor) to +100 (everyone a
    promoter). Passives count in the respondents but on neither side.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per respondent (the ``survey`` dataset).
    by : None, str or list of str
        ``None`` gives one row with index ``"全部"``; a column name such as
        ``"segment"`` gives one row per group.
    score : str, default "recommend_score"
        Column of whole-number scores from 0 to 10.

    Returns
    -------
    pandas.DataFrame
        ``respondents``, ``promoters``, ``passives``, ``detractors`` (counts),
        ``promoter_share``, ``passive_share``, ``detractor_share`` (0-1) and
        ``nps`` (points, -100 to 100).

    Examples
    --------
    >>> survey = pd.DataFrame({"segment": ["电商"] * 4 + ["医药"] * 2,
    ...                        "recommend_score": [10, 9, 7, 3, 6, 10]})
    >>> net_promoter_score(survey)[["respondents", "promoters", "detractors", "nps"]]
          respondents  promoters  detractors        nps
    全部            6          3           2  16.666667
    >>> net_promoter_score(survey, by="segment")["nps"].tolist()   # 医药 (1-1)/2, 电商 (2-1)/4
    [0.0, 25.0]
    """
    data = require_frame(responses, "responses").reset_index(drop=True)
    names = by_list(by)
    require_columns(data, [score], "responses")
    values = require_numeric(data, score, "responses")
    off_scale = (values > 10) | (values.round() != values)
    if off_scale.any():
        bad = values[off_scale].iloc[0]
        fail(f"responses 的列 '{score}' 应该是 0 到 10 的整数分，但有 {int(off_scale.sum())} 个不是，"
             f"例如 {bad!r}。",
             f"Column '{score}' of responses must hold whole-number scores from 0 to 10, but "
             f"{int(off_scale.sum())} do not, e.g. {bad!r}.")
    keys = group_keys(data, names, "responses")
    frame = pd.DataFrame({"respondents": 1,
                          "promoters": (values >= PROMOTER_MIN).astype("int64"),
                          "passives": values.between(DETRACTOR_MAX + 1, PROMOTER_MIN - 1)
                          .astype("int64"),
                          "detractors": (values <= DETRACTOR_MAX).astype("int64")})
    if keys:
        counts = frame.groupby(keys, sort=True, observed=True).sum()
    else:
        counts = frame.sum().to_frame(ALL_LABEL).T
    for name in ("promoter", "passive", "detractor"):
        counts[f"{name}_share"] = counts[f"{name}s"] / counts["respondents"]
    counts["nps"] = 100 * (counts["promoter_share"] - counts["detractor_share"])
    return counts.astype({c: "int64" for c in ["respondents", "promoters", "passives",
                                               "detractors"]})


def delay_exposure(shipments, complaints, by=None, *, waybill="waybill_id", on_time="on_time",
                   lost="lost", category="category", delay_category=DELAY_CATEGORY):
    """Late waybills and the delay complaints they brought, overall or per group.

    * ``late_waybills``: waybills not on time and not lost (a lost parcel is a
      different failure: a warning that it will be late does not fix it);
    * ``late_rate`` = late_waybills / waybills;
    * ``delay_complaints``: complaints of category ``delay_category`` about one
      of those late waybills; a waybill can bring more than one;
    * ``complaints_per_late`` = delay_complaints / late_waybills (NaN for a
      group without late waybills).

    Complaints are matched to ``shipments`` through ``waybill``. Complaints
    about waybills that are not in ``shipments`` (another year, say) and
    complaints without a waybill are not counted, so pass the waybills of the
    period you study and the whole complaints table.

    Parameters
    ----------
    shipments : pandas.DataFrame
        One row per waybill, with the True/False columns ``on_time`` and ``lost``.
    complaints : pandas.DataFrame
        One row per complaint, with ``waybill`` and ``category``.
    by : None, str or list of str
        Columns of ``shipments`` to group by (e.g. a customer segment);
        ``None`` gives one row with index ``"全部"``.
    waybill, on_time, lost, category : str
        Column names.
    delay_category : str, default "延误"
        The complaint category that means "it arrived late".

    Returns
    -------
    pandas.DataFrame
        One row per group: ``waybills``, ``late_waybills``, ``late_rate``,
        ``delay_complaints``, ``complaints_per_late``.

    Examples
    --------
    >>> ships = pd.DataFrame({"waybill_id": ["W1", "W2", "W3", "W4"],
    ...                       "segment": ["重要", "重要", "一般", "一般"],
    ...                       "on_time": [False, True, False, False],
    ...                       "lost": [False, False, False, True]})
    >>> complaints = pd.DataFrame({"waybill_id": ["W1", "W1", "W3", "W4", None],
    ...                            "category": ["延误", "延误", "破损", "延误", "延误"]})
    >>> delay_exposure(ships, complaints)[["waybills", "late_waybills", "delay_complaints"]]
          waybills  late_waybills  delay_complaints
    全部         4              2                 2
    >>> delay_exposure(ships, complaints, by="segment")["delay_complaints"].tolist()
    [0, 2]
    """
    data = require_frame(shipments, "shipments").reset_index(drop=True)
    names = by_list(by)
    require_columns(data, [waybill, on_time, lost], "shipments")
    fast_require_unique(data, waybill, "shipments")
    late = ~require_flags(data, on_time, "shipments") & ~require_flags(data, lost, "shipments")
    keys = group_keys(data, names, "shipments")

    said = require_frame(complaints, "complaints")
    require_columns(said, [waybill, category], "complaints")
    kinds = said[category].astype(object)
    if not kinds.eq(delay_category).any():
        found = "、".join(sorted({str(k) for k in kinds.dropna().unique()})[:8])
        fail(f"complaints 的列 '{category}' 里没有类别 {delay_category!r}，现有的类别：{found}。"
             "请检查参数 delay_category。",
             f"Column '{category}' of complaints never holds {delay_category!r}; it holds: "
             f"{found}. Check argument delay_category.")
    per_waybill = said.loc[kinds.eq(delay_category).to_numpy(), waybill].dropna().value_counts()
    delays = data[waybill].map(per_waybill).fillna(0).astype("int64").where(late, 0)

    frame = pd.DataFrame({"waybills": 1, "late_waybills": late.astype("int64"),
                          "delay_complaints": delays})
    if keys:
        result = frame.groupby(keys, sort=True, observed=True).sum()
    else:
        result = frame.sum().to_frame(ALL_LABEL).T
    result = result.astype("int64")
    result.insert(2, "late_rate", result["late_waybills"] / result["waybills"])
    # a group without late waybills has no rate to report: NaN, as documented
    result["complaints_per_late"] = (result["delay_complaints"]
                                     / result["late_waybills"].where(result["late_waybills"] > 0))
    return result


def alert_scenario(exposure, coverage, alert_share, avoid_rate):
    """What-if: tracking catches late waybills and the customer is warned in time.

    Starting from :func:`delay_exposure`::

        caught_waybills     = late_waybills x coverage
        warned_waybills     = caught_waybills x alert_share
        avoided_complaints  = delay_complaints x coverage x alert_share x avoid_rate
        remaining_complaints = delay_complaints - avoided_complaints
        delay_per_10k_before / delay_per_10k_after = delay complaints per 10,000 waybills
                               (delay complaints only, not all complaints)

    Assumptions (say them when you show the result): tracking does not pick
    out the waybills whose customers would complain, so the delay complaints
    are spread evenly over the late waybills; a warning only prevents a
    complaint, it does not make the waybill on time.

    Parameters
    ----------
    exposure : pandas.DataFrame
        The result of :func:`delay_exposure` (needs ``waybills``,
        ``late_waybills`` and ``delay_complaints``).
    coverage : float in [0, 1]
        Share of the late waybills that tracking spots before the promised time
        (跟踪发现率).
    alert_share : float in [0, 1]
        Share of the spotted waybills whose customer is told in time (及时告知率).
    avoid_rate : float in [0, 1]
        Share of the delay complaints that a timely warning prevents
        (告知后不再投诉的比例, an assumption).

    Returns
    -------
    pandas.DataFrame
        A copy of ``exposure`` plus ``caught_waybills``, ``warned_waybills``,
        ``avoided_complaints``, ``remaining_complaints``, ``delay_per_10k_before``
        and ``delay_per_10k_after``.

    Examples
    --------
    >>> exposure = pd.DataFrame({"waybills": [10000], "late_waybills": [600],
    ...                          "delay_complaints": [40]}, index=["全部"])
    >>> out = alert_scenario(exposure, coverage=0.9, alert_share=0.5, avoid_rate=0.5)
    >>> out[["warned_waybills", "avoided_complaints", "delay_per_10k_after"]].round(1)
          warned_waybills  avoided_complaints  delay_per_10k_after
    全部            270.0                 9.0                 31.0
    """
    table = require_frame(exposure, "exposure")
    require_columns(table, _EXPOSURE_COLUMNS, "exposure")
    for column in _EXPOSURE_COLUMNS:
        require_numeric(table, column, "exposure")
    require_number(coverage, "coverage", low=0, high=1)
    require_number(alert_share, "alert_share", low=0, high=1)
    require_number(avoid_rate, "avoid_rate", low=0, high=1)
    out = table.copy()
    out["caught_waybills"] = out["late_waybills"] * float(coverage)
    out["warned_waybills"] = out["caught_waybills"] * float(alert_share)
    out["avoided_complaints"] = (out["delay_complaints"] * float(coverage) * float(alert_share)
                                 * float(avoid_rate))
    out["remaining_complaints"] = out["delay_complaints"] - out["avoided_complaints"]
    waybills = out["waybills"].where(out["waybills"] > 0)
    out["delay_per_10k_before"] = out["delay_complaints"] / waybills * 10_000
    out["delay_per_10k_after"] = out["remaining_complaints"] / waybills * 10_000
    return out
