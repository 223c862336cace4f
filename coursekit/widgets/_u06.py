"""Classroom demo of u06_closing.ipynb: what a longer payment term (账期) costs the carrier."""
from __future__ import annotations

from ._base import classroom_demo

LPR_1Y = 0.030
"""One-year loan prime rate 3.0%: set 2025-05-20 and still 3.0% on 2025-09-22
(National Interbank Funding Center, as reported by Xinhua). Drawn as a reference line."""


def payment_terms_demo(revenue_wan: int = 120, days: int = 60, annual_rate: float = 0.06):
    """Sliders for yearly freight revenue, payment terms and the financing rate.

    The readout gives the money tied up in receivables (revenue x days / 365),
    its yearly financing cost (x rate) and the same cost as a price discount
    (rate x days / 365). The chart shows the cost for every term from 0 to 120
    days at the chosen rate and at the one-year LPR for comparison.
    """
    import ipywidgets as w

    from ..closing import payment_terms_cost

    style = {"description_width": "initial"}
    layout = w.Layout(width="480px")
    controls = {
        "revenue_wan": w.IntSlider(value=revenue_wan, min=10, max=500, step=10,
                                   description="客户一年的运费（万元）", style=style, layout=layout),
        "days": w.IntSlider(value=days, min=0, max=120, step=15, description="账期（天）",
                            style=style, layout=layout),
        "annual_rate": w.FloatSlider(value=annual_rate, min=0.02, max=0.15, step=0.005,
                                     readout_format=".1%", description="资金年利率（假设）",
                                     style=style, layout=layout),
    }

    def readout(revenue_wan, days, annual_rate):
        revenue = revenue_wan * 10_000
        tied = revenue * days / 365
        cost = payment_terms_cost(revenue, days, annual_rate)
        if days == 0:
            return "现结（账期 0 天）：发货时就收款，没有资金被客户占用，资金成本 0 元。"
        return (f"年运费 {revenue_wan} 万元、账期 {days} 天：平均有 {tied / 10_000:,.1f} 万元压在客户那里"
                f"（应收账款）；\n按年利率 {annual_rate:.1%} 算，一年的资金成本 {cost:,.0f} 元，"
                f"相当于运费降价 {cost / revenue:.2%}。")

    def draw(revenue_wan, days, annual_rate):
        import matplotlib.pyplot as plt
        import numpy as np

        revenue = revenue_wan * 10_000
        grid = np.arange(0, 121, 5)
        _, ax = plt.subplots(figsize=(7.5, 3.8), layout="constrained")
        ax.plot(grid, payment_terms_cost(revenue, 1, annual_rate) * grid, color="#C44E52",
                label=f"年利率 {annual_rate:.1%}（本演示的假设）")
        ax.plot(grid, payment_terms_cost(revenue, 1, LPR_1Y) * grid, color="grey", linestyle="--",
                label="参照：一年期 LPR 3.0%（2025 年）")
        chosen = payment_terms_cost(revenue, days, annual_rate)
        top = max(payment_terms_cost(revenue, 120, 0.15), 1) * 1.1
        ax.plot([days], [chosen], "o", color="#C44E52")
        left = days >= 30  # label beside the point, on the side with room; the line stays clear
        ax.annotate(f"{days} 天：{chosen:,.0f} 元", (days, chosen), textcoords="offset points",
                    xytext=(-10 if left else 10, 0), ha="right" if left else "left",
                    va="bottom" if left else "top", fontsize=9)
        ax.set_xlim(0, 120)
        ax.set_ylim(0, top)
        ax.yaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
        ax.set_xlabel("账期（天）")
        ax.set_ylabel("一年的资金成本（元）")
        ax.set_title(f"年运费 {revenue_wan} 万元的客户：账期越长，占用的资金越贵")
        ax.legend(loc="upper left", fontsize=9)

    return classroom_demo(controls, readout, draw, title="课堂演示：账期要花多少钱")
