"""Classroom demo of u05_negotiation.ipynb: give the discount, or risk losing the customer?

A customer who asks for a discount and threatens to leave gives the carrier
three possible months (margin = waybills x (price - cost per waybill)):

* keep the price and the customer stays: V x (p - c)
* give the discount d and the customer stays: V x (p(1 - d) - c)
* keep the price and the customer leaves: 0

If the customer leaves with probability q when refused, refusing is worth
(1 - q) x V x (p - c) on average, so the discount pays only when

    q > q* = 1 - (p(1 - d) - c) / (p - c)

The break-even volume of :func:`coursekit.negotiation.breakeven_volume` answers
a different question: how many more waybills a customer must bring for the
discount to cost nothing. The demo shows both.
"""
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


def stay_threshold(price: float, unit_cost: float, discount: float) -> float:
    """Chance of losing the customer above which the discount beats refusing it.

    q* = 1 - (price x (1 - discount) - unit_cost) / (price - unit_cost); 1 when
    the discounted price does not cover the cost (then refusing always wins).

    >>> round(stay_threshold(20, 14, 0.10), 3)      # margin 6 -> 4: refuse unless q > 1/3
    0.333
    """
    kept = max(price * (1 - discount) - unit_cost, 0.0)
    return 1 - kept / (price - unit_cost)


def breakeven_demo(customer_id: str | None = None, year: int = 2025, *,
                   price: float | None = None, unit_cost: float | None = None,
                   monthly_volume: float | None = None, discount: float = 0.20,
                   leave_chance: float = 0.5):
    """Sliders for the discount and for the chance the customer really leaves if refused.

    ``customer_id=None`` takes the opening case: the clothing customer with the
    most waybills in ``year``. Price and cost per waybill and the monthly
    waybills default to the customer's averages in ``year``; pass ``price``,
    ``unit_cost`` and ``monthly_volume`` to demonstrate with your own numbers.
    The readout gives the monthly margin of each outcome (keep the price,
    give the discount, lose the customer), the expected margin of refusing,
    the leaving chance at which the two options are equal, and the
    break-even volume. The chart draws both options against the chance.
    """
    import ipywidgets as w

    from ..negotiation import breakeven_volume

    if price is None or unit_cost is None or monthly_volume is None:
        volume0, price0, cost0 = _unit_economics(customer_id, year)
        price = price0 if price is None else price
        unit_cost = cost0 if unit_cost is None else unit_cost
        monthly_volume = volume0 if monthly_volume is None else monthly_volume
    volume = float(monthly_volume)
    style = {"description_width": "initial"}
    layout = w.Layout(width="480px")
    controls = {
        "discount": w.FloatSlider(value=discount, min=0.0, max=0.30, step=0.01,
                                  readout_format=".0%", description="降价幅度（折扣）",
                                  style=style, layout=layout),
        "leave_chance": w.FloatSlider(value=leave_chance, min=0.0, max=1.0, step=0.05,
                                      readout_format=".0%",
                                      description="不降价时客户真走的可能性（估计）",
                                      style=style, layout=layout),
    }
    margin_now = volume * (price - unit_cost)

    def readout(discount, leave_chance):
        net = price * (1 - discount)
        refuse = (1 - leave_chance) * margin_now
        lines = [f"现价 {price:.2f} 元/票，成本 {unit_cost:.2f} 元/票；每月约 {volume:,.0f} 票，"
                 f"现在毛利 {margin_now:,.0f} 元/月；客户走了，毛利是 0。"]
        if net <= unit_cost:
            lines.append(f"降价 {discount:.0%}：折后 {net:.2f} 元/票，不高于成本，每多发一票都亏钱，"
                         "业务量再大也补不回来：这个折扣不能给。")
            return "\n".join(lines)
        given = volume * (net - unit_cost)
        target = breakeven_volume(volume, price, unit_cost, discount)
        lines.append(f"降价 {discount:.0%}、客户留下：毛利 {given:,.0f} 元/月；想保住现在的毛利，"
                     f"每月得发 {target:,.0f} 票（多 {target / volume - 1:.0%}）。")
        lines.append(f"不降价：客户有 {leave_chance:.0%} 的可能真走，平均下来毛利 {refuse:,.0f} 元/月。")
        threshold = stay_threshold(price, unit_cost, discount)
        better = "降价" if given > refuse else "不降价" if refuse > given else "两者一样"
        lines.append(f"只有客户真走的可能超过 {threshold:.0%}，降价才比不降价划算；按现在的估计，"
                     f"{better}更好。")
        return "\n".join(lines)

    def draw(discount, leave_chance):
        import matplotlib.pyplot as plt
        import numpy as np

        chance = np.linspace(0, 1, 21)
        given = volume * max(price * (1 - discount) - unit_cost, 0.0)
        _, ax = plt.subplots(figsize=(7.5, 3.8), layout="constrained")
        ax.plot(chance * 100, (1 - chance) * margin_now, color="#4C72B0",
                label="不降价（平均毛利）")
        ax.axhline(given, color="#DD8452", label=f"降价 {discount:.0%}，客户留下")
        ax.axvline(leave_chance * 100, color="grey", linestyle=":", linewidth=1,
                   label="你估计的可能性")
        threshold = stay_threshold(price, unit_cost, discount)
        if threshold < 1:
            ax.plot([threshold * 100], [given], "o", color="#DD8452")
            ax.annotate(f"{threshold:.0%} 时两者相等", (threshold * 100, given),
                        textcoords="offset points", xytext=(6, 6), fontsize=9)
        ax.set_xlim(0, 100)
        ax.set_ylim(0, margin_now * 1.1)
        ax.yaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
        ax.set_xlabel("不降价时客户真走的可能性（%）")
        ax.set_ylabel("每月毛利（元）")
        ax.set_title("降价，还是冒客户走掉的险？")
        ax.legend(loc="upper right", fontsize=9)

    return classroom_demo(controls, readout, draw, title="课堂演示：降价，还是冒客户走掉的险？")
