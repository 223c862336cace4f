"""Classroom demos of unit 8: lifecycle examples and customer lifetime value (u08_crm.ipynb),
RFM segments (u08b_service_plan.ipynb)."""
from __future__ import annotations

import pandas as pd

from ._base import classroom_demo

RFM_WINDOWS = {"近 3 个月": 90, "近 6 个月": 180, "近 12 个月": 365, "全部三年": 0}
"""Frequency/monetary windows of the RFM demo in days; 0 means the whole history."""

REFERENCES = {"平均值（mean）": "mean", "中位数（median）": "median"}
DEMO_STAGES = ("成长期", "成熟期", "衰退期", "终止期")
CLV_HORIZONS = {"无限期": 0, "5 年": 5, "10 年": 10, "20 年": 20}


def _as_of(as_of):
    from .. import AS_OF

    return AS_OF if as_of is None else as_of


def _shipments(shipments):
    if shipments is not None:
        return shipments
    from ..data import load_dataset

    return load_dataset("shipments")


def rfm_demo(shipments=None, as_of=None):
    """Dropdowns of the reference (mean/median) and window, a bins slider; RFM heatmap.

    The readout counts the 重要价值客户 (R, F and M all above the reference,
    :func:`coursekit.rfm_segment`) and the customers with the top score in all
    three letters (e.g. "555"). It leaves out their share of revenue: u08b's
    exercise 2 asks for that share under the median reference.

    Parameters
    ----------
    shipments : DataFrame, optional
        The shipments table (default: loaded from the course data).
    as_of : date-like, optional
        Reference day (default ``coursekit.AS_OF``).
    """
    import ipywidgets as w

    from ..classify import rfm_score, rfm_segment, rfm_table
    from ..plots import rfm_heatmap

    shipments, as_of = _shipments(shipments), _as_of(as_of)
    tables: dict = {}   # one RFM table per window, built the first time it is chosen
    scored_cache: dict = {}

    def segmented(reference, window, bins):
        key = (reference, window, bins)
        if key not in scored_cache:
            if window not in tables:
                tables[window] = rfm_table(shipments, as_of=as_of, window_days=window or None)
            scored_cache[key] = rfm_segment(rfm_score(tables[window], bins=bins),
                                            reference=reference)
        return scored_cache[key]

    style = {"description_width": "initial"}
    controls = {
        "reference": w.Dropdown(options=list(REFERENCES.items()), value="mean",
                                description="高低的参照值", style=style),
        "window": w.Dropdown(options=list(RFM_WINDOWS.items()), value=365,
                             description="频度和金额的统计期", style=style),
        "bins": w.IntSlider(value=5, min=3, max=7, step=1, description="得分档数", style=style),
    }
    window_name = {days: name for name, days in RFM_WINDOWS.items()}
    reference_name = {code: name for name, code in REFERENCES.items()}

    def readout(reference, window, bins):
        seg = segmented(reference, window, bins)
        best = seg["segment"] == "重要价值客户"
        top = ((seg["r_score"] == bins) & (seg["f_score"] == bins) & (seg["m_score"] == bins)).sum()
        # No revenue share here: the u08b exercise before the demo asks for it.
        return (f"参照值：{reference_name[reference]}；频度和金额按{window_name[window]}计算\n"
                f"重要价值客户 {int(best.sum())} 家（占 {len(seg)} 家的 {best.mean():.1%}）\n"
                f"R、F、M 都拿到最高分（{bins} 分）的客户：{int(top)} 家")

    def draw(reference, window, bins):
        return rfm_heatmap(segmented(reference, window, bins),
                           title=f"RFM 热力图：R 得分 × F 得分的客户数（{bins} 档）")

    return classroom_demo(controls, readout, draw, title="互动演示：RFM 分群的参照值与得分档数")


