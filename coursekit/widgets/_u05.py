"""Classroom demo of u05_negotiation.ipynb: how much extra volume a discount must bring."""
from __future__ import annotations

from ._base import classroom_demo

CASE_INDUSTRY = "服装"
"""The opening case is the industry's customer with the most waybills in the year
(广西卓德服饰集团有限公司 in the fictional data); chosen by rule, not by id, so the
demo survives a regeneration of the datasets."""


def case_customer(shipments, customers, year: int = 2025, industry: str = CASE_INDUSTRY) -> str:
    """Id of the customer of ``industry`` with the most waybills in ``year``."""
    in_year = shipments[shipments["order_date"].dt.year == year]
    ids = customers.loc[customers["industry"] == industry, "customer_id"]
    return in_year.loc[in_year["customer_id"].isin(ids), "customer_id"].value_counts().idxmax()


def _unit_economics(customer_id, year: int):
    """Monthly waybills, price and cost per waybill of one customer in one year."""
    from .._validate import fail
    from ..data import load_dataset

    shipments = load_dataset("shipments")
    if customer_id is None:
        customer_id = case_customer(shipments, load_dataset("customers"), year)
    mine = shipments[(shipments["customer_id"] == customer_id)
                     & (shipments["order_date"].dt.year == year)]
    if mine.empty:
        fail(f"客户 {customer_id} 在 {year} 年没有运单，无法演示。",
             f"Customer {customer_id} has no waybills in {year}; nothing to show.")
    waybills = len(mine)
    return waybills / 12, mine["revenue"].sum() / waybills, mine["cost"].sum() / waybills


def breakeven_demo(customer_id: str | None = None, year: int = 2025, *,
                   price: float | None = None, unit_cost: float | None = None,
                   monthly_volume: float | None = None):
    """Sliders for the discount and the monthly volume; break-even volume and profit lines.

    ``customer_id=None`` takes the opening case: the clothing customer with the
    most waybills in ``year``. Price and cost per waybill default to the
    customer's averages in ``year`` (revenue / waybills, cost / waybills); pass ``price``, ``unit_cost`` and
    ``monthly_volume`` to demonstrate with your own numbers instead.
    """
    import ipywidgets as w

    from ..negotiation import breakeven_volume

    if price is None or unit_cost is None or monthly_volume is None:
        volume0, price0, cost0 = _unit_economics(customer_id, year)
        price = price0 if price is None else price
        unit_cost = cost0 if unit_cost is None else unit_cost
        monthly_volume = volume0 if monthly_volume is None else monthly_volume
    start = int(round(monthly_volume))
    style = {"description_width": "initial"}
    layout = w.Layout(width="480px")
    controls = {
        "discount": w.FloatSlider(value=0.10, min=0.0, max=0.30, step=0.01, readout_format=".0%",
                                  description="降价幅度（折扣）", style=style, layout=layout),
        "volume": w.IntSlider(value=start, min=50, max=max(3000, 2 * start), step=10,
                              description="客户现在每月运单（票）", style=style, layout=layout),
    }
    margin = price - unit_cost

    def readout(discount, volume):
        net = price * (1 - discount)
        head = (f"现价 {price:.2f} 元/票，成本 {unit_cost:.2f} 元/票，单票毛利 {margin:.2f} 元；"
                f"现在每月 {volume:,} 票，毛利 {volume * margin:,.0f} 元/月。\n")
        if net <= unit_cost:
            return head + (f"降价 {discount:.0%}：折后 {net:.2f} 元/票，不高于成本——每多发一票都亏钱，"
                           "业务量再大也补不回来。")
        target = breakeven_volume(volume, price, unit_cost, discount)
        extra = target - volume
        return head + (f"降价 {discount:.0%}：单票毛利降到 {net - unit_cost:.2f} 元，"
                       f"保本业务量 {target:,.0f} 票/月，要多发 {extra:,.0f} 票（多 {extra / volume:.0%}）"
                       "才和现在赚得一样多。")

    def draw(discount, volume):
        import matplotlib.pyplot as plt
        import numpy as np

        net_margin = price * (1 - discount) - unit_cost
        target = breakeven_volume(volume, price, unit_cost, discount) if net_margin > 0 else None
        right = max(volume * 2.5, (target or 0) * 1.2)
        x = np.linspace(0, right, 50)
        _, ax = plt.subplots(figsize=(7.5, 3.8), layout="constrained")
        ax.plot(x, x * margin, color="#4C72B0", label="不打折")
        ax.plot(x, x * net_margin, color="#DD8452", label=f"降价 {discount:.0%} 以后")
        ax.axhline(volume * margin, color="grey", linestyle="--", linewidth=1,
                   label="现在的月毛利")
        ax.axvline(volume, color="#4C72B0", linestyle=":", linewidth=1)
        ax.annotate("现在", (volume, 0), textcoords="offset points", xytext=(3, 5), fontsize=9)
        if target is not None:
            ax.axvline(target, color="#DD8452", linestyle=":", linewidth=1)
            ax.annotate(f"保本 {target:,.0f} 票", (target, 0), textcoords="offset points",
                        xytext=(3, 20), fontsize=9)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xlim(0, right)
        ax.set_xlabel("每月运单（票）")
        ax.set_ylabel("月毛利（元）")
        ax.set_title("降价以后，要多少业务量才赚得回来")
        ax.legend(loc="upper left", fontsize=9)

    return classroom_demo(controls, readout, draw, title="课堂演示：降价以后的保本业务量")
