"""Classroom demo of the start notebook: pick an industry and a year, see monthly waybills."""
from __future__ import annotations

from ._base import classroom_demo

YEARS = (2023, 2024, 2025)


def _monthly_by_industry():
    """Waybills per (year, industry, month) and revenue per (year, industry), computed once."""
    from ..data import load_dataset

    shipments = load_dataset("shipments")[["customer_id", "order_date", "revenue"]]
    customers = load_dataset("customers")[["customer_id", "industry"]]
    merged = shipments.merge(customers, on="customer_id", how="left")
    merged["year"] = merged["order_date"].dt.year
    merged["month"] = merged["order_date"].dt.month
    keys = ["year", "industry", "month"]
    waybills = merged.groupby(keys, observed=True).size()
    revenue = merged.groupby(["year", "industry"], observed=True)["revenue"].sum()
    return waybills, revenue


def industry_demo():
    """Dropdown of industries and a year slider; readout of waybills and revenue; monthly bars."""
    import ipywidgets as w
    import matplotlib.pyplot as plt

    waybills, revenue = _monthly_by_industry()
    industries = sorted({str(i) for i in waybills.index.get_level_values("industry")})
    first = "电商" if "电商" in industries else industries[0]
    dropdown = w.Dropdown(options=industries, value=first, description="行业")
    slider = w.IntSlider(value=YEARS[-1], min=YEARS[0], max=YEARS[-1], step=1, description="年份")

    def months(industry, year):
        if (year, industry) not in revenue.index:  # no waybills that year
            return waybills.iloc[:0].reindex(range(1, 13), fill_value=0)
        return waybills.loc[(year, industry)].reindex(range(1, 13), fill_value=0)

    def readout(industry, year):
        total = int(months(industry, year).sum())
        money = revenue.get((year, industry), 0.0) / 10_000
        return f"{year} 年「{industry}」行业客户：运单 {total:,} 票，运费收入 {money:,.1f} 万元"

    def draw(industry, year):
        _, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
        row = months(industry, year)
        ax.bar(row.index, row.values, color="#4C72B0")
        ax.set_xticks(range(1, 13), [f"{m}月" for m in range(1, 13)])
        ax.set_title(f"{year} 年「{industry}」行业每月运单数")
        ax.set_ylabel("运单数（票）")

    return classroom_demo({"industry": dropdown, "year": slider}, readout, draw,
                          title="课堂演示：各行业的月度运单")
