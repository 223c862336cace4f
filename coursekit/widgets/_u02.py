"""Classroom demo of u02_prospecting.ipynb: where should a fixed budget for new leads go?"""
from __future__ import annotations

from ._base import classroom_demo

_PLAIN, _CHOSEN = "#B0B7C3", "#C44E52"


def _channel_table(leads):
    """Cost per lead, win rate and cost per won customer of each channel, computed once."""
    from ..prospecting import channel_summary

    if leads is None:
        from ..data import load_dataset

        leads = load_dataset("leads")
    table = channel_summary(leads)[["leads", "won", "win_rate", "cost_per_lead", "cost_per_won"]]
    table.index = table.index.astype(str)
    return table


def expected_from_budget(table, budget: float):
    """Leads and won customers a budget buys in each channel, at past cost and win rate.

    leads = budget / cost per lead; won = leads x win rate (= budget / cost per won).
    """
    leads = budget / table["cost_per_lead"]
    return leads, leads * table["win_rate"]


def channel_budget_demo(leads=None):
    """Budget slider and channel dropdown; readout of expected leads and customers; two bar charts.

    The readout assumes each channel keeps its past cost per lead and win rate
    (from :func:`coursekit.channel_summary` on the ``leads`` data), which only
    holds for moderate budgets: a teacher should say so in class.
    """
    import ipywidgets as w

    table = _channel_table(leads)
    channels = list(table.index)
    style = {"description_width": "initial"}
    controls = {
        "budget": w.IntSlider(value=50_000, min=10_000, max=200_000, step=5_000,
                              description="获客预算（元）", style=style,
                              layout=w.Layout(width="460px")),
        "channel": w.Dropdown(options=channels, value="广告" if "广告" in channels else channels[0],
                              description="全部投给", style=style),
    }

    def readout(budget, channel):
        n_leads, n_won = expected_from_budget(table, budget)
        best = n_won.idxmax()
        row = table.loc[channel]
        text = (f"把 {budget:,} 元全部投给「{channel}」：约 {n_leads[channel]:,.0f} 条线索，"
                f"按过去的成交率 {row['win_rate']:.1%}，约成交 {n_won[channel]:.1f} 个客户"
                f"（每个成交客户约 {row['cost_per_won']:,.0f} 元）。")
        if best != channel:
            text += f"\n同样的钱投给「{best}」成交最多：约 {n_won[best]:.1f} 个客户。"
        else:
            text += "\n这是成交客户最多的渠道。"
        return text

    def draw(budget, channel):
        import matplotlib.pyplot as plt

        n_leads, n_won = expected_from_budget(table, budget)
        colours = [_CHOSEN if c == channel else _PLAIN for c in channels]
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
        for ax, values, title, unit, fmt in [(left, n_leads, "能买到的线索", "条", "%.0f"),
                                             (right, n_won, "预计成交的客户", "个", "%.1f")]:
            bars = ax.barh(channels[::-1], values[channels[::-1]], color=colours[::-1])
            ax.bar_label(bars, fmt=fmt, padding=2, fontsize=8)
            ax.set_title(f"{title}（{unit}）")
            ax.set_xlim(0, values.max() * 1.25)
        fig.suptitle(f"预算 {budget:,} 元投到各个渠道（虚构公司的历史数据）", fontsize=11)

    return classroom_demo(controls, readout, draw, title="课堂演示：固定预算投给哪个获客渠道？")