def lifecycle_demo(shipments=None, leads=None, stages=None, monthly=None, as_of=None):
    """Dropdown of the lifecycle stage and a slider of example groups; monthly waybills.

    Three typical customers per group (:func:`coursekit.segments.stage_examples`);
    the chart shades the last six months and the same months a year earlier,
    the two windows the lifecycle rule compares.

    Parameters
    ----------
    shipments, leads : DataFrame, optional
        Course data; only needed when ``stages`` or ``monthly`` is not given.
    stages : DataFrame, optional
        The result of :func:`coursekit.lifecycle_stage`.
    monthly : DataFrame, optional
        Waybills per customer and month (:func:`coursekit.segments.monthly_waybills`).
    as_of : date-like, optional
        Reference day (default ``coursekit.AS_OF``).
    """
    import ipywidgets as w

    from ..plots import lifecycle_chart
    from ..segments import monthly_waybills, stage_examples

    as_of = _as_of(as_of)
    if stages is None:
        from ..lifecycle import lifecycle_stage

        if leads is None:
            from ..data import load_dataset

            leads = load_dataset("leads")
        stages = lifecycle_stage(_shipments(shipments), leads, as_of=as_of)
    if monthly is None:
        monthly = monthly_waybills(_shipments(shipments))
    counts = stages["stage"].astype("str").value_counts()
    customers = int(counts.reindex(list(DEMO_STAGES), fill_value=0).sum())
    groups = 3  # every stage has at least 3 groups of typical customers in the course data
    examples = stage_examples(stages, monthly, n=3 * groups)
    end = pd.Period(pd.Timestamp(as_of), "M")
    style = {"description_width": "initial"}
    controls = {
        "stage": w.Dropdown(options=list(DEMO_STAGES), value="衰退期", description="生命周期阶段",
                            style=style),
        "group": w.IntSlider(value=1, min=1, max=groups, step=1, description="第几组例子",
                             style=style),
    }

    def chosen(stage, group):
        rows = examples[examples["stage"].astype("str") == stage]
        return rows.iloc[3 * (group - 1):3 * group]

    def readout(stage, group):
        n = int(counts.get(stage, 0))
        lines = [f"{stage}客户共 {n} 家（占 {customers} 家有运单客户的 {n / customers:.1%}）"]
        rows = chosen(stage, group)
        if rows.empty:
            return lines[0] + "\n这个阶段没有更多例子了，请把“第几组例子”往回拖。"
        lines.append(f"第 {group} 组例子：")
        lines += [f"{r.id}（三年 {r.waybills:,} 票）：{r.reason}" for r in rows.itertuples()]
        return "\n".join(lines)

    def draw(stage, group):
        rows = chosen(stage, group)
        if rows.empty:
            return None
        ax = lifecycle_chart(monthly.loc[rows["id"]].T,
                             title=f"{stage}客户的月度运单（第 {group} 组例子）")
        for last, label, colour in ((end, "近 6 个月", "#DD8452"),
                                    (end - 12, "去年同期", "#8C8C8C")):
            ax.axvspan((last - 5).start_time, last.end_time, color=colour, alpha=0.12,
                       label=label)
        ax.legend(loc="upper left", fontsize=8)
        return ax

    return classroom_demo(controls, readout, draw, title="课堂演示：生命周期各阶段的客户长什么样")


def clv_demo(margin=5.0, retention=0.9, discount=0.1):
    """Sliders of yearly profit (万元), retention and discount rate, a horizon; CLV readout.

    ``CLV = m * r / (1 + i - r)`` for an unlimited horizon and the sum of
    ``m * r**t / (1 + i)**t`` for t = 1..N otherwise (:func:`coursekit.clv`).
    The chart shows each year's present value and the running total.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    import numpy as np

    from ..value import clv

    style = {"description_width": "initial"}
    layout = w.Layout(width="460px")
    controls = {
        "margin": w.FloatSlider(value=margin, min=-5, max=30, step=0.5,
                                description="每年利润（万元）", style=style, layout=layout),
        "retention": w.FloatSlider(value=retention, min=0, max=0.99, step=0.01,
                                   description="留存率 r", style=style, layout=layout),
        "discount": w.FloatSlider(value=discount, min=0, max=0.2, step=0.01,
                                  description="折现率 i", style=style, layout=layout),
        "horizon": w.Dropdown(options=list(CLV_HORIZONS.items()), value=0, description="计算年限",
                              style=style),
    }

    def readout(margin, retention, discount, horizon):
        forever = clv(margin, retention, discount)
        life = 1 / (1 - retention)
        text = (f"无限期：CLV = {margin:g} × {retention:.2f} ÷ (1 + {discount:.2f} − {retention:.2f})"
                f" = {forever:,.2f} 万元")
        if horizon:
            text += f"\n只算前 {horizon} 年：CLV = {clv(margin, retention, discount, years=horizon):,.2f} 万元"
        return text + f"\n按这个留存率，客户平均合作约 {life:.1f} 年"

    def draw(margin, retention, discount, horizon):
        table = clv(margin, retention, discount, years=20, detail=True)
        _, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
        inside = (table["year"] <= horizon) if horizon else np.ones(len(table), dtype=bool)
        ax.bar(table["year"], table["present_value"],
               color=np.where(inside, "#4C72B0", "#C8C8C8"), label="当年利润的现值")
        ax.plot(table["year"], table["cumulative"], color="#DD8452", marker="o", markersize=3,
                label="累计现值")
        ax.axhline(clv(margin, retention, discount), color="#C44E52", linestyle="--",
                   linewidth=1, label="无限期 CLV")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(range(1, 21, 2))
        ax.set_xlabel("第几年")
        ax.set_ylabel("万元")
        ax.set_title("一位客户各年利润的现值与累计（客户终身价值）")
        ax.legend(loc="best", fontsize=8)
        return ax

    return classroom_demo(controls, readout, draw, title="互动演示：客户终身价值（CLV）计算器")
