"""Classroom demos of u09_complaints.ipynb: the reply deadline and the Pareto of causes."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import classroom_demo, given_or_loaded

ALL = "全部"
DAY_RANGE = range(1, 16)
_MODES = {"工作日（不含周六、周日）": True, "日历日": False}


def _deadline_curves(complaints, waybills, working):
    """Share closed within d days per category, for d = 1..15, one way of counting days.

    Computed with ck.complaint_kpis, so the demo agrees with the notebook; the
    全部 row is the complaint-weighted mean of the categories.
    """
    from ..complaints import complaint_kpis

    rows = []
    for days in DAY_RANGE:
        kpis = complaint_kpis(complaints, waybills, by="category", deadline_days=days,
                              working_days=working)
        rate, count = kpis["within_deadline_rate"], kpis["complaints"]
        overall = float(np.average(rate, weights=count))
        for category, value in [(ALL, overall), *rate.items()]:
            rows.append((str(category), days, float(value)))
    table = pd.DataFrame(rows, columns=["category", "days", "rate"])
    return table.set_index(["category", "days"])["rate"].sort_index()


def deadline_demo(complaints=None, shipments=None):
    """Slider of the reply deadline in days, working or calendar days, and a category.

    The readout gives the share of complaints closed within the deadline
    (``within_deadline_rate`` of :func:`coursekit.complaint_kpis`); the chart
    draws that share for every deadline from 1 to 15 days and marks the one
    chosen, next to the company's own target of closing within 7 working days (the
    7 working days of 《邮政业消费者申诉处理办法》, State Post Bureau, 2014-08-27, are a
    deadline to *answer*; closing within them is a stricter, internal target).

    Parameters
    ----------
    complaints, shipments : DataFrame, optional
        The course datasets (default: loaded from the course data).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    complaints = given_or_loaded(complaints, "complaints")
    shipments = given_or_loaded(shipments, "shipments")
    waybills = len(shipments)
    curves = {True: _deadline_curves(complaints, waybills, True)}

    def curve(working):  # calendar days are computed the first time they are asked for
        if working not in curves:
            curves[working] = _deadline_curves(complaints, waybills, working)
        return curves[working]

    present = set(curves[True].index.get_level_values("category"))
    categories = [ALL] + [c for c in complaints["category"].cat.categories if c in present]
    style = {"description_width": "initial"}
    controls = {
        "days": w.IntSlider(value=7, min=DAY_RANGE.start, max=DAY_RANGE.stop - 1, step=1,
                            description="办结期限（天）", style=style,
                            layout=w.Layout(width="420px")),
        "mode": w.Dropdown(options=list(_MODES), value=list(_MODES)[0], description="天数按",
                           style=style),
        "category": w.Dropdown(options=categories, value=ALL, description="投诉类别",
                               style=style),
    }

    def readout(days, mode, category):
        rate = curve(_MODES[mode]).loc[(category, days)]
        legal = curve(True).loc[(category, 7)]
        return (f"{category}投诉：期限 {days} 个{mode[:3]}，按时办结 {rate:.1%}"
                f"\n对照公司目标（7 个工作日内办结；《邮政业消费者申诉处理办法》只要求这个期限内答复）："
                f"按时办结 {legal:.1%}")

    def draw(days, mode, category):
        shares = curve(_MODES[mode]).loc[category]
        _, ax = plt.subplots(figsize=(7.5, 3.5), layout="constrained")
        ax.plot(shares.index, shares.to_numpy() * 100, marker="o", color="#4C72B0")
        ax.plot([days], [shares.loc[days] * 100], marker="o", markersize=11, color="#DD8452")
        if _MODES[mode]:
            ax.axvline(7, color="#55A868", linestyle="--", linewidth=1)
            ax.text(7.15, 8, "公司目标：7 个工作日内办结", color="#55A868", fontsize=9)
        ax.set_xticks(list(DAY_RANGE))
        ax.set_ylim(0, 105)
        ax.set_xlabel(f"办结期限（{mode[:3]}）")
        ax.set_ylabel("按时办结的投诉（%）")
        ax.set_title(f"{category}投诉：期限越长，按时办结的比例越高（虚构公司数据）")
        return ax

    return classroom_demo(controls, readout, draw, title="互动演示：办结期限与按时办结率")


def complaint_pareto_demo(complaints=None):
    """Dropdowns of measure (count or compensation) and year, a cutoff slider; Pareto chart.

    Uses :func:`coursekit.complaint_pareto`; the readout lists the vital few
    categories and how many they are, not their share (u09's exercise 4 asks
    for the 2025 share).
    """
    import ipywidgets as w

    from ..complaints import complaint_pareto
    from ..plots import pareto_chart

    if complaints is None:
        from ..data import load_dataset

        complaints = load_dataset("complaints")
    measures = {"投诉条数": None, "赔偿金额": "compensation"}
    axis_labels = {"投诉条数": "投诉数（条）", "赔偿金额": "赔偿金额（万元）"}
    received = complaints["received_at"].dt.year
    years = sorted(received.unique().tolist())
    subsets = {ALL: complaints, **{year: complaints[received == year] for year in years}}
    style = {"description_width": "initial"}
    controls = {
        "measure": w.Dropdown(options=list(measures), value="投诉条数", description="按什么排",
                              style=style),
        "year": w.Dropdown(options=list(subsets), value=ALL, description="受理年份", style=style),
        "cutoff": w.FloatSlider(value=0.8, min=0.5, max=0.95, step=0.05, readout_format=".0%",
                                description="关键少数的界线", style=style),
    }

    def table(measure, year, cutoff):
        return complaint_pareto(subsets[year], value=measures[measure], cutoff=cutoff)

    def readout(measure, year, cutoff):
        pareto = table(measure, year, cutoff)
        few = pareto[pareto["vital_few"]]
        return (f"{year}，按{measure}：累计到 {cutoff:.0%} 的关键少数是 "
                f"{'、'.join(few['category'])}，共 {len(few)} 类（共 {len(pareto)} 类）")

    def draw(measure, year, cutoff):
        pareto = table(measure, year, cutoff)
        if measure == "赔偿金额":  # yuan in the millions: show 万元 so the axis stays readable
            pareto["compensation"] = pareto["compensation"] / 10_000
        ax = pareto_chart(pareto, label="category", value=pareto.columns[1],
                          value_label=axis_labels[measure],
                          title=f"投诉原因的帕累托图：{year}，按{measure}")
        ax.get_figure().axes[-1].axhline(cutoff * 100, color="#C44E52", linestyle=":",
                                         linewidth=1)
        return ax

    return classroom_demo(controls, readout, draw, title="课堂演示：先改哪一类问题最划算")
