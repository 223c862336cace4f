"""Classroom demos of u01_customer_basics.ipynb (单元1 物流客户认知).

* :func:`abc_demo` - move the A and B cut-offs and see how many customers
  become A/B/C and how much revenue they bring, next to the textbook's rule
  of thumb (5% / 15% / 80% of customers bring 80% / 15% / 5% of the value).
* :func:`delivered_value_demo` - a calculator of customer delivered value:
  sliders for the four value items and the five cost items of our offer,
  compared with a fixed competitor's offer.
* :func:`churn_demo` - with a yearly churn rate and a number of new customers
  won every year, how many customers are left over ten years.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import fail
from ._base import classroom_demo

# ---------------------------------------------------------------- ABC demo

ABC_YEARS = (2023, 2024, 2025)
_ABC_COLOURS = {"A类": "#C44E52", "B类": "#DD8452", "C类": "#8C8C8C"}


def _yearly_revenue(shipments=None) -> dict:
    """Revenue per customer for each year, computed once when the demo is built."""
    if shipments is None:
        from ..data import load_dataset

        shipments = load_dataset("shipments")
    year = shipments["order_date"].dt.year.rename("year")
    sums = shipments.groupby([year, "customer_id"])["revenue"].sum()  # one pass over the ledger
    present = set(sums.index.get_level_values("year"))
    return {y: sums.loc[y].reset_index() for y in ABC_YEARS if y in present}


def _abc_text(summary: pd.DataFrame, year: int) -> str:
    lines = [f"{year} 年有收入的客户 {int(summary['customers'].sum())} 家："]
    for row in summary.itertuples():
        lines.append(f"{row.abc_class} {row.customers} 家（占客户 {row.customer_share:.1%}），"
                     f"贡献收入 {row.value_share:.1%}")
    lines.append("教材经验值：A类约 5% 的客户贡献约 80%，B类约 15% 贡献约 15%，C类约 80% 贡献约 5%。")
    return "\n".join(lines)


def abc_demo(shipments=None, year=None, years=None):
    """Sliders for the A and B cut-offs (cumulative revenue share) and a year dropdown.

    Readout: customers and revenue share of A/B/C next to the textbook's
    5% / 15% / 80% rule. Chart: the cumulative revenue curve (customers ranked
    by revenue) with the three classes shaded and the textbook's points.
    ``years`` limits the dropdown (default: every year with revenue) and
    ``year`` is the year shown first (default: the latest offered). A notebook
    whose exercise asks for one year's classes leaves that year out, so no
    setting of the demo shows the answer.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    from ..classify import abc_classify, pareto_summary

    totals = _yearly_revenue(shipments)
    present = sorted(totals)
    if years is None:
        years = present
    else:
        if isinstance(years, (str, bytes)) or not hasattr(years, "__iter__"):
            fail(f"参数 years 应该是一组年份，例如 (2023, 2025)，现在是 {years!r}。",
                 f"Argument years must be a collection of years such as (2023, 2025), got {years!r}.",
                 TypeError)
        years = sorted(set(years))
        unknown = [y for y in years if y not in totals]
        if unknown or not years:
            fail(f"参数 years 只能取数据里有收入的年份 {present}，现在是 {years!r}。",
                 f"Argument years may only hold years with revenue {present}, got {years!r}.")
    if year is None:
        year = years[-1]
    if year not in years:
        fail(f"参数 year 只能是演示里的年份 {years}，现在是 {year!r}。",
             f"Argument year must be one of the demo's years {years}, got {year!r}.")
    style = {"description_width": "initial"}
    layout = w.Layout(width="460px")
    controls = {
        "year": w.Dropdown(options=years, value=year, description="年份", style=style),
        "a_cut": w.FloatSlider(value=0.80, min=0.50, max=0.95, step=0.01, readout_format=".0%",
                               description="A类线：累计收入占比达到", style=style, layout=layout),
        "b_cut": w.FloatSlider(value=0.95, min=0.60, max=0.99, step=0.01, readout_format=".0%",
                               description="B类线：累计收入占比达到", style=style, layout=layout),
    }

    def classify(year, a_cut, b_cut):
        if b_cut <= a_cut:
            return None
        return abc_classify(totals[year], cuts=(a_cut, b_cut))

    def readout(year, a_cut, b_cut):
        abc = classify(year, a_cut, b_cut)
        if abc is None:
            return (f"B类线（{b_cut:.0%}）必须高于 A类线（{a_cut:.0%}）：请把 B类线往右拖，"
                    "或把 A类线往左拖。")
        return _abc_text(pareto_summary(abc), year)

    def draw(year, a_cut, b_cut):
        _, ax = plt.subplots(figsize=(7, 4), layout="constrained")
        abc = classify(year, a_cut, b_cut)
        data = abc if abc is not None else abc_classify(totals[year])
        x = np.concatenate(([0.0], data["rank"].to_numpy() / len(data)))
        y = np.concatenate(([0.0], data["cum_share"].to_numpy()))
        if abc is not None:
            start = 0.0
            for label, count in pareto_summary(abc)[["abc_class", "customers"]].itertuples(
                    index=False):
                end = start + count / len(abc)
                ax.axvspan(start, end, color=_ABC_COLOURS[label], alpha=0.15,
                           label=f"{label}（{count} 家）")
                start = end
        ax.plot(x, y, color="#4C72B0", linewidth=2, label=f"{year} 年累计收入占比")
        ax.scatter([0.05, 0.20], [0.80, 0.95], color="black", marker="x", zorder=3,
                   label="教材经验值（5%→80%，20%→95%）")
        ax.axhline(a_cut, color="#C44E52", linestyle="--", linewidth=1)
        ax.axhline(b_cut, color="#DD8452", linestyle="--", linewidth=1)
        ax.set(xlim=(0, 1), ylim=(0, 1.02), title=f"{year} 年客户 ABC 分类（按累计收入占比划线）",
               xlabel="客户累计占比（按收入从高到低排列）", ylabel="收入累计占比")
        ax.xaxis.set_major_formatter(PercentFormatter(1))
        ax.yaxis.set_major_formatter(PercentFormatter(1))
        ax.legend(loc="lower right", fontsize=8)

    return classroom_demo(controls, readout, draw, title="课堂演示：移动 ABC 分界线")


