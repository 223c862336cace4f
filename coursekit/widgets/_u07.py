"""Classroom demos of u07_service.ipynb: service KPIs by product and month; word of mouth."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import fail
from ._base import classroom_demo, given_or_loaded

ALL = "全部"
_FLAGS = ["on_time_rate", "complete_rate", "damage_free_rate", "documents_correct_rate"]


def _monthly_counts(shipments, customers):
    """Waybills and good waybills per (service, industry, month), from ck.service_kpis once.

    Rates times waybills give counts, and counts add up over any choice of
    months, products and industries, so moving a control only sums a few rows.
    """
    from ..service import service_kpis

    merged = shipments.merge(customers[["customer_id", "industry"]], on="customer_id",
                             how="left")
    kpis = service_kpis(merged, by=["service", "industry", "month"])
    counts = pd.DataFrame({"waybills": kpis["waybills"]})
    for rate in _FLAGS:
        counts[rate] = kpis[rate] * kpis["waybills"]
    return counts.reset_index()


def _offered_industries(industries, present):
    """The industries of the dropdown: all that have waybills, or the ones asked for."""
    if industries is None:
        return sorted(present)
    if isinstance(industries, (str, bytes)) or not hasattr(industries, "__iter__"):
        fail(f"参数 industries 应该是一组行业名称，例如 [\"电商\", \"食品\"]，现在是 {industries!r}。",
             f"Argument industries must be a collection of industry names such as "
             f"[\"电商\", \"食品\"], got {industries!r}.", TypeError)
    chosen = [str(name) for name in industries]
    unknown = [name for name in chosen if name not in present]
    if unknown or not chosen:
        fail(f"参数 industries 只能取数据里有运单的行业（{'、'.join(sorted(present))}），"
             f"现在是 {chosen!r}。",
             f"Argument industries may only hold industries with waybills "
             f"({', '.join(sorted(present))}), got {chosen!r}.")
    return list(dict.fromkeys(chosen))


def service_demo(shipments=None, customers=None, industries=None):
    """Dropdowns of product and industry, a month range; on-time and perfect-order rates.

    The readout pools the chosen months: each rate = good waybills / waybills,
    and the perfect order rate is the product of the four rates, as in
    :func:`coursekit.service_kpis`. The chart shows both rates month by month
    for the chosen product and industry and shades the chosen months.

    Parameters
    ----------
    shipments, customers : DataFrame, optional
        The course datasets (default: loaded from the course data).
    industries : list of str, optional
        The industries the dropdown offers besides 全部 (default: every
        industry with waybills). A notebook whose exercise asks for one
        industry's rates leaves that industry out, so no setting of the demo
        shows the answer; 全部 still pools every industry.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    shipments = given_or_loaded(shipments, "shipments")
    customers = given_or_loaded(customers, "customers")
    counts = _monthly_counts(shipments, customers)
    months = sorted(counts["month"].astype(str).unique())
    services = [ALL] + [s for s in ["快递", "零担", "整车", "仓配"]
                        if s in set(counts["service"].astype(str))]
    industries = [ALL] + _offered_industries(industries, set(counts["industry"].astype(str)))
    counts["month"] = counts["month"].astype(str)
    counts["service"] = counts["service"].astype(str)
    counts["industry"] = counts["industry"].astype(str)
    last_year = [m for m in months if m.startswith(months[-1][:4])]
    style = {"description_width": "initial"}
    controls = {
        "service": w.Dropdown(options=services, value=ALL, description="服务产品", style=style),
        "industry": w.Dropdown(options=industries, value=ALL, description="客户行业",
                               style=style),
        "period": w.SelectionRangeSlider(options=months, index=(months.index(last_year[0]),
                                                                len(months) - 1),
                                         description="月份范围", style=style,
                                         layout=w.Layout(width="520px"),
                                         continuous_update=False),
    }

    def chosen(service, industry):
        rows = counts
        if service != ALL:
            rows = rows[rows["service"] == service]
        if industry != ALL:
            rows = rows[rows["industry"] == industry]
        return rows.groupby("month")[["waybills", *_FLAGS]].sum().reindex(months, fill_value=0)

    def rates(table):
        n = table["waybills"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = {rate: table[rate].to_numpy(dtype=float) / n for rate in _FLAGS}
        perfect = np.prod([shares[rate] for rate in _FLAGS], axis=0)
        return shares["on_time_rate"], perfect

    def readout(service, industry, period):
        table = chosen(service, industry).loc[period[0]:period[1]].sum().to_frame().T
        n = int(table["waybills"].iloc[0])
        where = f"{period[0]} 至 {period[1]}，{service}产品 · {industry}行业"
        if n == 0:
            return f"{where}：这段时间没有运单。"
        on_time, perfect = (float(x[0]) for x in rates(table))
        return (f"{where}：运单 {n:,} 票\n准时率 {on_time:.1%}，"
                f"完美订单率 {perfect:.1%}（准时率 × 完整率 × 完好率 × 单证准确率）")

    def draw(service, industry, period):
        table = chosen(service, industry)
        on_time, perfect = rates(table)
        x = pd.PeriodIndex(months, freq="M").to_timestamp()
        _, ax = plt.subplots(figsize=(8, 3.6), layout="constrained")
        ax.plot(x, on_time * 100, marker="o", markersize=3, label="准时率")
        ax.plot(x, perfect * 100, marker="o", markersize=3, label="完美订单率")
        ax.axvspan(pd.Timestamp(period[0]), pd.Period(period[1], "M").end_time,
                   color="#DD8452", alpha=0.15, label="选中的月份")
        ax.set_title(f"每月服务指标：{service}产品 · {industry}行业（虚构公司数据）")
        ax.set_ylabel("比率（%）")
        ax.legend(loc="lower left", fontsize=8)
        return ax

    return classroom_demo(controls, readout, draw, title="课堂演示：服务指标随产品、行业和月份的变化")


def word_of_mouth_demo(customers=100):
    """Sliders: satisfied customers out of ``customers`` and people each one tells.

    People reached = customers x people each tells (:func:`coursekit.word_of_mouth`);
    an unhappy customer tells 10 people (course material, seed 002).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ..value import TELL_DISSATISFIED, TELL_SATISFIED, TELL_SATISFIED_RANGE, word_of_mouth

    style = {"description_width": "initial"}
    layout = w.Layout(width="480px")
    low, high = TELL_SATISFIED_RANGE
    controls = {
        "satisfied": w.IntSlider(value=90, min=0, max=customers, step=1,
                                 description=f"满意的客户（共 {customers} 个）", style=style,
                                 layout=layout),
        "tells": w.FloatSlider(value=TELL_SATISFIED, min=low, max=high, step=0.5,
                               description="每个满意客户告诉几个人", style=style, layout=layout),
    }

    def table(satisfied, tells):
        return word_of_mouth(satisfied, customers - satisfied, tell_satisfied=tells,
                             tell_dissatisfied=TELL_DISSATISFIED)

    def readout(satisfied, tells):
        good, bad = table(satisfied, tells)["people_reached"].tolist()
        verdict = "好话传得更广" if good > bad else ("两边一样多" if good == bad else "坏话传得更广")
        return (f"满意 {satisfied} 个 × {tells:g} 人 = {good:,.0f} 人听到好话；"
                f"不满意 {customers - satisfied} 个 × {TELL_DISSATISFIED} 人 = {bad:,.0f} 人听到坏话"
                f"\n{verdict}")

    def draw(satisfied, tells):
        result = table(satisfied, tells)
        _, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
        bars = ax.barh(["听到好话的人", "听到坏话的人"], result["people_reached"],
                       color=["#55A868", "#C44E52"])
        ax.bar_label(bars, fmt="{:,.0f} 人", padding=3)
        ax.set_xlim(0, max(customers * max(high, TELL_DISSATISFIED), 1) * 1.15)
        ax.invert_yaxis()
        ax.set_title(f"{customers} 个客户的口碑能传到多少人")
        ax.set_xlabel("人数")
        return ax

    return classroom_demo(controls, readout, draw, title="互动演示：好口碑与坏口碑")