# ---------------------------------------------------------------- delivered value demo

OUR_VALUES = {"product": 80, "service": 70, "personnel": 60, "image": 50}
OUR_COSTS = {"money": 70, "time": 20, "search": 10, "convenience": 10, "psychological": 10}
"""Our offer in the notebook's worked example (points 0-100, an illustrative scale)."""

RIVAL_VALUES = {"product": 60, "service": 40, "personnel": 30, "image": 40}
RIVAL_COSTS = {"money": 50, "time": 30, "search": 10, "convenience": 20, "psychological": 30}
"""The competitor's offer in the worked example: cheaper, but slower and less reliable."""

_SHORT = {"product": "产品价值", "service": "服务价值", "personnel": "人员价值", "image": "形象价值",
          "money": "货币成本", "time": "时间成本", "search": "精力成本", "convenience": "体力成本",
          "psychological": "心理成本"}
"""Slider labels; the search and convenience costs carry the textbook's other names."""

_VALUE_COLOURS = ["#2E7D32", "#43A047", "#66BB6A", "#A5D6A7"]
_COST_COLOURS = ["#B71C1C", "#E53935", "#EF5350", "#E57373", "#FFCDD2"]


def delivered_value_demo(rival_values=None, rival_costs=None):
    """Nine sliders (our four value items, our five cost items) against a fixed competitor.

    Readout: total value, total cost, delivered value and value/cost ratio of
    our offer, the competitor's delivered value and which one a customer is
    more likely to choose. Chart: stacked bars of value and cost for both.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    from ..value import delivered_value

    rival = delivered_value(rival_values or RIVAL_VALUES, rival_costs or RIVAL_COSTS)
    style = {"description_width": "80px"}
    layout = w.Layout(width="420px")
    controls = {key: w.IntSlider(value=default, min=0, max=100, step=5, description=_SHORT[key],
                                 style=style, layout=layout)
                for key, default in {**OUR_VALUES, **OUR_COSTS}.items()}

    def ours(**values):
        return delivered_value({k: values[k] for k in OUR_VALUES},
                               {k: values[k] for k in OUR_COSTS})

    def readout(**values):
        mine = ours(**values)
        ratio = "无穷大" if np.isinf(mine.ratio) else f"{mine.ratio:.2f}"
        if mine.delivered_value > rival.delivered_value:
            verdict = "客户更可能选择我们。"
        elif mine.delivered_value < rival.delivered_value:
            verdict = "客户更可能选择竞争对手！"
        else:
            verdict = "两家不相上下，客户要看别的因素。"
        return (f"我们：总价值 {mine.total_value:g} 分，总成本 {mine.total_cost:g} 分，"
                f"让渡价值 {mine.delivered_value:g} 分（价值成本比 {ratio}）\n"
                f"竞争对手：让渡价值 {rival.delivered_value:g} 分 → {verdict}")

    def draw(**values):
        mine = ours(**values)
        _, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
        rows = [("我们：总价值", mine, "value"), ("我们：总成本", mine, "cost"),
                ("对手：总价值", rival, "value"), ("对手：总成本", rival, "cost")]
        for position, (_, result, part) in enumerate(rows):
            items = result.breakdown[result.breakdown["part"] == part]
            colours = _VALUE_COLOURS if part == "value" else _COST_COLOURS
            left = 0.0
            for colour, item in zip(colours, items.itertuples()):
                label = _SHORT[item.item] if position < 2 else None
                ax.barh(position, item.amount, left=left, color=colour, label=label)
                left += item.amount
        ax.set_yticks(range(4), [name for name, _, _ in rows])
        ax.invert_yaxis()
        ax.set_xlabel("分数（各项打分之和）")
        ax.set_title(f"让渡价值：我们 {mine.delivered_value:g} 分，"
                     f"对手 {rival.delivered_value:g} 分")
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)

    return classroom_demo(controls, readout, draw, title="课堂演示：客户让渡价值计算器")


# ---------------------------------------------------------------- churn demo

CHURN_YEARS = 10


def customers_over_time(start, churn_rate, new_per_year, years=CHURN_YEARS) -> pd.DataFrame:
    """Old and newly won customers at the end of each year, with a fixed churn.

    ``old(t) = start * (1 - c) ** t`` (the original customers still kept) and
    ``new(t) = n * sum_{j=0..t-1} (1 - c) ** j`` (customers won in years 1..t,
    each cohort losing the share ``c`` a year from the year after it was won).
    The total settles at ``n / c``, so keeping ``start`` customers needs about
    ``start * c`` new customers a year.

    Examples
    --------
    >>> table = customers_over_time(100, 1 / 3, 0, years=5)
    >>> table["old"].round(1).tolist()
    [100.0, 66.7, 44.4, 29.6, 19.8, 13.2]
    >>> customers_over_time(100, 0.5, 50, years=3)["total"].tolist()
    [100.0, 100.0, 100.0, 100.0]
    """
    from ..value import retention_projection

    old = retention_projection(start, churn_rate=churn_rate, years=years)
    kept = (1 - float(churn_rate)) ** np.arange(years + 1)
    new = float(new_per_year) * np.concatenate(([0.0], np.cumsum(kept[:-1])))
    return pd.DataFrame({"year": old["year"], "old": old["customers_left"], "new": new,
                         "total": old["customers_left"] + new})


def churn_demo(start: int = 100):
    """Sliders for the yearly churn rate and the new customers won a year; ten-year bars.

    Readout: the original customers left after 5 and 10 years, the total after
    10 years and the number of new customers a year that keeps the total level.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt

    style = {"description_width": "initial"}
    layout = w.Layout(width="460px")
    controls = {
        "churn": w.FloatSlider(value=1 / 3, min=0.05, max=0.50, step=0.01, readout_format=".0%",
                               description="每年流失的客户比例", style=style, layout=layout),
        "new": w.IntSlider(value=0, min=0, max=60, step=1, description="每年新开发的客户（家）",
                           style=style, layout=layout),
    }

    def readout(churn, new):
        table = customers_over_time(start, churn, new)
        old5, old10 = table["old"].iloc[5], table["old"].iloc[CHURN_YEARS]
        total10 = table["total"].iloc[CHURN_YEARS]
        return (f"每年流失 {churn:.0%}：原来的 {start} 家老客户，5 年后剩 {old5:.1f} 家，"
                f"10 年后剩 {old10:.1f} 家。\n"
                f"每年新开发 {new} 家：第 10 年末共有 {total10:.1f} 家客户。\n"
                f"要让客户数长期保持在 {start} 家左右，每年大约要新开发 {start * churn:.0f} 家。")

    def draw(churn, new):
        table = customers_over_time(start, churn, new)
        _, ax = plt.subplots(figsize=(7, 3.6), layout="constrained")
        ax.bar(table["year"], table["old"], color="#4C72B0", label="第 0 年就有的老客户")
        ax.bar(table["year"], table["new"], bottom=table["old"], color="#55A868",
               label="以后新开发、仍在合作的客户")
        ax.axhline(start, color="grey", linestyle="--", linewidth=1)
        ax.set_xticks(table["year"], [f"第{y}年" for y in table["year"]], fontsize=8)
        ax.set(ylim=(0, max(start, float(table["total"].max())) * 1.1), ylabel="客户数（家）",
               title=f"每年流失 {churn:.0%}、每年新开发 {new} 家时的客户数")
        ax.legend(loc="upper right", fontsize=8)

    return classroom_demo(controls, readout, draw, title="互动演示：流失与新开发")
